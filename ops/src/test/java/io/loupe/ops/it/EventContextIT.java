package io.loupe.ops.it;

import static io.loupe.ops.it.LoupeApi.event;
import static io.loupe.ops.it.LoupeApi.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/v1/events/{id}/context} against the real server: the lines of the same host and source around an event. */
class EventContextIT {
    @TempDir
    static Path dataDir;
    private static InProcessLoupe loupe;
    private static LoupeApi api;
    private static final Instant T0 = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS);

    @BeforeAll
    static void startServerWithEvents() throws Exception {
        loupe = InProcessLoupe.start(dataDir, Map.of());
        api = loupe.api();
        List<String> lines = new ArrayList<>();
        lines.add(line(T0.minus(Duration.ofDays(3)), "web-1", "nginx", "n-old")); // found only by the widest window
        for (int i = 0; i < 20; i++) {
            lines.add(line(T0.plusSeconds(i), "web-1", "nginx", "n" + i));
            lines.add(line(T0.plusSeconds(i), "web-2", "nginx", "other host " + i));
            lines.add(line(T0.plusSeconds(i), "web-1", "app", "other source " + i));
        }
        // three lines with the same timestamp as n10: arrival decides which side they are on
        lines.add(line(T0.plusSeconds(10), "web-1", "nginx", "n10 tie after"));
        lines.add(event("timestamp", T0.plusSeconds(5).toString(), "host", "web-9", "message", "no source"));
        lines.add(event("timestamp", T0.plusSeconds(6).toString(), "host", "web-9", "message", "no source either"));
        lines.add(event("timestamp", T0.plusSeconds(7).toString(), "host", "web-9", "source", "cron", "message", "with source"));
        api.ingestAll(lines.toArray(String[]::new));
        api.awaitTotal(params("from", T0.minus(Duration.ofDays(4)).toString(), "to", "now"), lines.size());
    }

    @AfterAll
    static void stopServer() {
        if (loupe != null) {
            loupe.close();
        }
    }

    @Test
    void theLinesOfTheSameHostAndSourceAroundAnEventOldestFirst() {
        String id = idOf("n10");
        JsonNode context = api.get("/api/v1/events/" + id + "/context?before=3&after=3").ok();
        assertEquals("n10", context.path("event").path("message").asText());
        assertEquals(id, context.path("event").path("id").asText());
        assertEquals(List.of("n7", "n8", "n9"), messages(context.path("before")));
        assertEquals(List.of("n10 tie after", "n11", "n12"), messages(context.path("after")),
                "a line with the same time that arrived later is after");
        assertEquals(List.of("host", "source"), StreamSupport.stream(context.path("matched_on").spliterator(), false)
                .map(JsonNode::asText).toList());
        assertFalse(context.has("note"));
    }

    @Test
    void defaultsAreTenEachAndTheContextReachesBackDays() {
        JsonNode context = api.get("/api/v1/events/" + idOf("n3") + "/context").ok();
        assertEquals(List.of("n-old", "n0", "n1", "n2"), messages(context.path("before")), "all there is, the oldest three days back");
        assertEquals(10, context.path("after").size());
        assertEquals("n4", context.path("after").get(0).path("message").asText());

        JsonNode last = api.get("/api/v1/events/" + idOf("n19") + "/context?after=5&before=0").ok();
        assertEquals(List.of(), messages(last.path("after")), "nothing is newer");
        assertEquals(List.of(), messages(last.path("before")));
    }

    @Test
    void anEventWithoutSourceMatchesOnItsHostAndSaysSo() {
        JsonNode context = api.get("/api/v1/events/" + idOf("\"no source either\"") + "/context").ok();
        assertEquals(List.of("no source"), messages(context.path("before")));
        assertEquals(List.of("with source"), messages(context.path("after")), "the host's lines, whatever their source");
        assertEquals("host", context.path("matched_on").get(0).asText());
        assertEquals(1, context.path("matched_on").size());
        assertEquals("the event has no source; the context is the application events of host web-9 around it",
                context.path("note").asText());
    }

    @Test
    void unknownIdsAndBadParametersAreAnsweredWithTheReason() {
        JsonNode missing = api.get("/api/v1/events/12345/context").error(404, "EVENT_NOT_FOUND");
        assertTrue(missing.path("message").asText().startsWith("no event has id 12345"), missing.toString());
        assertEquals("event id 'abc' is not an id search returns (a whole number)",
                api.get("/api/v1/events/abc/context").error(400, "INVALID_PARAMETER").path("message").asText());
        assertEquals("parameter 'before' must be a whole number from 0 to 500, got '501'",
                api.get("/api/v1/events/" + idOf("n1") + "/context?before=501").error(400, "INVALID_PARAMETER").path("message").asText());
    }

    private static String idOf(String message) {
        JsonNode hits = api.searchOk(params("q", "message:" + (message.startsWith("\"") ? message : "\"" + message + "\""),
                "from", T0.minus(Duration.ofDays(4)).toString(), "to", "now")).path("hits");
        for (JsonNode hit : hits) {
            if (hit.path("message").asText().equals(message.replace("\"", ""))) {
                return hit.path("id").asText();
            }
        }
        throw new AssertionError("no event with message " + message + " in " + hits);
    }

    private static String line(Instant at, String host, String source, String message) {
        return event("timestamp", at.toString(), "host", host, "source", source, "message", message);
    }

    private static List<String> messages(JsonNode hits) {
        return StreamSupport.stream(hits.spliterator(), false).map(hit -> hit.path("message").asText()).toList();
    }
}
