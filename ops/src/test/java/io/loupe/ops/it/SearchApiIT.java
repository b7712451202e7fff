package io.loupe.ops.it;

import static io.loupe.ops.it.LoupeApi.event;
import static io.loupe.ops.it.LoupeApi.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loupe.index.api.LogKind;
import io.loupe.ops.it.LoupeApi.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET} and {@code POST /api/v1/search} against the real server with its default settings:
 * what is found, in which order, how it pages, counts and buckets, and how mistakes are answered.
 * Each test tags its events with its own {@code service} so the tests can share one server.
 */
class SearchApiIT {
    private static final DateTimeFormatter RFC3339_NANOS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern RFC3339_NANOS_PATTERN = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z");

    @TempDir
    static Path dataDir;
    private static InProcessLoupe loupe;
    private static LoupeApi api;
    /** A whole minute half an hour ago: events around it are well inside the default search range. */
    private static Instant t0;

    @BeforeAll
    static void startServer() throws Exception {
        loupe = InProcessLoupe.start(dataDir, Map.of());
        api = loupe.api();
        t0 = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.MINUTES);
    }

    @AfterAll
    static void stopServer() {
        if (loupe != null) {
            loupe.close();
        }
    }

    private static String nanos(Instant instant) {
        return RFC3339_NANOS.format(instant);
    }

    /** Search parameters for one test's events over the forty minutes around {@link #t0}. */
    private static Map<String, String> within(String service, String... more) {
        Map<String, String> params = params("q", "service:" + service, "from", t0.minus(Duration.ofMinutes(20)).toString(),
                "to", t0.plus(Duration.ofMinutes(20)).toString());
        params.putAll(params(more));
        return params;
    }

    private static Map<String, String> query(String service, String q, String... more) {
        Map<String, String> params = within(service, more);
        params.put("q", "service:" + service + " AND (" + q + ")");
        return params;
    }

    private static List<String> texts(JsonNode answer, String field) {
        List<String> values = new ArrayList<>();
        answer.path("hits").forEach(hit -> values.add(hit.path(field).asText()));
        return values;
    }

    private static long total(Map<String, String> params) {
        return api.searchOk(params).path("total").asLong();
    }

    @Test
    void acceptedEventIsSearchableWithinOneSecond() {
        String service = "fresh";
        api.ingestAll(event("service", service, "message", "just arrived"));
        long acknowledged = System.nanoTime();
        JsonNode answer = api.awaitTotal(params("q", "service:" + service), 1);
        long millis = (System.nanoTime() - acknowledged) / 1_000_000;
        assertTrue(millis < 1000, "searchable after " + millis + " ms");
        JsonNode hit = answer.path("hits").get(0);
        assertEquals("just arrived", hit.path("message").asText());
        assertTrue(hit.path("timestamp_defaulted").asBoolean(), "an event without timestamp is marked as stamped on receipt: " + hit);
        assertEquals("application", hit.path("kind").asText());
    }

    @Test
    void keywordQueryFindsExactlyThatId() {
        String service = "exact-ids";
        List<String> lines = new ArrayList<>();
        for (String user : List.of("u-4", "u-42", "u-420", "u-142", "U-42")) {
            lines.add(event("timestamp", t0.toString(), "service", service, "user_id", user, "message", "login by " + user));
        }
        api.ingestAll(lines.toArray(String[]::new));
        api.awaitTotal(within(service), 5);

        JsonNode answer = api.searchOk(query(service, "user_id:u-42"));
        assertEquals(1, answer.path("total").asLong(), answer::toString);
        assertEquals("u-42", answer.path("hits").get(0).path("user_id").asText());
        assertEquals("login by u-42", answer.path("hits").get(0).path("message").asText());
        assertEquals(List.of("u-42", "u-420"), sorted(texts(api.searchOk(query(service, "user_id:u-42*")), "user_id")));
    }

    @Test
    void fullTextFindsWordsAnyCaseAndPhrasesInOrder() {
        String service = "full-text";
        api.ingestAll(
                event("timestamp", t0.toString(), "service", service, "message", "Payment failed for order 991"),
                event("timestamp", t0.toString(), "service", service, "message", "payment succeeded for order 992"),
                event("timestamp", t0.toString(), "service", service, "message", "FAILED to connect to the database"));
        api.awaitTotal(within(service), 3);

        assertEquals(List.of("Payment failed for order 991"), texts(api.searchOk(query(service, "payment failed")), "message"));
        assertEquals(2, total(query(service, "Failed")));
        assertEquals(1, total(query(service, "\"payment failed\"")));
        assertEquals(0, total(query(service, "\"failed payment\"")));
        assertEquals(2, total(query(service, "pay*")));
        assertEquals(1, total(query(service, "order NOT failed")));
        assertEquals(3, total(query(service, "991 OR 992 OR database")));
    }

    @Test
    void originalIsTheEventAsReceived() throws Exception {
        String service = "original";
        String line = "{ \"msg\" : \"as sent\", \"level\":\"WARNING\",\"service\":\"" + service + "\", \"timestamp\":\""
                + t0 + "\", \"http\": {\"status\": 503, \"path\": \"/pay\"}, \"tags\": [\"a\", 2, null], \"ratio\": 0.25, \"ok\": false}";
        api.ingestAll(line);
        api.awaitTotal(within(service), 1);

        JsonNode hit = api.searchOk(within(service, "original", "true")).path("hits").get(0);
        assertEquals(LoupeApi.JSON.readTree(line), hit.path("original"));
        assertEquals("warn", hit.path("level").asText());
        assertEquals("as sent", hit.path("message").asText());
        JsonNode attributes = hit.path("attributes");
        assertEquals(503, attributes.path("http.status").asLong(), hit::toString);
        assertTrue(attributes.path("http.status").isIntegralNumber(), hit::toString);
        assertEquals("/pay", attributes.path("http.path").asText(), hit::toString);
        assertEquals(0.25, attributes.path("ratio").asDouble(), hit::toString);
        assertTrue(attributes.path("ok").isBoolean(), hit::toString);

        assertTrue(api.searchOk(within(service)).path("hits").get(0).path("original").isMissingNode(),
                "original only when asked for");
    }

    @Test
    void originalOfAJsonArrayElementIsThatElement() throws Exception {
        String service = "original-array";
        String first = "{\"timestamp\": \"" + t0 + "\", \"service\": \"" + service + "\", \"message\": \"first\"}";
        String second = "{\"service\": \"" + service + "\", \"timestamp\": \"" + t0.plusSeconds(1) + "\", \"nested\": {\"list\": [1, {\"x\": true}]}}";
        api.postLogs("", "application/json", ("[ " + first + " ,\n  " + second + "\n]").getBytes(StandardCharsets.UTF_8)).ok();
        JsonNode hits = api.awaitTotal(within(service, "original", "true"), 2).path("hits");
        assertEquals(LoupeApi.JSON.readTree(second), hits.get(0).path("original"));
        assertEquals(LoupeApi.JSON.readTree(first), hits.get(1).path("original"));
    }

    @Test
    void hitsAreNewestFirstWithNanosecondTimestamps() {
        String service = "order";
        Instant base = t0.plusSeconds(7);
        api.ingestAll(
                event("timestamp", nanos(base.plusNanos(1)), "service", service, "message", "b"),
                event("timestamp", nanos(base.plusSeconds(1).plusNanos(999_999_999)), "service", service, "message", "d"),
                event("timestamp", nanos(base), "service", service, "message", "a"),
                event("timestamp", base.plusMillis(500).toEpochMilli(), "service", service, "message", "c"),
                event("timestamp", base.plusSeconds(3).atOffset(ZoneOffset.ofHours(2)).toString(), "service", service, "message", "e"));
        JsonNode answer = api.awaitTotal(within(service), 5);

        assertEquals(List.of("e", "d", "c", "b", "a"), texts(answer, "message"), answer::toString);
        List<String> timestamps = texts(answer, "timestamp");
        timestamps.forEach(t -> assertTrue(RFC3339_NANOS_PATTERN.matcher(t).matches(), t));
        assertEquals(List.of(nanos(base.plusSeconds(3)), nanos(base.plusSeconds(1).plusNanos(999_999_999)),
                nanos(base.plusMillis(500)), nanos(base.plusNanos(1)), nanos(base)), timestamps);
    }

    @Test
    void cursorsVisitEveryEventExactlyOnceNewestFirst() {
        String service = "paging";
        int events = 1050;
        Instant base = t0.minus(Duration.ofMinutes(5));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            // seven events share each millisecond, so ties are broken by event id across batches
            lines.add(event("timestamp", nanos(base.plusMillis(i / 7)), "service", service, "request_id", "page-" + i));
        }
        Collections.shuffle(lines, new Random(1050));
        for (int from = 0; from < events; from += 350) {
            api.ingestAll(lines.subList(from, from + 350).toArray(String[]::new));
        }
        api.awaitTotal(within(service), events);

        Map<String, Integer> seen = new HashMap<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = null;
        String previousTimestamp = null;
        long previousId = Long.MAX_VALUE;
        do {
            Map<String, String> page = within(service, "limit", "100");
            if (cursor != null) {
                page.put("cursor", cursor);
            }
            JsonNode answer = api.searchOk(page);
            assertEquals(events, answer.path("total").asLong(), "total on every page");
            pageSizes.add(answer.path("hits").size());
            for (JsonNode hit : answer.path("hits")) {
                seen.merge(hit.path("request_id").asText(), 1, Integer::sum);
                String timestamp = hit.path("timestamp").asText();
                long id = Long.parseLong(hit.path("id").asText());
                if (previousTimestamp != null) {
                    int order = timestamp.compareTo(previousTimestamp);
                    assertTrue(order < 0 || order == 0 && id < previousId,
                            "newest first, ties by id: " + timestamp + "/" + id + " after " + previousTimestamp + "/" + previousId);
                }
                previousTimestamp = timestamp;
                previousId = id;
            }
            cursor = answer.path("next_cursor").isNull() ? null : answer.path("next_cursor").asText();
        } while (cursor != null && pageSizes.size() < 20);

        assertEquals(List.of(100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 50), pageSizes);
        assertEquals(events, seen.size(), "distinct events seen");
        seen.forEach((id, times) -> assertEquals(1, times, () -> id + " seen " + times + " times"));
        for (int i = 0; i < events; i++) {
            assertTrue(seen.containsKey("page-" + i), "page-" + i + " was never returned");
        }

        JsonNode defaultPage = api.searchOk(within(service));
        assertEquals(100, defaultPage.path("hits").size(), "100 hits when no limit is given");
        assertFalse(defaultPage.path("next_cursor").isNull(), defaultPage.path("next_cursor")::toString);

        JsonNode countOnly = api.searchOk(within(service, "limit", "0"));
        assertEquals(events, countOnly.path("total").asLong());
        assertEquals(0, countOnly.path("hits").size());
        assertTrue(countOnly.path("next_cursor").isNull(), countOnly::toString);
    }

    /** Three events in the first minute after t0, two in the second, none in the third, four in the last nanosecond of the fourth. */
    private static final List<Duration> HISTOGRAM_OFFSETS = List.of(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(59),
            Duration.ofSeconds(70), Duration.ofSeconds(119), Duration.ofMinutes(4).minusNanos(1), Duration.ofMinutes(4).minusNanos(1),
            Duration.ofMinutes(4).minusNanos(1), Duration.ofMinutes(4).minusNanos(1));

    private static void ingestHistogramEvents(String service) {
        List<String> lines = new ArrayList<>();
        for (Duration offset : HISTOGRAM_OFFSETS) {
            lines.add(event("timestamp", nanos(t0.plus(offset)), "service", service));
        }
        lines.add(event("timestamp", nanos(t0.minusNanos(1)), "service", service, "message", "just before the range"));
        lines.add(event("timestamp", nanos(t0.plus(Duration.ofMinutes(4))), "service", service, "message", "just after the range"));
        api.ingestAll(lines.toArray(String[]::new));
        api.awaitTotal(within(service), lines.size());
    }

    @Test
    void histogramWithAFixedIntervalCountsEachMinute() {
        String service = "histogram-1m";
        ingestHistogramEvents(service);
        JsonNode answer = api.searchOk(params("q", "service:" + service, "from", t0.toString(),
                "to", t0.plus(Duration.ofMinutes(4)).toString(), "histogram", "1m", "limit", "0"));

        assertEquals(9, answer.path("total").asLong(), answer::toString);
        List<String> buckets = new ArrayList<>();
        answer.path("histogram").forEach(bucket -> buckets.add(bucket.path("t").asText() + "=" + bucket.path("count").asLong()));
        assertEquals(List.of(nanos(t0) + "=3", nanos(t0.plusSeconds(60)) + "=2", nanos(t0.plusSeconds(120)) + "=0",
                nanos(t0.plusSeconds(180)) + "=4"), buckets);
    }

    @Test
    void automaticHistogramPicksEvenBucketsThatHoldEveryHit() {
        String service = "histogram-auto";
        ingestHistogramEvents(service);
        JsonNode answer = api.searchOk(params("q", "service:" + service, "from", t0.toString(),
                "to", t0.plus(Duration.ofMinutes(4)).toString(), "histogram", "auto", "limit", "0"));

        JsonNode histogram = answer.path("histogram");
        assertTrue(histogram.size() >= 2 && histogram.size() <= 120, "bucket count " + histogram.size());
        Instant first = Instant.parse(histogram.get(0).path("t").asText());
        Duration width = Duration.between(first, Instant.parse(histogram.get(1).path("t").asText()));
        assertFalse(first.isAfter(t0), "the first bucket starts at or before from: " + first);
        long[] expected = new long[histogram.size()];
        for (Duration offset : HISTOGRAM_OFFSETS) {
            expected[(int) (Duration.between(first, t0.plus(offset)).toNanos() / width.toNanos())]++;
        }
        for (int i = 0; i < histogram.size(); i++) {
            assertEquals(nanos(first.plus(width.multipliedBy(i))), histogram.get(i).path("t").asText(), "start of bucket " + i);
            assertEquals(expected[i], histogram.get(i).path("count").asLong(), "count of bucket " + i + " in " + histogram);
        }
        assertEquals(9, answer.path("total").asLong());
    }

    @Test
    void facetsCountTheTopTenValuesOfEveryMatch() {
        String service = "facets";
        List<String> lines = new ArrayList<>();
        Consumer<String[]> add = fields -> {
            for (int i = 0; i < Integer.parseInt(fields[0]); i++) {
                lines.add(event("timestamp", t0.toString(), "service", service, "host", fields[1], "region", fields[2], "level", "info"));
            }
        };
        add.accept(new String[] {"5", "web-1", "eu"});
        add.accept(new String[] {"3", "web-2", "us"});
        add.accept(new String[] {"1", "db-1", "eu"});
        for (int i = 0; i < 10; i++) {
            add.accept(new String[] {"1", "h-0" + i, "ap"});
        }
        api.ingestAll(lines.toArray(String[]::new));
        JsonNode answer = api.awaitTotal(within(service, "facets", "host,region", "limit", "1"), lines.size());

        List<String> hosts = new ArrayList<>();
        answer.path("facets").path("host").forEach(v -> hosts.add(v.path("value").asText() + "=" + v.path("count").asLong()));
        assertEquals(List.of("web-1=5", "web-2=3", "db-1=1", "h-00=1", "h-01=1", "h-02=1", "h-03=1", "h-04=1", "h-05=1", "h-06=1"), hosts);
        List<String> regions = new ArrayList<>();
        answer.path("facets").path("attributes.region").forEach(v -> regions.add(v.path("value").asText() + "=" + v.path("count").asLong()));
        assertEquals(List.of("ap=10", "eu=6", "us=3"), regions, answer::toString);

        JsonNode narrowed = api.searchOk(query(service, "region:eu", "facets", "host"));
        List<String> euHosts = new ArrayList<>();
        narrowed.path("facets").path("host").forEach(v -> euHosts.add(v.path("value").asText() + "=" + v.path("count").asLong()));
        assertEquals(List.of("web-1=5", "db-1=1"), euHosts, "facets count only what the query matches");
    }

    @Test
    void postedSearchAnswersLikeTheSameGet() throws Exception {
        String service = "post-search";
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            lines.add(event("timestamp", nanos(t0.plusSeconds(i * 10L)), "service", service, "host", "web-" + (i % 3),
                    "level", i % 4 == 0 ? "error" : "info", "message", "request " + i));
        }
        api.ingestAll(lines.toArray(String[]::new));
        api.awaitTotal(within(service), 12);

        String from = t0.toString();
        String to = t0.plus(Duration.ofMinutes(3)).toString();
        JsonNode viaGet = api.searchOk(params("q", "service:" + service + " AND level:info", "from", from, "to", to,
                "limit", "3", "histogram", "1m", "facets", "host,level", "original", "true"));
        ObjectNode body = LoupeApi.JSON.createObjectNode()
                .put("q", "service:" + service + " AND level:info").put("from", from).put("to", to)
                .put("limit", 3).put("histogram", "1m").put("original", true);
        body.putArray("facets").add("host").add("level");
        JsonNode viaPost = api.searchPost(body.toString()).ok();

        assertEquals(9, viaGet.path("total").asLong(), viaGet::toString);
        assertEquals(withoutTook(viaGet), withoutTook(viaPost));

        body.put("cursor", viaGet.path("next_cursor").asText());
        JsonNode secondViaPost = api.searchPost(body.toString()).ok();
        Map<String, String> second = params("q", "service:" + service + " AND level:info", "from", from, "to", to,
                "limit", "3", "histogram", "1m", "facets", "host,level", "original", "true", "cursor", viaGet.path("next_cursor").asText());
        assertEquals(withoutTook(api.searchOk(second)), withoutTook(secondViaPost));
        assertEquals(List.of("request 7", "request 6", "request 5"), texts(secondViaPost, "message"));
    }

    private static JsonNode withoutTook(JsonNode answer) {
        ObjectNode copy = answer.deepCopy();
        assertTrue(copy.remove("took_ms").isIntegralNumber(), "took_ms is a number");
        return copy;
    }

    @Test
    void malformedQueryIs400NamingTheColumn() {
        for (String q : List.of("level:(error", "service:\"unclosed", "host:[a TO", "AND error")) {
            JsonNode error = api.search(params("q", q)).error(400, "INVALID_QUERY");
            assertTrue(error.path("message").asText().contains("column"), () -> q + ": " + error);
        }
        JsonNode timestamp = api.search(params("q", "timestamp:1")).error(400, "INVALID_QUERY");
        assertTrue(timestamp.path("message").asText().contains("from"), timestamp::toString);
        Response traced = api.get("/api/v1/search?" + LoupeApi.queryString(params("q", "level:(")), "X-Request-Id", "trace-me");
        assertEquals("trace-me", traced.error(400, "INVALID_QUERY").path("request_id").asText(), "the client's request id comes back");
    }

    @Test
    void badParametersAre400NamingTheParameter() {
        Map<String, String> mistakes = new LinkedHashMap<>();
        mistakes.put("from=yesterday", "'from'");
        mistakes.put("to=banana", "'to'");
        mistakes.put("limit=abc", "'limit'");
        mistakes.put("limit=-1", "'limit'");
        mistakes.put("limit=10001", "'limit'");
        mistakes.put("histogram=7x", "'histogram'");
        mistakes.put("original=maybe", "'original'");
        mistakes.put("facets=message", "'message'");
        for (Map.Entry<String, String> mistake : mistakes.entrySet()) {
            String[] nameValue = mistake.getKey().split("=", 2);
            JsonNode error = api.search(params(nameValue[0], nameValue[1])).error(400, "INVALID_PARAMETER");
            assertTrue(error.path("message").asText().contains(mistake.getValue()), () -> mistake.getKey() + ": " + error);
            assertTrue(error.path("message").asText().contains(nameValue[1]), () -> "names the bad value: " + mistake.getKey() + ": " + error);
        }
        assertTrue(api.search(params("limit", "10001")).json().path("error").path("message").asText().contains("search.max_limit"));
        assertTrue(api.search(params("from", "now", "to", "now-1h")).error(400, "INVALID_PARAMETER")
                .path("message").asText().contains("'from'"));

        for (String cursor : List.of("garbage", "!!!", "djE6MTIz")) {
            JsonNode error = api.search(params("cursor", cursor)).error(400, "INVALID_CURSOR");
            assertTrue(error.path("message").asText().contains("cursor"), error::toString);
            assertTrue(error.path("message").asText().contains(cursor), error::toString);
        }
        JsonNode kind = api.search(params("kind", "metrics")).error(400, "INVALID_KIND");
        assertTrue(kind.path("message").asText().contains("'metrics'"), kind::toString);
        JsonNode body = api.searchPost("{\"q\": ").error(400, "INVALID_JSON");
        assertFalse(body.path("request_id").asText().isBlank(), body::toString);
    }

    @Test
    void attributeSeenWithSeveralTypesIsSearchableEachWay() {
        String service = "types";
        api.ingestAll(
                event("timestamp", t0.toString(), "service", service, "message", "long 42", "code", 42),
                event("timestamp", t0.toString(), "service", service, "message", "string 42", "code", "42"),
                event("timestamp", t0.toString(), "service", service, "message", "string abc", "code", "abc"),
                event("timestamp", t0.toString(), "service", service, "message", "string 5", "code", "5"),
                event("timestamp", t0.toString(), "service", service, "message", "long 7", "code", 7),
                event("timestamp", t0.toString(), "service", service, "message", "long 100", "code", 100),
                event("timestamp", t0.toString(), "service", service, "message", "double 40.5", "code", 40.5));
        api.awaitTotal(within(service), 7);

        JsonNode fortyTwo = api.searchOk(query(service, "code:42"));
        assertEquals(List.of("long 42", "string 42"), sorted(texts(fortyTwo, "message")));
        for (JsonNode hit : fortyTwo.path("hits")) {
            JsonNode code = hit.path("attributes").path("code");
            assertEquals(hit.path("message").asText().startsWith("long") ? "long" : "string",
                    code.isIntegralNumber() ? "long" : code.isTextual() ? "string" : code.getNodeType().toString(), hit::toString);
        }
        assertEquals(sorted(texts(fortyTwo, "message")), sorted(texts(api.searchOk(query(service, "attributes.code:42")), "message")));
        assertEquals(List.of("string abc"), texts(api.searchOk(query(service, "code:abc")), "message"));
        assertEquals(List.of("double 40.5"), texts(api.searchOk(query(service, "code:40.5")), "message"));

        assertEquals(List.of("double 40.5", "long 100", "long 42"), sorted(texts(api.searchOk(query(service, "code:>40")), "message")),
                "a comparison with a number compares numbers: neither \"5\" nor \"abc\" is above 40");
        assertEquals(List.of("double 40.5", "long 7"), sorted(texts(api.searchOk(query(service, "code:[7 TO 41}")), "message")));
        assertEquals(List.of("string abc"), texts(api.searchOk(query(service, "code:[a TO b]")), "message"));
        assertEquals(7, total(query(service, "code:[* TO *]")), "an open range matches every type");

        JsonNode facet = api.searchOk(within(service, "facets", "code", "limit", "0"));
        List<String> values = new ArrayList<>();
        facet.path("facets").path("attributes.code").forEach(v -> values.add(v.path("value").asText() + "=" + v.path("count").asLong()));
        assertEquals(List.of("42=2", "100=1", "40.5=1", "5=1", "7=1", "abc=1"), values,
                "numbers are facet values too, 42 and \"42\" as one: " + facet);
    }

    private static List<String> sorted(List<String> values) {
        return values.stream().sorted().toList();
    }

    @Test
    void timeRangeIsFromInclusiveToExclusive() {
        String service = "time-range";
        Instant from = t0.plusSeconds(13);
        Instant to = from.plus(Duration.ofMinutes(1));
        api.ingestAll(
                event("timestamp", nanos(from.minusNanos(1)), "service", service, "message", "before"),
                event("timestamp", nanos(from), "service", service, "message", "at from"),
                event("timestamp", nanos(to.minusNanos(1)), "service", service, "message", "last nanosecond"),
                event("timestamp", nanos(to), "service", service, "message", "at to"),
                event("timestamp", nanos(to.plus(Duration.ofHours(2))), "service", service, "message", "much later"));
        api.awaitTotal(params("q", "service:" + service, "from", from.minusSeconds(10_000).toString(),
                "to", to.plusSeconds(10_000).toString()), 5);

        JsonNode answer = api.searchOk(params("q", "service:" + service, "from", nanos(from), "to", nanos(to)));
        assertEquals(List.of("last nanosecond", "at from"), texts(answer, "message"), answer::toString);
        assertEquals(2, answer.path("total").asLong());
        JsonNode epochMillis = api.searchOk(params("q", "service:" + service, "from", Long.toString(from.toEpochMilli()),
                "to", Long.toString(to.toEpochMilli())));
        assertEquals(List.of("last nanosecond", "at from"), texts(epochMillis, "message"), epochMillis::toString);
    }

    @Test
    void searchOverOneDayOpensOnlyThatDaysPartition() throws Exception {
        String service = "partitions";
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate threeDaysAgo = today.minusDays(3);
        LocalDate fiveDaysAgo = today.minusDays(5);
        Instant noonThreeDaysAgo = threeDaysAgo.atTime(12, 0).toInstant(ZoneOffset.UTC);
        Instant noonFiveDaysAgo = fiveDaysAgo.atTime(12, 0).toInstant(ZoneOffset.UTC);
        api.ingestAll(
                event("timestamp", noonThreeDaysAgo.toString(), "kind", "system", "service", service, "message", "three days ago"),
                event("timestamp", noonFiveDaysAgo.toString(), "kind", "system", "service", service, "message", "five days ago"));
        Instant dayStart = threeDaysAgo.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant dayEnd = threeDaysAgo.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        api.awaitTotal(params("q", "service:" + service, "from", noonFiveDaysAgo.toString(), "to", dayEnd.toString()), 2);

        assertEquals(List.of("system/" + threeDaysAgo),
                loupe.server().store().partitionsFor(Set.of(LogKind.SYSTEM), nanosOf(dayStart), nanosOf(dayEnd)));
        assertEquals(Set.of("system/" + threeDaysAgo, "system/" + fiveDaysAgo), new HashSet<>(
                loupe.server().store().partitionsFor(Set.of(LogKind.SYSTEM), nanosOf(noonFiveDaysAgo), nanosOf(dayEnd))));
        JsonNode oneDay = api.searchOk(params("q", "service:" + service, "from", dayStart.toString(), "to", dayEnd.toString()));
        assertEquals(List.of("three days ago"), texts(oneDay, "message"), oneDay::toString);
        assertEquals(1, oneDay.path("total").asLong());
        assertEquals(0, total(params("q", "service:" + service, "from", dayEnd.toString(), "to", dayEnd.plus(Duration.ofDays(1)).toString())));
    }

    private static long nanosOf(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
