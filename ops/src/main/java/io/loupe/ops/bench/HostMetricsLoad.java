package io.loupe.ops.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loupe.index.metric.DurableMetricStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Loads the host metrics of {@link HostMetricsGenerator} into a benchmark server through its real
 * ingest endpoint, {@code POST /api/v1/import/prometheus}, oldest first, {@value #TICKS_PER_REQUEST}
 * ticks of every host per request. Before each request the server's {@link CatchUpClock} moves to
 * the request's last tick, so the store takes 24 hours of history as if it arrived live; after each
 * request it seals the blocks that can no longer receive samples, as the server's housekeeping
 * would, so the queries read sealed raw segments and rollups for all but the last hours, as on a
 * live server. Every sample must be accepted.
 */
final class HostMetricsLoad {
    static final String PATH = "/api/v1/import/prometheus";
    static final int TICKS_PER_REQUEST = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the load did: samples stored, requests, blocks sealed, wall time. */
    record Outcome(long samples, int requests, int sealedBlocks, long elapsedNanos) {
        double samplesPerSecond() {
            return samples * 1e9 / elapsedNanos;
        }
    }

    private HostMetricsLoad() {
    }

    static Outcome run(HostMetricsGenerator metrics, URI endpoint, CatchUpClock clock, DurableMetricStore store) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long started = System.nanoTime();
        long samples = 0;
        int requests = 0;
        int sealed = 0;
        for (long from = 0; from < metrics.ticks(); from += TICKS_PER_REQUEST) {
            long to = Math.min(metrics.ticks(), from + TICKS_PER_REQUEST);
            long now = metrics.tickMillis(to - 1);
            if (now > clock.millis()) {
                clock.advanceTo(now);
            }
            HttpRequest request = HttpRequest.newBuilder(endpoint).header("Content-Type", "text/plain; version=0.0.4")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(metrics.body(from, to))).build();
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            long expected = metrics.samples(from, to);
            String text = new String(response.body(), StandardCharsets.UTF_8);
            if (response.statusCode() != 200) {
                throw new IOException(PATH + " answered " + response.statusCode() + " to the samples of "
                        + Instant.ofEpochMilli(metrics.tickMillis(from)) + ": " + text);
            }
            JsonNode answer = JSON.readTree(text);
            if (answer.path("accepted").asLong() != expected || answer.path("rejected").asLong() != 0) {
                throw new IllegalStateException(PATH + " stored " + answer.path("accepted") + " of " + expected
                        + " samples of " + Instant.ofEpochMilli(metrics.tickMillis(from)) + ": " + AnswerCheck.abbreviated(answer));
            }
            samples += expected;
            requests++;
            sealed += store.sealReadyBlocks();
        }
        return new Outcome(samples, requests, sealed, System.nanoTime() - started);
    }
}
