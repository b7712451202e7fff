package io.loupe.ingest.remotewrite;

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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

class RemoteWriteDecoderTest {
    private static final int MAX_BODY = 1 << 20;
    private final RemoteWriteDecoder decoder = new RemoteWriteDecoder(MetricLimits.defaults());

    @Test
    void decodesSeriesWithTheirLabelsAndSamples() {
        byte[] body = new WriteRequestBuilder()
                .series("__name__", "node_cpu_seconds_total", "cpu", "0", "instance", "web-3:9100", "job", "node", "mode", "idle")
                .sample(1_700_000_000_000L, 1234.5).sample(1_700_000_015_000L, 1250.25).end()
                .series("__name__", "up", "instance", "web-3:9100", "job", "node").sample(1_700_000_000_000L, 1).end()
                .snappy();
        ParsedSamples parsed = decoder.decode(body, MAX_BODY);
        Labels cpu = Labels.of("cpu", "0", "instance", "web-3:9100", "job", "node", "mode", "idle");
        assertEquals(List.of(
                new MetricSample("node_cpu_seconds_total", cpu, 1_700_000_000_000L, 1234.5),
                new MetricSample("node_cpu_seconds_total", cpu, 1_700_000_015_000L, 1250.25),
                new MetricSample("up", Labels.of("instance", "web-3:9100", "job", "node"), 1_700_000_000_000L, 1)), parsed.accepted());
        assertEquals(0, parsed.rejected());
        assertEquals(List.of(), parsed.errors());
    }

    @Test
    void valuesKeepTheirBitsIncludingTheStaleMarker() {
        double[] values = {StaleMarker.VALUE, Double.NaN, Double.longBitsToDouble(0x7ff8000000000abcL), -0.0, 0.0,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MAX_VALUE};
        WriteRequestBuilder.Series series = new WriteRequestBuilder().series("__name__", "m");
        for (int i = 0; i < values.length; i++) {
            series.sample(i, values[i]);
        }
        ParsedSamples parsed = decoder.decode(series.end().snappy(), MAX_BODY);
        assertEquals(values.length, parsed.accepted().size());
        for (int i = 0; i < values.length; i++) {
            assertEquals(Double.doubleToRawLongBits(values[i]), Double.doubleToRawLongBits(parsed.accepted().get(i).value()),
                    "sample " + i);
        }
        assertTrue(StaleMarker.is(parsed.accepted().get(0).value()));
    }

    @Test
    void negativeAndZeroTimestampsAreKept() {
        ParsedSamples parsed = decoder.decode(new WriteRequestBuilder().series("__name__", "m").sample(-1000, 1).sample(0, 2).end()
                .snappy(), MAX_BODY);
        assertEquals(-1000, parsed.accepted().get(0).timestampMillis());
        assertEquals(0, parsed.accepted().get(1).timestampMillis());
    }

    @Test
    void seriesWithoutNameIsRejectedAndTheOthersKept() {
        byte[] body = new WriteRequestBuilder()
                .series("job", "node").sample(1, 1).sample(2, 2).end()
                .series("__name__", "up").sample(1, 1).end()
                .series("__name__", "", "job", "x").sample(1, 1).end()
                .snappy();
        ParsedSamples parsed = decoder.decode(body, MAX_BODY);
        assertEquals(1, parsed.accepted().size());
        assertEquals(3, parsed.rejected());
        assertEquals(List.of(
                new LineError(1, ErrorCode.INVALID_SAMPLE, "series has no metric name (label __name__ is missing or empty)"),
                new LineError(3, ErrorCode.INVALID_SAMPLE, "series has no metric name (label __name__ is missing or empty)")),
                parsed.errors());
    }

    @Test
    void nativeHistogramsAreRejectedPerSeriesWithAReason() {
        byte[] body = new WriteRequestBuilder()
                .series("__name__", "http_request_duration_seconds").nativeHistogram(1000).nativeHistogram(2000).end()
                .series("__name__", "up").sample(1, 1).end()
                .snappy();
        ParsedSamples parsed = decoder.decode(body, MAX_BODY);
        assertEquals(1, parsed.accepted().size());
        assertEquals(2, parsed.rejected());
        assertEquals(1, parsed.errors().get(0).line());
        assertEquals("series has 2 native histogram samples, which are not supported yet; send classic histograms"
                + " (send_native_histograms: false in remote_write)", parsed.errors().get(0).message());
    }

    @Test
    void exemplarsMetadataAndUnknownFieldsAreIgnored() {
        WriteRequestBuilder request = new WriteRequestBuilder().metadata("up")
                .series("__name__", "up").exemplar().sample(5, 1).end();
        byte[] protobuf = new ProtobufWriter().writeRawBytes(request.protobuf()).writeStringField(99, "future field").toByteArray();
        ParsedSamples parsed = decoder.decode(snappy(protobuf), MAX_BODY);
        assertEquals(List.of(new MetricSample("up", Labels.EMPTY, 5, 1)), parsed.accepted());
    }

    @Test
    void seriesWithoutSamplesIsSkipped() {
        ParsedSamples parsed = decoder.decode(new WriteRequestBuilder().series("job", "x").end().snappy(), MAX_BODY);
        assertEquals(0, parsed.accepted().size());
        assertEquals(0, parsed.rejected());
    }

    @Test
    void emptyLabelValueIsNoLabel() {
        ParsedSamples parsed = decoder.decode(new WriteRequestBuilder().series("__name__", "up", "job", "").sample(1, 1).end().snappy(),
                MAX_BODY);
        assertEquals(Labels.EMPTY, parsed.accepted().get(0).series().labels());
    }

    @Test
    void labelLimitsRejectTheSeries() {
        RemoteWriteDecoder strict = new RemoteWriteDecoder(new MetricLimits(100, 2, 8, 1024));
        byte[] body = new WriteRequestBuilder()
                .series("__name__", "m", "a", "1", "b", "2", "c", "3").sample(1, 1).end()
                .series("__name__", "m", "a", "123456789").sample(1, 1).end()
                .series("__name__", "m", "abcdefghij", "1").sample(1, 1).end()
                .series("__name__", "m", "a", "1", "a", "2").sample(1, 1).end()
                .series("__name__", "m", "", "1").sample(1, 1).end()
                .series("__name__", "m", "a", "1", "b", "2").sample(1, 1).end()
                .series("__name__", "m", "a", "ééé").sample(1, 1).end()
                .snappy();
        ParsedSamples parsed = strict.decode(body, MAX_BODY);
        assertEquals(List.of(
                "series m has 3 labels, more than the limit of 2 (ingest.max_fields_per_event)",
                "value of label a is 9 bytes, more than the limit of 8 (ingest.max_label_value_bytes)",
                "label name abcdefghij is 10 bytes, more than the limit of 8 (ingest.max_label_value_bytes)",
                "label a appears more than once in the series",
                "series has a label with an empty name (value '1')"), parsed.errors().stream().map(LineError::message).toList());
        assertEquals(List.of(1, 2, 3, 4, 5), parsed.errors().stream().map(LineError::line).toList());
        assertEquals(5, parsed.rejected());
        assertEquals(2, parsed.accepted().size());
    }

    @Test
    void tooManySamplesRefuseTheRequest() {
        RemoteWriteDecoder small = new RemoteWriteDecoder(new MetricLimits(3, 64, 4096, 1024));
        byte[] body = new WriteRequestBuilder().series("__name__", "a").sample(1, 1).sample(2, 2).end()
                .series("__name__", "b").sample(1, 1).sample(2, 2).end().snappy();
        LoupeException e = assertThrows(LoupeException.class, () -> small.decode(body, MAX_BODY));
        assertEquals(ErrorCode.TOO_MANY_EVENTS, e.code());
        assertTrue(e.getMessage().contains("more than 3 samples (ingest.max_events_per_request)"), e.getMessage());
        byte[] three = new WriteRequestBuilder().series("__name__", "a").sample(1, 1).sample(2, 2).end()
                .series("__name__", "b").sample(1, 1).end().snappy();
        assertEquals(3, small.decode(three, MAX_BODY).accepted().size());
    }

    @Test
    void bodyDecompressingBeyondTheLimitIsTooLarge() {
        byte[] body = new WriteRequestBuilder().series("__name__", "a".repeat(500)).sample(1, 1).end().snappy();
        LoupeException e = assertThrows(LoupeException.class, () -> decoder.decode(body, 100));
        assertEquals(ErrorCode.BODY_TOO_LARGE, e.code());
        assertTrue(e.getMessage().contains("more than the limit of 100 (ingest.max_body_bytes)"), e.getMessage());
    }

    @Test
    void bodyThatIsNotSnappyIsRefusedWhole() {
        byte[] uncompressed = new WriteRequestBuilder().series("__name__", "up").sample(1, 1).end().protobuf();
        LoupeException e = assertThrows(LoupeException.class, () -> decoder.decode(uncompressed, MAX_BODY));
        assertEquals(ErrorCode.INVALID_SAMPLE, e.code());
        assertTrue(e.getMessage().startsWith("remote write body is not a snappy block (Content-Encoding: snappy, block format): "),
                e.getMessage());
    }

    @Test
    void truncatedProtobufNamesTheOffset() {
        byte[] protobuf = new WriteRequestBuilder().series("__name__", "up").sample(1, 1).end().protobuf();
        byte[] truncated = java.util.Arrays.copyOf(protobuf, protobuf.length - 3);
        LoupeException e = assertThrows(LoupeException.class, () -> decoder.decode(snappy(truncated), MAX_BODY));
        assertEquals(ErrorCode.INVALID_SAMPLE, e.code());
        assertTrue(e.getMessage().matches("remote write body is not a valid protobuf WriteRequest: length \\d+ runs past the end"
                + " of its message \\(\\d+ bytes left\\) at offset 1 of the decompressed body"), e.getMessage());
    }

    @Test
    void wrongWireTypeForAKnownFieldIsRefused() {
        byte[] protobuf = new ProtobufWriter().writeVarintField(1, 5).toByteArray();
        LoupeException e = assertThrows(LoupeException.class, () -> decoder.decode(snappy(protobuf), MAX_BODY));
        assertEquals("remote write body is not a valid protobuf WriteRequest: field 1 has wire type 0, expected 2"
                + " (length-delimited) at offset 0 of the decompressed body", e.getMessage());
    }

    @Test
    void emptyBodyIsAnEmptyRequest() {
        ParsedSamples parsed = decoder.decode(snappy(new byte[0]), MAX_BODY);
        assertEquals(0, parsed.accepted().size());
    }

    @Test
    void onlyTheFirstHundredErrorsAreListedButAllAreCounted() {
        WriteRequestBuilder request = new WriteRequestBuilder();
        for (int i = 0; i < 150; i++) {
            request.series("job", "x").sample(i, i).end();
        }
        ParsedSamples parsed = decoder.decode(request.snappy(), MAX_BODY);
        assertEquals(150, parsed.rejected());
        assertEquals(ParsedSamples.MAX_LISTED_ERRORS, parsed.errors().size());
    }

    static byte[] snappy(byte[] data) {
        try {
            return Snappy.compress(data);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
