package io.loupe.ops.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.loupe.ops.it.ExternalAgent.Exposition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loupe pulling a real {@code prometheus-node-exporter} every second, as an operator configures it
 * with the {@code scrape} setting: what Loupe stores and the host signals it computes agree with what
 * the exporter itself serves, and a stopped exporter shows as down with its series gone stale.
 */
class NodeExporterScrapeIT {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String JOB = "node";
    private static final String JOB_MATCH = "{job=\"" + JOB + "\"}";

    @TempDir
    Path temp;
    private ExternalAgent exporter;
    private InProcessLoupe loupe;
    private String instance;

    @BeforeEach
    void startExporterAndLoupe() throws Exception {
        ExternalAgent.assumeInstalled(ExternalAgent.NODE_EXPORTER, "prometheus-node-exporter");
        exporter = ExternalAgent.startNodeExporter(temp.resolve("node-exporter"));
        instance = InProcessLoupe.HOST + ":" + exporter.port();
        String scrape = "[{\"url\":\"" + exporter.url("/metrics") + "\",\"interval\":\"1s\",\"labels\":{\"job\":\"" + JOB + "\"}}]";
        loupe = InProcessLoupe.start(temp.resolve("loupe"), Map.of("scrape", scrape));
    }

    @AfterEach
    void stopLoupeAndExporter() {
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

    @Test
    void scrapedSeriesAndHostSignalsAgreeWithWhatTheExporterServes() {
        JsonNode up = awaitOneSeries("up", JOB_MATCH, "now-1m", "last", points -> points.size() >= 3, "3 scrapes stored");
        assertEquals(Map.of("__name__", "up", "job", JOB, "instance", instance), labels(up), "labels of up");
        assertTrue(points(up).values().stream().allMatch(value -> value == 1.0), () -> "up while the exporter runs: " + up);

        Exposition served = exporter.metrics();
        String host = served.label("node_uname_info", "nodename");
        JsonNode memTotal = onlySeries(query("node_memory_MemTotal_bytes", JOB_MATCH, "now-1m", "now", "1s", "last"), "MemTotal");
        assertEquals(instance, labels(memTotal).get("instance"), () -> "target labels on a scraped series: " + memTotal);
        assertEquals(JOB, labels(memTotal).get("job"), () -> "target labels on a scraped series: " + memTotal);
        assertEquals(served.value("node_memory_MemTotal_bytes"), points(memTotal).lastEntry().getValue(),
                () -> "node_memory_MemTotal_bytes as Loupe stored it and as the exporter serves it: " + memTotal);

        // One scrape that Loupe made between two readings of the exporter by this test.
        long readAt = System.currentTimeMillis();
        Exposition before = exporter.metrics();
        // a scrape starts at the tick it is stamped with: a sample stamped after readAt was fetched after readAt
        String from = Long.toString(readAt + 1);
        awaitOneSeries("up", JOB_MATCH, from, "last", points -> !points.isEmpty(), "a scrape after the exporter was read");
        Exposition after = exporter.metrics();
        String to = Long.toString(System.currentTimeMillis() + 1000);

        double available = firstValue(query("node_memory_MemAvailable_bytes", JOB_MATCH, from, to, "1s", "avg"), "MemAvailable");
        double total = firstValue(query("node_memory_MemTotal_bytes", JOB_MATCH, from, to, "1s", "avg"), "MemTotal");
        JsonNode memory = onlySeries(query("host.memory.utilization", "{host=\"" + host + "\"}", from, to, "1s", null), "host.memory.utilization");
        assertEquals(Map.of("host", host), labels(memory), "a host signal is labelled with the nodename of node_uname_info");
        double memoryUtilization = points(memory).firstEntry().getValue();
        assertEquals(1 - available / total, memoryUtilization, 1e-12, "host.memory.utilization from the stored MemAvailable and MemTotal");
        double utilizationBefore = 1 - before.value("node_memory_MemAvailable_bytes") / before.value("node_memory_MemTotal_bytes");
        double utilizationAfter = 1 - after.value("node_memory_MemAvailable_bytes") / after.value("node_memory_MemTotal_bytes");
        assertWithin(memoryUtilization, utilizationBefore, utilizationAfter, 0.02, "host.memory.utilization");

        double load = firstValue(query("node_load1", JOB_MATCH, from, to, "1s", "avg"), "node_load1");
        assertWithin(load, before.value("node_load1"), after.value("node_load1"), 0.05, "node_load1");
        double hostLoad = firstValue(query("host.load.1m", "{host=\"" + host + "\"}", from, to, "1s", null), "host.load.1m");
        assertEquals(load, hostLoad, 1e-12, "host.load.1m is node_load1 of the host");

        JsonNode cpu = onlySeries(query("host.cpu.utilization", null, "now-1m", "now", "1s", null), "host.cpu.utilization");
        assertEquals(Map.of("host", host), labels(cpu), "labels of host.cpu.utilization");
        assertTrue(!points(cpu).isEmpty() && points(cpu).values().stream().allMatch(value -> value >= 0 && value <= 1),
                () -> "host.cpu.utilization is a fraction of the CPU time: " + cpu);

        JsonNode rx = onlySeries(query("host.network.rx", null, "now-1m", "now", "1s", null), "host.network.rx");
        assertEquals(Map.of("host", host), labels(rx), "labels of host.network.rx");
        assertTrue(!points(rx).isEmpty() && points(rx).values().stream().allMatch(value -> value >= 0),
                () -> "host.network.rx is a rate of received bytes: " + rx);

        JsonNode labelNames = loupe.api().get("/api/v1/metrics/labels").ok().path("labels");
        assertTrue(strings(labelNames).containsAll(List.of("__name__", "job", "instance")), () -> "label names: " + labelNames);
        JsonNode jobs = loupe.api().get("/api/v1/metrics/labels/job/values").ok().path("values");
        assertEquals(List.of(JOB), strings(jobs), "values of job");
        JsonNode instances = loupe.api().get("/api/v1/metrics/labels/instance/values").ok().path("values");
        assertEquals(List.of(instance), strings(instances), "values of instance");
    }

    @Test
    void stoppedExporterIsDownAndItsSeriesGoStale() throws Exception {
        awaitOneSeries("up", JOB_MATCH, "now-1m", "last", points -> points.size() >= 2, "2 scrapes stored");
        int exit = exporter.stop();
        assertTrue(!exporter.isAlive(), () -> "node_exporter after SIGTERM, exit status " + exit);

        JsonNode up = awaitOneSeries("up", JOB_MATCH, "now-1m", "last",
                points -> points.values().stream().filter(value -> value == 0.0).count() >= 2, "2 failed scrapes");
        NavigableMap<Long, Double> upPoints = points(up);
        long lastUp = upPoints.entrySet().stream().filter(point -> point.getValue() == 1.0).mapToLong(Map.Entry::getKey).max().orElseThrow();
        long firstDown = upPoints.tailMap(lastUp, false).firstKey();
        assertTrue(upPoints.tailMap(lastUp, false).values().stream().allMatch(value -> value == 0.0),
                () -> "up once the exporter has stopped: " + up);
        JsonNode scraped = onlySeries(query("scrape_samples_scraped", JOB_MATCH, Long.toString(firstDown), "now", "1s", "last"),
                "scrape_samples_scraped");
        assertTrue(points(scraped).values().stream().allMatch(value -> value == 0.0), () -> "samples scraped from a stopped exporter: " + scraped);

        // One bucket holding the last good scrape and the first failed one: its last MemTotal is the stale marker, i.e. none.
        long step = 2000;
        while (Math.floorDiv(lastUp, step) != Math.floorDiv(firstDown, step)) {
            step += 1000;
        }
        String from = Long.toString(lastUp);
        String to = Long.toString(firstDown + 1);
        String stepSeconds = Long.toString(step / 1000);
        long bucketStart = Math.floorDiv(lastUp, step) * step;
        long goodScrapesInBucket = upPoints.subMap(bucketStart, bucketStart + step).values().stream().filter(value -> value == 1.0).count();
        JsonNode counted = onlySeries(query("node_memory_MemTotal_bytes", JOB_MATCH, from, to, stepSeconds, "count"), "MemTotal count");
        assertEquals((double) goodScrapesInBucket, points(counted).firstEntry().getValue(),
                () -> "one MemTotal sample per good scrape in the bucket, the stale marker not counted: " + counted + "; up: " + up);
        JsonNode last = query("node_memory_MemTotal_bytes", JOB_MATCH, from, to, stepSeconds, "last");
        assertEquals(0, last.path("series").size(),
                () -> "a stopped exporter's MemTotal has no last value once the failed scrape marked it stale: " + last);
        JsonNode memory = query("host.memory.utilization", null, Long.toString(firstDown), "now", "1s", null);
        assertEquals(0, memory.path("series").size(), () -> "no host.memory.utilization after the exporter stopped: " + memory);
    }

    private JsonNode query(String metric, String match, String from, String to, String step, String fn) {
        List<String> params = new ArrayList<>(List.of("metric", metric, "from", from, "to", to, "step", step));
        if (match != null) {
            params.addAll(List.of("match", match));
        }
        if (fn != null) {
            params.addAll(List.of("fn", fn));
        }
        return loupe.api().get("/api/v1/metrics/query?" + LoupeApi.queryString(LoupeApi.params(params.toArray(String[]::new)))).ok();
    }

    /** Repeats the query (step 1s, up to now) until it has one series whose points satisfy {@code condition}. */
    private JsonNode awaitOneSeries(String metric, String match, String from, String fn, Predicate<NavigableMap<Long, Double>> condition,
                                    String what) {
        JsonNode answer = ExternalAgent.eventually(WAIT, what + " for " + metric + match + " (" + exporter + ")",
                () -> query(metric, match, from, Long.toString(Math.max(System.currentTimeMillis(), epochMillisOr(from, 0)) + 1000), "1s", fn),
                candidate -> candidate.path("series").size() == 1 && condition.test(points(candidate.path("series").get(0))));
        return answer.path("series").get(0);
    }

    private static long epochMillisOr(String time, long fallback) {
        return time.chars().allMatch(Character::isDigit) ? Long.parseLong(time) : fallback;
    }

    static JsonNode onlySeries(JsonNode answer, String what) {
        assertEquals(1, answer.path("series").size(), () -> "one series of " + what + " in " + answer);
        return answer.path("series").get(0);
    }

    static double firstValue(JsonNode answer, String what) {
        NavigableMap<Long, Double> points = points(onlySeries(answer, what));
        assertTrue(!points.isEmpty(), () -> "a point of " + what + " in " + answer);
        return points.firstEntry().getValue();
    }

    /** The points of one answered series by bucket start. */
    static NavigableMap<Long, Double> points(JsonNode series) {
        NavigableMap<Long, Double> points = new TreeMap<>();
        for (JsonNode point : series.path("points")) {
            JsonNode value = point.get(1);
            points.put(point.get(0).asLong(), value.isNumber() ? value.asDouble() : switch (value.asText()) {
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                default -> Double.NaN;
            });
        }
        return points;
    }

    static Map<String, String> labels(JsonNode series) {
        Map<String, String> labels = new TreeMap<>();
        series.path("labels").properties().forEach(label -> labels.put(label.getKey(), label.getValue().asText()));
        return labels;
    }

    private static List<String> strings(JsonNode array) {
        List<String> strings = new ArrayList<>();
        array.forEach(value -> strings.add(value.asText()));
        return strings;
    }

    /** Asserts that {@code actual} lies between two readings of the exporter, widened by {@code tolerance}. */
    static void assertWithin(double actual, double before, double after, double tolerance, String what) {
        double low = Math.min(before, after) - tolerance;
        double high = Math.max(before, after) + tolerance;
        assertTrue(actual >= low && actual <= high, () -> what + " in Loupe is " + actual + ", the exporter served " + before
                + " before and " + after + " after that scrape (tolerance " + tolerance + ")");
    }
}
