package io.loupe.ops.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * {@code ./loupe bench search}: query latency over HTTP on a freshly loaded server.
 *
 * <ol>
 *   <li>Start the server with its clock at the start of the 24 hours ({@link CatchUpClock}) and load
 *       node_exporter-shaped metrics of every host of the events, every {@value #HOST_INTERVAL_SECONDS}
 *       s over the 24 hours, through {@code POST /api/v1/import/prometheus} ({@link HostMetricsLoad});
 *       then the clock joins real time.</li>
 *   <li>Generate and ingest the events as the ingest benchmark does, then commit and refresh and
 *       wait until a search counts all of them.</li>
 *   <li>Warm up with as many requests of each kind as will be measured.</li>
 *   <li>Measure, one request at a time, kind after kind (see {@link SearchQueries}): {@code queries}
 *       user_id lookups, term queries and user timelines; a tenth as many ({@link BenchOptions#fullScanQueries()})
 *       1-minute histograms, {@code stats count() by host}, {@code timechart 1m count()} (and
 *       {@code by level}) over the 24 hours, and correlation requests. A latency is the time from
 *       sending the request to having the whole response body.</li>
 * </ol>
 * Each answer is checked by its {@link AnswerCheck} after its clock stopped. The details on stderr
 * add the server's own {@code took_ms} and, per full-text word, latency against the number of
 * matching events.
 */
final class SearchBenchmark {
    static final int HOST_INTERVAL_SECONDS = 15;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration VISIBLE_TIMEOUT = Duration.ofMinutes(2);

    private final BenchServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final long events;

    private SearchBenchmark(BenchServer server, long events) {
        this.server = server;
        this.events = events;
    }

    /** One kind of request: how to make the next one, how many to measure, and the name of its figures. */
    private record Kind(String name, String figure, Supplier<BenchRequest> next, int count) {
    }

    static ResultLine run(BenchOptions options, Map<String, String> environment) throws Exception {
        try (TempDirectory work = TempDirectory.create("loupe-bench-search-")) {
            EventGenerator generator = new EventGenerator(options.seed(), options.events(), Instant.now());
            long generating = System.nanoTime();
            HostMetricsGenerator hostMetrics = new HostMetricsGenerator(EventGenerator.hostNames(), options.seed(),
                    generator.start().toEpochMilli(), generator.end().toEpochMilli(), HOST_INTERVAL_SECONDS * 1000L);
            CatchUpClock clock = new CatchUpClock(generator.start().toEpochMilli());
            try (BatchFile batches = BatchFile.write(generator, options.batch(), work.path().resolve("events.ndjson"));
                 BenchServer server = BenchServer.start(work.path().resolve("loupe-data"), clock)) {
                System.err.printf("generated %s in %.1f s%n", batches, (System.nanoTime() - generating) / 1e9);
                HostMetricsLoad.Outcome metrics = HostMetricsLoad.run(hostMetrics, server.uri(HostMetricsLoad.PATH), clock,
                        server.server().metrics());
                clock.catchUp();
                System.err.printf("loaded %,d host samples (%d hosts, %d series each, every %d s over 24 h) in %d requests, "
                                + "%d blocks sealed, in %.1f s (%,.0f samples/s)%n", metrics.samples(), EventGenerator.hostNames().size(),
                        HostMetricsGenerator.SERIES_PER_HOST, HOST_INTERVAL_SECONDS, metrics.requests(), metrics.sealedBlocks(),
                        metrics.elapsedNanos() / 1e9, metrics.samplesPerSecond());
                HttpBatchSender.Outcome loaded = new HttpBatchSender(server.uri("/api/v1/logs"), IngestProtocol.NATIVE, options.connections())
                        .sendAll(batches, "load");
                System.err.printf("loaded %,d events in %.1f s (%,.0f ev/s)%n", loaded.accepted(), loaded.elapsedNanos() / 1e9,
                        loaded.eventsPerSecond());
                SearchQueries queries = new SearchQueries(generator.drawnUserIds(), generator::eventsOfUser, generator.start(),
                        generator.end(), batches.events(), EventGenerator.hostNames().size(), options.seed());
                SearchBenchmark benchmark = new SearchBenchmark(server, batches.events());
                benchmark.commitAndWaitUntilVisible(queries);
                return benchmark.measure(queries, options, environment).put("host_samples", metrics.samples())
                        .put("command", options.command(environment));
            }
        }
    }

    private void commitAndWaitUntilVisible(SearchQueries queries) throws Exception {
        long started = System.nanoTime();
        server.server().store().commit();
        server.server().store().refresh();
        long deadline = started + VISIBLE_TIMEOUT.toNanos();
        long total;
        while ((total = send(queries.countAll()).outcome().matched()) != events) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("after " + VISIBLE_TIMEOUT.toSeconds() + " s a search counts " + total
                        + " of the " + events + " events ingested");
            }
            Thread.sleep(100);
        }
        System.err.printf("committed, refreshed and all %,d events searchable after %.1f s%n", events, (System.nanoTime() - started) / 1e9);
    }

    private ResultLine measure(SearchQueries queries, BenchOptions options, Map<String, String> environment) throws Exception {
        int measured = options.queries();
        int fullScans = options.fullScanQueries();
        Kind[] kinds = {
            new Kind("user_id lookup", "user_id", queries::userIdLookup, measured),
            new Kind("term query", "term", queries::term, measured),
            new Kind("histogram 1m/24h", "histogram", queries::histogram, fullScans),
            new Kind("stats count() by host", "stats_by_host", queries::statsByHost, fullScans),
            new Kind("timechart 1m count()", "timechart", queries::timechart, fullScans),
            new Kind("timechart 1m count() by level", "timechart_by_level", queries::timechartByLevel, fullScans),
            new Kind("correlate service:S", "correlate", queries::correlation, fullScans),
            new Kind("user timeline", "timeline", queries::timeline, measured),
        };
        long warming = System.nanoTime();
        for (Kind kind : kinds) {
            run(kind.next(), kind.count(), null);
        }
        System.err.printf("warmed up with %d lookups, term queries and timelines each and %d of each other kind in %.1f s%n", measured,
                fullScans, (System.nanoTime() - warming) / 1e9);
        Map<Kind, LatencyRecorder> latencies = new LinkedHashMap<>();
        Map<Kind, Answers> answers = new LinkedHashMap<>();
        for (Kind kind : kinds) {
            LatencyRecorder recorder = new LatencyRecorder();
            answers.put(kind, run(kind.next(), kind.count(), recorder));
            latencies.put(kind, recorder);
        }
        ResultLine result = new ResultLine().put("benchmark", "search").put("events", events);
        for (Kind kind : kinds) {
            report(kind.name(), latencies.get(kind), answers.get(kind));
            if (kind.figure().equals("term")) {
                reportByQuery(answers.get(kind));
            }
            answers.get(kind).byVariant.forEach((variant, recorder) -> System.err.printf(
                    "  %-45s p50 %8.3f ms, p99 %8.3f ms (%d requests)%n", variant, recorder.percentileMillis(50),
                    recorder.percentileMillis(99), recorder.count()));
            result.put(kind.figure() + "_p50_ms", latencies.get(kind).percentileMillis(50), 3)
                    .put(kind.figure() + "_p99_ms", latencies.get(kind).percentileMillis(99), 3);
        }
        return result;
    }

    /** What the answers of one series of requests held, summed, for the details on stderr. */
    private static final class Answers {
        long items;
        long matches;
        long serverMillis;
        final Map<String, LatencyRecorder> byLabel = new TreeMap<>();
        final Map<String, Long> matchesByLabel = new TreeMap<>();
        final Map<String, LatencyRecorder> byVariant = new TreeMap<>();
    }

    private record Sent(AnswerCheck.Outcome outcome, long elapsedNanos) {
    }

    /**
     * Sends {@code count} requests one after the other, recording latencies when {@code recorder} is
     * not null; returns what the answers held.
     */
    private Answers run(Supplier<BenchRequest> next, int count, LatencyRecorder recorder) throws Exception {
        Answers answers = new Answers();
        for (int i = 0; i < count; i++) {
            BenchRequest request = next.get();
            Sent sent = send(request);
            if (recorder != null) {
                recorder.record(sent.elapsedNanos());
            }
            answers.items += sent.outcome().items();
            answers.matches += sent.outcome().matched();
            answers.serverMillis += sent.outcome().serverMillis();
            answers.byLabel.computeIfAbsent(request.label(), k -> new LatencyRecorder()).record(sent.elapsedNanos());
            answers.matchesByLabel.put(request.label(), sent.outcome().matched());
            if (recorder != null && !sent.outcome().variant().isEmpty()) {
                answers.byVariant.computeIfAbsent(sent.outcome().variant(), k -> new LatencyRecorder()).record(sent.elapsedNanos());
            }
        }
        return answers;
    }

    /** Sends one request and checks its answer once the clock has stopped. */
    private Sent send(BenchRequest request) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(server.uri(request.pathAndQuery()));
        if (request.jsonBody() == null) {
            builder.GET();
        } else {
            builder.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(request.jsonBody()));
        }
        HttpRequest http = builder.build();
        long started = System.nanoTime();
        HttpResponse<byte[]> response = client.send(http, HttpResponse.BodyHandlers.ofByteArray());
        long elapsed = System.nanoTime() - started;
        if (response.statusCode() != 200) {
            throw new IOException(request.describe() + " answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        JsonNode answer = JSON.readTree(response.body());
        try {
            return new Sent(request.check().check(answer), elapsed);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(request.describe() + ": " + e.getMessage(), e);
        }
    }

    private static void report(String name, LatencyRecorder latencies, Answers answers) {
        System.err.printf("%s: %d requests, p50 %.3f ms, p99 %.3f ms, max %.3f ms; on average %.1f items (hits, rows, hosts or "
                        + "timeline events), %,.0f matches, took_ms %.2f (server time before the response is rendered)%n", name,
                latencies.count(), latencies.percentileMillis(50), latencies.percentileMillis(99), latencies.maxMillis(),
                (double) answers.items / latencies.count(), (double) answers.matches / latencies.count(),
                (double) answers.serverMillis / latencies.count());
    }

    /** Latency of each full-text word against how many events it matches: what a term query's time grows with. */
    private static void reportByQuery(Answers answers) {
        answers.byLabel.entrySet().stream()
                .sorted(Comparator.comparingLong(e -> answers.matchesByLabel.get(e.getKey())))
                .forEach(e -> System.err.printf("  term %-12s %,11d matches: p50 %7.3f ms, max %7.3f ms (%d queries)%n",
                        e.getKey(), answers.matchesByLabel.get(e.getKey()), e.getValue().percentileMillis(50),
                        e.getValue().maxMillis(), e.getValue().count()));
    }
}
