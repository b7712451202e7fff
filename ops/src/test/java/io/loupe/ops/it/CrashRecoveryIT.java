package io.loupe.ops.it;

import static io.loupe.ops.it.LoupeApi.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durability contract end to end: a 200 from {@code POST /api/v1/logs} means the events survive
 * SIGKILL of the server process at any moment, and recovery never indexes an event twice. Client
 * threads ingest uniquely identified events; the process is killed at a random moment (seeded:
 * rerun a failure with {@code -Dloupe.crash.seed=N}, run longer with {@code -Dloupe.crash.rounds=N});
 * a new process on the same data directory must return every acknowledged event exactly once.
 */
class CrashRecoveryIT {
    private static final int ROUNDS = Integer.getInteger("loupe.crash.rounds", 3);
    private static final long SEED = Long.getLong("loupe.crash.seed", System.nanoTime());
    private static final int CLIENTS = 4;
    private static final Duration FIRST_ACKNOWLEDGEMENT_TIMEOUT = Duration.ofSeconds(20);

    /** What the store holds after a restart: how often each id was found. */
    private record Stored(Map<String, Integer> countById, long total) {
    }

    @Test
    void everyAcknowledgedEventSurvivesSigkillExactlyOnce(@TempDir Path dataDir) throws Exception {
        System.out.println("CrashRecoveryIT: seed " + SEED + ", " + ROUNDS + " round(s); -Dloupe.crash.seed=" + SEED
                + " repeats the kill delays and settings");
        Random random = new Random(SEED);
        Instant since = Instant.now().minus(Duration.ofMinutes(1));
        Set<String> acknowledged = new HashSet<>();
        Set<String> sent = new HashSet<>();
        LoupeProcess loupe = LoupeProcess.start(dataDir, Map.of());
        try {
            for (int round = 1; round <= ROUNDS; round++) {
                // Alternate the ways a kill can find the store: between commits or close after one,
                // in one big write-ahead-log segment or among many small ones.
                Map<String, String> nextSettings = Map.of(
                        "LOUPE_LOG_COMMIT_SECONDS", random.nextBoolean() ? "1" : "15",
                        "LOUPE_WAL_SEGMENT_BYTES", random.nextBoolean() ? "65536" : "67108864");
                long killAfterMillis = 100 + random.nextInt(1400);
                try (AcknowledgedIngestion ingestion = AcknowledgedIngestion.start(loupe.api(), "r" + round, CLIENTS, random.nextLong())) {
                    ingestion.awaitFirstAcknowledgement(FIRST_ACKNOWLEDGEMENT_TIMEOUT);
                    Thread.sleep(killAfterMillis);
                    ingestion.serverKilled();
                    loupe.kill();
                    ingestion.awaitStopped();
                    acknowledged.addAll(ingestion.acknowledged());
                    sent.addAll(ingestion.sent());
                }
                loupe = LoupeProcess.start(dataDir, nextSettings);
                Stored stored = assertExactlyOnce(loupe, since, acknowledged, sent, "round " + round + " (seed " + SEED + ")");
                System.out.printf("CrashRecoveryIT round %d: killed %d ms after the first acknowledgement; %d event(s) acknowledged,"
                                + " %d sent, %d stored, %d re-indexed from the write-ahead log; next settings %s%n",
                        round, killAfterMillis, acknowledged.size(), sent.size(), stored.total(), loupe.eventsReplayed(), nextSettings);
            }
            int exit = loupe.stop();
            String stopOutput = loupe.output();
            assertTrue(stopOutput.contains("stopped"), () -> "SIGTERM stops the server gracefully (exit status " + exit + "):\n" + stopOutput);
            loupe = LoupeProcess.start(dataDir, Map.of());
            assertExactlyOnce(loupe, since, acknowledged, sent, "restart after a graceful stop (seed " + SEED + ")");
            assertEquals(0, loupe.eventsReplayed(), "a graceful stop commits everything, so the next start re-indexes nothing");
            loupe.stop();
        } finally {
            loupe.close();
        }
    }

    @Test
    void killRightAfterACommitReplaysOnlyWhatTheCommitDoesNotCover(@TempDir Path dataDir) throws Exception {
        Instant since = Instant.now().minus(Duration.ofMinutes(1));
        Set<String> acknowledged;
        Set<String> sent;
        try (LoupeProcess loupe = LoupeProcess.start(dataDir, Map.of("LOUPE_LOG_COMMIT_SECONDS", "1",
                "LOUPE_WAL_SEGMENT_BYTES", "65536"))) {
            try (AcknowledgedIngestion ingestion = AcknowledgedIngestion.start(loupe.api(), "commit", CLIENTS, SEED)) {
                ingestion.awaitFirstAcknowledgement(FIRST_ACKNOWLEDGEMENT_TIMEOUT);
                // The second commit seen from now began after the first acknowledgement, so it covers at least that batch.
                awaitNewCommits(dataDir, 2, Duration.ofSeconds(10));
                ingestion.serverKilled();
                loupe.kill();
                ingestion.awaitStopped();
                acknowledged = ingestion.acknowledged();
                sent = ingestion.sent();
            }
        }
        try (LoupeProcess restarted = LoupeProcess.start(dataDir, Map.of())) {
            Stored stored = assertExactlyOnce(restarted, since, acknowledged, sent, "kill after a commit");
            long replayed = restarted.eventsReplayed();
            System.out.printf("CrashRecoveryIT commit round: %d event(s) acknowledged, %d stored, %d re-indexed from the write-ahead log%n",
                    acknowledged.size(), stored.total(), replayed);
            assertTrue(replayed < stored.total(), "the commit covered part of the events, so recovery re-indexed only the rest: "
                    + replayed + " re-indexed of " + stored.total());
            restarted.stop();
        }
    }

    /** Waits until {@code count} index commits newer than the ones on disk now have appeared in any log partition. */
    private static void awaitNewCommits(Path dataDir, int count, Duration timeout) throws IOException {
        Set<String> seen = commitPoints(dataDir);
        int fresh = 0;
        Instant deadline = Instant.now().plus(timeout);
        while (fresh < count) {
            for (String commit : commitPoints(dataDir)) {
                if (seen.add(commit)) {
                    fresh++;
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("only " + fresh + " of " + count + " commits within " + timeout.toSeconds()
                        + " s with log.commit_seconds=1; commit points seen: " + seen);
            }
            LoupeApi.pause(1);
        }
    }

    /** The Lucene commit points ({@code segments_N}) of every log partition, as {@code kind/day/segments_N}. */
    private static Set<String> commitPoints(Path dataDir) throws IOException {
        Set<String> commits = new HashSet<>();
        Path logs = dataDir.resolve("logs");
        if (!Files.isDirectory(logs)) {
            return commits;
        }
        try (Stream<Path> files = Files.walk(logs, 3)) {
            files.filter(file -> file.getFileName().toString().startsWith("segments_"))
                    .forEach(file -> commits.add(logs.relativize(file).toString()));
        } catch (UncheckedIOException e) {
            // a commit point deleted by Lucene while it was listed: the next look sees the new one
        }
        return commits;
    }

    /**
     * Pages through every event ingested since {@code since} and checks: each acknowledged id is
     * there exactly once, no id is there twice, nothing is there that was never sent, and each
     * event's message is the one it was sent with.
     */
    private static Stored assertExactlyOnce(LoupeProcess loupe, Instant since, Set<String> acknowledged, Set<String> sent, String when) {
        Map<String, Integer> countById = new HashMap<>();
        long total = -1;
        String cursor = null;
        Map<String, String> search = params("q", "service:" + AcknowledgedIngestion.SERVICE, "from", since.toString(),
                "to", Instant.now().plus(Duration.ofMinutes(1)).toString(), "limit", "10000");
        do {
            Map<String, String> page = new HashMap<>(search);
            if (cursor != null) {
                page.put("cursor", cursor);
            }
            JsonNode answer = loupe.api().searchOk(page);
            total = answer.path("total").asLong();
            for (JsonNode hit : answer.path("hits")) {
                String id = hit.path("request_id").asText();
                countById.merge(id, 1, Integer::sum);
                assertEquals(AcknowledgedIngestion.message(id), hit.path("message").asText(), () -> when + ": message of " + hit);
            }
            cursor = answer.path("next_cursor").isNull() ? null : answer.path("next_cursor").asText();
        } while (cursor != null);

        List<String> missing = acknowledged.stream().filter(id -> !countById.containsKey(id)).sorted().limit(20).toList();
        assertTrue(missing.isEmpty(), () -> when + ": acknowledged events lost, e.g. " + missing + " ("
                + acknowledged.stream().filter(id -> !countById.containsKey(id)).count() + " of " + acknowledged.size() + ")\n" + loupe.output());
        List<String> duplicated = countById.entrySet().stream().filter(e -> e.getValue() > 1).map(e -> e.getKey() + " x" + e.getValue())
                .sorted().limit(20).toList();
        assertTrue(duplicated.isEmpty(), () -> when + ": events stored more than once, e.g. " + duplicated + "\n" + loupe.output());
        List<String> unknown = countById.keySet().stream().filter(id -> !sent.contains(id)).sorted().limit(20).toList();
        assertTrue(unknown.isEmpty(), () -> when + ": events that were never sent: " + unknown);
        assertEquals(countById.size(), total, when + ": total agrees with the hits paged through");
        JsonNode chain = loupe.api().get("/api/v1/audit/verify").ok();
        assertEquals("intact", chain.path("status").asText(), () -> when + ": the audit hash chain after recovery: " + chain);
        long audit = countById.keySet().stream().filter(id -> Integer.parseInt(id.substring(id.lastIndexOf('-') + 1)) % 3 == 1).count();
        assertEquals(audit, chain.path("events").asLong(), () -> when + ": every stored audit event is in the chain: " + chain);
        return new Stored(countById, total);
    }
}
