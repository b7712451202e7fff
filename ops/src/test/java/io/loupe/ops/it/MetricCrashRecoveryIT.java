package io.loupe.ops.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.loupe.ops.it.MetricsClient.Answer;
import io.loupe.ops.it.MetricsClient.QueriedSeries;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durability contract of the metric store end to end: a 2xx from {@code POST /api/v1/metrics}
 * means the samples survive SIGKILL of the server process at any moment, with their exact values,
 * and recovery never stores a sample twice. Client threads push native batches of uniquely placed
 * samples; the process is killed at a random moment (seeded: rerun a failure with
 * {@code -Dloupe.crash.seed=N}, run longer with {@code -Dloupe.metric_crash.rounds=N}); a new process
 * on the same data directory must return every acknowledged sample once, read back raw with
 * {@code step=1s}: {@code fn=count} is 1 in every bucket that has a sample, {@code fn=last} is the
 * value that was sent.
 *
 * <p>Sample {@code i} of client {@code c} in round {@code r} goes to series
 * {@code crash_sample{round=r, client=c, slot=i % SLOTS}} at {@code base + (i / SLOTS)} seconds with
 * the value {@code r·10^7 + c·10^6 + i + 0.25}, so each series has at most one sample per second
 * and each sample's place tells which it is.
 */
class MetricCrashRecoveryIT {
    private static final int ROUNDS = Integer.getInteger("loupe.metric_crash.rounds", 3);
    private static final long SEED = Long.getLong("loupe.crash.seed", System.nanoTime());
    private static final int CLIENTS = 3;
    private static final int SLOTS = 100;
    /** Clients stop at this many samples, so sample times stay a quarter of an hour after {@code base}, in the past. */
    private static final int MOST_SAMPLES_PER_CLIENT = SLOTS * 900;
    private static final Duration FIRST_ACKNOWLEDGEMENT_TIMEOUT = Duration.ofSeconds(20);
    private static final Pattern METRIC_REPLAY = Pattern.compile("metric write-ahead log replayed in \\d+ ms: (\\d+) record\\(s\\), (\\d+) sample\\(s\\)");

    /** What one round sent: per client, how many samples were sent (the first {@code sent[c]}) and which were acknowledged. */
    private record Round(int number, int[] sent, BitSet[] acknowledged) {
        long acknowledgedCount() {
            long count = 0;
            for (BitSet client : acknowledged) {
                count += client.cardinality();
            }
            return count;
        }

        long sentCount() {
            long count = 0;
            for (int client : sent) {
                count += client;
            }
            return count;
        }
    }

    static double value(int round, int client, long index) {
        return round * 10_000_000.0 + client * 1_000_000.0 + index + 0.25;
    }

    @Test
    void everyAcknowledgedSampleSurvivesSigkillWithItsValueExactlyOnce(@TempDir Path dataDir) throws Exception {
        System.out.println("MetricCrashRecoveryIT: seed " + SEED + ", " + ROUNDS + " round(s); -Dloupe.crash.seed=" + SEED
                + " repeats the kill delays, batch sizes and settings");
        Random random = new Random(SEED);
        long base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(20)).toEpochMilli();
        List<Round> rounds = new ArrayList<>();
        LoupeProcess loupe = LoupeProcess.start(dataDir, Map.of());
        try {
            for (int number = 1; number <= ROUNDS; number++) {
                // Alternate what the kill can find: one big write-ahead-log segment or many small ones,
                // the series registry committed every second or rarely (new series then live only in the log).
                Map<String, String> nextSettings = Map.of(
                        "LOUPE_LOG_COMMIT_SECONDS", random.nextBoolean() ? "1" : "15",
                        "LOUPE_WAL_SEGMENT_BYTES", random.nextBoolean() ? "65536" : "67108864");
                long killAfterMillis = 50 + random.nextInt(950);
                Round round;
                try (MetricStream stream = MetricStream.start(new MetricsClient(loupe.api()), number, base, random.nextLong())) {
                    stream.awaitFirstAcknowledgement(FIRST_ACKNOWLEDGEMENT_TIMEOUT);
                    Thread.sleep(killAfterMillis);
                    stream.serverKilled();
                    loupe.kill();
                    round = stream.awaitStopped();
                }
                rounds.add(round);
                loupe = LoupeProcess.start(dataDir, nextSettings);
                long stored = assertEveryAcknowledgedSampleOnce(loupe, base, rounds, "round " + number + " (seed " + SEED + ")");
                System.out.printf("MetricCrashRecoveryIT round %d: killed %d ms after the first acknowledgement; %d sample(s) acknowledged,"
                                + " %d sent this round; %d stored in all rounds; %s; next settings %s%n", number, killAfterMillis,
                        round.acknowledgedCount(), round.sentCount(), stored, replayReport(loupe), nextSettings);
            }
            int exit = loupe.stop();
            String stopOutput = loupe.output();
            assertTrue(stopOutput.contains("stopped"), () -> "SIGTERM stops the server gracefully (exit status " + exit + "):\n" + stopOutput);
            loupe = LoupeProcess.start(dataDir, Map.of());
            assertEveryAcknowledgedSampleOnce(loupe, base, rounds, "restart after a graceful stop (seed " + SEED + ")");
            loupe.stop();
        } finally {
            loupe.close();
        }
    }

    /** The metric store's start-up line: write-ahead-log records and samples put back in the head. */
    private static String replayReport(LoupeProcess loupe) {
        Matcher replay = METRIC_REPLAY.matcher(loupe.output());
        return replay.find() ? replay.group(1) + " log record(s) with " + replay.group(2) + " sample(s) replayed" : "no replay line";
    }

    /**
     * Reads back every round's samples raw and checks: each acknowledged sample is there, each
     * sample present was sent and has the value it was sent with, and no one-second bucket of a
     * series counts more than one sample. Returns how many samples are stored.
     */
    private static long assertEveryAcknowledgedSampleOnce(LoupeProcess loupe, long base, List<Round> rounds, String when) {
        MetricsClient client = new MetricsClient(loupe.api());
        long stored = 0;
        for (Round round : rounds) {
            for (int c = 0; c < CLIENTS; c++) {
                if (round.sent()[c] == 0) {
                    continue;
                }
                String selector = "crash_sample{round=\"" + round.number() + "\",client=\"" + c + "\"}";
                long to = base + (round.sent()[c] / SLOTS + 1) * 1000L;
                String where = when + ", round " + round.number() + " client " + c;

                for (QueriedSeries series : client.queryOk("match", selector, "from", Long.toString(base), "to", Long.toString(to),
                        "step", "1s", "fn", "count")) {
                    series.points().forEach((time, count) -> assertEquals(1.0, count,
                            () -> where + ": " + series.labels() + " holds " + count + " samples at " + Instant.ofEpochMilli(time)
                                    + ", one was sent\n" + loupe.output()));
                }

                BitSet found = new BitSet();
                for (QueriedSeries series : client.lastPerSecond(selector, base, to)) {
                    int slot = Integer.parseInt(series.labels().get("slot"));
                    for (Map.Entry<Long, Double> point : series.points().entrySet()) {
                        int index = Math.toIntExact((point.getKey() - base) / 1000 * SLOTS + slot);
                        assertTrue(index < round.sent()[c], () -> where + ": sample " + index + " was never sent: " + series.labels()
                                + " at " + Instant.ofEpochMilli(point.getKey()));
                        assertEquals(value(round.number(), c, index), point.getValue(),
                                () -> where + ": value of sample " + index + " (" + series.labels() + ")");
                        found.set(index);
                    }
                }
                BitSet acknowledged = round.acknowledged()[c];
                BitSet lost = (BitSet) acknowledged.clone();
                lost.andNot(found);
                assertTrue(lost.isEmpty(), () -> where + ": " + lost.cardinality() + " of " + acknowledged.cardinality()
                        + " acknowledged samples lost, e.g. indexes " + lost.stream().limit(20).boxed().toList() + "\n" + loupe.output());
                stored += found.cardinality();
            }
        }
        return stored;
    }

    /**
     * Client threads pushing native batches of 1 to 40 consecutive samples until the server goes
     * away. Each client records how many samples it sent and which were acknowledged (a 200 that
     * accepted the whole batch); a 429 or 503 batch is simply not acknowledged.
     */
    private static final class MetricStream implements AutoCloseable {
        private final MetricsClient client;
        private final int round;
        private final long base;
        private final int[] sent = new int[CLIENTS];
        private final BitSet[] acknowledged = new BitSet[CLIENTS];
        private final CountDownLatch firstAcknowledgement = new CountDownLatch(1);
        private final AtomicReference<String> unexpected = new AtomicReference<>();
        private final List<Thread> threads = new ArrayList<>();
        private volatile boolean stopping;
        private volatile boolean serverKilled;

        private MetricStream(MetricsClient client, int round, long base) {
            this.client = client;
            this.round = round;
            this.base = base;
        }

        static MetricStream start(MetricsClient client, int round, long base, long seed) {
            MetricStream stream = new MetricStream(client, round, base);
            for (int c = 0; c < CLIENTS; c++) {
                int number = c;
                Random random = new Random(seed + c);
                stream.acknowledged[c] = new BitSet();
                stream.threads.add(Thread.ofPlatform().name("metric-client-r" + round + "-" + c).start(() -> stream.run(number, random)));
            }
            return stream;
        }

        private void run(int c, Random random) {
            while (!stopping && sent[c] < MOST_SAMPLES_PER_CLIENT) {
                int first = sent[c];
                int size = Math.min(1 + random.nextInt(40), MOST_SAMPLES_PER_CLIENT - first);
                String[] lines = new String[size];
                for (int i = 0; i < size; i++) {
                    int index = first + i;
                    lines[i] = MetricsClient.sample("crash_sample",
                            Map.of("round", Integer.toString(round), "client", Integer.toString(c), "slot", Integer.toString(index % SLOTS)),
                            base + (long) (index / SLOTS) * 1000, value(round, c, index));
                }
                sent[c] = first + size;
                Answer answer;
                try {
                    answer = client.postNative(lines);
                } catch (UncheckedIOException e) {
                    if (!serverKilled) {
                        unexpected.compareAndSet(null, "client " + c + " lost the server before it was killed: " + e);
                    }
                    return;
                }
                if (answer.status() == 429 || answer.status() == 503) {
                    continue;
                }
                JsonNode json = answer.status() == 200 ? answer.json() : null;
                if (json == null || json.path("accepted").asInt() != size || json.path("rejected").asInt() != 0) {
                    unexpected.compareAndSet(null, "client " + c + " got " + answer.status() + " " + answer.body());
                    return;
                }
                acknowledged[c].set(first, first + size);
                firstAcknowledgement.countDown();
            }
        }

        void awaitFirstAcknowledgement(Duration timeout) throws InterruptedException {
            if (!firstAcknowledgement.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("no metric batch was acknowledged within " + timeout.toMillis() + " ms; "
                        + (unexpected.get() == null ? "no client saw an error" : unexpected.get()));
            }
        }

        /** Tells the clients that losing the server from now on is expected. */
        void serverKilled() {
            serverKilled = true;
        }

        /** Stops the clients, waits for them, and returns what they sent; fails when one saw something else than a 2xx or a lost connection. */
        Round awaitStopped() throws InterruptedException {
            stopping = true;
            for (Thread thread : threads) {
                thread.join(Duration.ofSeconds(60));
                if (thread.isAlive()) {
                    throw new AssertionError(thread.getName() + " is still waiting for the server 60 s after it was killed");
                }
            }
            if (unexpected.get() != null) {
                throw new AssertionError(unexpected.get());
            }
            return new Round(round, sent.clone(), acknowledged.clone());
        }

        @Override
        public void close() {
            stopping = true;
            try {
                for (Thread thread : threads) {
                    thread.join(Duration.ofSeconds(60));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
