package io.loupe.ops.it;

import static io.loupe.ops.it.LoupeApi.event;
import static io.loupe.ops.it.LoupeApi.params;
import static io.loupe.ops.it.MetricsClient.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/v1/users/{user_id}/timeline} against the real server. User u-42 makes four
 * successful checkouts (gateway on web-1, checkout on web-2, payments on web-4, one trace each) and
 * one that fails at minute {@link #FAILURE}: the frontend on web-1 logs the request id only, the
 * gateway both the request id and the trace id, checkout on web-3 logs the error while web-3's CPU
 * is at 0.97, payments on web-4 a warning. u-42 also has an audit login; u-7 and u-99 are busy at
 * the same times. Host signals come from node_exporter-shaped counters and gauges.
 */
class UserTimelineIT {
    private static final int FAILURE = 20;
    private static final int[] SUCCESSES = {2, 8, 14, 26};
    private static final int LOGIN = 1;
    private static final List<String> HOSTS = List.of("web-1", "web-2", "web-3", "web-4");
    private static final int U42_EVENTS = SUCCESSES.length * 3 + 4 + 1;

    @TempDir
    static Path dataDir;
    private static InProcessLoupe loupe;
    private static LoupeApi api;
    private static Instant t0;

    @BeforeAll
    static void startServerAndLoadTheUsers() throws Exception {
        loupe = InProcessLoupe.start(dataDir, Map.of());
        api = loupe.api();
        t0 = Instant.now().minus(Duration.ofMinutes(45)).truncatedTo(ChronoUnit.MINUTES);
        List<String> events = new ArrayList<>();
        for (int minute : SUCCESSES) {
            for (String user : List.of("u-42", "u-7")) {
                String trace = "t-ok-" + user + "-" + minute;
                events.add(line(minute, 0, user, "web-1", "gateway", "info", "POST /checkout", trace, "r-" + trace));
                events.add(line(minute, 150, user, "web-2", "checkout", "info", "order placed", trace, null));
                events.add(line(minute, 300, user, "web-4", "payments", "info", "card charged", trace, null));
            }
        }
        events.add(line(FAILURE, 0, "u-42", "web-1", "frontend", "info", "checkout button pressed", null, "req-fail"));
        events.add(line(FAILURE, 200, "u-42", "web-1", "gateway", "info", "POST /checkout", "t-fail", "req-fail"));
        events.add(line(FAILURE, 1000, "u-42", "web-3", "checkout", "error", "charge failed: payment backend timeout", "t-fail", null));
        events.add(line(FAILURE, 2500, "u-42", "web-4", "payments", "warn", "retrying charge", "t-fail", null));
        events.add(line(FAILURE, 1200, "u-99", "web-3", "checkout", "error", "charge failed: payment backend timeout", "t-other", null));
        events.add(event("timestamp", minute(LOGIN).toString(), "kind", "audit", "user_id", "u-42", "actor", "u-42", "action", "login",
                "outcome", "success", "source_ip", "203.0.113.7", "service", "auth", "host", "web-2"));
        api.ingestAll(events.toArray(String[]::new));
        api.awaitTotal(params("q", "user_id:u-42", "from", t0.toString(), "to", minute(30).toString()), U42_EVENTS);

        List<String> samples = new ArrayList<>();
        double[] idle = new double[HOSTS.size()];
        double[] busy = new double[HOSTS.size()];
        for (int s = 0; s < 30 * 4; s++) {
            long at = t0.toEpochMilli() + s * 15_000L;
            for (int h = 0; h < HOSTS.size(); h++) {
                double cpu = HOSTS.get(h).equals("web-3") && s / 4 == FAILURE ? 0.97 : 0.25;
                idle[h] += 15 * (1 - cpu);
                busy[h] += 15 * cpu;
                samples.add(sample("node_cpu_seconds_total", Map.of("host", HOSTS.get(h), "cpu", "0", "mode", "idle"), at, idle[h]));
                samples.add(sample("node_cpu_seconds_total", Map.of("host", HOSTS.get(h), "cpu", "0", "mode", "system"), at, busy[h]));
                samples.add(sample("node_load1", Map.of("host", HOSTS.get(h)), at, cpu * 4));
            }
        }
        new MetricsClient(api).postNativeAll(samples.toArray(String[]::new));
    }

    @AfterAll
    static void stopServer() {
        if (loupe != null) {
            loupe.close();
        }
    }

    private static String line(int minute, long millis, String user, String host, String service, String level, String message,
                               String trace, String request) {
        List<Object> fields = new ArrayList<>(List.of("timestamp", minute(minute).plusMillis(millis).toString(), "user_id", user,
                "host", host, "service", service, "level", level, "message", message));
        if (trace != null) {
            fields.addAll(List.of("trace_id", trace));
        }
        if (request != null) {
            fields.addAll(List.of("request_id", request));
        }
        return event(fields.toArray());
    }

    private static Instant minute(int minute) {
        return t0.plus(Duration.ofMinutes(minute));
    }

    private static LoupeApi.Response timeline(String user, String... more) {
        Map<String, String> params = params("from", t0.toString(), "to", minute(30).toString());
        params.putAll(params(more));
        return api.get("/api/v1/users/" + user + "/timeline?" + LoupeApi.queryString(params));
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static String rfc3339(Instant instant) {
        String text = instant.toString();
        String seconds = text.substring(0, 19);
        int nanos = instant.getNano();
        return seconds + "." + String.format("%09d", nanos) + "Z";
    }

    @Test
    void theFailingRequestIsOneGroupAcrossItsServicesWithWorstLevelErrorHighlighted() {
        JsonNode answer = timeline("u-42").ok();

        assertEquals("u-42", answer.path("user_id").asText());
        assertEquals(U42_EVENTS, answer.path("total").asLong());
        JsonNode groups = answer.path("groups");
        assertEquals(List.of("t-ok-u-42-26", "t-fail", "t-ok-u-42-14", "t-ok-u-42-8", "t-ok-u-42-2"), keys(groups).subList(0, 5),
                "groups newest first");
        JsonNode failing = groups.get(1);
        assertEquals("trace_id", failing.path("key_field").asText());
        assertEquals(List.of("req-fail"), texts(failing.path("request_ids")));
        assertTrue(failing.path("error").asBoolean(), failing::toString);
        assertFalse(failing.path("continues").asBoolean());
        JsonNode summary = failing.path("summary");
        assertEquals(List.of("frontend", "gateway", "checkout", "payments"), texts(summary.path("services")),
                "the request id alone joins the trace its gateway line names; services in the order the request met them");
        assertEquals(List.of("web-1", "web-3", "web-4"), texts(summary.path("hosts")));
        assertEquals("error", summary.path("worst_level").asText());
        assertEquals(4, summary.path("events").asInt());
        assertTrue(summary.path("error").asBoolean());
        assertEquals(2500.0, summary.path("duration_ms").asDouble(), 1e-9);
        assertEquals(rfc3339(minute(FAILURE)), summary.path("first").asText());
        assertEquals(rfc3339(minute(FAILURE).plusMillis(2500)), summary.path("last").asText());
        JsonNode events = failing.path("events");
        assertEquals(List.of("payments", "checkout", "gateway", "frontend"), serviceOf(events), "newest first");
        for (JsonNode event : events) {
            assertEquals("u-42", event.path("user_id").asText());
            assertEquals(event.path("level").asText().equals("error"), event.path("error").asBoolean(),
                    () -> "only the error line is highlighted: " + event);
        }
        assertEquals("charge failed: payment backend timeout", events.get(1).path("message").asText());
        assertFalse(events.get(1).path("id").asText().isEmpty(), "events are rendered as search hits, with their id");

        for (int g = 0; g < groups.size(); g++) {
            if (g != 1) {
                assertFalse(groups.get(g).path("error").asBoolean(), groups.get(g)::toString);
            }
        }
        JsonNode login = groups.get(groups.size() - 1);
        assertEquals("id", login.path("key_field").asText());
        assertEquals(login.path("events").get(0).path("id").asText(), login.path("key").asText(), "a lone event is its own group");
        assertEquals("audit", login.path("events").get(0).path("kind").asText());
        assertEquals(6, groups.size());
        assertTrue(answer.path("next_cursor").isNull());
    }

    @Test
    void theHostsOfTheFailingRequestComeWithTheirSignalsAndWeb3ShowsItsCpuSpike() {
        JsonNode answer = timeline("u-42").ok();

        JsonNode hosts = answer.path("hosts");
        Set<String> names = new HashSet<>();
        hosts.fieldNames().forEachRemaining(names::add);
        assertEquals(Set.of("web-1", "web-3", "web-4"), names, "web-2 served only requests that succeeded");
        assertEquals("30s", answer.path("interval").asText(), "auto over the page's span widened by 5 minutes each side");
        JsonNode web3 = hosts.path("web-3");
        JsonNode buckets = web3.path("buckets");
        assertEquals(rfc3339(minute(LOGIN - 5)), buckets.get(0).asText(), "from five minutes before the page's oldest event");
        int failureBucket = texts(buckets).indexOf(rfc3339(minute(FAILURE)));
        assertTrue(failureBucket > 0, () -> "a bucket starts at the failure's minute: " + buckets);
        JsonNode cpu = web3.path("host.cpu.utilization");
        assertEquals(buckets.size(), cpu.size());
        assertEquals(0.97, cpu.get(failureBucket).asDouble(), 1e-6);
        assertEquals(0.25, cpu.get(failureBucket - 2).asDouble(), 1e-6);
        assertEquals(3.88, web3.path("host.load.1m").get(failureBucket).asDouble(), 1e-6);
        assertTrue(web3.path("host.network.rx").get(failureBucket).isNull(), "a signal without data is null");
        assertEquals(0.25, hosts.path("web-1").path("host.cpu.utilization").get(failureBucket).asDouble(), 1e-6);
    }

    @Test
    void pagesVisitEveryEventOnceAndAGroupCutAtThePageBoundarySaysItContinues() {
        List<JsonNode> pages = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = cursor == null ? timeline("u-42", "limit", "5").ok() : timeline("u-42", "limit", "5", "cursor", cursor).ok();
            pages.add(page);
            cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asText();
        } while (cursor != null && pages.size() < 10);

        assertEquals(4, pages.size(), "17 events, 5 a page");
        Set<String> ids = new HashSet<>();
        int events = 0;
        for (JsonNode page : pages) {
            for (JsonNode group : page.path("groups")) {
                for (JsonNode event : group.path("events")) {
                    ids.add(event.path("id").asText());
                    events++;
                }
            }
        }
        assertEquals(U42_EVENTS, events);
        assertEquals(U42_EVENTS, ids.size(), "no event twice");

        JsonNode first = pages.get(0);
        assertEquals(List.of("t-ok-u-42-26", "t-fail"), keys(first.path("groups")));
        JsonNode cut = first.path("groups").get(1);
        assertTrue(cut.path("continues").asBoolean(), () -> "the rest of t-fail is on the next page: " + cut);
        assertFalse(first.path("groups").get(0).path("continues").asBoolean());
        assertEquals("error", cut.path("summary").path("worst_level").asText(), "its checkout error is on this page");
        assertTrue(first.path("hosts").has("web-3"));

        JsonNode second = pages.get(1);
        assertEquals(List.of("t-fail", "t-ok-u-42-14"), keys(second.path("groups")), "the group goes on under the same key");
        JsonNode rest = second.path("groups").get(0);
        assertEquals(List.of("gateway", "frontend"), serviceOf(rest.path("events")));
        assertFalse(rest.path("continues").asBoolean());
        assertEquals("info", rest.path("summary").path("worst_level").asText());
        assertEquals(0, second.path("hosts").size(), "no group on this page failed");

        JsonNode third = pages.get(2);
        assertTrue(third.path("groups").get(third.path("groups").size() - 1).path("continues").asBoolean(),
                "t-ok-u-42-2 is cut after two of its three events");
        assertTrue(pages.get(3).path("next_cursor").isNull());
    }

    @Test
    void aUserWithoutEventsHasAnEmptyTimeline() {
        JsonNode answer = timeline("u-nobody").ok();

        assertEquals(0, answer.path("total").asLong());
        assertEquals(0, answer.path("groups").size());
        assertEquals(0, answer.path("hosts").size());
        assertTrue(answer.path("interval").isNull());
        assertTrue(answer.path("next_cursor").isNull());
    }

    @Test
    void mistakesNameTheParameter() {
        String limit = timeline("u-42", "limit", "100000").error(400, "INVALID_PARAMETER").path("message").asText();
        assertTrue(limit.contains("search.max_limit"), limit);
        timeline("u-42", "cursor", "not-a-cursor").error(400, "INVALID_CURSOR");
        String from = timeline("u-42", "from", "yesterday").error(400, "INVALID_PARAMETER").path("message").asText();
        assertTrue(from.contains("'from'"), from);
    }

    private static List<String> keys(JsonNode groups) {
        List<String> keys = new ArrayList<>();
        groups.forEach(group -> keys.add(group.path("key").asText()));
        return keys;
    }

    private static List<String> serviceOf(JsonNode events) {
        List<String> services = new ArrayList<>();
        events.forEach(event -> services.add(event.path("service").asText()));
        return services;
    }
}
