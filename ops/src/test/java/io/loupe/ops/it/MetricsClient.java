package io.loupe.ops.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.loupe.ingest.wire.ProtobufReader;
import io.loupe.ingest.wire.ProtobufWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.xerial.snappy.Snappy;

/**
 * A client of Loupe's metric endpoints as a shipper and a dashboard see them: the push protocols
 * (native NDJSON, Prometheus text, remote_write, OTLP/HTTP, Influx line protocol) and the query,
 * series and label lookups, with real HTTP/1.1 requests. Bodies are built here the way the real
 * senders build them: remote_write as a protobuf {@code WriteRequest} compressed as a snappy block
 * (snappy-java, as Prometheus's Go snappy produces), OTLP as a protobuf
 * {@code ExportMetricsServiceRequest}. Answers keep their raw bytes, since an OTLP protobuf answer is
 * not text. Thread-safe.
 */
final class MetricsClient {
    static final String NATIVE_PATH = "/api/v1/metrics";
    static final String PROMETHEUS_PATH = "/api/v1/import/prometheus";
    static final String REMOTE_WRITE_PATH = "/api/v1/write";
    static final String OTLP_PATH = "/v1/metrics";
    static final String INFLUX_V2_PATH = "/api/v2/write";
    static final String INFLUX_V1_PATH = "/write";
    static final String QUERY_PATH = "/api/v1/metrics/query";
    static final String PROTOBUF = "application/x-protobuf";
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final URI base;
    private final HttpClient http;

    MetricsClient(LoupeApi api) {
        this.base = api.base();
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** One answer: status, headers and the body as bytes. */
    record Answer(int status, HttpHeaders headers, byte[] bytes) {
        String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        String contentType() {
            return headers.firstValue("content-type").orElse("");
        }

        /** As a {@link LoupeApi.Response}, for its {@code error(status, code)} and {@code ok()} checks. */
        LoupeApi.Response response() {
            return new LoupeApi.Response(status, headers, body());
        }

        JsonNode json() {
            try {
                return LoupeApi.JSON.readTree(bytes);
            } catch (IOException e) {
                throw new AssertionError("answer " + status + " is not JSON: " + body(), e);
            }
        }

        /** Checks a 200 JSON answer and returns it. */
        JsonNode ok() {
            return response().ok();
        }

        /** Checks a 204 answer with an empty body (what remote_write and Influx answer when all is stored). */
        void assertNoContent() {
            assertEquals(204, status, () -> "status of " + body());
            assertEquals(0, bytes.length, () -> "a 204 has no body, got: " + body());
        }
    }

    Answer post(String pathAndQuery, String contentType, byte[] body, String... headerNamesAndValues) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(pathAndQuery)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i < headerNamesAndValues.length; i += 2) {
            request.header(headerNamesAndValues[i], headerNamesAndValues[i + 1]);
        }
        return send(request);
    }

    Answer get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).GET());
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- push protocols -------------------------------------------------------------------------

    /** {@code POST /api/v1/metrics} with the lines as NDJSON. */
    Answer postNative(String... lines) {
        return post(NATIVE_PATH, LoupeApi.NDJSON, utf8(String.join("\n", lines)));
    }

    /** Posts the lines natively and checks that every one was stored. */
    JsonNode postNativeAll(String... lines) {
        Answer answer = postNative(lines);
        JsonNode json = answer.ok();
        assertEquals(lines.length, json.path("accepted").asInt(), () -> "accepted count in " + json);
        assertEquals(0, json.path("rejected").asInt(), () -> "rejected count in " + json);
        return json;
    }

    /** {@code POST /api/v1/import/prometheus} with a Prometheus text exposition (0.0.4). */
    Answer postPrometheus(String exposition) {
        return post(PROMETHEUS_PATH, PROMETHEUS_TEXT, utf8(exposition));
    }

    /** {@code POST /api/v1/write} with the headers Prometheus sends. */
    Answer postRemoteWrite(RemoteWriteRequest request) {
        return post(REMOTE_WRITE_PATH, PROTOBUF, request.snappy(), "Content-Encoding", "snappy",
                "X-Prometheus-Remote-Write-Version", "0.1.0", "User-Agent", "Prometheus/2.53.0");
    }

    Answer postOtlpJson(String json) {
        return post(OTLP_PATH, "application/json", utf8(json));
    }

    Answer postOtlpProtobuf(byte[] request) {
        return post(OTLP_PATH, PROTOBUF, request);
    }

    /** {@code POST /api/v2/write?<query>} with line protocol, as Telegraf's influxdb_v2 output sends it. */
    Answer postInflux(String query, String lines) {
        return post(INFLUX_V2_PATH + (query.isEmpty() ? "" : "?" + query), "text/plain; charset=utf-8", utf8(lines));
    }

    // ---- queries --------------------------------------------------------------------------------

    /** {@code GET /api/v1/metrics/query} with the parameters (alternating names and values). */
    Answer query(String... paramNamesAndValues) {
        return get(QUERY_PATH + "?" + LoupeApi.queryString(LoupeApi.params(paramNamesAndValues)));
    }

    /** A 200 query answer as its series. */
    List<QueriedSeries> queryOk(String... paramNamesAndValues) {
        return QueriedSeries.of(query(paramNamesAndValues).ok());
    }

    /**
     * The raw samples of the series a selector matches in {@code [fromMillis, toMillis)}, read as a
     * user reads them: {@code fn=last} with {@code step=1s}, so each one-second bucket that holds
     * one sample shows it at its own (whole-second) timestamp.
     */
    List<QueriedSeries> lastPerSecond(String selector, long fromMillis, long toMillis) {
        return queryOk("match", selector, "from", Long.toString(fromMillis), "to", Long.toString(toMillis), "step", "1s", "fn", "last");
    }

    /** One output series of a query: its labels (with {@code __name__} unless grouped) and its points by bucket start. */
    record QueriedSeries(Map<String, String> labels, SortedMap<Long, Double> points) {
        static List<QueriedSeries> of(JsonNode answer) {
            List<QueriedSeries> series = new ArrayList<>();
            for (JsonNode one : answer.path("series")) {
                Map<String, String> labels = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> label : one.path("labels").properties()) {
                    labels.put(label.getKey(), label.getValue().asText());
                }
                SortedMap<Long, Double> points = new TreeMap<>();
                for (JsonNode point : one.path("points")) {
                    Double previous = points.put(point.get(0).asLong(), value(point.get(1)));
                    if (previous != null) {
                        throw new AssertionError("bucket " + point.get(0) + " is reported twice in " + one);
                    }
                }
                series.add(new QueriedSeries(labels, points));
            }
            return series;
        }

        /** A point's value: a JSON number, or the strings "NaN", "+Inf", "-Inf". */
        private static double value(JsonNode value) {
            if (value.isNumber()) {
                return value.asDouble();
            }
            return switch (value.asText()) {
                case "NaN" -> Double.NaN;
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                default -> throw new AssertionError("a point's value is a number or NaN/+Inf/-Inf, got " + value);
            };
        }
    }

    /** The only series of an answer, after checking there is exactly one. */
    static QueriedSeries only(List<QueriedSeries> series) {
        assertEquals(1, series.size(), () -> "one series expected, got " + series);
        return series.get(0);
    }

    /** The series of an answer by one label's value. */
    static Map<String, QueriedSeries> byLabel(List<QueriedSeries> series, String label) {
        Map<String, QueriedSeries> byValue = new TreeMap<>();
        for (QueriedSeries one : series) {
            if (byValue.put(one.labels().get(label), one) != null) {
                throw new AssertionError("two series with " + label + "=" + one.labels().get(label) + " in " + series);
            }
        }
        return byValue;
    }

    /** Points from alternating bucket starts (epoch ms) and values. */
    static SortedMap<Long, Double> points(Object... timesAndValues) {
        SortedMap<Long, Double> points = new TreeMap<>();
        for (int i = 0; i < timesAndValues.length; i += 2) {
            points.put(((Number) timesAndValues[i]).longValue(), ((Number) timesAndValues[i + 1]).doubleValue());
        }
        return points;
    }

    // ---- bodies ---------------------------------------------------------------------------------

    /** One native sample as a JSON line; {@code timestamp} may be an RFC 3339 string or an epoch number, {@code value} a number or string. */
    static String sample(String name, Map<String, String> labels, Object timestamp, Object value) {
        Map<String, Object> sample = new LinkedHashMap<>();
        sample.put("name", name);
        sample.put("labels", labels);
        sample.put("timestamp", timestamp);
        sample.put("value", value);
        try {
            return LoupeApi.JSON.writeValueAsString(sample);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] snappy(byte[] plain) {
        try {
            return Snappy.compress(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A remote write 1.0 {@code WriteRequest}:
     * <pre>
     * WriteRequest { repeated TimeSeries timeseries = 1; }
     * TimeSeries   { repeated Label labels = 1; repeated Sample samples = 2; }
     * Label        { string name = 1; string value = 2; }
     * Sample       { double value = 1; int64 timestamp = 2; }   // timestamp in epoch milliseconds
     * </pre>
     */
    static final class RemoteWriteRequest {
        private final ProtobufWriter request = new ProtobufWriter();

        /** Adds a series: labels as alternating names and values ({@code __name__} like any label), then time/value pairs. */
        RemoteWriteRequest series(String[] labelNamesAndValues, Object... timesAndValues) {
            ProtobufWriter series = new ProtobufWriter();
            for (int i = 0; i < labelNamesAndValues.length; i += 2) {
                series.writeMessageField(1, new ProtobufWriter().writeStringField(1, labelNamesAndValues[i])
                        .writeStringField(2, labelNamesAndValues[i + 1]));
            }
            for (int i = 0; i < timesAndValues.length; i += 2) {
                series.writeMessageField(2, new ProtobufWriter().writeDoubleField(1, ((Number) timesAndValues[i + 1]).doubleValue())
                        .writeVarintField(2, ((Number) timesAndValues[i]).longValue()));
            }
            request.writeMessageField(1, series);
            return this;
        }

        byte[] protobuf() {
            return request.toByteArray();
        }

        byte[] snappy() {
            return MetricsClient.snappy(protobuf());
        }
    }

    static String[] labels(String... namesAndValues) {
        return namesAndValues;
    }

    /**
     * An OTLP {@code ExportMetricsServiceRequest} with one resource and one scope, numbers only
     * (field numbers of opentelemetry-proto):
     * <pre>
     * ExportMetricsServiceRequest { repeated ResourceMetrics resource_metrics = 1; }
     * ResourceMetrics { Resource resource = 1; repeated ScopeMetrics scope_metrics = 2; }
     * Resource        { repeated KeyValue attributes = 1; }
     * ScopeMetrics    { repeated Metric metrics = 2; }
     * Metric          { string name = 1; Gauge gauge = 5; Sum sum = 7; }
     * Gauge           { repeated NumberDataPoint data_points = 1; }
     * Sum             { repeated NumberDataPoint data_points = 1; AggregationTemporality aggregation_temporality = 2; bool is_monotonic = 3; }
     * NumberDataPoint { fixed64 time_unix_nano = 3; double as_double = 4; sfixed64 as_int = 6; repeated KeyValue attributes = 7; }
     * KeyValue        { string key = 1; AnyValue value = 2; }   AnyValue { string string_value = 1; }
     * </pre>
     */
    static final class OtlpRequest {
        private static final int CUMULATIVE = 2;
        private final ProtobufWriter resource = new ProtobufWriter();
        private final ProtobufWriter scope = new ProtobufWriter();

        OtlpRequest(String... resourceAttributeNamesAndValues) {
            for (int i = 0; i < resourceAttributeNamesAndValues.length; i += 2) {
                resource.writeMessageField(1, keyValue(resourceAttributeNamesAndValues[i], resourceAttributeNamesAndValues[i + 1]));
            }
        }

        OtlpRequest gauge(String name, ProtobufWriter... points) {
            ProtobufWriter gauge = new ProtobufWriter();
            for (ProtobufWriter point : points) {
                gauge.writeMessageField(1, point);
            }
            scope.writeMessageField(2, new ProtobufWriter().writeStringField(1, name).writeMessageField(5, gauge));
            return this;
        }

        OtlpRequest monotonicSum(String name, ProtobufWriter... points) {
            ProtobufWriter sum = new ProtobufWriter();
            for (ProtobufWriter point : points) {
                sum.writeMessageField(1, point);
            }
            sum.writeVarintField(2, CUMULATIVE).writeBoolField(3, true);
            scope.writeMessageField(2, new ProtobufWriter().writeStringField(1, name).writeMessageField(7, sum));
            return this;
        }

        static ProtobufWriter doublePoint(long timeMillis, double value, String... attributeNamesAndValues) {
            return attributes(new ProtobufWriter().writeFixed64Field(3, timeMillis * 1_000_000L).writeDoubleField(4, value),
                    attributeNamesAndValues);
        }

        static ProtobufWriter intPoint(long timeMillis, long value, String... attributeNamesAndValues) {
            return attributes(new ProtobufWriter().writeFixed64Field(3, timeMillis * 1_000_000L).writeFixed64Field(6, value),
                    attributeNamesAndValues);
        }

        private static ProtobufWriter attributes(ProtobufWriter point, String... namesAndValues) {
            for (int i = 0; i < namesAndValues.length; i += 2) {
                point.writeMessageField(7, keyValue(namesAndValues[i], namesAndValues[i + 1]));
            }
            return point;
        }

        private static ProtobufWriter keyValue(String key, String value) {
            return new ProtobufWriter().writeStringField(1, key).writeMessageField(2, new ProtobufWriter().writeStringField(1, value));
        }

        byte[] protobuf() {
            ProtobufWriter resourceMetrics = new ProtobufWriter().writeMessageField(1, resource).writeMessageField(2, scope);
            return new ProtobufWriter().writeMessageField(1, resourceMetrics).toByteArray();
        }
    }

    /**
     * The {@code partial_success} of a protobuf {@code ExportMetricsServiceResponse}
     * ({@code { ExportMetricsPartialSuccess partial_success = 1; }} with
     * {@code { int64 rejected_data_points = 1; string error_message = 2; }}); zero and "" when absent.
     */
    record OtlpPartialSuccess(long rejectedDataPoints, String errorMessage) {
        static OtlpPartialSuccess ofProtobuf(byte[] response) {
            long rejected = 0;
            String message = "";
            ProtobufReader reader = new ProtobufReader(response);
            while (reader.hasRemaining()) {
                int tag = reader.readTag();
                if (ProtobufReader.fieldNumber(tag) != 1) {
                    reader.skipField(tag);
                    continue;
                }
                ProtobufReader partialSuccess = reader.readMessage();
                while (partialSuccess.hasRemaining()) {
                    int field = partialSuccess.readTag();
                    switch (ProtobufReader.fieldNumber(field)) {
                        case 1 -> rejected = partialSuccess.readVarint64();
                        case 2 -> message = partialSuccess.readString();
                        default -> partialSuccess.skipField(field);
                    }
                }
            }
            return new OtlpPartialSuccess(rejected, message);
        }
    }
}
