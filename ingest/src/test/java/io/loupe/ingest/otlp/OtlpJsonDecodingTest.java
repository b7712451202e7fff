package io.loupe.ingest.otlp;

import static io.loupe.ingest.otlp.OtlpProtobufDecodingTest.RECEIVED;
import static io.loupe.ingest.otlp.OtlpProtobufDecodingTest.T_MILLIS;
import static io.loupe.ingest.otlp.OtlpProtobufDecodingTest.T_NANOS;
import static io.loupe.ingest.otlp.OtlpProtobufDecodingTest.hostResource;
import static io.loupe.ingest.otlp.OtlpProtobufRequest.AGGREGATION_TEMPORALITY_CUMULATIVE;
import static io.loupe.ingest.otlp.OtlpProtobufRequest.doublePoint;
import static io.loupe.ingest.otlp.OtlpProtobufRequest.exponentialHistogram;
import static io.loupe.ingest.otlp.OtlpProtobufRequest.exponentialHistogramPoint;
import static io.loupe.ingest.otlp.OtlpProtobufRequest.gauge;
import static io.loupe.ingest.otlp.OtlpProtobufRequest.histogram;
import static io.loupe.ingest.otlp.OtlpProtobufRequest.histogramPoint;
import static io.loupe.ingest.otlp.OtlpProtobufRequest.intPoint;
import static io.loupe.ingest.otlp.OtlpProtobufRequest.keyValue;
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
import io.loupe.ingest.parse.MetricLimits;
import io.loupe.ingest.parse.ParsedSamples;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class OtlpJsonDecodingTest {
    /** What the Collector's otlphttp exporter sends with encoding: json (hostmetrics, an app histogram and summary). */
    static final String EXAMPLE = """
            {"resourceMetrics": [{
              "resource": {"attributes": [
                {"key": "host.name", "value": {"stringValue": "web-3"}},
                {"key": "service.name", "value": {"stringValue": "node-agent"}},
                {"key": "os.type", "value": {"stringValue": "linux"}}]},
              "scopeMetrics": [{
                "scope": {"name": "otelcol/hostmetricsreceiver/cpu", "version": "0.90.0",
                          "attributes": [{"key": "scope.attribute", "value": {"stringValue": "ignored"}}]},
                "metrics": [
                  {"name": "system.cpu.time", "description": "Total seconds each logical CPU spent on each mode.", "unit": "s",
                   "sum": {"aggregationTemporality": 2, "isMonotonic": true, "dataPoints": [
                     {"attributes": [{"key": "cpu", "value": {"stringValue": "cpu0"}}, {"key": "state", "value": {"stringValue": "user"}}],
                      "startTimeUnixNano": "1600000000000000000", "timeUnixNano": "1700000000123456789", "asDouble": 1234.56},
                     {"attributes": [{"key": "cpu", "value": {"stringValue": "cpu0"}}, {"key": "state", "value": {"stringValue": "idle"}}],
                      "startTimeUnixNano": "1600000000000000000", "timeUnixNano": "1700000000123456789", "asDouble": 98765.25}]}},
                  {"name": "system.memory.utilization", "unit": "1",
                   "gauge": {"dataPoints": [{"attributes": [{"key": "state", "value": {"stringValue": "used"}}],
                                             "timeUnixNano": 1700000000123456789, "asDouble": 0.42}]}},
                  {"name": "queue.depth", "gauge": {"dataPoints": [{"timeUnixNano": "1700000000123456789", "asInt": "-7"}]}},
                  {"name": "http.server.duration", "unit": "s",
                   "histogram": {"aggregationTemporality": "AGGREGATION_TEMPORALITY_CUMULATIVE", "dataPoints": [
                     {"attributes": [{"key": "http.route", "value": {"stringValue": "/api"}}],
                      "startTimeUnixNano": "1600000000000000000", "timeUnixNano": "1700000000123456789",
                      "count": "15", "sum": 12.5, "bucketCounts": ["1", 2, "3", "4", "5"], "explicitBounds": [0.005, 0.5, 1, 2.5],
                      "min": 0.001, "max": 9.5, "exemplars": [{"timeUnixNano": "1700000000123456789", "asDouble": 99,
                      "spanId": "0000000000000000", "traceId": "00000000000000000000000000000000"}]}]}},
                  {"name": "gc.pause", "summary": {"dataPoints": [
                     {"attributes": [{"key": "gc", "value": {"stringValue": "g1"}}], "timeUnixNano": "1700000000123456789",
                      "count": 4, "sum": 10,
                      "quantileValues": [{"quantile": 0.5, "value": 1}, {"quantile": 0.99, "value": 3}, {"quantile": 1, "value": 4}]}]}},
                  {"name": "latency", "exponentialHistogram": {"aggregationTemporality": 2, "dataPoints": [
                     {"timeUnixNano": "1700000000123456789", "count": "3", "sum": 4.5, "scale": 2, "zeroCount": "0",
                      "positive": {"offset": 1, "bucketCounts": ["1", "2"]}}]}}
                ]}]}]}
            """;

    private final OtlpMetricsDecoder decoder = new OtlpMetricsDecoder(MetricLimits.defaults());

    private ParsedSamples decode(String json) {
        return decoder.decodeJson(json.getBytes(StandardCharsets.UTF_8), RECEIVED);
    }

    @Test
    void jsonAndProtobufOfTheSameRequestGiveTheSameSamples() {
        byte[] protobuf = request(resourceMetrics(hostResource(),
                sum("system.cpu.time", AGGREGATION_TEMPORALITY_CUMULATIVE, true,
                        doublePoint(T_NANOS, 1234.56, keyValue("cpu", string("cpu0")), keyValue("state", string("user"))),
                        doublePoint(T_NANOS, 98765.25, keyValue("cpu", string("cpu0")), keyValue("state", string("idle")))),
                gauge("system.memory.utilization", doublePoint(T_NANOS, 0.42, keyValue("state", string("used")))),
                gauge("queue.depth", intPoint(T_NANOS, -7)),
                histogram("http.server.duration", histogramPoint(T_NANOS, 15, 12.5, new long[] {1, 2, 3, 4, 5},
                        new double[] {0.005, 0.5, 1, 2.5}, 0, keyValue("http.route", string("/api")))),
                summary("gc.pause", summaryPoint(T_NANOS, 4, 10, new double[] {0.5, 0.99, 1}, new double[] {1, 3, 4},
                        keyValue("gc", string("g1")))),
                exponentialHistogram("latency", exponentialHistogramPoint(T_NANOS))));
        ParsedSamples fromProtobuf = decoder.decodeProtobuf(protobuf, RECEIVED);
        ParsedSamples fromJson = decode(EXAMPLE);
        assertEquals(fromProtobuf, fromJson);
        assertEquals(16, fromJson.accepted().size());
        assertEquals(1, fromJson.rejected());
        Labels host = Labels.of("host", "web-3", "service", "node-agent", "os.type", "linux");
        assertEquals(new MetricSample("system.cpu.time", host.with("cpu", "cpu0").with("state", "user"), T_MILLIS, 1234.56),
                fromJson.accepted().get(0));
        assertEquals(new MetricSample("queue.depth", host, T_MILLIS, -7), fromJson.accepted().get(3));
        assertEquals(new MetricSample("http.server.duration_bucket", host.with("http.route", "/api").with("le", "+Inf"), T_MILLIS, 15),
                fromJson.accepted().get(8));
    }

    @Test
    void attributeValuesOfEveryTypeAndIntegersAsNumbersOrStrings() {
        ParsedSamples parsed = decode("""
                {"resourceMetrics": [{"scopeMetrics": [{"metrics": [{"name": "g", "gauge": {"dataPoints": [{
                  "timeUnixNano": "1700000000123456789", "asDouble": 1,
                  "attributes": [
                    {"key": "int", "value": {"intValue": "-42"}},
                    {"key": "int2", "value": {"intValue": 7}},
                    {"key": "double", "value": {"doubleValue": 0.25}},
                    {"key": "bool", "value": {"boolValue": true}},
                    {"key": "array", "value": {"arrayValue": {"values": [{"stringValue": "a"}, {"intValue": "1"}, {"boolValue": false}]}}},
                    {"key": "kvlist", "value": {"kvlistValue": {"values": [{"key": "k", "value": {"stringValue": "v"}}]}}},
                    {"key": "bytes", "value": {"bytesValue": "aGk="}},
                    {"key": "unset", "value": {}}]}]}}]}]}]}
                """);
        assertEquals(Labels.of("int", "-42", "int2", "7", "double", "0.25", "bool", "true", "array", "[\"a\",1,false]",
                "kvlist", "{\"k\":\"v\"}", "bytes", "aGk="), parsed.accepted().get(0).series().labels());
    }

    @Test
    void specialDoublesFlagsAndSnakeCaseKeys() {
        ParsedSamples parsed = decode("""
                {"resource_metrics": [{"scope_metrics": [{"metrics": [{"name": "g", "gauge": {"data_points": [
                  {"time_unix_nano": "1700000000123456789", "as_double": "NaN"},
                  {"timeUnixNano": "1700000000123456789", "asDouble": "-Infinity"},
                  {"timeUnixNano": "1700000000123456789", "flags": 1},
                  {"asDouble": 3}]}}]}]}]}
                """);
        assertTrue(Double.isNaN(parsed.accepted().get(0).value()));
        assertEquals(Double.NEGATIVE_INFINITY, parsed.accepted().get(1).value());
        assertTrue(StaleMarker.is(parsed.accepted().get(2).value()));
        assertEquals(RECEIVED, parsed.accepted().get(3).timestampMillis());
        assertEquals(T_MILLIS, parsed.accepted().get(0).timestampMillis());
    }

    @Test
    void wrongTypeIsRefusedNamingThePath() {
        LoupeException e = assertThrows(LoupeException.class, () -> decode("""
                {"resourceMetrics": [{"scopeMetrics": [{"metrics": [{"name": "g", "sum": {"dataPoints": [
                  {"timeUnixNano": {"nanos": 1}, "asDouble": 1}]}}]}]}]}
                """));
        assertEquals(ErrorCode.INVALID_JSON, e.code());
        assertEquals("resourceMetrics[0].scopeMetrics[0].metrics[0].sum.dataPoints[0].timeUnixNano must be an integer or a"
                + " decimal string, got object", e.getMessage());
        assertEquals("resourceMetrics[0].scopeMetrics[0].metrics[0].gauge.dataPoints[0].asInt is '12x', not a 64-bit integer",
                assertThrows(LoupeException.class, () -> decode("""
                        {"resourceMetrics": [{"scopeMetrics": [{"metrics": [{"name": "g", "gauge": {"dataPoints": [{"asInt": "12x"}]}}]}]}]}
                        """)).getMessage());
        assertEquals("resourceMetrics[0].resource.attributes[0].value.intValue is '1.5', not a 64-bit integer",
                assertThrows(LoupeException.class, () -> decode("""
                        {"resourceMetrics": [{"resource": {"attributes": [{"key": "k", "value": {"intValue": "1.5"}}]}}]}
                        """)).getMessage());
        assertEquals("resourceMetrics must be an array, got object",
                assertThrows(LoupeException.class, () -> decode("{\"resourceMetrics\": {}}")).getMessage());
    }

    @Test
    void invalidJsonIsRefusedWhole() {
        LoupeException syntax = assertThrows(LoupeException.class, () -> decode("{\"resourceMetrics\": ["));
        assertEquals(ErrorCode.INVALID_JSON, syntax.code());
        assertTrue(syntax.getMessage().startsWith("OTLP/JSON body is not valid JSON: "), syntax.getMessage());
        assertEquals("OTLP/JSON body must be one ExportMetricsServiceRequest object, got array",
                assertThrows(LoupeException.class, () -> decode("[]")).getMessage());
        assertEquals("OTLP/JSON body must be one ExportMetricsServiceRequest object, got nothing",
                assertThrows(LoupeException.class, () -> decode("")).getMessage());
    }

    @Test
    void emptyRequestAndUnknownFieldsAreFine() {
        assertEquals(new ParsedSamples(List.of(), 0, List.of()), decode("{}"));
        assertEquals(new ParsedSamples(List.of(), 0, List.of()), decode("{\"resourceMetrics\": [], \"futureField\": [1, 2]}"));
    }

    @Test
    void deeplyNestedAttributeValueIsRefused() {
        String value = "{\"stringValue\": \"deep\"}";
        for (int i = 0; i < 40; i++) {
            value = "{\"arrayValue\": {\"values\": [" + value + "]}}";
        }
        String json = "{\"resourceMetrics\": [{\"resource\": {\"attributes\": [{\"key\": \"k\", \"value\": " + value + "}]}}]}";
        LoupeException e = assertThrows(LoupeException.class, () -> decode(json));
        assertEquals(ErrorCode.INVALID_JSON, e.code());
        assertTrue(e.getMessage().endsWith(" is nested more than 32 levels deep"), e.getMessage());
    }
}
