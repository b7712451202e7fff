package io.loupe.ops.it;

import static io.loupe.ops.it.LoupeApi.event;
import static io.loupe.ops.it.LoupeApi.params;
import static io.loupe.ops.it.MetricsClient.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.loupe.ops.it.LoupeApi.Response;
import java.net.http.HttpRequest;
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
 * {@code POST /api/v1/correlate} and {@code GET /api/v1/correlate/host/{host}} against the real
 * server, on half an hour of a small web fleet: web-1..web-4 write about ten lines a minute each
 * (a few warnings on web-3), and report CPU and memory every 15 s: web-1..web-3 as node_exporter
 * does ({@code node_cpu_seconds_total} counters, {@code node_memory_*} gauges, pushed as native
 * samples), web-4 as an OTLP agent pushing gauges named {@code host.cpu.utilization} and
 * {@code host.memory.utilization}. Three things happen:
 * <ul>
 *   <li>minute {@link #BURST}: 40 errors on web-3 while its CPU is at 0.97 (the one finding);</li>
 *   <li>minute {@link #QUIET_CPU_SPIKE}: web-1's CPU spikes, its logs stay flat (no finding);</li>
 *   <li>minute {@link #TRAFFIC_BURST}: web-2 writes 30 extra info lines, its CPU stays flat (no finding).</li>
 * </ul>
 */
class CorrelationIT {
    private static final List<String> HOSTS = List.of("web-1", "web-2", "web-3", "web-4");
    private static final Map<String, String> SERVICES = Map.of("web-1", "gateway", "web-2", "search", "web-3", "checkout",
            "web-4", "payments");
    private static final int MINUTES = 30;
    private static final int BURST = 20;
    private static final int BURST_ERRORS = 40;
    private static final int QUIET_CPU_SPIKE = 8;
    private static final int TRAFFIC_BURST = 12;
    private static final int SAMPLE_SECONDS = 15;
    private static final int CPUS = 2;

    @TempDir
    static Path dataDir;
    private static InProcessLoupe loupe;
    private static LoupeApi api;
    /** A whole minute 45 minutes ago: the data set is minutes 0..29 after it, inside the metric store's late-sample window. */
    private static Instant t0;
    private static long totalEvents;

    @BeforeAll
    static void startServerAndLoadTheFleet() throws Exception {
        loupe = InProcessLoupe.start(dataDir, Map.of());
        api = loupe.api();
        t0 = Instant.now().minus(Duration.ofMinutes(45)).truncatedTo(ChronoUnit.MINUTES);
        List<String> events = new ArrayList<>();
        for (int minute = 0; minute < MINUTES; minute++) {
            for (int h = 0; h < HOSTS.size(); h++) {
                String host = HOSTS.get(h);
                int lines = 9 + Math.floorMod(minute * 7 + h * 3, 4) + (host.equals("web-2") && minute == TRAFFIC_BURST ? 30 : 0);
                for (int i = 0; i < lines; i++) {
                    boolean warn = host.equals("web-3") && i == 0 && minute % 5 == 0;
                    events.add(line(minute, i * 59_000 / lines, host, warn ? "warn" : "info",
                            warn ? "slow response from inventory" : "GET /api/items 200"));
                }
            }
        }
        for (int i = 0; i < BURST_ERRORS; i++) {
            events.add(line(BURST, 500 + i * 1_000, "web-3", "error", "charge failed: payment backend timeout"));
        }
        totalEvents = events.size();
        api.ingestAll(events.toArray(String[]::new));
        api.awaitTotal(params("from", t0.toString(), "to", t0.plus(Duration.ofMinutes(MINUTES)).toString()), totalEvents);

        MetricsClient metrics = new MetricsClient(api);
        List<String> nodeExporter = new ArrayList<>();
        StringBuilder otlpCpu = new StringBuilder();
        StringBuilder otlpMemory = new StringBuilder();
        double[][] idleSeconds = new double[HOSTS.size()][CPUS];
        double[][] userSeconds = new double[HOSTS.size()][CPUS];
        for (int s = 0; s < MINUTES * 60 / SAMPLE_SECONDS; s++) {
            long at = t0.toEpochMilli() + s * SAMPLE_SECONDS * 1000L;
            int minute = s * SAMPLE_SECONDS / 60;
            for (int h = 0; h < HOSTS.size(); h++) {
                String host = HOSTS.get(h);
                double cpu = 0.20 + 0.01 * (Math.floorMod(s + h, 3) - 1);
                if (host.equals("web-3") && minute == BURST || host.equals("web-1") && minute == QUIET_CPU_SPIKE) {
                    cpu = 0.97;
                }
                if (host.equals("web-4")) {
                    String point = (otlpCpu.isEmpty() ? "" : ",") + "{\"timeUnixNano\":\"" + at * 1_000_000L + "\",\"asDouble\":";
                    otlpCpu.append(point).append(cpu).append('}');
                    otlpMemory.append(point).append(0.55).append('}');
                    continue;
                }
                for (int c = 0; c < CPUS; c++) {
                    // the counters' increase over the 15 s that end at this sample is spent at this sample's cpu
                    idleSeconds[h][c] += SAMPLE_SECONDS * (1 - cpu);
                    userSeconds[h][c] += SAMPLE_SECONDS * cpu;
                    String cpuLabel = Integer.toString(c);
                    nodeExporter.add(sample("node_cpu_seconds_total", Map.of("host", host, "cpu", cpuLabel, "mode", "idle"), at, idleSeconds[h][c]));
                    nodeExporter.add(sample("node_cpu_seconds_total", Map.of("host", host, "cpu", cpuLabel, "mode", "user"), at, userSeconds[h][c]));
                }
                nodeExporter.add(sample("node_memory_MemTotal_bytes", Map.of("host", host), at, 8e9));
                nodeExporter.add(sample("node_memory_MemAvailable_bytes", Map.of("host", host), at, 3.6e9));
            }
        }
        metrics.postNativeAll(nodeExporter.toArray(String[]::new));
        JsonNode otlp = metrics.postOtlpJson("{\"resourceMetrics\":[{\"resource\":{\"attributes\":[{\"key\":\"host.name\","
                + "\"value\":{\"stringValue\":\"web-4\"}}]},\"scopeMetrics\":[{\"metrics\":["
                + "{\"name\":\"host.cpu.utilization\",\"gauge\":{\"dataPoints\":[" + otlpCpu + "]}},"
                + "{\"name\":\"host.memory.utilization\",\"gauge\":{\"dataPoints\":[" + otlpMemory + "]}}]}]}]}").ok();
        assertEquals(0, otlp.path("partialSuccess").path("rejectedDataPoints").asLong(), otlp::toString);
    }

    @AfterAll
    static void stopServer() {
        if (loupe != null) {
            loupe.close();
        }
    }

    /** One log line {@code millisIntoMinute} into minute {@code minute} of the data set. */
    private static String line(int minute, long millisIntoMinute, String host, String level, String message) {
        Instant at = t0.plus(Duration.ofMinutes(minute)).plusMillis(millisIntoMinute);
        return event("timestamp", at.toString(), "host", host, "service", SERVICES.get(host), "level", level, "message", message);
    }

    private static Instant minute(int minute) {
        return t0.plus(Duration.ofMinutes(minute));
    }

    private static Response correlate(String jsonBody) {
        return api.send(HttpRequest.newBuilder(api.base().resolve("/api/v1/correlate"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody)));
    }

    /** A correlation over the whole data set with 1-minute buckets and the given extra JSON fields. */
    private static JsonNode correlateOk(String q, String moreFields) {
        return correlate("{\"q\":\"" + q + "\",\"from\":\"" + t0 + "\",\"to\":\"" + minute(MINUTES) + "\",\"interval\":\"1m\""
                + (moreFields.isEmpty() ? "" : "," + moreFields) + "}").ok();
    }

    private static JsonNode hostOf(JsonNode answer, String host) {
        for (JsonNode one : answer.path("hosts")) {
            if (one.path("host").asText().equals(host)) {
                return one;
            }
        }
        throw new AssertionError(host + " is not among the hosts of " + answer);
    }

    private static String rfc3339(Instant instant) {
        return instant.toString().replace("Z", "") + (instant.getNano() == 0 ? ".000000000Z" : "Z");
    }

    @Test
    void theErrorBurstOnWeb3IsTheOneFindingAtItsMinuteAndNoHealthyHostIsNamed() {
        JsonNode answer = correlateOk("", "");

        assertEquals(totalEvents, answer.path("total").asLong());
        assertEquals("1m", answer.path("interval").asText());
        assertEquals(MINUTES, answer.path("buckets").size(), answer::toString);
        assertEquals(rfc3339(t0), answer.path("buckets").get(0).asText());
        JsonNode findings = answer.path("findings");
        assertFalse(findings.isEmpty(), () -> "the burst is found: " + findings);
        for (JsonNode finding : findings) {
            assertEquals("web-3", finding.path("host").asText(), () -> "only web-3 is named: " + finding);
            assertEquals(rfc3339(minute(BURST)), finding.path("t").asText(), () -> "at the burst's minute: " + finding);
            for (String healthy : List.of("web-1", "web-2", "web-4")) {
                assertFalse(finding.path("summary").asText().contains(healthy), finding::toString);
            }
        }
        JsonNode best = findings.get(0);
        assertEquals("host.cpu.utilization", best.path("signal").asText(), best::toString);
        assertEquals("errors", best.path("series").asText());
        assertEquals(BURST_ERRORS, best.path("log_count").asLong());
        assertEquals(0.97, best.path("signal_value").asDouble(), 1e-6);
        assertEquals(0.20, best.path("signal_baseline").asDouble(), 0.011);
        assertTrue(best.path("score").asDouble() > 0.9, best::toString);
        String at = minute(BURST).toString().substring(11, 16);
        assertEquals("error rate on web-3 rose to 40 per 1m at " + at + " UTC from a baseline of 0 while host.cpu.utilization"
                + " was 0.97 (baseline 0.20)", best.path("summary").asText());
    }

    @Test
    void everyHostBehindTheHitsComesWithItsHistogramsAndSignalsOnTheSameBuckets() {
        JsonNode answer = correlateOk("", "");

        Set<String> hosts = new HashSet<>();
        answer.path("hosts").forEach(host -> hosts.add(host.path("host").asText()));
        assertEquals(Set.of(HOSTS.toArray(String[]::new)), hosts);
        JsonNode web3 = hostOf(answer, "web-3");
        long sum = 0;
        for (JsonNode count : web3.path("histogram")) {
            sum += count.asLong();
        }
        assertEquals(web3.path("hits").asLong(), sum, "the histogram adds up to the host's hits");
        assertEquals(MINUTES, web3.path("histogram").size());
        assertEquals(BURST_ERRORS, web3.path("errors").get(BURST).asLong());
        assertEquals(0, web3.path("errors").get(BURST - 1).asLong());
        JsonNode cpu = web3.path("signals").path("host.cpu.utilization");
        assertEquals(MINUTES, cpu.size());
        assertEquals(0.97, cpu.get(BURST).asDouble(), 1e-6);
        assertEquals(0.20, cpu.get(BURST - 1).asDouble(), 0.011);
        assertEquals(7, web3.path("signals").size(), () -> "every host signal by default: " + web3.path("signals"));
        assertTrue(web3.path("signals").path("host.load.1m").get(0).isNull(), "a signal without data is null bucket by bucket");
        JsonNode web4Cpu = hostOf(answer, "web-4").path("signals").path("host.cpu.utilization");
        assertEquals(0.20, web4Cpu.get(BURST).asDouble(), 0.011, () -> "a natively named OTLP gauge is a host signal too: " + web4Cpu);
        assertEquals(0.55, hostOf(answer, "web-1").path("signals").path("host.memory.utilization").get(3).asDouble(), 1e-6);
        assertEquals(0.55, hostOf(answer, "web-4").path("signals").path("host.memory.utilization").get(3).asDouble(), 1e-6);
    }

    @Test
    void aQueryOfErrorsFindsTheSameMomentAndOnlyWeb3HasHits() {
        JsonNode answer = correlateOk("level:error", "\"signals\":[\"host.cpu.utilization\"]");

        assertEquals(BURST_ERRORS, answer.path("total").asLong());
        assertEquals(1, answer.path("hosts").size(), answer::toString);
        assertEquals(Set.of("host.cpu.utilization"), fieldNames(hostOf(answer, "web-3").path("signals")));
        assertEquals(1, answer.path("findings").size(), answer::toString);
        assertEquals(rfc3339(minute(BURST)), answer.path("findings").get(0).path("t").asText());
    }

    @Test
    void hostsLimitsTheHostsToThoseWithMostHits() {
        JsonNode answer = correlateOk("", "\"hosts\":2");

        List<String> hosts = new ArrayList<>();
        answer.path("hosts").forEach(host -> hosts.add(host.path("host").asText()));
        assertEquals(List.of("web-3", "web-2"), hosts, "web-3 has the burst, web-2 its 30 extra lines");
    }

    @Test
    void theDefaultIntervalIsAutoAsForASearchHistogram() {
        JsonNode answer = correlate("{\"from\":\"" + t0 + "\",\"to\":\"" + minute(MINUTES) + "\"}").ok();
        JsonNode histogram = api.searchOk(params("from", t0.toString(), "to", minute(MINUTES).toString(), "histogram", "auto", "limit", "0"));

        assertEquals("30s", answer.path("interval").asText());
        assertEquals(histogram.path("histogram").size(), answer.path("buckets").size());
        assertEquals(histogram.path("histogram").get(0).path("t").asText(), answer.path("buckets").get(0).asText());
    }

    @Test
    void theReverseGivesWeb3sErrorsFirstAndItsCpuAroundTheMoment() {
        Instant at = minute(BURST).plusSeconds(30);
        JsonNode answer = api.get("/api/v1/correlate/host/web-3?" + LoupeApi.queryString(params("at", at.toString(), "window", "10m",
                "limit", "50"))).ok();

        assertEquals("web-3", answer.path("host").asText());
        assertEquals(rfc3339(at.minus(Duration.ofMinutes(5))), answer.path("from").asText());
        assertEquals("10s", answer.path("interval").asText(), "auto over ten minutes");
        assertEquals(60, answer.path("buckets").size());
        assertEquals(BURST_ERRORS, answer.path("levels").path("error").asLong(), answer.path("levels")::toString);
        assertEquals(2, answer.path("levels").path("warn").asLong(), "the warnings at minutes 20 and 25");
        JsonNode lines = answer.path("lines");
        assertEquals(50, lines.size());
        Instant previous = Instant.MAX;
        for (int i = 0; i < BURST_ERRORS; i++) {
            JsonNode line = lines.get(i);
            assertEquals("error", line.path("level").asText(), () -> "errors first: " + line);
            assertTrue(line.path("error").asBoolean(), line::toString);
            Instant time = Instant.parse(line.path("timestamp").asText());
            assertTrue(time.isBefore(previous), "newest first within the errors");
            previous = time;
        }
        assertEquals("warn", lines.get(BURST_ERRORS).path("level").asText());
        assertEquals("warn", lines.get(BURST_ERRORS + 1).path("level").asText());
        assertEquals("info", lines.get(BURST_ERRORS + 2).path("level").asText());
        assertFalse(lines.get(BURST_ERRORS + 2).has("error"));
        for (JsonNode line : lines) {
            assertEquals("web-3", line.path("host").asText());
        }
        double peak = 0;
        String peakAt = null;
        JsonNode cpu = answer.path("signals").path("host.cpu.utilization");
        for (int b = 0; b < cpu.size(); b++) {
            if (!cpu.get(b).isNull() && cpu.get(b).asDouble() > peak) {
                peak = cpu.get(b).asDouble();
                peakAt = answer.path("buckets").get(b).asText();
            }
        }
        assertEquals(0.97, peak, 1e-6);
        Instant peakTime = Instant.parse(peakAt);
        assertFalse(peakTime.isBefore(minute(BURST)) || !peakTime.isBefore(minute(BURST + 1)), "the CPU peak is in the burst's minute: " + peakAt);
        long errorsInHistogram = 0;
        for (JsonNode count : answer.path("errors")) {
            errorsInHistogram += count.asLong();
        }
        assertEquals(BURST_ERRORS, errorsInHistogram);
    }

    @Test
    void theReverseOfAQuietMomentHasNoErrorLines() {
        JsonNode answer = api.get("/api/v1/correlate/host/web-1?" + LoupeApi.queryString(params("at", minute(QUIET_CPU_SPIKE).toString(),
                "window", "4m", "interval", "1m", "signals", "host.cpu.utilization"))).ok();

        assertEquals(4, answer.path("buckets").size());
        assertFalse(answer.path("levels").has("error"));
        assertEquals(Set.of("host.cpu.utilization"), fieldNames(answer.path("signals")));
        assertEquals(0.97, answer.path("signals").path("host.cpu.utilization").get(2).asDouble(), 1e-6);
        answer.path("lines").forEach(line -> assertEquals("info", line.path("level").asText()));
    }

    @Test
    void mistakesNameTheParameterAndWhatItAccepts() {
        String window = "\"from\":\"" + t0 + "\",\"to\":\"" + minute(MINUTES) + "\"";
        String unknown = correlate("{" + window + ",\"signals\":[\"host.cpu\"]}").error(400, "INVALID_PARAMETER").path("message").asText();
        assertTrue(unknown.contains("'host.cpu' is not a host signal") && unknown.contains("host.cpu.utilization, host.memory.utilization"),
                unknown);
        String buckets = correlate("{\"from\":\"now-30d\",\"to\":\"now\",\"interval\":\"1s\"}").error(400, "INVALID_PARAMETER")
                .path("message").asText();
        assertTrue(buckets.contains("search.max_buckets") && buckets.contains("interval"), buckets);
        String hosts = correlate("{" + window + ",\"hosts\":0}").error(400, "INVALID_PARAMETER").path("message").asText();
        assertTrue(hosts.contains("'hosts'") && hosts.contains("50"), hosts);
        correlate("{\"q\":\"level:(error\"}").error(400, "INVALID_QUERY");
        correlate("{not json").error(400, "INVALID_JSON");
        String at = api.get("/api/v1/correlate/host/web-3").error(400, "INVALID_PARAMETER").path("message").asText();
        assertTrue(at.contains("'at' is required"), at);
        String badWindow = api.get("/api/v1/correlate/host/web-3?at=now&window=ten").error(400, "INVALID_PARAMETER").path("message").asText();
        assertTrue(badWindow.contains("'window'"), badWindow);
    }

    private static Set<String> fieldNames(JsonNode object) {
        Set<String> names = new HashSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
