package io.loupe.ops.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * {@code ./loupe bench search}: query latency over HTTP on a freshly loaded server.
 *
 * <ol>
 *   <li>Generate and ingest the events as the ingest benchmark does, then commit and refresh and
 *       wait until a search counts all of them.</li>
 *   <li>Warm up with as many queries of each kind as will be measured.</li>
 *   <li>Measure, one request at a time: {@code queries} user_id lookups, {@code queries} term
 *       queries, then a tenth as many 1-minute histograms over the 24 hours (see {@link SearchQueries}).
 *       A latency is the time from sending the request to having the whole response body.</li>
 * </ol>
 * Each answer is checked (200; as many hits as the total allows, up to 100; histogram counts
 * adding up to every event) after its clock stopped. The details on stderr add the server's own
 * {@code took_ms} and, per full-text word, latency against the number of matching events.
 */
final class SearchBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration VISIBLE_TIMEOUT = Duration.ofMinutes(2);

    private final BenchServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final long events;

    private SearchBenchmark(BenchServer server, long events) {
        this.server = server;
        this.events = events;
    }

    static ResultLine run(BenchOptions options, Map<String, String> environment) throws Exception {
        try (TempDirectory work = TempDirectory.create("loupe-bench-search-")) {
            EventGenerator generator = new EventGenerator(options.seed(), options.events(), Instant.now());
            long generating = System.nanoTime();
            try (BatchFile batches = BatchFile.write(generator, options.batch(), work.path().resolve("events.ndjson"));
                 BenchServer server = BenchServer.start(work.path().resolve("loupe-data"))) {
                System.err.printf("generated %s in %.1f s%n", batches, (System.nanoTime() - generating) / 1e9);
                HttpBatchSender.Outcome loaded = new HttpBatchSender(server.uri("/api/v1/logs"), IngestProtocol.NATIVE, options.connections())
                        .sendAll(batches, "load");
                System.err.printf("loaded %,d events in %.1f s (%,.0f ev/s)%n", loaded.accepted(), loaded.elapsedNanos() / 1e9,
                        loaded.eventsPerSecond());
                SearchQueries queries = new SearchQueries(generator.drawnUserIds(), generator.start(), generator.end(), options.seed());
                SearchBenchmark benchmark = new SearchBenchmark(server, batches.events());
                benchmark.commitAndWaitUntilVisible(queries);
                return benchmark.measure(queries, options, environment);
            }
        }
    }

    private void commitAndWaitUntilVisible(SearchQueries queries) throws Exception {
        long started = System.nanoTime();
        server.server().store().commit();
        server.server().store().refresh();
        long deadline = started + VISIBLE_TIMEOUT.toNanos();
        long total;
        while ((total = get(queries.countAll()).path("total").asLong()) != events) {
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
        int histograms = options.histogramQueries();
        long warming = System.nanoTime();
        run(queries::userIdLookup, measured, null);
        run(queries::term, measured, null);
        run(queries::histogram, histograms, null);
        System.err.printf("warmed up with %d lookups, %d term queries, %d histograms in %.1f s%n", measured, measured, histograms,
                (System.nanoTime() - warming) / 1e9);
        LatencyRecorder lookups = new LatencyRecorder();
        LatencyRecorder terms = new LatencyRecorder();
        LatencyRecorder histogram = new LatencyRecorder();
        Answers lookupAnswers = run(queries::userIdLookup, measured, lookups);
        Answers termAnswers = run(queries::term, measured, terms);
        Answers histogramAnswers = run(queries::histogram, histograms, histogram);
        report("user_id lookup", lookups, lookupAnswers);
        report("term query", terms, termAnswers);
        reportByQuery(termAnswers);
        report("histogram 1m/24h", histogram, histogramAnswers);
        return new ResultLine()
                .put("benchmark", "search")
                .put("events", events)
                .put("user_id_p50_ms", lookups.percentileMillis(50), 3)
                .put("user_id_p99_ms", lookups.percentileMillis(99), 3)
                .put("term_p50_ms", terms.percentileMillis(50), 3)
                .put("term_p99_ms", terms.percentileMillis(99), 3)
                .put("histogram_p50_ms", histogram.percentileMillis(50), 3)
                .put("histogram_p99_ms", histogram.percentileMillis(99), 3)
                .put("command", options.command(environment));
    }

    /** What the answers of one series of queries held, summed, for the details on stderr. */
    private static final class Answers {
        long hits;
        long matches;
        long serverMillis;
        final Map<String, LatencyRecorder> byQuery = new TreeMap<>();
        final Map<String, Long> matchesByQuery = new TreeMap<>();
    }

    /**
     * Runs {@code count} queries one after the other, recording latencies when {@code recorder} is
     * not null; returns what the answers held.
     */
    private Answers run(Supplier<String> query, int count, LatencyRecorder recorder) throws Exception {
        Answers answers = new Answers();
        for (int i = 0; i < count; i++) {
            String pathAndQuery = query.get();
            HttpRequest request = HttpRequest.newBuilder(server.uri(pathAndQuery)).GET().build();
            long started = System.nanoTime();
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            long elapsed = System.nanoTime() - started;
            JsonNode answer = check(pathAndQuery, response);
            if (recorder != null) {
                recorder.record(elapsed);
            }
            long total = answer.path("total").asLong();
            answers.hits += answer.path("hits").size();
            answers.matches += total;
            answers.serverMillis += answer.path("took_ms").asLong();
            String q = queryText(pathAndQuery);
            answers.byQuery.computeIfAbsent(q, k -> new LatencyRecorder()).record(elapsed);
            answers.matchesByQuery.put(q, total);
        }
        return answers;
    }

    private static String queryText(String pathAndQuery) {
        int start = pathAndQuery.indexOf("?q=") + 3;
        return URLDecoder.decode(pathAndQuery.substring(start, pathAndQuery.indexOf('&', start)), StandardCharsets.UTF_8);
    }

    private JsonNode check(String pathAndQuery, HttpResponse<byte[]> response) throws IOException {
        if (response.statusCode() != 200) {
            throw new IOException(pathAndQuery + " answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        JsonNode answer = JSON.readTree(response.body());
        long total = answer.path("total").asLong(-1);
        int hits = answer.path("hits").size();
        int limit = pathAndQuery.contains("&limit=0") ? 0 : SearchQueries.LIMIT;
        if (total < 0 || hits != Math.min(total, limit)) {
            throw new IllegalStateException(pathAndQuery + " answered total " + total + " with " + hits + " hits");
        }
        if (pathAndQuery.contains("histogram=")) {
            long counted = 0;
            for (JsonNode bucket : answer.path("histogram")) {
                counted += bucket.path("count").asLong();
            }
            if (counted != events) {
                throw new IllegalStateException(pathAndQuery + ": the histogram counts " + counted + " of " + events + " events");
            }
        }
        return answer;
    }

    private JsonNode get(String pathAndQuery) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(server.uri(pathAndQuery)).GET().build();
        return check(pathAndQuery, client.send(request, HttpResponse.BodyHandlers.ofByteArray()));
    }

    private static void report(String name, LatencyRecorder latencies, Answers answers) {
        System.err.printf("%s: %d queries, p50 %.3f ms, p99 %.3f ms, max %.3f ms; on average %.1f hits, %,.0f matches, "
                        + "took_ms %.2f (server time before the response is rendered)%n", name, latencies.count(),
                latencies.percentileMillis(50), latencies.percentileMillis(99), latencies.maxMillis(),
                (double) answers.hits / latencies.count(), (double) answers.matches / latencies.count(),
                (double) answers.serverMillis / latencies.count());
    }

    /** Latency of each full-text word against how many events it matches: what a term query's time grows with. */
    private static void reportByQuery(Answers answers) {
        answers.byQuery.entrySet().stream()
                .sorted(Comparator.comparingLong(e -> answers.matchesByQuery.get(e.getKey())))
                .forEach(e -> System.err.printf("  term %-12s %,11d matches: p50 %7.3f ms, max %7.3f ms (%d queries)%n",
                        e.getKey(), answers.matchesByQuery.get(e.getKey()), e.getValue().percentileMillis(50),
                        e.getValue().maxMillis(), e.getValue().count()));
    }
}
