package io.loupe.ops.it;

import static io.loupe.ops.it.MetricsClient.byLabel;
import static io.loupe.ops.it.MetricsClient.gzip;
import static io.loupe.ops.it.MetricsClient.labels;
import static io.loupe.ops.it.MetricsClient.only;
import static io.loupe.ops.it.MetricsClient.points;
import static io.loupe.ops.it.MetricsClient.sample;
import static io.loupe.ops.it.MetricsClient.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.loupe.index.api.StaleMarker;
import io.loupe.ops.it.MetricsClient.Answer;
import io.loupe.ops.it.MetricsClient.OtlpPartialSuccess;
import io.loupe.ops.it.MetricsClient.OtlpRequest;
import io.loupe.ops.it.MetricsClient.QueriedSeries;
import io.loupe.ops.it.MetricsClient.RemoteWriteRequest;
import io.loupe.ops.it.RawHttpConnection.RawResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every metric push protocol against the real server, as its senders use it: good data comes back
 * from {@code /api/v1/metrics/query} with its exact values and timestamps; in a mixed batch the good
 * samples are stored and each bad one is reported with its reason in the protocol's own answer
 * (native and Prometheus JSON {@code errors}, remote_write a 400 text, Influx a 400
 * {@code {"code":"invalid"}}, OTLP a 200 with {@code partialSuccess}); a sample older than the open
 * window is refused naming {@code metrics.late_sample_minutes}; gzip bodies; 415, 413 and 429; the
 * Prometheus stale marker survives a restart. Each test writes its own metric names, so the tests
 * share one server; sample times are whole seconds some minutes ago, inside the open window.
 */
class MetricsIngestIT {
    private static final int MAX_BODY_BYTES = 8192;
    private static final long SECOND = 1000;
    private static final long TWO_DAYS = Duration.ofDays(2).toMillis();

    @TempDir
    static Path dataDir;
    private static InProcessLoupe loupe;
    private static MetricsClient metrics;
    /** A whole minute ten minutes ago: every sample of a test is at {@code base} plus some seconds. */
    private static long base;

    @BeforeAll
    static void startServer() throws Exception {
        loupe = InProcessLoupe.start(dataDir, settings());
        metrics = new MetricsClient(loupe.api());
        base = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(10)).toEpochMilli();
    }

    private static Map<String, String> settings() {
        return Map.of("ingest.max_body_bytes", Integer.toString(MAX_BODY_BYTES),
                "ingest.max_in_flight_requests", "1");
    }

    @AfterAll
    static void stopServer() {
        if (loupe != null) {
            loupe.close();
        }
    }

    private static String rfc3339(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }

    /** The samples of every series of a metric around {@code base}, keyed by the value of one label. */
    private static Map<String, SortedMap<Long, Double>> storedByLabel(String metric, String label) {
        Map<String, SortedMap<Long, Double>> stored = new TreeMap<>();
        byLabel(metrics.lastPerSecond(metric, base - 60 * SECOND, base + 60 * SECOND), label)
                .forEach((value, series) -> stored.put(value, series.points()));
        return stored;
    }

    /** No series of the metric has a sample anywhere from two days before {@code base} to an hour after it. */
    private static void assertNothingStored(String metric) {
        List<QueriedSeries> series = metrics.queryOk("metric", metric, "from", Long.toString(base - TWO_DAYS - 3_600_000),
                "to", Long.toString(base + 3_600_000), "step", "1h", "fn", "count");
        assertEquals(List.of(), series, "nothing of " + metric + " is stored");
    }

    private static void assertMentions(String text, String... fragments) {
        for (String fragment : fragments) {
            assertTrue(text.contains(fragment), () -> "expected '" + fragment + "' in: " + text);
        }
    }

    // ---- native ---------------------------------------------------------------------------------

    @Test
    void nativeSamplesComeBackWithTheirExactValuesAndTimestampsWhateverTheTimestampForm() {
        JsonNode answer = metrics.postNativeAll(
                sample("it_native_gauge", Map.of("host", "a"), rfc3339(base), 1.5),
                sample("it_native_gauge", Map.of("host", "a"), base + SECOND, -2.25),
                sample("it_native_gauge", Map.of("host", "a"), (base + 2 * SECOND) * 1000, "1e3"),
                sample("it_native_gauge", Map.of("host", "a"), (base + 3 * SECOND) * 1_000_000, "+Inf"),
                sample("it_native_gauge", Map.of("host", "b", "zone", "eu-1"), rfc3339(base), 42));
        assertEquals(0, answer.path("errors").size(), answer::toString);

        List<QueriedSeries> series = metrics.lastPerSecond("it_native_gauge", base, base + 10 * SECOND);
        Map<String, QueriedSeries> byHost = byLabel(series, "host");
        assertEquals(Map.of("__name__", "it_native_gauge", "host", "a"), byHost.get("a").labels());
        assertEquals(Map.of("__name__", "it_native_gauge", "host", "b", "zone", "eu-1"), byHost.get("b").labels());
        assertEquals(points(base, 1.5, base + SECOND, -2.25, base + 2 * SECOND, 1000, base + 3 * SECOND, Double.POSITIVE_INFINITY),
                byHost.get("a").points(), "epoch ms, µs and ns and RFC 3339 all land on the same second");
        assertEquals(points(base, 42), byHost.get("b").points());
    }

    @Test
    void nativeMixedBatchStoresTheGoodSamplesAndListsEachBadLineWithItsReason() {
        JsonNode answer = metrics.postNative(
                sample("it_native_mixed", Map.of("host", "a"), base, 1),
                sample("1bad", Map.of("host", "a"), base, 1),
                "{\"name\":\"it_native_mixed\",\"labels\":{\"host\":\"a\"},\"timestamp\":" + base + "}",
                "{\"name\":\"it_native_mixed\",\"lables\":{\"host\":\"a\"},\"timestamp\":" + base + ",\"value\":1}",
                sample("it_native_mixed", Map.of("host", "a"), base + SECOND, 2),
                sample("it_native_mixed", Map.of("host", "a"), base + 2 * SECOND, "abc"),
                "{not json").ok();

        assertEquals(2, answer.path("accepted").asInt(), answer::toString);
        assertEquals(5, answer.path("rejected").asInt(), answer::toString);
        Map<Integer, String> reasonByLine = new TreeMap<>();
        for (JsonNode error : answer.path("errors")) {
            assertEquals("INVALID_SAMPLE", error.path("code").asText(), error::toString);
            reasonByLine.put(error.path("line").asInt(), error.path("message").asText());
        }
        assertEquals(List.of(2, 3, 4, 6, 7), List.copyOf(reasonByLine.keySet()), answer::toString);
        assertMentions(reasonByLine.get(2), "'1bad'", "not a valid name");
        assertMentions(reasonByLine.get(3), "no 'value'");
        assertMentions(reasonByLine.get(4), "unknown field 'lables'");
        assertMentions(reasonByLine.get(6), "'abc'", "not a number");
        assertMentions(reasonByLine.get(7), "not valid JSON");

        assertEquals(Map.of("a", points(base, 1, base + SECOND, 2)), storedByLabel("it_native_mixed", "host"));
    }

    @Test
    void nativeSampleOutsideTheOpenWindowIsRejectedNamingTheSettingAndTheOthersAreStored() {
        JsonNode answer = metrics.postNative(
                sample("it_native_window", Map.of("age", "two-days"), base - TWO_DAYS, 1),
                sample("it_native_window", Map.of("age", "recent"), base, 2),
                sample("it_native_window", Map.of("age", "future"), Instant.now().plus(Duration.ofHours(1)).toEpochMilli(), 3)).ok();

        assertEquals(1, answer.path("accepted").asInt(), answer::toString);
        assertEquals(2, answer.path("rejected").asInt(), answer::toString);
        JsonNode late = answer.path("errors").get(0);
        assertEquals(1, late.path("sample").asInt(), answer::toString);
        assertEquals("SAMPLE_OUT_OF_WINDOW", late.path("code").asText(), answer::toString);
        assertMentions(late.path("message").asText(), "older than the open window", "metrics.late_sample_minutes");
        JsonNode future = answer.path("errors").get(1);
        assertEquals(3, future.path("sample").asInt(), answer::toString);
        assertMentions(future.path("message").asText(), "in the future", "metrics.max_future_seconds");

        assertEquals(Map.of("recent", points(base, 2)), storedByLabel("it_native_window", "age"));
        assertEquals(List.of(), metrics.lastPerSecond("it_native_window", base - TWO_DAYS - 60 * SECOND, base - TWO_DAYS + 60 * SECOND),
                "the two-day-old sample is nowhere");
    }

    @Test
    void nativeGzipBodyIsStored() {
        byte[] body = gzip(utf8(String.join("\n",
                sample("it_native_gzip", Map.of("host", "a"), base, 10),
                sample("it_native_gzip", Map.of("host", "a"), base + SECOND, 11)) + "\n"));
        JsonNode answer = metrics.post(MetricsClient.NATIVE_PATH, LoupeApi.NDJSON, body, "Content-Encoding", "gzip").ok();
        assertEquals(2, answer.path("accepted").asInt(), answer::toString);
        assertEquals(Map.of("a", points(base, 10, base + SECOND, 11)), storedByLabel("it_native_gzip", "host"));
    }

    // ---- Prometheus text ------------------------------------------------------------------------

    @Test
    void prometheusTextOpenMetricsAndGzipAreStoredWithTheirTimestamps() {
        JsonNode text = metrics.postPrometheus("""
                # HELP it_prom_requests_total Requests served.
                # TYPE it_prom_requests_total counter
                it_prom_requests_total{code="200",method="get"} 1027 %d
                it_prom_requests_total{code="500",method="get"} 3 %d
                """.formatted(base, base + SECOND)).ok();
        assertEquals(2, text.path("accepted").asInt(), text::toString);
        assertEquals(0, text.path("errors").size(), text::toString);

        String openMetrics = """
                # TYPE it_prom_temperature gauge
                it_prom_temperature{room="lab"} 21.5 %d.000
                # EOF
                """.formatted((base + 2 * SECOND) / 1000);
        JsonNode open = metrics.post(MetricsClient.PROMETHEUS_PATH, "application/openmetrics-text; version=1.0.0; charset=utf-8",
                utf8(openMetrics)).ok();
        assertEquals(1, open.path("accepted").asInt(), open::toString);

        byte[] gzipped = gzip(utf8("it_prom_requests_total{code=\"404\",method=\"get\"} 12 %d\n".formatted(base + 3 * SECOND)));
        JsonNode compressed = metrics.post(MetricsClient.PROMETHEUS_PATH, MetricsClient.PROMETHEUS_TEXT, gzipped,
                "Content-Encoding", "gzip").ok();
        assertEquals(1, compressed.path("accepted").asInt(), compressed::toString);

        assertEquals(Map.of("200", points(base, 1027), "500", points(base + SECOND, 3), "404", points(base + 3 * SECOND, 12)),
                storedByLabel("it_prom_requests_total", "code"));
        assertEquals(Map.of("lab", points(base + 2 * SECOND, 21.5)), storedByLabel("it_prom_temperature", "room"),
                "openmetrics timestamps are seconds");
    }

    @Test
    void prometheusMixedExpositionListsBadLinesAndTheLateSampleAndStoresTheRest() {
        JsonNode answer = metrics.postPrometheus("""
                it_prom_mixed{job="a"} 1 %d
                it_prom_mixed{job="b" 2 %d
                it_prom_mixed{job="c"} twelve %d
                it_prom_mixed{job="d"} 4 %d
                it_prom_mixed{job="e"} 5 %d
                """.formatted(base, base, base, base + SECOND, base - TWO_DAYS)).ok();

        assertEquals(2, answer.path("accepted").asInt(), answer::toString);
        assertEquals(3, answer.path("rejected").asInt(), answer::toString);
        JsonNode errors = answer.path("errors");
        assertEquals(3, errors.size(), answer::toString);
        assertEquals(2, errors.get(0).path("line").asInt(), answer::toString);
        assertEquals(3, errors.get(1).path("line").asInt(), answer::toString);
        assertMentions(errors.get(1).path("message").asText(), "twelve");
        assertEquals("SAMPLE_OUT_OF_WINDOW", errors.get(2).path("code").asText(), answer::toString);
        assertEquals(3, errors.get(2).path("sample").asInt(), "the third sample that was read is the late one: " + answer);
        assertMentions(errors.get(2).path("message").asText(), "metrics.late_sample_minutes");

        assertEquals(Map.of("a", points(base, 1), "d", points(base + SECOND, 4)), storedByLabel("it_prom_mixed", "job"));
    }

    // ---- remote_write ---------------------------------------------------------------------------

    @Test
    void remoteWriteIsAnswered204AndStoresEverySampleExactly() {
        metrics.postRemoteWrite(new RemoteWriteRequest()
                .series(labels("__name__", "it_rw_up", "instance", "node-1:9100", "job", "node"), base, 1, base + SECOND, 0)
                .series(labels("__name__", "it_rw_up", "instance", "node-2:9100", "job", "node"), base, 0.1 + 0.2))
                .assertNoContent();

        assertEquals(Map.of("node-1:9100", points(base, 1, base + SECOND, 0), "node-2:9100", points(base, 0.1 + 0.2)),
                storedByLabel("it_rw_up", "instance"), "values keep every bit (0.1 + 0.2 is not 0.3)");
        assertEquals(Map.of("__name__", "it_rw_up", "instance", "node-1:9100", "job", "node"),
                metrics.lastPerSecond("it_rw_up{instance=\"node-1:9100\"}", base, base + 10 * SECOND).get(0).labels());
    }

    @Test
    void remoteWriteWithRejectedSeriesAnswers400WithTheReasonsInTextAndStoresTheRest() {
        Answer answer = metrics.postRemoteWrite(new RemoteWriteRequest()
                .series(labels("__name__", "it_rw_mixed", "series", "good"), base, 7, base + SECOND, 8)
                .series(labels("series", "nameless"), base, 9)
                .series(labels("__name__", "it_rw_mixed", "series", "late"), base - TWO_DAYS, 10));

        assertEquals(400, answer.status(), answer::body);
        assertTrue(answer.contentType().startsWith("text/plain"), answer::contentType);
        String body = answer.body();
        assertTrue(body.startsWith("2 sample(s) rejected, 2 stored"), body);
        assertMentions(body, "no metric name", "older than the open window", "metrics.late_sample_minutes");

        assertEquals(Map.of("good", points(base, 7, base + SECOND, 8)), storedByLabel("it_rw_mixed", "series"));
    }

    @Test
    void staleMarkerSentByRemoteWriteEndsTheSeriesAndSurvivesARestart() throws Exception {
        metrics.postRemoteWrite(new RemoteWriteRequest()
                .series(labels("__name__", "it_rw_stale", "job", "gone"), base, 1, base + SECOND, 2, base + 2 * SECOND, StaleMarker.VALUE)
                .series(labels("__name__", "it_rw_nan", "job", "nan"), base, Double.NaN))
                .assertNoContent();
        assertStaleMarkerEndsTheSeries(metrics, "before a restart");
        // One server per JVM at a time (its Quartz scheduler has a fixed name), so the shared one is restarted.
        loupe.close();
        loupe = InProcessLoupe.start(dataDir, settings());
        metrics = new MetricsClient(loupe.api());
        assertStaleMarkerEndsTheSeries(metrics, "after a restart (write-ahead log replay)");
    }

    /** {@code base} is a whole minute, so the 5 s bucket starting at it holds all three samples of it_rw_stale. */
    private static void assertStaleMarkerEndsTheSeries(MetricsClient client, String when) {
        String from = Long.toString(base);
        String to = Long.toString(base + 5 * SECOND);
        assertEquals(points(base, 1, base + SECOND, 2), only(client.lastPerSecond("it_rw_stale", base, base + 5 * SECOND)).points(),
                when + ": no point at or after the stale marker");
        assertEquals(List.of(), client.queryOk("metric", "it_rw_stale", "from", from, "to", to, "step", "5s", "fn", "last"),
                when + ": a bucket whose last sample is the stale marker has no last value");
        assertEquals(points(base, 2), only(client.queryOk("metric", "it_rw_stale", "from", from, "to", to, "step", "5s",
                "fn", "count")).points(), when + ": the stale marker is not counted");
        assertTrue(Double.isNaN(only(client.lastPerSecond("it_rw_nan", base, base + 5 * SECOND)).points().get(base)),
                when + ": an ordinary NaN is a value and is reported");
    }

    // ---- OTLP -----------------------------------------------------------------------------------

    @Test
    void otlpJsonProtobufAndGzipAreAnsweredWithAnEmptyResponseAndStored() {
        Answer json = metrics.postOtlpJson("""
                {"resourceMetrics":[{"resource":{"attributes":[
                   {"key":"host.name","value":{"stringValue":"otel-1"}},{"key":"service.name","value":{"stringValue":"checkout"}}]},
                 "scopeMetrics":[{"scope":{"name":"it"},"metrics":[
                   {"name":"it.otlp.queue_depth","gauge":{"dataPoints":[
                     {"timeUnixNano":"%d","asDouble":7.5,"attributes":[{"key":"queue","value":{"stringValue":"orders"}}]},
                     {"timeUnixNano":"%d","asInt":"9","attributes":[{"key":"queue","value":{"stringValue":"orders"}}]}]}}]}]}]}
                """.formatted(base * 1_000_000, (base + SECOND) * 1_000_000));
        assertEquals(200, json.status(), json::body);
        assertEquals("application/json", json.contentType());
        assertEquals(0, json.json().size(), () -> "all accepted: an empty response object, got " + json.body());

        Answer protobuf = metrics.postOtlpProtobuf(new OtlpRequest("host.name", "otel-2")
                .monotonicSum("it.otlp.requests", OtlpRequest.intPoint(base, 100, "route", "/pay"),
                        OtlpRequest.intPoint(base + SECOND, 130, "route", "/pay"))
                .protobuf());
        assertEquals(200, protobuf.status(), protobuf::body);
        assertEquals(MetricsClient.PROTOBUF, protobuf.contentType());
        assertEquals(0, protobuf.bytes().length, "all accepted: an empty ExportMetricsServiceResponse");

        byte[] gzipped = gzip(new OtlpRequest("host.name", "otel-1", "service.name", "checkout")
                .gauge("it.otlp.queue_depth", OtlpRequest.doublePoint(base + 2 * SECOND, 11, "queue", "orders")).protobuf());
        Answer compressed = metrics.post(MetricsClient.OTLP_PATH, MetricsClient.PROTOBUF, gzipped, "Content-Encoding", "gzip");
        assertEquals(200, compressed.status(), compressed::body);
        assertEquals(0, compressed.bytes().length, "all accepted");

        QueriedSeries queue = only(metrics.lastPerSecond("it.otlp.queue_depth", base, base + 10 * SECOND));
        assertEquals(Map.of("__name__", "it.otlp.queue_depth", "host", "otel-1", "service", "checkout", "queue", "orders"), queue.labels(),
                "resource host.name and service.name become host and service");
        assertEquals(points(base, 7.5, base + SECOND, 9, base + 2 * SECOND, 11), queue.points(), "json, protobuf and gzipped protobuf");
        QueriedSeries requests = only(metrics.lastPerSecond("it.otlp.requests", base, base + 10 * SECOND));
        assertEquals(Map.of("__name__", "it.otlp.requests", "host", "otel-2", "route", "/pay"), requests.labels());
        assertEquals(points(base, 100, base + SECOND, 130), requests.points());
    }

    @Test
    void otlpRejectedPointsAreReportedInPartialSuccessWith200AndTheRestStored() {
        Answer json = metrics.postOtlpJson("""
                {"resourceMetrics":[{"resource":{"attributes":[{"key":"host.name","value":{"stringValue":"otel-3"}}]},
                 "scopeMetrics":[{"metrics":[
                   {"name":"it.otlp.latency","exponentialHistogram":{"dataPoints":[{"timeUnixNano":"%d","count":"3","scale":2}]}},
                   {"name":"it.otlp.mixed","gauge":{"dataPoints":[
                     {"timeUnixNano":"%d","asDouble":1.25},
                     {"timeUnixNano":"%d","asDouble":2.5}]}}]}]}]}
                """.formatted(base * 1_000_000, base * 1_000_000, (base - TWO_DAYS) * 1_000_000));
        assertEquals(200, json.status(), json::body);
        JsonNode partialSuccess = json.json().path("partialSuccess");
        assertEquals("2", partialSuccess.path("rejectedDataPoints").asText(), json::body);
        assertMentions(partialSuccess.path("errorMessage").asText(), "data point 1: metric it.otlp.latency: exponential histograms"
                + " are not supported", "sample of it.otlp.mixed{host=\"otel-3\"}", "metrics.late_sample_minutes");

        Answer protobuf = metrics.postOtlpProtobuf(new OtlpRequest("host.name", "otel-4")
                .gauge("it.otlp.mixed", OtlpRequest.doublePoint(base - TWO_DAYS, 3), OtlpRequest.doublePoint(base + SECOND, 4))
                .protobuf());
        assertEquals(200, protobuf.status(), protobuf::body);
        OtlpPartialSuccess partial = OtlpPartialSuccess.ofProtobuf(protobuf.bytes());
        assertEquals(1, partial.rejectedDataPoints(), partial::toString);
        assertMentions(partial.errorMessage(), "metrics.late_sample_minutes");

        assertEquals(Map.of("otel-3", points(base, 1.25), "otel-4", points(base + SECOND, 4)),
                storedByLabel("it.otlp.mixed", "host"));
        assertNothingStored("it.otlp.latency");
    }

    @Test
    void otlpPartialSuccessCountsAndNumbersPointsTheStoreRefusedByTheirPlaceInTheRequest() {
        // point 1: a late histogram (3 bounds -> 4 buckets + _sum + _count = 6 samples); point 2 stored; point 3 late
        Answer json = metrics.postOtlpJson("""
                {"resourceMetrics":[{"resource":{"attributes":[{"key":"host.name","value":{"stringValue":"otel-5"}}]},
                 "scopeMetrics":[{"metrics":[
                   {"name":"it.otlp.late_latency","histogram":{"aggregationTemporality":2,"dataPoints":[
                     {"timeUnixNano":"%d","count":"6","sum":1.5,"bucketCounts":["1","2","3","0"],"explicitBounds":[0.1,0.5,1]}]}},
                   {"name":"it.otlp.placed","gauge":{"dataPoints":[
                     {"timeUnixNano":"%d","asDouble":7},
                     {"timeUnixNano":"%d","asDouble":8}]}}]}]}]}
                """.formatted((base - TWO_DAYS) * 1_000_000, base * 1_000_000, (base - TWO_DAYS) * 1_000_000));
        assertEquals(200, json.status(), json::body);
        JsonNode partialSuccess = json.json().path("partialSuccess");
        assertEquals("2", partialSuccess.path("rejectedDataPoints").asText(), json::body);
        String message = partialSuccess.path("errorMessage").asText();
        assertMentions(message, "2 data points rejected: data point 1: sample of it.otlp.late_latency_",
                "; data point 3: sample of it.otlp.placed{host=\"otel-5\"}", "metrics.late_sample_minutes");
        assertEquals(2, message.split("data point \\d+:", -1).length - 1, message);
        assertEquals(Map.of("otel-5", points(base, 7)), storedByLabel("it.otlp.placed", "host"));
        assertNothingStored("it.otlp.late_latency_count");
    }

    @Test
    void influxV2AndV1WritesAreAnswered204AndStoredInTheirPrecision() {
        metrics.postInflux("org=o&bucket=b", """
                it_influx_cpu,host=h1,cpu=cpu0 usage_user=12.5,usage_system=3i %d
                it_influx_cpu,host=h1,cpu=cpu0 usage_user=13.5,usage_system=4i %d
                """.formatted(base * 1_000_000, (base + SECOND) * 1_000_000)).assertNoContent();
        metrics.postInflux("precision=s", "it_influx_mem,host=h1 value=1024 %d\n".formatted(base / 1000)).assertNoContent();
        metrics.post(MetricsClient.INFLUX_V1_PATH + "?db=telegraf&precision=ms", null,
                utf8("it_influx_mem,host=h2 value=2048 %d\n".formatted(base + 2 * SECOND))).assertNoContent();

        assertEquals(Map.of("h1", points(base, 12.5, base + SECOND, 13.5)), storedByLabel("it_influx_cpu_usage_user", "host"));
        assertEquals(Map.of("h1", points(base, 3, base + SECOND, 4)), storedByLabel("it_influx_cpu_usage_system", "host"));
        assertEquals(Map.of("__name__", "it_influx_cpu_usage_user", "host", "h1", "cpu", "cpu0"),
                only(metrics.lastPerSecond("it_influx_cpu_usage_user", base, base + 10 * SECOND)).labels());
        assertEquals(Map.of("h1", points(base, 1024), "h2", points(base + 2 * SECOND, 2048)),
                storedByLabel("it_influx_mem", "host"), "a field named value is the measurement itself");
    }

    @Test
    void influxPartialWriteIs400InvalidWithTheReasonsAndTheGoodPointsStored() {
        Answer answer = metrics.postInflux("", """
                it_influx_mixed,host=a value=1 %d
                it_influx_mixed,host=b value="text" %d
                just_a_measurement
                it_influx_mixed,host=c value=3 %d
                it_influx_mixed,host=d value=4 %d
                """.formatted(base * 1_000_000, base * 1_000_000, (base - TWO_DAYS) * 1_000_000, (base + SECOND) * 1_000_000));

        assertEquals(400, answer.status(), answer::body);
        assertEquals("application/json", answer.contentType());
        JsonNode body = answer.json();
        assertEquals("invalid", body.path("code").asText(), answer::body);
        String message = body.path("message").asText();
        assertTrue(message.startsWith("partial write: 3 rejected, 2 stored"), message);
        assertMentions(message, "line 2: ", "'value'", "line 3: ", "'just_a_measurement'", "older than the open window",
                "metrics.late_sample_minutes");

        assertEquals(Map.of("a", points(base, 1), "d", points(base + SECOND, 4)), storedByLabel("it_influx_mixed", "host"));
    }

    @Test
    void influxGzipBodyIsStored() {
        byte[] body = gzip(utf8("it_influx_gzip,host=g value=5 %d\n".formatted(base * 1_000_000)));
        metrics.post(MetricsClient.INFLUX_V2_PATH, "text/plain", body, "Content-Encoding", "gzip").assertNoContent();
        assertEquals(Map.of("g", points(base, 5)), storedByLabel("it_influx_gzip", "host"));
    }

    // ---- refusals of whole requests -------------------------------------------------------------

    @Test
    void everyProtocolRefusesAContentTypeOrEncodingItDoesNotSpeakWith415() {
        byte[] nativeBody = utf8(sample("it_refused_415", Map.of(), base, 1));
        assertMentions(metrics.post(MetricsClient.NATIVE_PATH, "text/csv", nativeBody).response()
                .error(415, "UNSUPPORTED_MEDIA_TYPE").path("message").asText(), "'text/csv'", "application/x-ndjson");
        assertMentions(metrics.post(MetricsClient.NATIVE_PATH, LoupeApi.NDJSON, nativeBody, "Content-Encoding", "br").response()
                .error(415, "UNSUPPORTED_ENCODING").path("message").asText(), "'br'", "gzip");
        assertMentions(metrics.post(MetricsClient.PROMETHEUS_PATH, "application/json", utf8("it_refused_415 1 " + base)).response()
                .error(415, "UNSUPPORTED_MEDIA_TYPE").path("message").asText(), "'application/json'", "text/plain");
        byte[] writeRequest = new RemoteWriteRequest().series(labels("__name__", "it_refused_415"), base, 1).snappy();
        assertMentions(metrics.post(MetricsClient.REMOTE_WRITE_PATH, MetricsClient.PROTOBUF, writeRequest, "Content-Encoding", "gzip")
                .response().error(415, "UNSUPPORTED_ENCODING").path("message").asText(), "snappy", "'gzip'");
        assertMentions(metrics.post(MetricsClient.REMOTE_WRITE_PATH, "application/json", writeRequest, "Content-Encoding", "snappy")
                .response().error(415, "UNSUPPORTED_MEDIA_TYPE").path("message").asText(), "application/x-protobuf");
        assertMentions(metrics.post(MetricsClient.REMOTE_WRITE_PATH, MetricsClient.PROTOBUF + ";proto=io.prometheus.write.v2.Request",
                writeRequest, "Content-Encoding", "snappy").response().error(415, "UNSUPPORTED_MEDIA_TYPE").path("message").asText(),
                "remote write 1.0", "protobuf_message");
        assertMentions(metrics.post(MetricsClient.OTLP_PATH, "text/plain", utf8("{}")).response()
                .error(415, "UNSUPPORTED_MEDIA_TYPE").path("message").asText(), "'text/plain'", "application/x-protobuf");
        assertMentions(metrics.post(MetricsClient.INFLUX_V2_PATH, "text/plain", utf8("it_refused_415 value=1"), "Content-Encoding", "zstd")
                .response().error(415, "UNSUPPORTED_ENCODING").path("message").asText(), "'zstd'");
        assertNothingStored("it_refused_415");
    }

    @Test
    void declaredBodyOverTheLimitIs413NamingTheSetting() throws IOException {
        try (RawHttpConnection connection = RawHttpConnection.open(InProcessLoupe.HOST, serverPort())) {
            connection.sendPostHead(MetricsClient.NATIVE_PATH, LoupeApi.NDJSON, MAX_BODY_BYTES + 1);
            RawResponse response = connection.readResponse();
            assertEquals(413, response.status(), response::body);
            JsonNode error = LoupeApi.JSON.readTree(response.body()).path("error");
            assertEquals("BODY_TOO_LARGE", error.path("code").asText(), response::body);
            assertMentions(error.path("message").asText(), "ingest.max_body_bytes", Integer.toString(MAX_BODY_BYTES));
        }
    }

    private static int serverPort() {
        return loupe.api().port();
    }

    @Test
    void streamedBodyOverTheLimitIs413AndStoresNothingOfIt() {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; lines.length() <= MAX_BODY_BYTES; i++) {
            lines.append("it_refused_413,host=streamed value=").append(i).append(' ').append((base + i) * 1_000_000).append('\n');
        }
        byte[] body = utf8(lines.toString());
        // An input-stream body has no declared length: it is sent chunked and measured while it arrives.
        LoupeApi.Response response = loupe.api().send(HttpRequest.newBuilder(loupe.api().base().resolve(MetricsClient.INFLUX_V2_PATH))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
        assertMentions(response.error(413, "BODY_TOO_LARGE").path("message").asText(), "ingest.max_body_bytes");
        assertNothingStored("it_refused_413");
    }

    @Test
    void compressedBodiesThatInflatePastTheLimitAre413() {
        String line = sample("it_refused_bomb", Map.of("host", "a"), base, 1);
        StringBuilder repeated = new StringBuilder();
        while (repeated.length() <= 4 * MAX_BODY_BYTES) {
            repeated.append(line).append('\n');
        }
        byte[] gzipBomb = gzip(utf8(repeated.toString()));
        assertTrue(gzipBomb.length < MAX_BODY_BYTES, "the compressed body itself is within the limit");
        assertMentions(metrics.post(MetricsClient.NATIVE_PATH, LoupeApi.NDJSON, gzipBomb, "Content-Encoding", "gzip").response()
                .error(413, "BODY_TOO_LARGE").path("message").asText(), "decompressed", "ingest.max_body_bytes");

        RemoteWriteRequest large = new RemoteWriteRequest();
        for (int i = 0; i < 400; i++) {
            large.series(labels("__name__", "it_refused_bomb", "host", "a", "i", Integer.toString(i)), base, i);
        }
        assertTrue(large.protobuf().length > MAX_BODY_BYTES && large.snappy().length < MAX_BODY_BYTES, "a snappy body inflating past the limit");
        Answer snappyBomb = metrics.postRemoteWrite(large);
        assertMentions(snappyBomb.response().error(413, "BODY_TOO_LARGE").path("message").asText(), "decompresses to",
                "ingest.max_body_bytes");
        assertNothingStored("it_refused_bomb");
    }

    @Test
    void metricRequestBeyondTheInFlightLimitIs429WithRetryAfterAndTheSlowOneStillSucceeds() throws IOException {
        byte[] slowBody = utf8(sample("it_slow_sender", Map.of("host", "slow"), base, 99) + "\n");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
        RawHttpConnection slow = startSlowRequest(slowBody);
        try {
            Answer refused;
            while (true) {
                // A probe can overtake the slow request and take the only slot first; then the slow one is started again.
                refused = metrics.postNative(sample("it_overload_probe", Map.of(), base, 1));
                if (refused.status() == 429) {
                    break;
                }
                if (slow.hasResponse()) {
                    slow.close();
                    slow = startSlowRequest(slowBody);
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("no metric request was answered 429 while another held the only slot"
                            + " (ingest.max_in_flight_requests=1); last answer: " + refused.status() + " " + refused.body());
                }
            }
            JsonNode error = refused.response().error(429, "OVERLOADED");
            assertEquals("1", refused.headers().firstValue("Retry-After").orElse(null), "Retry-After header");
            assertMentions(error.path("message").asText(), "ingest.max_in_flight_requests");

            slow.send(slowBody, slowBody.length / 2, slowBody.length);
            RawResponse finished = slow.readResponse();
            assertEquals(200, finished.status(), finished::body);
            assertEquals(1, LoupeApi.JSON.readTree(finished.body()).path("accepted").asInt(), finished::body);
        } finally {
            slow.close();
        }
        assertEquals(Map.of("slow", points(base, 99)), storedByLabel("it_slow_sender", "host"));
    }

    private static RawHttpConnection startSlowRequest(byte[] body) throws IOException {
        RawHttpConnection slow = RawHttpConnection.open(InProcessLoupe.HOST, serverPort());
        slow.sendPostHead(MetricsClient.NATIVE_PATH, LoupeApi.NDJSON, body.length);
        slow.send(body, 0, body.length / 2);
        return slow;
    }
}
