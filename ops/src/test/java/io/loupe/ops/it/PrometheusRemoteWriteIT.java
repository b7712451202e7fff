package io.loupe.ops.it;

import static io.loupe.ops.it.NodeExporterScrapeIT.assertWithin;
import static io.loupe.ops.it.NodeExporterScrapeIT.labels;
import static io.loupe.ops.it.NodeExporterScrapeIT.onlySeries;
import static io.loupe.ops.it.NodeExporterScrapeIT.points;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.loupe.ops.it.ExternalAgent.Exposition;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code prometheus} scraping a real {@code prometheus-node-exporter} every second and
 * forwarding everything to Loupe with remote_write (metadata included): Loupe holds the samples
 * Prometheus's own TSDB holds, with the exporter's values, computes the host signals from them, and
 * Prometheus counts no failed, dropped or retried sample; SIGTERM then stops Prometheus cleanly.
 * Answers of Loupe are read with the helpers of {@link NodeExporterScrapeIT}.
 */
class PrometheusRemoteWriteIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String JOB = "node";
    private static final String JOB_MATCH = "{job=\"" + JOB + "\"}";

    @TempDir
    Path temp;
    private ExternalAgent exporter;
    private InProcessLoupe loupe;
    private ExternalAgent prometheus;

    @AfterEach
    void stopEverything() {
        try {
            if (prometheus != null) {
                prometheus.close();
            }
        } finally {
            try {
                if (loupe != null) {
                    loupe.close();
                }
            } finally {
                if (exporter != null) {
                    exporter.close();
                }
            }
        }
    }

    @Test
    void prometheusForwardsNodeExporterSeriesToLoupeWithoutLosingSamples() throws Exception {
        ExternalAgent.assumeInstalled(ExternalAgent.NODE_EXPORTER, "prometheus-node-exporter");
        ExternalAgent.assumeInstalled(ExternalAgent.PROMETHEUS, "prometheus");
        exporter = ExternalAgent.startNodeExporter(temp.resolve("node-exporter"));
        loupe = InProcessLoupe.start(temp.resolve("loupe"), Map.of());
        String instance = InProcessLoupe.HOST + ":" + exporter.port();
        prometheus = ExternalAgent.startPrometheus(temp.resolve("prometheus"), """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                scrape_configs:
                  - job_name: %s
                    static_configs:
                      - targets: ['%s']
                remote_write:
                  - url: %s
                    queue_config:
                      batch_send_deadline: 1s
                      min_backoff: 100ms
                      max_backoff: 1s
                    metadata_config:
                      send: true
                      send_interval: 1s
                """.formatted(JOB, instance, loupe.api().base().resolve("/api/v1/write")));

        JsonNode up = awaitOneSeries("up", JOB_MATCH, points -> !points.isEmpty(), "up forwarded by prometheus");
        assertEquals(Map.of("__name__", "up", "job", JOB, "instance", instance), labels(up), "labels of up as prometheus sends them");
        assertEquals(1.0, points(up).lastEntry().getValue(), () -> "up of the running exporter: " + up);

        Exposition served = exporter.metrics();
        JsonNode memTotal = awaitOneSeries("node_memory_MemTotal_bytes", JOB_MATCH, points -> !points.isEmpty(), "MemTotal");
        assertEquals(served.value("node_memory_MemTotal_bytes"), points(memTotal).lastEntry().getValue(),
                () -> "node_memory_MemTotal_bytes forwarded by prometheus and as the exporter serves it: " + memTotal);

        String host = served.label("node_uname_info", "nodename");
        String hostMatch = "{host=\"" + host + "\"}";
        Exposition before = exporter.metrics();
        JsonNode memory = awaitOneSeries("host.memory.utilization", hostMatch, points -> !points.isEmpty(), "host.memory.utilization");
        Exposition after = exporter.metrics();
        assertWithin(points(memory).lastEntry().getValue(),
                1 - before.value("node_memory_MemAvailable_bytes") / before.value("node_memory_MemTotal_bytes"),
                1 - after.value("node_memory_MemAvailable_bytes") / after.value("node_memory_MemTotal_bytes"),
                0.02, "host.memory.utilization");
        JsonNode cpu = awaitOneSeries("host.cpu.utilization", hostMatch, points -> !points.isEmpty(), "host.cpu.utilization");
        assertTrue(points(cpu).values().stream().allMatch(value -> value >= 0 && value <= 1),
                () -> "host.cpu.utilization is a fraction of the CPU time: " + cpu);

        // Every sample Prometheus stored of one counter is in Loupe with its value (one scrape per 1 s bucket).
        String counter = "node_cpu_seconds_total";
        String counterMatch = "{job=\"" + JOB + "\",cpu=\"0\",mode=\"user\"}";
        NavigableMap<Long, Double> stored = ExternalAgent.eventually(WAIT, "3 samples of " + counter + counterMatch + " in prometheus",
                () -> prometheusSamples(counter + counterMatch + "[10s]"), samples -> samples.size() >= 3);
        String from = Long.toString(stored.firstKey());
        String to = Long.toString(stored.lastKey() + 1);
        NavigableMap<Long, Double> expected = new TreeMap<>();
        stored.forEach((millis, value) -> expected.put(Math.floorDiv(millis, 1000) * 1000, value));
        assertEquals(stored.size(), expected.size(), () -> "prometheus scraped once a second: " + stored);
        JsonNode forwarded = ExternalAgent.eventually(WAIT, "the samples prometheus stored, " + expected + ", in Loupe",
                () -> loupe.api().get("/api/v1/metrics/query?" + LoupeApi.queryString(LoupeApi.params("metric", counter,
                        "match", counterMatch, "from", from, "to", to, "step", "1s", "fn", "last"))).ok(),
                answer -> answer.path("series").size() == 1 && points(answer.path("series").get(0)).equals(expected));
        JsonNode counted = loupe.api().get("/api/v1/metrics/query?" + LoupeApi.queryString(LoupeApi.params("metric", counter,
                "match", counterMatch, "from", from, "to", to, "step", "1s", "fn", "count"))).ok();
        assertTrue(points(onlySeries(counted, counter)).values().stream().allMatch(count -> count == 1.0),
                () -> "each sample once in Loupe, as in prometheus (" + forwarded + "): " + counted);

        // Prometheus's own account of what it sent: samples and metadata went out, none failed, was dropped or retried.
        Exposition sent = ExternalAgent.eventually(WAIT, "metadata sent by prometheus (" + prometheus + ")", prometheus::metrics,
                exposition -> exposition.sum("prometheus_remote_storage_metadata_total").orElse(0) > 0);
        assertTrue(sent.sum("prometheus_remote_storage_samples_total").orElse(0) > 0, () -> "samples sent:\n" + remoteStorage(sent));
        for (String failures : List.of("prometheus_remote_storage_samples_failed_total", "prometheus_remote_storage_samples_dropped_total",
                "prometheus_remote_storage_samples_retried_total", "prometheus_remote_storage_metadata_failed_total",
                "prometheus_remote_storage_metadata_retried_total")) {
            assertEquals(0.0, sent.sum(failures).orElseThrow(() -> new AssertionError(failures + " is not in prometheus's /metrics")),
                    () -> failures + "; prometheus's output:\n" + prometheus.output());
        }

        int exit = prometheus.stop();
        assertEquals(0, exit, () -> "exit status of prometheus after SIGTERM; its output:\n" + prometheus.output());
    }

    private JsonNode query(String metric, String match) {
        return loupe.api().get("/api/v1/metrics/query?" + LoupeApi.queryString(LoupeApi.params("metric", metric, "match", match,
                "from", "now-1m", "to", Long.toString(System.currentTimeMillis() + 1000), "step", "1s"))).ok();
    }

    /** Repeats the query over the last minute (step 1s) until it has one series whose points satisfy {@code condition}. */
    private JsonNode awaitOneSeries(String metric, String match, Predicate<NavigableMap<Long, Double>> condition, String what) {
        JsonNode answer = ExternalAgent.eventually(WAIT, what + " in Loupe (" + prometheus + ")", () -> query(metric, match),
                candidate -> candidate.path("series").size() == 1 && condition.test(points(candidate.path("series").get(0))));
        return onlySeries(answer, metric);
    }

    /** The raw samples of a range-vector selector of one series as Prometheus's own TSDB holds them, by timestamp in epoch ms. */
    private NavigableMap<Long, Double> prometheusSamples(String rangeSelector) {
        HttpResponse<String> response = prometheus.get("/api/v1/query?" + LoupeApi.queryString(LoupeApi.params("query", rangeSelector)));
        assertEquals(200, response.statusCode(), () -> "prometheus query " + rangeSelector + ": " + response.body());
        JsonNode result;
        try {
            result = LoupeApi.JSON.readTree(response.body()).path("data").path("result");
        } catch (JsonProcessingException e) {
            throw new AssertionError("prometheus answered " + rangeSelector + " with no JSON: " + response.body(), e);
        }
        assertTrue(result.size() <= 1, () -> "at most one series for " + rangeSelector + " in prometheus: " + response.body());
        NavigableMap<Long, Double> samples = new TreeMap<>();
        for (JsonNode sample : result.path(0).path("values")) {
            long millis = new BigDecimal(sample.get(0).asText()).movePointRight(3).longValueExact();
            samples.put(millis, Double.parseDouble(sample.get(1).asText()));
        }
        return samples;
    }

    private static String remoteStorage(Exposition exposition) {
        return exposition.text().lines().filter(line -> line.startsWith("prometheus_remote_storage_")).collect(Collectors.joining("\n"));
    }
}
