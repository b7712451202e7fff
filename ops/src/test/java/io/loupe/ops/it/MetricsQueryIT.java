package io.loupe.ops.it;

import static io.loupe.ops.it.MetricsClient.byLabel;
import static io.loupe.ops.it.MetricsClient.only;
import static io.loupe.ops.it.MetricsClient.points;
import static io.loupe.ops.it.MetricsClient.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.loupe.ops.it.MetricsClient.QueriedSeries;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /api/v1/metrics/query}, {@code /series}, {@code /labels} and {@code /labels/{name}/values}
 * against the real server, over a small data set pushed natively and checked against numbers
 * worked out by hand (below). Time {@code T} is a multiple of ten minutes, at least half an hour
 * ago; queries use {@code step=60s}, so the buckets start at T, T+60s and T+120s.
 *
 * <pre>
 * http_requests_total (counter), a sample every 15 s from T to T+105s:
 *   {host=web-1,method=get}   0 10 20 30 | 40  5 15 25     the 5 is a counter reset
 *   {host=web-1,method=post}  0  1  2  3 |  4  5  6  7
 *   {host=web-2,method=get} 100 110 120 130 | 140 150 160 170
 *   increase per bucket: web-1 get 30 | 35 (10 + 5 after the reset + 10 + 10); post 3 | 4; web-2 30 | 40
 * room_temperature_celsius (gauge), every 15 s from T:
 *   {host=web-1,site=dc1}  20 22 21 25 | 30 10 20 40 | 5
 *   {host=web-2,site=dc1}   1  2  3  4 | 100
 * many_series{i=0..9}: one sample each, to pass search.metrics_max_series=8
 * node_exporter, every 30 s from T (db-1 via node_uname_info) and every 60 s (10.0.0.2, no uname):
 *   node_memory_MemTotal_bytes{instance=10.0.0.1:9100}      8e9 8e9 | 8e9 8e9
 *   node_memory_MemAvailable_bytes{instance=10.0.0.1:9100}  2e9 4e9 | 6e9 6e9   → 1 − 3/8 = 0.625 | 1 − 6/8 = 0.25
 *   node_uname_info{instance=10.0.0.1:9100,nodename=db-1}   1 ...
 *   node_memory_MemTotal_bytes{instance=10.0.0.2:9100}      4e9 | 4e9
 *   node_memory_MemAvailable_bytes{instance=10.0.0.2:9100}  1e9 | 3e9           → 0.75 | 0.25
 * </pre>
 */
class MetricsQueryIT {
    private static final int MAX_SERIES = 8;
    private static final int MAX_POINTS = 500;
    private static final long SECOND = 1000;
    private static final long STEP = 60 * SECOND;
    private static final double EXACT = 1e-9;

    @TempDir
    static Path dataDir;
    private static InProcessLoupe loupe;
    private static MetricsClient metrics;
    private static long t;

    @BeforeAll
    static void startServerAndPushTheDataSet() throws Exception {
        loupe = InProcessLoupe.start(dataDir, Map.of(
                "search.metrics_max_series", Integer.toString(MAX_SERIES),
                "search.metrics_max_points", Integer.toString(MAX_POINTS)));
        metrics = new MetricsClient(loupe.api());
        long tenMinutes = Duration.ofMinutes(10).toMillis();
        long halfAnHourAgo = Instant.now().minus(Duration.ofMinutes(30)).toEpochMilli();
        t = halfAnHourAgo - Math.floorMod(halfAnHourAgo, tenMinutes);

        List<String> lines = new ArrayList<>();
        series(lines, "http_requests_total", Map.of("host", "web-1", "method", "get"), 15, 0, 10, 20, 30, 40, 5, 15, 25);
        series(lines, "http_requests_total", Map.of("host", "web-1", "method", "post"), 15, 0, 1, 2, 3, 4, 5, 6, 7);
        series(lines, "http_requests_total", Map.of("host", "web-2", "method", "get"), 15, 100, 110, 120, 130, 140, 150, 160, 170);
        series(lines, "room_temperature_celsius", Map.of("host", "web-1", "site", "dc1"), 15, 20, 22, 21, 25, 30, 10, 20, 40, 5);
        series(lines, "room_temperature_celsius", Map.of("host", "web-2", "site", "dc1"), 15, 1, 2, 3, 4, 100);
        for (int i = 0; i < 10; i++) {
            series(lines, "many_series", Map.of("i", Integer.toString(i)), 15, i);
        }
        Map<String, String> db1 = Map.of("instance", "10.0.0.1:9100", "job", "node");
        Map<String, String> other = Map.of("instance", "10.0.0.2:9100", "job", "node");
        series(lines, "node_memory_MemTotal_bytes", db1, 30, 8e9, 8e9, 8e9, 8e9);
        series(lines, "node_memory_MemAvailable_bytes", db1, 30, 2e9, 4e9, 6e9, 6e9);
        series(lines, "node_uname_info", Map.of("instance", "10.0.0.1:9100", "job", "node", "nodename", "db-1"), 30, 1, 1, 1, 1);
        series(lines, "node_memory_MemTotal_bytes", other, 60, 4e9, 4e9);
        series(lines, "node_memory_MemAvailable_bytes", other, 60, 1e9, 3e9);
        metrics.postNativeAll(lines.toArray(String[]::new));
    }

    /** Samples of one series from T, {@code spacingSeconds} apart. */
    private static void series(List<String> lines, String name, Map<String, String> labels, int spacingSeconds, double... values) {
        for (int i = 0; i < values.length; i++) {
            lines.add(sample(name, labels, t + i * spacingSeconds * SECOND, values[i]));
        }
    }

    @AfterAll
    static void stopServer() {
        if (loupe != null) {
            loupe.close();
        }
    }

    /** A query over the three buckets T, T+60s, T+120s with step 60s, plus the given parameters. */
    private static List<QueriedSeries> overThreeMinutes(String... more) {
        List<String> params = new ArrayList<>(List.of("from", Long.toString(t), "to", Long.toString(t + 3 * STEP), "step", "60s"));
        params.addAll(List.of(more));
        return metrics.queryOk(params.toArray(String[]::new));
    }

    /** Points at T, T+60s, T+120s; a null value means no point in that bucket. */
    private static SortedMap<Long, Double> perMinute(Double... values) {
        SortedMap<Long, Double> points = new TreeMap<>();
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                points.put(t + i * STEP, values[i]);
            }
        }
        return points;
    }

    private static void assertPoints(SortedMap<Long, Double> expected, SortedMap<Long, Double> actual, String what) {
        assertEquals(expected.keySet(), actual.keySet(), () -> what + ": buckets with a point, expected " + expected + ", got " + actual);
        expected.forEach((time, value) -> assertEquals(value, actual.get(time), EXACT,
                () -> what + ": value at " + Instant.ofEpochMilli(time) + " in " + actual));
    }

    /** For each function, the expected points of web-1 and web-2 of room_temperature_celsius. */
    @Test
    void eachAggregationOverAGaugeGivesTheHandComputedValuePerBucket() {
        Map<String, List<SortedMap<Long, Double>>> expected = Map.of(
                "avg", List.of(perMinute(22.0, 25.0, 5.0), perMinute(2.5, 100.0)),
                "min", List.of(perMinute(20.0, 10.0, 5.0), perMinute(1.0, 100.0)),
                "max", List.of(perMinute(25.0, 40.0, 5.0), perMinute(4.0, 100.0)),
                "sum", List.of(perMinute(88.0, 100.0, 5.0), perMinute(10.0, 100.0)),
                "count", List.of(perMinute(4.0, 4.0, 1.0), perMinute(4.0, 1.0)),
                "last", List.of(perMinute(25.0, 40.0, 5.0), perMinute(4.0, 100.0)),
                // rank 0.99 * (4 - 1) = 2.97 of the sorted bucket: 22 + 0.97 * (25 - 22); 30 + 0.97 * (40 - 30); 3 + 0.97 * (4 - 3)
                "p99", List.of(perMinute(24.91, 39.7, 5.0), perMinute(3.97, 100.0)));
        expected.forEach((fn, perHost) -> {
            Map<String, QueriedSeries> byHost = byLabel(overThreeMinutes("metric", "room_temperature_celsius", "fn", fn), "host");
            assertEquals(Set.of("web-1", "web-2"), byHost.keySet(), fn);
            assertEquals(Map.of("__name__", "room_temperature_celsius", "host", "web-1", "site", "dc1"), byHost.get("web-1").labels(), fn);
            assertPoints(perHost.get(0), byHost.get("web-1").points(), "fn=" + fn + " of web-1");
            assertPoints(perHost.get(1), byHost.get("web-2").points(), "fn=" + fn + " of web-2");
        });
    }

    @Test
    void increaseAndRateCountAcrossACounterResetAndLookBackToTheSampleBeforeTheBucket() {
        Map<String, QueriedSeries> increase = bySeries(overThreeMinutes("metric", "http_requests_total", "fn", "increase"));
        assertPoints(perMinute(30.0, 35.0), increase.get("web-1/get").points(), "increase of web-1 get (reset in the second minute)");
        assertPoints(perMinute(3.0, 4.0), increase.get("web-1/post").points(), "increase of web-1 post");
        assertPoints(perMinute(30.0, 40.0), increase.get("web-2/get").points(), "increase of web-2 get");

        Map<String, QueriedSeries> rate = bySeries(overThreeMinutes("metric", "http_requests_total", "fn", "rate"));
        assertPoints(perMinute(30 / 60.0, 35 / 60.0), rate.get("web-1/get").points(), "rate of web-1 get, per second");
        assertPoints(perMinute(3 / 60.0, 4 / 60.0), rate.get("web-1/post").points(), "rate of web-1 post");
        assertPoints(perMinute(30 / 60.0, 40 / 60.0), rate.get("web-2/get").points(), "rate of web-2 get");

        // A query starting at T+60s still sees the sample at T+45s: its first pair (30 -> 40) counts.
        QueriedSeries fromSecondMinute = only(metrics.queryOk("match", "http_requests_total{host=\"web-1\",method=\"get\"}",
                "from", Long.toString(t + STEP), "to", Long.toString(t + 2 * STEP), "step", "60s", "fn", "increase"));
        assertPoints(points(t + STEP, 35), fromSecondMinute.points(), "increase with the predecessor before the range");
    }

    private static Map<String, QueriedSeries> bySeries(List<QueriedSeries> series) {
        Map<String, QueriedSeries> byHostAndMethod = new TreeMap<>();
        for (QueriedSeries one : series) {
            byHostAndMethod.put(one.labels().get("host") + "/" + one.labels().get("method"), one);
        }
        assertEquals(series.size(), byHostAndMethod.size(), () -> "distinct series in " + series);
        return byHostAndMethod;
    }

    @Test
    void byGroupsPoolSamplesForAggregationsAndSumPerSeriesCountersAndLasts() {
        Map<String, QueriedSeries> increaseByHost = byLabel(overThreeMinutes("metric", "http_requests_total", "fn", "increase",
                "by", "host"), "host");
        assertEquals(Map.of("host", "web-1"), increaseByHost.get("web-1").labels(), "grouped series carry only the by-labels");
        assertPoints(perMinute(33.0, 39.0), increaseByHost.get("web-1").points(), "increase by host, web-1 = get + post");
        assertPoints(perMinute(30.0, 40.0), increaseByHost.get("web-2").points(), "increase by host, web-2");

        Map<String, QueriedSeries> increaseByMethod = byLabel(overThreeMinutes("metric", "http_requests_total", "fn", "increase",
                "by", "method"), "method");
        assertPoints(perMinute(60.0, 75.0), increaseByMethod.get("get").points(), "increase by method, get of both hosts");
        assertPoints(perMinute(3.0, 4.0), increaseByMethod.get("post").points(), "increase by method, post");

        // avg pools the samples of both series: (20+22+21+25+1+2+3+4)/8 and (30+10+20+40+100)/5, not the mean of the two means.
        assertPoints(perMinute(12.25, 40.0, 5.0), only(overThreeMinutes("metric", "room_temperature_celsius", "fn", "avg",
                "by", "site")).points(), "avg by site");
        assertPoints(perMinute(8.0, 5.0, 1.0), only(overThreeMinutes("metric", "room_temperature_celsius", "fn", "count",
                "by", "site")).points(), "count by site");
        assertPoints(perMinute(29.0, 140.0, 5.0), only(overThreeMinutes("metric", "room_temperature_celsius", "fn", "last",
                "by", "site")).points(), "last by site is the sum of each series' last");
    }

    @Test
    void matchSelectsSeriesWithEachOperatorAndRegexesAreAnchored() {
        assertEquals(Set.of("web-1/get", "web-1/post"), selected("http_requests_total{host=\"web-1\"}"));
        assertEquals(Set.of("web-2/get"), selected("http_requests_total{host!=\"web-1\"}"));
        assertEquals(Set.of("web-1/get", "web-2/get"), selected("http_requests_total{method=~\"g.t\"}"));
        assertEquals(Set.of(), selected("http_requests_total{method=~\"ge\"}"), "a regex must match the whole value");
        assertEquals(Set.of("web-1/post"), selected("http_requests_total{method!~\"get|put\"}"));
        assertEquals(Set.of("web-2/get"), selected("{__name__=~\"http_.*\",host=~\"web-[2-9]\"}"));

        JsonNode post = loupe.api().send(HttpRequest.newBuilder(loupe.api().base().resolve(MetricsClient.QUERY_PATH))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"match\":[\"http_requests_total\",\"{host=\\\"web-2\\\"}\"],\"from\":" + t
                        + ",\"to\":" + (t + 3 * STEP) + ",\"step\":\"60s\",\"fn\":\"increase\"}"))).ok();
        assertEquals(Set.of("web-2/get"), bySeries(QueriedSeries.of(post)).keySet(), "every match of a POST body must hold");
    }

    private static Set<String> selected(String selector) {
        return bySeries(overThreeMinutes("match", selector, "fn", "count")).keySet();
    }

    @Test
    void seriesAndLabelLookupsListWhatWasPushed() {
        String range = "&from=" + t + "&to=" + (t + 3 * STEP);
        JsonNode series = metrics.get("/api/v1/metrics/series?match=" + encode("http_requests_total") + range).ok();
        assertEquals(List.of(
                Map.of("__name__", "http_requests_total", "host", "web-1", "method", "get"),
                Map.of("__name__", "http_requests_total", "host", "web-1", "method", "post"),
                Map.of("__name__", "http_requests_total", "host", "web-2", "method", "get")), labelSets(series), series::toString);

        JsonNode union = metrics.get("/api/v1/metrics/series?match[]=" + encode("room_temperature_celsius{host=\"web-2\"}")
                + "&match[]=" + encode("http_requests_total{method=\"post\"}") + range).ok();
        assertEquals(Set.of(
                Map.of("__name__", "room_temperature_celsius", "host", "web-2", "site", "dc1"),
                Map.of("__name__", "http_requests_total", "host", "web-1", "method", "post")), Set.copyOf(labelSets(union)),
                "several selectors select the union");

        JsonNode before = metrics.get("/api/v1/metrics/series?match=" + encode("http_requests_total")
                + "&from=" + (t - 2 * 3_600_000) + "&to=" + (t - 3_600_000)).ok();
        assertEquals(List.of(), labelSets(before), "no series has samples an hour before T");

        assertEquals(List.of("__name__", "host", "method"),
                strings(metrics.get("/api/v1/metrics/labels?match=" + encode("http_requests_total")).ok(), "labels"));
        assertEquals(List.of("__name__", "host", "site"),
                strings(metrics.get("/api/v1/metrics/labels?match=" + encode("room_temperature_celsius")).ok(), "labels"));
        assertEquals(List.of("web-1", "web-2"),
                strings(metrics.get("/api/v1/metrics/labels/host/values?match=" + encode("http_requests_total")).ok(), "values"));
        assertEquals(List.of("get", "post"),
                strings(metrics.get("/api/v1/metrics/labels/method/values").ok(), "values"));
        assertEquals(List.of("http_requests_total", "many_series", "node_memory_MemAvailable_bytes", "node_memory_MemTotal_bytes",
                        "node_uname_info", "room_temperature_celsius"),
                strings(metrics.get("/api/v1/metrics/labels/__name__/values").ok(), "values"));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static List<Map<String, String>> labelSets(JsonNode answer) {
        List<Map<String, String>> sets = new ArrayList<>();
        for (JsonNode series : answer.path("series")) {
            Map<String, String> labels = new TreeMap<>();
            series.properties().forEach(label -> labels.put(label.getKey(), label.getValue().asText()));
            sets.add(labels);
        }
        return sets;
    }

    private static List<String> strings(JsonNode answer, String field) {
        List<String> values = new ArrayList<>();
        answer.path(field).forEach(value -> values.add(value.asText()));
        return values;
    }

    @Test
    void queriesOverTheSeriesOrPointLimitsAre422NamingTheSetting() {
        JsonNode tooManySeries = overThreeMinutesResponse("metric", "many_series").error(422, "QUERY_TOO_LARGE");
        assertMentions(tooManySeries.path("message").asText(), "more than " + MAX_SERIES + " series", "search.metrics_max_series");

        JsonNode seriesLookup = metrics.get("/api/v1/metrics/series?from=" + t + "&to=" + (t + 3 * STEP)).response()
                .error(422, "QUERY_TOO_LARGE");
        assertMentions(seriesLookup.path("message").asText(), "search.metrics_max_series");

        // 3 series x 180 one-second buckets = 540 points
        JsonNode tooManyPoints = metrics.query("metric", "http_requests_total", "from", Long.toString(t), "to",
                Long.toString(t + 3 * STEP), "step", "1s").response().error(422, "QUERY_TOO_LARGE");
        assertMentions(tooManyPoints.path("message").asText(), "540 points", "search.metrics_max_points");

        // 600 buckets are too many whatever the series
        JsonNode tooManyBuckets = metrics.query("metric", "http_requests_total", "from", Long.toString(t), "to",
                Long.toString(t + 10 * STEP), "step", "1s").response().error(422, "QUERY_TOO_LARGE");
        assertMentions(tooManyBuckets.path("message").asText(), "600 buckets", "search.metrics_max_points");

        assertEquals(3, overThreeMinutes("metric", "http_requests_total", "fn", "count").size(),
                "within both limits the same metric answers");
    }

    private static LoupeApi.Response overThreeMinutesResponse(String... more) {
        List<String> params = new ArrayList<>(List.of("from", Long.toString(t), "to", Long.toString(t + 3 * STEP), "step", "60s"));
        params.addAll(List.of(more));
        return metrics.query(params.toArray(String[]::new)).response();
    }

    private static void assertMentions(String text, String... fragments) {
        for (String fragment : fragments) {
            assertTrue(text.contains(fragment), () -> "expected '" + fragment + "' in: " + text);
        }
    }

    @Test
    void hostMemoryUtilizationIsComputedPerHostFromNodeExporterSeries() {
        JsonNode answer = metrics.query("metric", "host.memory.utilization", "from", Long.toString(t), "to",
                Long.toString(t + 2 * STEP), "step", "60s").ok();
        assertEquals("raw", answer.path("resolution").asText(), answer::toString);
        assertEquals(STEP, answer.path("step_ms").asLong(), answer::toString);
        List<QueriedSeries> hosts = QueriedSeries.of(answer);
        assertEquals(List.of(Map.of("host", "10.0.0.2"), Map.of("host", "db-1")), hosts.stream().map(QueriedSeries::labels).toList(),
                "one series per host, sorted: db-1 named by node_uname_info, the other by its instance without the port");
        assertPoints(perMinute(0.625, 0.25), hosts.get(1).points(), "db-1: 1 - avg(MemAvailable) / avg(MemTotal)");
        assertPoints(perMinute(0.75, 0.25), hosts.get(0).points(), "10.0.0.2");

        QueriedSeries onlyDb1 = only(metrics.queryOk("match", "host.memory.utilization{host=\"db-1\"}", "from", Long.toString(t),
                "to", Long.toString(t + 2 * STEP), "step", "60s", "by", "host"));
        assertEquals(Map.of("host", "db-1"), onlyDb1.labels());
        assertPoints(perMinute(0.625, 0.25), onlyDb1.points(), "db-1 selected by host");

        JsonNode otherLabel = metrics.query("match", "host.memory.utilization{instance=\"10.0.0.1:9100\"}", "from", Long.toString(t),
                "to", Long.toString(t + 2 * STEP), "step", "60s").response().error(400, "INVALID_PARAMETER");
        assertMentions(otherLabel.path("message").asText(), "host");
    }
}
