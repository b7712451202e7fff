package io.loupe.ingest.otlp;

import static io.loupe.ingest.otlp.OtlpProtobufRequest.AGGREGATION_TEMPORALITY_CUMULATIVE;
import static io.loupe.ingest.otlp.OtlpProtobufRequest.AGGREGATION_TEMPORALITY_DELTA;
import static io.loupe.ingest.otlp.OtlpProtobufRequest.array;
import static io.loupe.ingest.otlp.OtlpProtobufRequest.attributes;
import static io.loupe.ingest.otlp.OtlpProtobufRequest.bool;
import static io.loupe.ingest.otlp.OtlpProtobufRequest.bytes;
import static io.loupe.ingest.otlp.OtlpProtobufRequest.doublePoint;
import static io.loupe.ingest.otlp.OtlpProtobufRequest.exponentialHistogram;
import static io.loupe.ingest.otlp.OtlpProtobufRequest.exponentialHistogramPoint;
import static io.loupe.ingest.otlp.OtlpProtobufRequest.flaggedPoint;
import static io.loupe.ingest.otlp.OtlpProtobufRequest.floating;
import static io.loupe.ingest.otlp.OtlpProtobufRequest.gauge;
import static io.loupe.ingest.otlp.OtlpProtobufRequest.histogram;
import static io.loupe.ingest.otlp.OtlpProtobufRequest.histogramPoint;
import static io.loupe.ingest.otlp.OtlpProtobufRequest.intPoint;
import static io.loupe.ingest.otlp.OtlpProtobufRequest.integer;
import static io.loupe.ingest.otlp.OtlpProtobufRequest.keyValue;
import static io.loupe.ingest.otlp.OtlpProtobufRequest.kvlist;
import static io.loupe.ingest.otlp.OtlpProtobufRequest.request;
import static io.loupe.ingest.otlp.OtlpProtobufRequest.resourceMetrics;
import static io.loupe.ingest.otlp.OtlpProtobufRequest.string;
import static io.loupe.ingest.otlp.OtlpProtobufRequest.sum;
import static io.loupe.ingest.otlp.OtlpProtobufRequest.summary;
import static io.loupe.ingest.otlp.OtlpProtobufRequest.summaryPoint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.Labels;
import io.loupe.index.api.LoupeException;
import io.loupe.index.api.MetricSample;
import io.loupe.index.api.StaleMarker;
import io.loupe.ingest.parse.LineError;
import io.loupe.ingest.parse.MetricLimits;
import io.loupe.ingest.parse.ParsedSamples;
import io.loupe.ingest.wire.ProtobufWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class OtlpProtobufDecodingTest {
    static final long T_NANOS = 1_700_000_000_123_456_789L;
    static final long T_MILLIS = 1_700_000_000_123L;
    static final long RECEIVED = 1_700_000_999_000L;
    private final OtlpMetricsDecoder decoder = new OtlpMetricsDecoder(MetricLimits.defaults());

    static ProtobufWriter[] hostResource() {
        return attributes(keyValue("host.name", string("web-3")), keyValue("service.name", string("node-agent")),
                keyValue("os.type", string("linux")));
    }

    private ParsedSamples decode(byte[] body) {
        return decoder.decodeProtobuf(body, RECEIVED);
    }

    @Test
    void gaugePointBecomesOneSampleWithResourceAndPointLabels() {
        ParsedSamples parsed = decode(request(resourceMetrics(hostResource(),
                gauge("system.memory.utilization", doublePoint(T_NANOS, 0.42, keyValue("state", string("used")))))));
        assertEquals(List.of(new MetricSample("system.memory.utilization",
                Labels.of("host", "web-3", "service", "node-agent", "os.type", "linux", "state", "used"), T_MILLIS, 0.42)),
                parsed.accepted());
        assertEquals(0, parsed.rejected());
    }

    @Test
    void hostmetricsCpuTimeKeepsItsNameAndAttributes() {
        ParsedSamples parsed = decode(request(resourceMetrics(attributes(keyValue("host.name", string("db-1"))),
                sum("system.cpu.time", AGGREGATION_TEMPORALITY_CUMULATIVE, true,
                        doublePoint(T_NANOS, 1234.56, keyValue("cpu", string("cpu0")), keyValue("state", string("user"))),
                        doublePoint(T_NANOS, 98765.25, keyValue("cpu", string("cpu0")), keyValue("state", string("idle"))),
                        doublePoint(T_NANOS, 17.5, keyValue("cpu", string("cpu1")), keyValue("state", string("system")))))));
        assertEquals(List.of(
                new MetricSample("system.cpu.time", Labels.of("host", "db-1", "cpu", "cpu0", "state", "user"), T_MILLIS, 1234.56),
                new MetricSample("system.cpu.time", Labels.of("host", "db-1", "cpu", "cpu0", "state", "idle"), T_MILLIS, 98765.25),
                new MetricSample("system.cpu.time", Labels.of("host", "db-1", "cpu", "cpu1", "state", "system"), T_MILLIS, 17.5)),
                parsed.accepted());
    }

    @Test
    void deltaSumIsStoredAsGivenAndIntValuesBecomeDoubles() {
        ParsedSamples parsed = decode(request(resourceMetrics(attributes(),
                sum("http.server.requests", AGGREGATION_TEMPORALITY_DELTA, true, intPoint(T_NANOS, 42)),
                gauge("queue.depth", intPoint(T_NANOS, -7)))));
        assertEquals(List.of(new MetricSample("http.server.requests", Labels.EMPTY, T_MILLIS, 42),
                new MetricSample("queue.depth", Labels.EMPTY, T_MILLIS, -7)), parsed.accepted());
    }

    @Test
    void histogramBecomesCumulativeBucketsSumAndCount() {
        ParsedSamples parsed = decode(request(resourceMetrics(hostResource(), histogram("http.server.duration",
                histogramPoint(T_NANOS, 15, 12.5, new long[] {1, 2, 3, 4, 5}, new double[] {0.005, 0.5, 1, 2.5}, 0,
                        keyValue("http.route", string("/api")))))));
        Labels labels = Labels.of("host", "web-3", "service", "node-agent", "os.type", "linux", "http.route", "/api");
        assertEquals(List.of(
                new MetricSample("http.server.duration_bucket", labels.with("le", "0.005"), T_MILLIS, 1),
                new MetricSample("http.server.duration_bucket", labels.with("le", "0.5"), T_MILLIS, 3),
                new MetricSample("http.server.duration_bucket", labels.with("le", "1"), T_MILLIS, 6),
                new MetricSample("http.server.duration_bucket", labels.with("le", "2.5"), T_MILLIS, 10),
                new MetricSample("http.server.duration_bucket", labels.with("le", "+Inf"), T_MILLIS, 15),
                new MetricSample("http.server.duration_sum", labels, T_MILLIS, 12.5),
                new MetricSample("http.server.duration_count", labels, T_MILLIS, 15)), parsed.accepted());
    }

    @Test
    void histogramWithoutBucketsOrSumHasInfBucketFromCount() {
        ParsedSamples parsed = decode(request(resourceMetrics(attributes(), histogram("rpc.duration",
                histogramPoint(T_NANOS, 4, null, new long[0], new double[0], 0)))));
        assertEquals(List.of(new MetricSample("rpc.duration_bucket", Labels.of("le", "+Inf"), T_MILLIS, 4),
                new MetricSample("rpc.duration_count", Labels.EMPTY, T_MILLIS, 4)), parsed.accepted());
    }

    @Test
    void summaryBecomesQuantilesSumAndCount() {
        ParsedSamples parsed = decode(request(resourceMetrics(attributes(), summary("gc.pause",
                summaryPoint(T_NANOS, 4, 10, new double[] {0.5, 0.99, 1}, new double[] {1, 3, 4}, keyValue("gc", string("g1")))))));
        Labels labels = Labels.of("gc", "g1");
        assertEquals(List.of(
                new MetricSample("gc.pause", labels.with("quantile", "0.5"), T_MILLIS, 1),
                new MetricSample("gc.pause", labels.with("quantile", "0.99"), T_MILLIS, 3),
                new MetricSample("gc.pause", labels.with("quantile", "1"), T_MILLIS, 4),
                new MetricSample("gc.pause_sum", labels, T_MILLIS, 10),
                new MetricSample("gc.pause_count", labels, T_MILLIS, 4)), parsed.accepted());
    }

    @Test
    void exponentialHistogramIsRejectedPerPointAndTheRestKept() {
        ParsedSamples parsed = decode(request(resourceMetrics(attributes(),
                gauge("a", doublePoint(T_NANOS, 1)),
                exponentialHistogram("latency", exponentialHistogramPoint(T_NANOS), exponentialHistogramPoint(T_NANOS)),
                gauge("b", doublePoint(T_NANOS, 2)))));
        assertEquals(List.of(new MetricSample("a", Labels.EMPTY, T_MILLIS, 1), new MetricSample("b", Labels.EMPTY, T_MILLIS, 2)),
                parsed.accepted());
        assertEquals(2, parsed.rejected());
        String reason = "metric latency: exponential histograms are not supported yet; configure the SDK or exporter to send"
                + " explicit-bucket histograms";
        assertEquals(List.of(new LineError(2, ErrorCode.INVALID_SAMPLE, reason), new LineError(3, ErrorCode.INVALID_SAMPLE, reason)),
                parsed.errors());
    }

    @Test
    void noRecordedValueBecomesTheStaleMarker() {
        ParsedSamples parsed = decode(request(resourceMetrics(attributes(),
                gauge("g", flaggedPoint(T_NANOS, 1)),
                histogram("h", histogramPoint(T_NANOS, 0, null, new long[] {0, 0}, new double[] {1}, 1)))));
        assertEquals(4, parsed.accepted().size());
        for (MetricSample sample : parsed.accepted()) {
            assertTrue(StaleMarker.is(sample.value()), sample.toString());
        }
        assertEquals(List.of("g", "h_bucket", "h_bucket", "h_count"), parsed.accepted().stream().map(s -> s.series().name()).toList());
    }

    @Test
    void nanValuesKeepTheirBitsAndZeroTimeMeansReceived() {
        double payloadNan = Double.longBitsToDouble(0x7ff8000000000123L);
        ParsedSamples parsed = decode(request(resourceMetrics(attributes(),
                gauge("g", doublePoint(0, payloadNan), doublePoint(T_NANOS, -0.0)))));
        assertEquals(0x7ff8000000000123L, Double.doubleToRawLongBits(parsed.accepted().get(0).value()));
        assertEquals(RECEIVED, parsed.accepted().get(0).timestampMillis());
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(parsed.accepted().get(1).value()));
    }

    @Test
    void attributeValuesOfEveryTypeBecomeText() {
        ParsedSamples parsed = decode(request(resourceMetrics(attributes(),
                gauge("g", doublePoint(T_NANOS, 1,
                        keyValue("int", integer(-42)),
                        keyValue("double", floating(0.25)),
                        keyValue("big", floating(1e6)),
                        keyValue("bool", bool(true)),
                        keyValue("array", array(string("a"), integer(1), bool(false))),
                        keyValue("kvlist", kvlist(keyValue("k", string("v")), keyValue("n", floating(1.5)))),
                        keyValue("bytes", bytes("hi".getBytes(StandardCharsets.US_ASCII))),
                        keyValue("unset", null),
                        keyValue("empty", string("")))))));
        assertEquals(Labels.of("int", "-42", "double", "0.25", "big", "1e+06", "bool", "true", "array", "[\"a\",1,false]",
                "kvlist", "{\"k\":\"v\",\"n\":1.5}", "bytes", "aGk="), parsed.accepted().get(0).series().labels());
    }

    @Test
    void pointAttributeWinsOverResourceAndScopeAttributesAreIgnored() {
        ParsedSamples parsed = decode(request(resourceMetrics(attributes(keyValue("env", string("prod")), keyValue("zone", string("a"))),
                gauge("g", doublePoint(T_NANOS, 1, keyValue("zone", string("b")))))));
        assertEquals(Labels.of("env", "prod", "zone", "b"), parsed.accepted().get(0).series().labels());
    }

    @Test
    void resourceWithHostNameAndHostIsRejected() {
        ParsedSamples parsed = decode(request(resourceMetrics(attributes(keyValue("host.name", string("a")), keyValue("host", string("b"))),
                gauge("g", doublePoint(T_NANOS, 1), doublePoint(T_NANOS, 2)))));
        assertEquals(0, parsed.accepted().size());
        assertEquals(2, parsed.rejected());
        assertEquals("metric g: resource attributes host.name and host both become label host", parsed.errors().get(0).message());
    }

    @Test
    void invalidPointsAreRejectedWithReasons() {
        OtlpMetricsDecoder strict = new OtlpMetricsDecoder(new MetricLimits(1000, 2, 10, 1024));
        ParsedSamples parsed = strict.decodeProtobuf(request(resourceMetrics(attributes(),
                gauge("", doublePoint(T_NANOS, 1)),
                gauge("g",
                        doublePoint(T_NANOS, 1, keyValue("a", string("1")), keyValue("b", string("2")), keyValue("c", string("3"))),
                        doublePoint(T_NANOS, 1, keyValue("a", string("12345678901"))),
                        doublePoint(T_NANOS, 1, keyValue("abcdefghijk", string("1"))),
                        doublePoint(T_NANOS, 1, keyValue("a", string("1")), keyValue("a", string("2"))),
                        doublePoint(T_NANOS, 1, keyValue("", string("1"))),
                        flaggedPoint(T_NANOS, 0)),
                histogram("h",
                        histogramPoint(T_NANOS, 1, 1.0, new long[] {1, 0}, new double[] {1, 2}, 0),
                        histogramPoint(T_NANOS, 1, 1.0, new long[] {1, 0, 0}, new double[] {2, 1}, 0),
                        histogramPoint(T_NANOS, 1, 1.0, new long[] {1, 0}, new double[] {Double.POSITIVE_INFINITY}, 0),
                        histogramPoint(T_NANOS, 1, 1.0, new long[] {1, 0}, new double[] {1}, 0, keyValue("le", string("x")))),
                summary("s", summaryPoint(T_NANOS, 1, 1, new double[] {0.5, 0.5}, new double[] {1, 2})),
                gauge("okname", doublePoint(T_NANOS, 1)))), RECEIVED);
        assertEquals(List.of(
                "metric has no name",
                "metric g: data point has 3 labels (resource and point attributes), more than the limit of 2 (ingest.max_fields_per_event)",
                "metric g: value of attribute a is 11 bytes, more than the limit of 10 (ingest.max_label_value_bytes)",
                "metric g: attribute key abcdefghijk is 11 bytes, more than the limit of 10 (ingest.max_label_value_bytes)",
                "metric g: attribute a appears more than once in the data point",
                "metric g: attribute with an empty key (value '1')",
                "metric g: data point has no value (neither asDouble nor asInt is set)",
                "metric h: histogram has 2 bucket counts for 2 explicit bounds; expected one more count than bounds",
                "metric h: histogram explicit bound 1 (position 2) is not a finite number above the previous bound",
                "metric h: histogram explicit bound +Inf (position 1) is not a finite number above the previous bound",
                "metric h: attribute le clashes with the bucket label the histogram's _bucket samples get",
                "metric s: summary has quantile 0.5 more than once"), parsed.errors().stream().map(LineError::message).toList());
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), parsed.errors().stream().map(LineError::line).toList());
        assertEquals(12, parsed.rejected());
        assertEquals(List.of(new MetricSample("okname", Labels.EMPTY, T_MILLIS, 1)), parsed.accepted());
    }

    @Test
    void attributeNamedLikeTheMetricNameLabelIsRejected() {
        ParsedSamples parsed = decode(request(resourceMetrics(attributes(),
                gauge("g", doublePoint(T_NANOS, 1, keyValue("__name__", string("other")))))));
        assertEquals(List.of(new LineError(1, ErrorCode.INVALID_SAMPLE, "metric g: attribute __name__ is reserved for the metric name")),
                parsed.errors());
    }

    @Test
    void tooManySamplesRefuseTheRequestCountingBuckets() {
        byte[] body = request(resourceMetrics(attributes(), histogram("h",
                histogramPoint(T_NANOS, 1, 1.0, new long[] {1, 0, 0, 0}, new double[] {1, 2, 3}, 0))));
        OtlpMetricsDecoder small = new OtlpMetricsDecoder(new MetricLimits(5, 64, 4096, 1024));
        LoupeException e = assertThrows(LoupeException.class, () -> small.decodeProtobuf(body, RECEIVED));
        assertEquals(ErrorCode.TOO_MANY_EVENTS, e.code());
        assertTrue(e.getMessage().startsWith("OTLP request has more than 5 samples (ingest.max_events_per_request;"), e.getMessage());
        OtlpMetricsDecoder justEnough = new OtlpMetricsDecoder(new MetricLimits(6, 64, 4096, 1024));
        assertEquals(6, justEnough.decodeProtobuf(body, RECEIVED).accepted().size());
    }

    @Test
    void malformedMessageIsRefusedWholeNamingTheOffset() {
        byte[] body = request(resourceMetrics(hostResource(), gauge("g", doublePoint(T_NANOS, 1))));
        byte[] truncated = Arrays.copyOf(body, body.length - 4);
        LoupeException e = assertThrows(LoupeException.class, () -> decode(truncated));
        assertEquals(ErrorCode.INVALID_SAMPLE, e.code());
        assertTrue(e.getMessage().startsWith("OTLP body is not a valid protobuf ExportMetricsServiceRequest: length "), e.getMessage());
        assertTrue(e.getMessage().contains(" at offset 1 "), e.getMessage());
        byte[] wrongWireType = new ProtobufWriter().writeFixed64Field(1, 5).toByteArray();
        assertEquals("OTLP body is not a valid protobuf ExportMetricsServiceRequest: field 1 has wire type 1, expected 2"
                + " (length-delimited) at offset 0 (send Content-Type: application/json for OTLP/JSON)",
                assertThrows(LoupeException.class, () -> decode(wrongWireType)).getMessage());
    }

    @Test
    void deeplyNestedAttributeValueIsRefused() {
        ProtobufWriter value = string("deep");
        for (int i = 0; i < 40; i++) {
            value = array(value);
        }
        byte[] body = request(resourceMetrics(attributes(keyValue("k", value)), gauge("g", doublePoint(T_NANOS, 1))));
        LoupeException e = assertThrows(LoupeException.class, () -> decode(body));
        assertTrue(e.getMessage().contains("attribute value nested more than 32 levels deep"), e.getMessage());
    }

    @Test
    void emptyBodyIsAnEmptyRequest() {
        ParsedSamples parsed = decode(new byte[0]);
        assertEquals(0, parsed.accepted().size());
        assertEquals(0, parsed.rejected());
    }
}
