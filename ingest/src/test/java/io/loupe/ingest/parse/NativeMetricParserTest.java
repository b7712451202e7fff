package io.loupe.ingest.parse;

import static io.loupe.ingest.parse.ParsedSamplesAssertions.onlyError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.Labels;
import io.loupe.index.api.LoupeException;
import io.loupe.index.api.MetricSample;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NativeMetricParserTest {
    private static final long RECEIVED = Instant.parse("2026-11-22T10:00:30Z").toEpochMilli();
    private static final long TEN_O_CLOCK = Instant.parse("2026-11-22T10:00:00Z").toEpochMilli();

    private static ParsedSamples parse(String body) {
        return parse(body, MetricLimits.defaults());
    }

    private static ParsedSamples parse(String body, MetricLimits limits) {
        return new NativeMetricParser(limits).parse(body.getBytes(StandardCharsets.UTF_8), RECEIVED);
    }

    @Test
    void readsNdjsonSamplesWithEveryTimestampAndValueForm() {
        String body = """
                {"name":"http_requests_total","labels":{"method":"get","code":"200"},"timestamp":"2026-11-22T10:00:00Z","value":12.5}
                {"name":"http_requests_total","labels":{"method":"post"},"timestamp":1795341600000,"value":3}

                {"value":"NaN","name":"temperature_celsius"}
                {"name":"up","labels":{"port":9100,"tls":true,"ratio":1.50,"zone":"","rack":null},"value":"+Inf","timestamp":1795341600000123}
                {"name":"queue_depth","value":"-Inf","timestamp":"2026-11-22T10:00:00.123456789+01:00"}
                {"name":"ns:ratio","value":"1e3","timestamp":1795341600000000001}
                """;
        ParsedSamples parsed = parse(body);
        assertEquals(List.of(), parsed.errors());
        assertEquals(List.of(
                new MetricSample("http_requests_total", Labels.of("method", "get", "code", "200"), TEN_O_CLOCK, 12.5),
                new MetricSample("http_requests_total", Labels.of("method", "post"), TEN_O_CLOCK, 3),
                new MetricSample("temperature_celsius", Labels.EMPTY, RECEIVED, Double.NaN),
                new MetricSample("up", Labels.of("port", "9100", "tls", "true", "ratio", "1.50"), TEN_O_CLOCK, Double.POSITIVE_INFINITY),
                new MetricSample("queue_depth", Labels.EMPTY, TEN_O_CLOCK - 3_600_000 + 123, Double.NEGATIVE_INFINITY),
                new MetricSample("ns:ratio", Labels.EMPTY, TEN_O_CLOCK, 1000)), parsed.accepted());
    }

    @Test
    void readsAJsonArrayAndKeepsItsGoodSamplesAroundABadOne() {
        String body = """
                [ {"name":"a","value":1},
                  {"name":"b","labels":{"x":{"nested":[1,2,{"deep":true}]}},"value":2},
                  "not a sample",
                  {"name":"c","value":-0} ]
                """;
        ParsedSamples parsed = parse(body);
        assertEquals(2, parsed.accepted().size());
        assertEquals("a", parsed.accepted().get(0).series().name());
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(parsed.accepted().get(1).value()));
        assertEquals(List.of(
                new LineError(2, ErrorCode.INVALID_SAMPLE, "label 'x' must be a string, got object"),
                new LineError(3, ErrorCode.INVALID_SAMPLE, "a sample must be a JSON object, got string")), parsed.errors());
    }

    @Test
    void anArrayOnOneNdjsonLineIsNotASample() {
        ParsedSamples parsed = parse("{\"name\":\"up\",\"value\":1}\n[1]\n");
        assertEquals(List.of(new LineError(2, ErrorCode.INVALID_SAMPLE, "a sample must be a JSON object, got array")), parsed.errors());
        assertEquals(1, parsed.accepted().size());
    }

    @Test
    void namesEachProblemOfOneSample() {
        assertEquals("a sample must be a JSON object, got number", onlyError(parse("42")));
        assertTrue(onlyError(parse("{\"name\":")).startsWith("line is not valid JSON: "));
        assertTrue(onlyError(parse("not json")).startsWith("line is not valid JSON: "));
        assertEquals("unexpected content after the sample object at column 23", onlyError(parse("{\"name\":\"a\",\"value\":1}{}")));
        assertEquals("sample has no 'name'; a sample has name, labels, timestamp and value", onlyError(parse("{\"value\":1}")));
        assertEquals("sample of 'up' has no 'value'", onlyError(parse("{\"name\":\"up\"}")));
        assertEquals("unknown field 'lables'; a sample has name, labels, timestamp and value",
                onlyError(parse("{\"name\":\"up\",\"lables\":{\"a\":\"b\"},\"value\":1}")));
        assertEquals("'name' must be a string, got number", onlyError(parse("{\"name\":7,\"value\":1}")));
        assertEquals("metric name 'http-requests' is not a valid name ([a-zA-Z_:][a-zA-Z0-9_:]*)",
                onlyError(parse("{\"name\":\"http-requests\",\"value\":1}")));
        assertEquals("metric name '9lives' is not a valid name ([a-zA-Z_:][a-zA-Z0-9_:]*)", onlyError(parse("{\"name\":\"9lives\",\"value\":1}")));
        assertEquals("'labels' must be an object of strings, got array", onlyError(parse("{\"name\":\"up\",\"labels\":[\"a\"],\"value\":1}")));
        assertEquals("label name 'bad-name' is not a valid name ([a-zA-Z_][a-zA-Z0-9_]*)",
                onlyError(parse("{\"name\":\"up\",\"labels\":{\"bad-name\":\"x\"},\"value\":1}")));
        assertEquals("label '__name__' is reserved; the metric name goes in 'name'",
                onlyError(parse("{\"name\":\"up\",\"labels\":{\"__name__\":\"x\"},\"value\":1}")));
        assertEquals("label 'job' appears twice", onlyError(parse("{\"name\":\"up\",\"labels\":{\"job\":\"a\",\"job\":\"b\"},\"value\":1}")));
        assertEquals("'value' must be a number or one of \"NaN\", \"+Inf\", \"-Inf\", got boolean", onlyError(parse("{\"name\":\"up\",\"value\":true}")));
        assertEquals("value 'twelve' is not a number nor one of NaN, +Inf, -Inf", onlyError(parse("{\"name\":\"up\",\"value\":\"twelve\"}")));
        assertEquals("value '1e' is not a number nor one of NaN, +Inf, -Inf", onlyError(parse("{\"name\":\"up\",\"value\":\"1e\"}")));
        assertEquals("timestamp must be an RFC 3339 string or an epoch number, got boolean",
                onlyError(parse("{\"name\":\"up\",\"value\":1,\"timestamp\":false}")));
        assertEquals("timestamp 'yesterday' is not RFC 3339 (e.g. 2026-11-22T10:15:30.123Z) nor epoch milliseconds or nanoseconds",
                onlyError(parse("{\"name\":\"up\",\"value\":1,\"timestamp\":\"yesterday\"}")));
        assertEquals("timestamp -5 is negative", onlyError(parse("{\"name\":\"up\",\"value\":1,\"timestamp\":-5}")));
    }

    @Test
    void theFirstProblemOfASampleIsReported() {
        assertEquals("'name' must be a string, got null", onlyError(parse("{\"name\":null,\"value\":\"x\",\"extra\":{}}")));
    }

    @Test
    void timestampsThatWouldCostTimeToConvertAreRefusedAtOnce() {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertEquals("timestamp 1e999999999 is out of range (epoch milliseconds, microseconds or nanoseconds)",
                    onlyError(parse("{\"name\":\"up\",\"value\":1,\"timestamp\":1e999999999}")));
            assertEquals("timestamp 1e-999999999 is out of range (epoch milliseconds, microseconds or nanoseconds)",
                    onlyError(parse("{\"name\":\"up\",\"value\":1,\"timestamp\":1e-999999999}")));
            String digits = "9".repeat(200_000);
            assertEquals("timestamp '" + "9".repeat(64) + "...' is not RFC 3339 (e.g. 2026-11-22T10:15:30.123Z) nor an epoch number",
                    onlyError(parse("{\"name\":\"up\",\"value\":1,\"timestamp\":\"" + digits + "\"}")));
        });
    }

    @Test
    void enforcesTheLabelAndLineLimitsPerSample() {
        MetricLimits limits = new MetricLimits(100, 2, 8, 120);
        assertEquals("sample has more than 2 labels, the limit of ingest.max_fields_per_event",
                onlyError(parse("{\"name\":\"up\",\"labels\":{\"a\":\"1\",\"b\":\"2\",\"c\":\"3\"},\"value\":1}", limits)));
        assertEquals(1, parse("{\"name\":\"up\",\"labels\":{\"a\":\"1\",\"b\":\"2\",\"c\":\"\"},\"value\":1}", limits).accepted().size(),
                "an empty label is no label, so it does not count");
        assertEquals("value of label 'a' of 'up' is 10 bytes, more than the limit of 8 (ingest.max_label_value_bytes)",
                onlyError(parse("{\"name\":\"up\",\"labels\":{\"a\":\"\u00e9\u00e9\u00e9\u00e9\u00e9\"},\"value\":1}", limits)));
        assertEquals("label name 'long_name' is 9 bytes, more than the limit of 8 (ingest.max_label_value_bytes)",
                onlyError(parse("{\"name\":\"up\",\"labels\":{\"long_name\":\"1\"},\"value\":1}", limits)));
        assertEquals("metric name 'requests_total' is 14 bytes, more than the limit of 8 (ingest.max_label_value_bytes)",
                onlyError(parse("{\"name\":\"requests_total\",\"value\":1}", limits)));
        String longLine = "{\"name\":\"up\",\"value\":1,\"labels\":{\"a\":\"" + "x".repeat(100) + "\"}}";
        assertEquals("line is " + longLine.length() + " bytes, more than the limit of 120 (ingest.max_line_bytes)",
                onlyError(parse(longLine, limits)));
        String longElement = "{\"name\":\"up\",\"value\":1,\"labels\":{\"a\":\"" + "x".repeat(100) + "\"}}";
        ParsedSamples array = parse("[" + longElement + ",{\"name\":\"up\",\"value\":2}]", limits);
        assertEquals(List.of(new LineError(1, ErrorCode.INVALID_SAMPLE, "sample is " + longElement.length()
                + " bytes, more than the limit of 120 (ingest.max_line_bytes)")), array.errors());
        assertEquals(2.0, array.accepted().getFirst().value());
    }

    @Test
    void tooManySamplesRefuseTheWholeRequest() {
        MetricLimits limits = new MetricLimits(2, 64, 4096, 1 << 20);
        String sample = "{\"name\":\"up\",\"value\":1}";
        assertEquals(2, parse(sample + "\n" + sample + "\n", limits).accepted().size());
        LoupeException lines = assertThrows(LoupeException.class, () -> parse(sample + "\nbad\n" + sample + "\n", limits));
        assertEquals(ErrorCode.TOO_MANY_EVENTS, lines.code());
        assertEquals("request has more than 2 samples, the limit of ingest.max_events_per_request; send smaller batches or raise the limit",
                lines.getMessage());
        LoupeException array = assertThrows(LoupeException.class, () -> parse("[" + sample + "," + sample + "," + sample + "]", limits));
        assertEquals(ErrorCode.TOO_MANY_EVENTS, array.code());
    }

    @Test
    void aBrokenArrayRefusesTheWholeRequest() {
        LoupeException unclosed = assertThrows(LoupeException.class, () -> parse("[{\"name\":\"up\",\"value\":1}"));
        assertEquals(ErrorCode.INVALID_JSON, unclosed.code());
        LoupeException trailing = assertThrows(LoupeException.class, () -> parse("[{\"name\":\"up\",\"value\":1}] {}"));
        assertEquals("unexpected content after the JSON array at byte 26", trailing.getMessage());
        LoupeException broken = assertThrows(LoupeException.class, () -> parse("[{\"name\":\"up\",\"value\":1},, ]"));
        assertTrue(broken.getMessage().startsWith("body is not a valid JSON array: "), broken.getMessage());
    }

    @Test
    void listsAtMostTheFirstHundredErrorsButCountsThemAll() {
        ParsedSamples parsed = parse("x\n".repeat(150) + "{\"name\":\"up\",\"value\":1}\n");
        assertEquals(150, parsed.rejected());
        assertEquals(ParsedSamples.MAX_LISTED_ERRORS, parsed.errors().size());
        assertEquals(100, parsed.errors().getLast().line());
        assertEquals(1, parsed.accepted().size());
    }
}
