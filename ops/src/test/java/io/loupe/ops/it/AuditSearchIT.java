package io.loupe.ops.it;

import static io.loupe.ops.it.LoupeApi.event;
import static io.loupe.ops.it.LoupeApi.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.loupe.ops.it.LoupeApi.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /api/v1/audit/search} and {@code /api/v1/audit/export} against the real server: a
 * realistic audit trail (actors, actions, outcomes, IPv4, IPv6 and non-address source_ip values)
 * and a bulk of {@value #BULK_EVENTS} audit events of about 1 KB each, ingested through
 * {@code POST /api/v1/logs?kind=audit}. Exports run with pages of {@value #PAGE_ROWS} rows, one at a
 * time ({@code search.max_exports=1}), so a held slot shows an export still running.
 */
class AuditSearchIT {
    private static final int BULK_EVENTS = 8000;
    private static final int PAGE_ROWS = 500;
    private static final int STALL_SECONDS = 8;
    private static final List<String> CSV_COLUMNS = List.of("timestamp", "id", "actor", "action", "resource", "outcome", "source_ip",
            "host", "service", "source", "user_id", "session_id", "request_id", "trace_id", "level", "message", "attributes");
    private static final Pattern RFC3339_NANOS = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z");

    /** One event of the trail: who did what to which resource, with what outcome, from where. */
    private record Audit(String actor, String action, String resource, String outcome, String sourceIp, String message) {
    }

    /** The trail, newest first (each 20 s older than the one before; the 5th and 6th share a time). */
    private static final List<Audit> TRAIL = List.of(
            new Audit("alice", "login", "console", "success", "10.1.2.3", "alice signed in with password and otp"),
            new Audit("alice", "role.grant", "role:admin", "success", "10.1.2.3", "granted admin to bob"),
            new Audit("bob", "login", "console", "success", "10.20.0.7", "bob signed in"),
            new Audit("bob", "file.delete", "s3://finance/q3", "denied", "10.20.0.7", "delete refused by policy finance-readonly"),
            new Audit("bob", "login", "vpn", "failure", "203.0.113.50", "wrong password"),
            new Audit("bob", "login", "vpn", "failure", "203.0.113.50", "wrong password"),
            new Audit("bob", "login", "vpn", "success", "203.0.113.50", "bob signed in over vpn"),
            new Audit("carol", "login", "console", "success", "2001:db8::10", "carol signed in"),
            new Audit("carol", "config.update", "checkout", "success", "2001:db8::10", "rolled out config 42"),
            new Audit("carol", "logout", "console", "success", "2001:db8::10", "session ended"),
            new Audit("mallory", "login", "console", "failure", "198.51.100.23", "wrong password"),
            new Audit("mallory", "login", "console", "failure", "198.51.100.23", "wrong password"),
            new Audit("mallory", "login", "console", "failure", "2001:db8:bad::66", "wrong password from a new address"),
            new Audit("mallory", "login", "console", "denied", "2001:DB8:BAD:0:0:0:0:66", "account locked after repeated failures"),
            new Audit("svc-deploy", "token.issue", "ci/pipeline-7", "success", "::ffff:10.99.0.4", "issued deploy token"),
            new Audit("svc-deploy", "config.update", "checkout", "success", "unknown", "config pushed by the deploy bot"),
            new Audit("root", "sudo", "host:db-1", "success", "-", "root ran sudo on the console"),
            new Audit("dave", "login", "console", "failure", "bastion.internal", "wrong password"),
            new Audit("dave", "login", "console", "success", "10.1.2.300", "dave signed in"),
            new Audit("erin", "export.audit", "audit", "success", "2001:db8:0:1::5", "exported the audit trail"));

    @TempDir
    static Path dataDir;
    private static InProcessLoupe loupe;
    private static LoupeApi api;
    /** Time of the newest trail event; the trail is in the ten minutes before it. */
    private static Instant trailEnd;
    /** The bulk is in the hour before this (ten minutes wide), away from the trail. */
    private static Instant bulkEnd;
    /** Bulk event index → the event as sent. */
    private static final Map<Integer, Map<String, Object>> BULK = new HashMap<>();

    @BeforeAll
    static void startServerAndIngest() throws Exception {
        loupe = InProcessLoupe.start(dataDir, Map.of("search.export_page_rows", Integer.toString(PAGE_ROWS),
                "search.max_exports", "1", "search.export_stall_seconds", Integer.toString(STALL_SECONDS)));
        api = loupe.api();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        trailEnd = now.minus(Duration.ofMinutes(5));
        bulkEnd = now.minus(Duration.ofMinutes(40));

        List<String> lines = new ArrayList<>();
        for (int i = 0; i < TRAIL.size(); i++) {
            Audit audit = TRAIL.get(i);
            Instant at = trailEnd.minusSeconds(20L * (i == 5 ? 4 : i));
            lines.add(event("timestamp", at.toString(), "actor", audit.actor(), "action", audit.action(), "resource", audit.resource(),
                    "outcome", audit.outcome(), "source_ip", audit.sourceIp(), "host", "iam-1", "service", "iam", "message",
                    audit.message(), "ticket", "SEC-" + i));
        }
        // not audit events: never found by the audit endpoints, whatever their fields say
        lines.add(event("timestamp", trailEnd.toString(), "kind", "application", "actor", "alice", "action", "login",
                "outcome", "success", "source_ip", "10.1.2.3", "message", "alice signed in (application log)"));
        ingestAudit(lines);

        List<String> bulk = new ArrayList<>();
        String padding = "lorem ipsum dolor sit amet ".repeat(36);
        for (int i = 0; i < BULK_EVENTS; i++) {
            Map<String, Object> event = new LinkedHashMap<>();
            // four events share each millisecond, so pages end inside runs of equal timestamps
            event.put("timestamp", bulkEnd.minusMillis(1 + (i / 4) * 70L).toString());
            event.put("actor", "user-" + i % 13);
            event.put("action", List.of("login", "logout", "read", "update", "delete").get(i % 5));
            event.put("resource", i % 11 == 0 ? "finance, q3 \"draft\"" : "doc-" + i % 101);
            event.put("outcome", i % 10 == 0 ? "failure" : "success");
            event.put("source_ip", i % 3 == 0 ? "10.5." + i % 250 + ".1" : i % 3 == 1 ? "2001:db8:5::" + Integer.toHexString(i) : "unknown");
            event.put("message", i % 97 == 0 ? "=cmd|' /C calc'!A0, he said \"stop\"\nthen left #" + i : "bulk audit " + padding + "#" + i);
            BULK.put(i, event);
            bulk.add(LoupeApi.JSON.writeValueAsString(event));
            if (bulk.size() == 2000) {
                ingestAudit(bulk);
                bulk.clear();
            }
        }
        ingestAudit(bulk);
        awaitAuditTotal(trail(), TRAIL.size());
        awaitAuditTotal(bulkRange(), BULK_EVENTS);
    }

    @AfterAll
    static void stopServer() {
        if (loupe != null) {
            loupe.close();
        }
    }

    private static void ingestAudit(List<String> lines) {
        JsonNode answer = api.postLogs("kind=audit", LoupeApi.NDJSON, String.join("\n", lines).getBytes(StandardCharsets.UTF_8)).ok();
        assertEquals(lines.size(), answer.path("accepted").asInt(), answer::toString);
    }

    // --- parameters and requests ---------------------------------------------------------------

    /** The trail's ten minutes, and more parameters. */
    private static Map<String, String> trail(String... more) {
        Map<String, String> params = params("from", trailEnd.minus(Duration.ofMinutes(10)).toString(),
                "to", trailEnd.plusSeconds(1).toString());
        params.putAll(params(more));
        return params;
    }

    private static Map<String, String> bulkRange(String... more) {
        Map<String, String> params = params("from", bulkEnd.minus(Duration.ofMinutes(20)).toString(), "to", bulkEnd.toString());
        params.putAll(params(more));
        return params;
    }

    private static Response auditSearch(Map<String, String> params) {
        return api.get("/api/v1/audit/search?" + LoupeApi.queryString(params));
    }

    private static Response export(Map<String, String> params) {
        return api.get("/api/v1/audit/export?" + LoupeApi.queryString(params));
    }

    private static void awaitAuditTotal(Map<String, String> params, long total) {
        Instant deadline = Instant.now().plus(LoupeApi.VISIBILITY_TIMEOUT);
        JsonNode last;
        while ((last = auditSearch(params).ok()).path("total").asLong() != total) {
            if (Instant.now().isAfter(deadline)) {
                fail("expected " + total + " audit events for " + params + "; last answer: " + last.path("total"));
            }
            LoupeApi.pause(20);
        }
    }

    /** The messages of every page of the audit search, following next_cursor; checks total on each page. */
    private static List<JsonNode> allPages(Map<String, String> params) {
        List<JsonNode> hits = new ArrayList<>();
        Map<String, String> page = new LinkedHashMap<>(params);
        long total = -1;
        for (int pages = 0; pages < 10_000; pages++) {
            JsonNode answer = auditSearch(page).ok();
            if (total < 0) {
                total = answer.path("total").asLong();
            }
            assertEquals(total, answer.path("total").asLong(), "total is the same on every page");
            answer.path("hits").forEach(hits::add);
            if (answer.path("next_cursor").isNull()) {
                assertEquals(total, hits.size(), "the pages hold total hits");
                return hits;
            }
            page.put("cursor", answer.path("next_cursor").asText());
        }
        throw new AssertionError("paging never ended");
    }

    private static Set<String> messages(Map<String, String> params) {
        Set<String> found = new HashSet<>();
        for (JsonNode hit : allPages(params)) {
            found.add(hit.path("message").asText());
        }
        return found;
    }

    /** Messages of the trail events that satisfy the condition. */
    private static Set<String> trailMessages(Predicate<Audit> condition) {
        Set<String> expected = new HashSet<>();
        TRAIL.stream().filter(condition).forEach(audit -> expected.add(audit.message()));
        return expected;
    }

    /** The number of trail events that satisfy the condition. */
    private static long trailCount(Predicate<Audit> condition) {
        return TRAIL.stream().filter(condition).count();
    }

    private static long total(Map<String, String> params) {
        return auditSearch(params).ok().path("total").asLong();
    }

    // --- search --------------------------------------------------------------------------------

    @Test
    void eachFilterFindsExactlyTheAuditEventsWithThatValue() {
        assertEquals(trailCount(a -> a.actor().equals("bob")), total(trail("actor", "bob")));
        assertEquals(5, total(trail("actor", "bob")));
        assertEquals(trailMessages(a -> a.actor().equals("alice")), messages(trail("actor", "alice")),
                "only audit events: the application event of alice is not found");
        assertEquals(trailCount(a -> a.action().equals("login")), total(trail("action", "login")));
        assertEquals(trailMessages(a -> a.resource().equals("checkout")), messages(trail("resource", "checkout")));
        assertEquals(trailMessages(a -> a.outcome().equals("denied")), messages(trail("outcome", "denied")));
        assertEquals(trailCount(a -> a.action().equals("login") && a.outcome().equals("failure")),
                total(trail("action", "login", "outcome", "failure")));
        assertEquals(Set.of("wrong password from a new address", "wrong password", "account locked after repeated failures"),
                messages(trail("actor", "mallory", "resource", "console")));
        assertEquals(0, total(trail("actor", "Bob")), "values match exactly");
        assertEquals(0, total(trail("actor", "alice", "outcome", "failure")), "every filter must hold");
    }

    @Test
    void freeTextAndTheTimeRangeNarrowTheFilters() {
        assertEquals(trailCount(a -> a.message().contains("wrong password")), total(trail("q", "wrong password")));
        assertEquals(2, total(trail("q", "\"wrong password\"", "actor", "bob")));
        assertEquals(Set.of("delete refused by policy finance-readonly"), messages(trail("q", "policy OR locked", "actor", "bob")));
        assertEquals(trailMessages(a -> a.action().equals("config.update") || a.action().equals("role.grant")),
                messages(trail("q", "action:(config.update OR role.grant)")));
        // the newest three events only: [trailEnd - 40 s, trailEnd]
        Map<String, String> lastMinute = params("from", trailEnd.minusSeconds(40).toString(), "to", trailEnd.plusSeconds(1).toString());
        assertEquals(Set.of(TRAIL.get(0).message(), TRAIL.get(1).message(), TRAIL.get(2).message()), messages(lastMinute));
        lastMinute.put("actor", "alice");
        assertEquals(2, total(lastMinute));
    }

    @Test
    void sourceIpTakesAnAddressInAnySpellingOrACidrBlock() {
        assertEquals(trailMessages(a -> a.actor().equals("alice")), messages(trail("source_ip", "10.1.2.3")));
        assertEquals(Set.of("wrong password from a new address", "account locked after repeated failures"),
                messages(trail("source_ip", "2001:db8:bad::66")), "both spellings of one IPv6 address");
        assertEquals(Set.of("issued deploy token"), messages(trail("source_ip", "10.99.0.4")), "an IPv4-mapped address is that IPv4 address");
        assertEquals(Set.of("alice signed in with password and otp", "granted admin to bob", "bob signed in",
                "delete refused by policy finance-readonly", "issued deploy token"), messages(trail("source_ip", "10.0.0.0/8")));
        assertEquals(Set.of("bob signed in", "delete refused by policy finance-readonly"), messages(trail("source_ip", "10.20.0.0/16")));
        assertEquals(3, total(trail("source_ip", "203.0.113.0/24")));
        assertEquals(2, total(trail("source_ip", "203.0.113.0/24", "outcome", "failure")));
        assertEquals(Set.of("carol signed in", "rolled out config 42", "session ended", "wrong password from a new address",
                "account locked after repeated failures", "exported the audit trail"), messages(trail("source_ip", "2001:db8::/32")));
        assertEquals(2, total(trail("source_ip", "2001:db8:bad::/48")));
        // every address, and none of the values that are not one (unknown, -, bastion.internal, 10.1.2.300)
        assertEquals(trailCount(a -> !Set.of("unknown", "-", "bastion.internal", "10.1.2.300").contains(a.sourceIp())),
                total(trail("source_ip", "0.0.0.0/0")) + total(trail("source_ip", "2000::/3")));
        assertEquals(Set.of("dave signed in"), messages(trail("q", "source_ip:\"10.1.2.300\"")), "a value that is no address, by q");
        assertEquals(messages(trail("source_ip", "10.0.0.0/8")), messages(trail("q", "source_ip:\"10.0.0.0/8\"")),
                "q takes a quoted block too");
    }

    @Test
    void facetsCountActorsActionsAndOutcomesOverEveryMatch() {
        JsonNode answer = auditSearch(trail("limit", "2")).ok();
        assertEquals(TRAIL.size(), answer.path("total").asLong());
        assertEquals(2, answer.path("hits").size());
        JsonNode facets = answer.path("facets");
        assertEquals(Set.of("actor", "action", "outcome"), fieldNames(facets));
        assertEquals(counts(Audit::actor), facetCounts(facets.path("actor")));
        assertEquals(counts(Audit::action), facetCounts(facets.path("action")));
        assertEquals(counts(Audit::outcome), facetCounts(facets.path("outcome")));
        assertEquals("success", facets.path("outcome").get(0).path("value").asText(), "most frequent first");

        JsonNode failures = auditSearch(trail("outcome", "failure", "facets", "actor,source_ip")).ok().path("facets");
        assertEquals(Map.of("bob", 2L, "mallory", 3L, "dave", 1L), facetCounts(failures.path("actor")));
        assertEquals(Map.of("203.0.113.50", 2L, "198.51.100.23", 2L, "2001:db8:bad::66", 1L, "bastion.internal", 1L),
                facetCounts(failures.path("source_ip")), "facets count the values as sent");
    }

    @Test
    void pagingWithNextCursorVisitsEveryEventOnceNewestFirst() {
        List<JsonNode> hits = allPages(trail("limit", "3"));
        assertEquals(TRAIL.size(), hits.size());
        Set<String> ids = new HashSet<>();
        for (JsonNode hit : hits) {
            assertTrue(ids.add(hit.path("id").asText()), "visited twice: " + hit);
            assertEquals("audit", hit.path("kind").asText());
        }
        List<String> times = hits.stream().map(hit -> hit.path("timestamp").asText()).toList();
        List<String> sorted = new ArrayList<>(times);
        sorted.sort(Comparator.reverseOrder());
        assertEquals(sorted, times, "newest first");
        JsonNode first = hits.getFirst();
        assertEquals("alice", first.path("actor").asText());
        assertEquals("login", first.path("action").asText());
        assertEquals("console", first.path("resource").asText());
        assertEquals("success", first.path("outcome").asText());
        assertEquals("10.1.2.3", first.path("source_ip").asText());
        assertEquals("SEC-0", first.path("attributes").path("ticket").asText());

        List<JsonNode> bulkHits = allPages(bulkRange("actor", "user-3", "limit", "97"));
        Set<String> bulkIds = new HashSet<>();
        bulkHits.forEach(hit -> assertTrue(bulkIds.add(hit.path("id").asText()), "visited twice: " + hit));
        assertEquals(BULK.values().stream().filter(e -> e.get("actor").equals("user-3")).count(), bulkIds.size());
    }

    @Test
    void postTakesTheSameFieldsAsAJsonObject() {
        Response answer = api.send(HttpRequest.newBuilder(api.base().resolve("/api/v1/audit/search"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"from\":\"" + trailEnd.minus(Duration.ofMinutes(10)) + "\",\"to\":\""
                        + trailEnd.plusSeconds(1) + "\",\"actor\":\"mallory\",\"source_ip\":\"2001:db8::/32\",\"facets\":[\"outcome\"],"
                        + "\"original\":true}")));
        JsonNode json = answer.ok();
        assertEquals(2, json.path("total").asLong());
        assertEquals(Map.of("failure", 1L, "denied", 1L), facetCounts(json.path("facets").path("outcome")));
        JsonNode original = json.path("hits").get(0).path("original");
        assertEquals("mallory", original.path("actor").asText(), "the event as received: " + original);
    }

    // --- export --------------------------------------------------------------------------------

    @Test
    void csvExportStreamsEveryMatchingEventOnceWithOneHeaderRow() {
        Response answer = export(bulkRange("format", "csv"));
        assertEquals(200, answer.status(), () -> answer.body().substring(0, Math.min(500, answer.body().length())));
        assertEquals("text/csv; charset=utf-8; header=present", answer.headers().firstValue("content-type").orElse(""));
        assertTrue(answer.headers().firstValue("content-disposition").orElse("").matches("attachment; filename=\"audit-\\d{8}T\\d{6}Z\\.csv\""),
                answer.headers().toString());
        List<List<String>> records = parseCsv(answer.body());
        assertEquals(CSV_COLUMNS, records.getFirst(), "the header row");
        assertEquals(BULK_EVENTS + 1, records.size(), "one header and one row per event, over " + BULK_EVENTS / PAGE_ROWS + " pages");
        Set<String> ids = new HashSet<>();
        String previousTimestamp = null;
        for (List<String> row : records.subList(1, records.size())) {
            assertEquals(CSV_COLUMNS.size(), row.size(), () -> "cells of " + row);
            assertFalse(row.equals(CSV_COLUMNS), "the header appears once");
            assertTrue(ids.add(column(row, "id")), () -> "exported twice: " + row);
            String timestamp = column(row, "timestamp");
            assertTrue(RFC3339_NANOS.matcher(timestamp).matches(), timestamp);
            assertTrue(previousTimestamp == null || timestamp.compareTo(previousTimestamp) <= 0, "newest first");
            previousTimestamp = timestamp;
            String message = column(row, "message");
            int index = Integer.parseInt(message.substring(message.lastIndexOf('#') + 1));
            Map<String, Object> sent = BULK.get(index);
            assertEquals(sent.get("actor"), column(row, "actor"));
            assertEquals(sent.get("action"), column(row, "action"));
            assertEquals(sent.get("resource"), column(row, "resource"), "commas and quotes survive the quoting");
            assertEquals(sent.get("outcome"), column(row, "outcome"));
            assertEquals(sent.get("source_ip"), column(row, "source_ip"));
            String expectedMessage = (String) sent.get("message");
            assertEquals(expectedMessage.startsWith("=") ? "'" + expectedMessage : expectedMessage, message,
                    "formula cells get a leading quote; newlines survive");
        }
        assertEquals(BULK_EVENTS, ids.size());
        Set<String> searched = new HashSet<>();
        allPages(bulkRange("limit", "10000")).forEach(hit -> searched.add(hit.path("id").asText()));
        assertEquals(searched, ids, "the export holds exactly the events the search finds");
    }

    @Test
    void ndjsonExportHasEachEventAsSearchRendersItAndTheSameFilters() throws Exception {
        Response answer = export(bulkRange("format", "ndjson", "source_ip", "10.0.0.0/8"));
        assertEquals(200, answer.status());
        assertEquals("application/x-ndjson", answer.headers().firstValue("content-type").orElse(""));
        assertTrue(answer.body().endsWith("\n"));
        Map<String, JsonNode> exported = new LinkedHashMap<>();
        for (String line : answer.body().split("\n")) {
            JsonNode event = LoupeApi.JSON.readTree(line);
            assertNull(exported.put(event.path("id").asText(), event), () -> "exported twice: " + line);
        }
        long expected = BULK.values().stream().filter(e -> ((String) e.get("source_ip")).startsWith("10.")).count();
        assertTrue(expected > 4 * PAGE_ROWS, "several pages: " + expected);
        assertEquals(expected, exported.size());
        Map<String, JsonNode> searched = new LinkedHashMap<>();
        allPages(bulkRange("source_ip", "10.0.0.0/8", "limit", "1000"))
                .forEach(hit -> searched.put(hit.path("id").asText(), hit));
        assertEquals(searched, exported, "each line is the hit search answers, in the same order");
        assertEquals(List.copyOf(searched.keySet()), List.copyOf(exported.keySet()));

        Response all = export(bulkRange("format", "ndjson", "original", "true", "actor", "user-7"));
        String firstLine = all.body().substring(0, all.body().indexOf('\n'));
        JsonNode original = LoupeApi.JSON.readTree(firstLine).path("original");
        int index = Integer.parseInt(original.path("message").asText().substring(original.path("message").asText().lastIndexOf('#') + 1));
        assertEquals(LoupeApi.JSON.valueToTree(BULK.get(index)), original, "original=true adds the event as received");
        assertEquals(BULK.values().stream().filter(e -> e.get("actor").equals("user-7")).count(), all.body().lines().count());
    }

    @Test
    void anExportWithNothingToFindIsAHeaderOrNothing() {
        Response csv = export(trail("actor", "nobody"));
        assertEquals(200, csv.status());
        assertEquals(String.join(",", CSV_COLUMNS) + "\r\n", csv.body());
        Response ndjson = export(trail("actor", "nobody", "format", "ndjson"));
        assertEquals(200, ndjson.status());
        assertEquals("", ndjson.body());
    }

    @Test
    void mistakesAnswer400BeforeAnythingIsStreamed() {
        JsonNode badBlock = auditSearch(trail("source_ip", "10.0.0.0/33")).error(400, "INVALID_QUERY");
        assertTrue(badBlock.path("message").asText().contains("'10.0.0.0/33'"), badBlock::toString);
        assertTrue(badBlock.path("message").asText().contains("prefix length of an IPv4 block is a whole number from 0 to 32"),
                badBlock::toString);
        JsonNode notAnAddress = export(trail("source_ip", "bastion.internal")).error(400, "INVALID_QUERY");
        assertTrue(notAnAddress.path("message").asText().contains("'bastion.internal' is not an IP address or CIDR block"),
                notAnAddress::toString);
        assertTrue(notAnAddress.path("message").asText().contains("10.0.0.0/8"), "names what is expected: " + notAnAddress);
        export(trail("source_ip", "2001:db8::/129")).error(400, "INVALID_QUERY");
        assertTrue(export(trail("format", "xlsx")).error(400, "INVALID_PARAMETER").path("message").asText().contains("csv or ndjson"));
        assertTrue(export(trail("limit", "10")).error(400, "INVALID_PARAMETER").path("message").asText().contains("'limit'"));
        export(trail("format", "csv", "original", "true")).error(400, "INVALID_PARAMETER");
        auditSearch(trail("q", "actor:alice | stats count() by action")).error(400, "INVALID_QUERY");
        auditSearch(trail("q", "actor:(alice")).error(400, "INVALID_QUERY");
        auditSearch(params("from", "now", "to", "now-1h")).error(400, "INVALID_PARAMETER");
        auditSearch(trail("cursor", "nonsense")).error(400, "INVALID_CURSOR");
        api.send(HttpRequest.newBuilder(api.base().resolve("/api/v1/audit/search")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{not json"))).error(400, "INVALID_JSON");
        api.send(HttpRequest.newBuilder(api.base().resolve("/api/v1/audit/export")).POST(HttpRequest.BodyPublishers.noBody()))
                .error(405, "METHOD_NOT_ALLOWED");
    }

    /**
     * A client that takes nothing: the export fills the socket's buffers, holds its slot (a second
     * export answers 429), and after search.export_stall_seconds is cut without the last chunk, so
     * the client can tell it is incomplete. It got far less than the whole export: the server did
     * not read and buffer the rest.
     */
    @Test
    void aClientThatTakesNothingHoldsOnePageThenIsCut() throws Exception {
        int whole = export(bulkRange()).body().getBytes(StandardCharsets.UTF_8).length;
        try (Socket stalled = openExport(bulkRange())) {
            export(trail("actor", "alice")).error(429, "OVERLOADED");
            LoupeApi.pause((STALL_SECONDS + 2) * 1000L); // take nothing past the stall timeout
            byte[] received = readToTheEnd(stalled.getInputStream());
            String tail = new String(received, Math.max(0, received.length - 16), Math.min(16, received.length), StandardCharsets.US_ASCII);
            assertFalse(tail.endsWith("\r\n0\r\n\r\n"), "a cut export never ends with the last chunk: ..." + tail);
            assertTrue(received.length < whole * 3L / 4, "the client got " + received.length + " bytes of an export of " + whole
                    + ": the server must not read ahead for a client that does not take them");
        }
        assertEquals(200, awaitExportSlot(Duration.ofSeconds(3)), "the slot is free once the export is cut");
    }

    /** A client that goes away mid-export stops it at once: its slot is free long before the stall timeout. */
    @Test
    void aClientThatGoesAwayStopsItsExport() throws Exception {
        Socket stalled = openExport(bulkRange("format", "ndjson"));
        export(trail("actor", "alice")).error(429, "OVERLOADED");
        long closedAt = System.nanoTime();
        stalled.close();
        assertEquals(200, awaitExportSlot(Duration.ofSeconds(3)));
        long millis = (System.nanoTime() - closedAt) / 1_000_000;
        assertTrue(millis < STALL_SECONDS * 1000L / 2, "freed " + millis + " ms after the client left");
    }

    // --- helpers -------------------------------------------------------------------------------

    /** Sends an export request on a socket with a small receive buffer, and reads its head and a little of the body. */
    private static Socket openExport(Map<String, String> params) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(8192);
        socket.connect(new InetSocketAddress(InProcessLoupe.HOST, api.port()));
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(("GET /api/v1/audit/export?" + LoupeApi.queryString(params) + " HTTP/1.1\r\nHost: "
                + InProcessLoupe.HOST + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        byte[] start = socket.getInputStream().readNBytes(4096);
        String head = new String(start, StandardCharsets.ISO_8859_1);
        assertTrue(head.startsWith("HTTP/1.1 200"), head);
        assertTrue(head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked"), head);
        return socket;
    }

    /** Everything the connection still delivers, up to its end or reset; fails if it stays open (the read times out). */
    private static byte[] readToTheEnd(InputStream in) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[65536];
        while (true) {
            int read;
            try {
                read = in.read(buffer);
            } catch (SocketTimeoutException stillOpen) {
                throw new AssertionError("the stalled export was not cut after " + STALL_SECONDS + " s; got " + received.size() + " bytes");
            } catch (SocketException reset) {
                return received.toByteArray(); // cut with a reset: what arrived before it
            }
            if (read < 0) {
                return received.toByteArray();
            }
            received.write(buffer, 0, read);
        }
    }

    /** Retries a small export until it is accepted (not 429), at most {@code within}; answers its status. */
    private static int awaitExportSlot(Duration within) {
        Instant deadline = Instant.now().plus(within);
        while (true) {
            Response answer = export(trail("actor", "alice"));
            if (answer.status() != 429 || Instant.now().isAfter(deadline)) {
                return answer.status();
            }
            LoupeApi.pause(50);
        }
    }

    private static String column(List<String> row, String name) {
        return row.get(CSV_COLUMNS.indexOf(name));
    }

    private static Set<String> fieldNames(JsonNode object) {
        Set<String> names = new HashSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Map<String, Long> facetCounts(JsonNode facet) {
        Map<String, Long> counts = new TreeMap<>();
        facet.forEach(value -> counts.put(value.path("value").asText(), value.path("count").asLong()));
        return counts;
    }

    private static Map<String, Long> counts(Function<Audit, String> field) {
        Map<String, Long> counts = new TreeMap<>();
        TRAIL.forEach(audit -> counts.merge(field.apply(audit), 1L, Long::sum));
        return counts;
    }

    /**
     * A strict RFC 4180 reader: every record ends with CRLF; a field is unquoted (no comma, quote,
     * CR or LF) or quoted with inner quotes doubled. Anything else fails the test.
     */
    private static List<List<String>> parseCsv(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            if (text.charAt(i) == '"') {
                i++;
                while (true) {
                    assertTrue(i < text.length(), "a quoted field is never closed");
                    char c = text.charAt(i++);
                    if (c == '"') {
                        if (i < text.length() && text.charAt(i) == '"') {
                            field.append('"');
                            i++;
                            continue;
                        }
                        break;
                    }
                    field.append(c);
                }
            } else {
                while (i < text.length() && text.charAt(i) != ',' && text.charAt(i) != '\r') {
                    char c = text.charAt(i++);
                    if (c == '"' || c == '\n') {
                        fail("an unquoted field holds a quote or a bare LF near offset " + i + " in record " + records.size());
                    }
                    field.append(c);
                }
            }
            assertTrue(i < text.length(), "the last record ends with CRLF");
            record.add(field.toString());
            field.setLength(0);
            if (text.charAt(i) == ',') {
                i++;
                continue;
            }
            assertTrue(text.startsWith("\r\n", i), "a record ends with CRLF near offset " + i);
            i += 2;
            records.add(record);
            record = new ArrayList<>();
        }
        return records;
    }
}
