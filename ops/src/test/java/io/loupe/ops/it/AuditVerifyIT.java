package io.loupe.ops.it;

import static io.loupe.ops.it.LoupeApi.event;
import static io.loupe.ops.it.LoupeApi.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/v1/audit/verify} against the real server: a trail written by concurrent requests
 * over two days verifies intact, also after restarts; one audit event edited or deleted in the data
 * directory of the stopped server, with Lucene's own writer, is named after the restart.
 */
class AuditVerifyIT {
    private static final Instant T0 = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
    private static final int TRAIL = 40;

    @TempDir
    Path dataDir;

    @Test
    void aTrailWrittenByConcurrentRequestsOverTwoDaysIsIntactAcrossRestarts() throws Exception {
        int threads = 6;
        int requests = 8;
        int perRequest = 25;
        try (InProcessLoupe loupe = InProcessLoupe.start(dataDir, Map.of())) {
            try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
                List<Future<?>> sent = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    sent.add(pool.submit(() -> {
                        for (int r = 0; r < requests; r++) {
                            loupe.api().ingestAll(mixedBatch(thread, r, perRequest));
                        }
                    }));
                }
                for (Future<?> request : sent) {
                    request.get();
                }
            }
            long audit = (long) threads * requests * auditEventsIn(perRequest);
            JsonNode intact = verify(loupe.api(), "");
            assertEquals("intact", intact.path("status").asText(), intact.toString());
            assertEquals(audit, intact.path("events").asLong(), intact.toString());
            assertEquals(2, intact.path("partitions").size(), "yesterday's and today's audit partitions: " + intact);
            long positions = 0;
            for (JsonNode partition : intact.path("partitions")) {
                assertEquals(partition.path("events").asLong(), partition.path("head_position").asLong(), partition.toString());
                assertEquals(64, partition.path("head_hash").asText().length(), partition.toString());
                positions += partition.path("head_position").asLong();
            }
            assertEquals(audit, positions);
            JsonNode today = verify(loupe.api(), "from=" + T0.truncatedTo(ChronoUnit.DAYS) + "&to=now");
            assertEquals(1, today.path("partitions").size(), "only the days the range touches: " + today);
        }
        try (InProcessLoupe restarted = InProcessLoupe.start(dataDir, Map.of())) {
            restarted.api().ingestAll(mixedBatch(99, 0, 30));
            JsonNode intact = verify(restarted.api(), "");
            assertEquals("intact", intact.path("status").asText(), intact.toString());
            assertEquals((long) threads * requests * auditEventsIn(perRequest) + auditEventsIn(30), intact.path("events").asLong());
        }
    }

    @Test
    void anEventEditedOnDiskIsNamedWithTheActorItNowShows() throws Exception {
        List<String> ids = writeTrail();
        String victim = ids.get(TRAIL / 2);
        AuditTrailTamper.changeActor(AuditTrailTamper.partition(dataDir, day()), Long.parseLong(victim), "mallory");
        try (InProcessLoupe loupe = InProcessLoupe.start(dataDir, Map.of())) {
            JsonNode broken = verify(loupe.api(), "");
            assertEquals("broken", broken.path("status").asText(), broken.toString());
            assertEquals(victim, broken.path("first_bad_event").path("id").asText(), broken.toString());
            assertEquals("mallory", broken.path("first_bad_event").path("actor").asText());
            assertTrue(broken.path("reason").asText().startsWith("the event was altered"), broken.toString());
            assertEquals("audit/" + day(), broken.path("partition").asText());
            assertEquals(TRAIL / 2, broken.path("events").asLong(), "the events before it check out");
            JsonNode found = loupe.api().searchOk(params("q", "actor:mallory", "kind", "audit", "from", "now-1d", "to", "now"));
            assertEquals(1, found.path("total").asLong(), "the edit is what search shows, which is why verification matters");
        }
    }

    @Test
    void anEventDeletedOnDiskIsNamedByTheEventAfterTheGap() throws Exception {
        List<String> ids = writeTrail();
        AuditTrailTamper.delete(AuditTrailTamper.partition(dataDir, day()), Long.parseLong(ids.get(10)));
        try (InProcessLoupe loupe = InProcessLoupe.start(dataDir, Map.of())) {
            JsonNode broken = verify(loupe.api(), "");
            assertEquals("broken", broken.path("status").asText(), broken.toString());
            assertEquals(ids.get(11), broken.path("first_bad_event").path("id").asText(), broken.toString());
            assertEquals("1 audit event is missing before this one (chain position 11)", broken.path("reason").asText());
        }
    }

    @Test
    void deletingTheNewestEventIsNoticedAgainstTheKeptHead() throws Exception {
        List<String> ids = writeTrail();
        AuditTrailTamper.delete(AuditTrailTamper.partition(dataDir, day()), Long.parseLong(ids.getLast()));
        try (InProcessLoupe loupe = InProcessLoupe.start(dataDir, Map.of())) {
            JsonNode broken = verify(loupe.api(), "");
            assertEquals("broken", broken.path("status").asText(), broken.toString());
            assertEquals(ids.get(TRAIL - 2), broken.path("first_bad_event").path("id").asText(), broken.toString());
            assertEquals("the chain's kept head is at position " + TRAIL + " but the newest audit event is at position "
                    + (TRAIL - 1) + ": the last 1 audit event was deleted", broken.path("reason").asText());
        }
    }

    @Test
    void aBadTimeIsRefusedWithWhatItShouldBe() throws Exception {
        try (InProcessLoupe loupe = InProcessLoupe.start(dataDir, Map.of())) {
            JsonNode error = loupe.api().get("/api/v1/audit/verify?from=yesterday").error(400, "INVALID_PARAMETER");
            assertTrue(error.path("message").asText().contains("'yesterday' is not a time"), error.toString());
            loupe.api().get("/api/v1/audit/verify?from=now&to=now-1h").error(400, "INVALID_PARAMETER");
            JsonNode empty = verify(loupe.api(), "");
            assertEquals("intact", empty.path("status").asText());
            assertEquals(0, empty.path("events").asLong());
        }
    }

    /** Writes {@link #TRAIL} audit events one request each (so chain order is time order), stops the server, returns their ids oldest first. */
    private List<String> writeTrail() throws Exception {
        try (InProcessLoupe loupe = InProcessLoupe.start(dataDir, Map.of())) {
            for (int i = 0; i < TRAIL; i++) {
                loupe.api().ingestAll(audit(T0.plusSeconds(i), "user-" + (i % 4), i % 7 == 0 ? "failure" : "success", "doc-" + i));
            }
            JsonNode intact = verify(loupe.api(), "");
            assertEquals("intact", intact.path("status").asText(), "before tampering: " + intact);
            JsonNode hits = loupe.api().awaitTotal(params("q", "*", "kind", "audit", "from", "now-1d", "to", "now", "limit", "100"), TRAIL)
                    .path("hits");
            List<String> ids = new ArrayList<>();
            for (JsonNode hit : hits) {
                ids.addFirst(hit.path("id").asText());
            }
            return ids;
        }
    }

    private static String day() {
        return T0.atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }

    private static long auditEventsIn(int mixedBatchSize) {
        return mixedBatchSize - (mixedBatchSize + 1) / 3;
    }

    /** Every third event is an application event; the audit events alternate between yesterday and today. */
    private static String[] mixedBatch(int thread, int request, int size) {
        String[] lines = new String[size];
        for (int i = 0; i < size; i++) {
            Instant at = T0.minus(Duration.ofDays(i % 2)).plusMillis(thread * 1000L + request * 10L + i);
            lines[i] = i % 3 == 2
                    ? event("timestamp", at.toString(), "kind", "application", "service", "checkout", "message", "noise " + i)
                    : audit(at, "user-" + thread, "success", "doc-" + thread + "-" + request + "-" + i);
        }
        return lines;
    }

    private static String audit(Instant at, String actor, String outcome, String resource) {
        return event("timestamp", at.toString(), "kind", "audit", "actor", actor, "action", "document.update",
                "resource", resource, "outcome", outcome, "source_ip", "10.0.3." + (resource.length() % 250),
                "message", actor + " updated " + resource);
    }

    private static JsonNode verify(LoupeApi api, String query) {
        return api.get("/api/v1/audit/verify" + (query.isEmpty() ? "" : "?" + query)).ok();
    }
}
