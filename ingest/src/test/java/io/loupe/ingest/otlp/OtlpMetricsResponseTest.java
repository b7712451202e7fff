package io.loupe.ingest.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.loupe.index.api.ErrorCode;
import io.loupe.ingest.parse.LineError;
import io.loupe.ingest.parse.ParsedSamples;
import io.loupe.ingest.wire.ProtobufReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class OtlpMetricsResponseTest {
    @Test
    void fullSuccessIsAnEmptyMessage() {
        OtlpMetricsResponse response = OtlpMetricsResponse.of(new ParsedSamples(List.of(), 0, List.of()));
        assertEquals(0, response.toProtobuf().length);
        assertEquals("{}", new String(response.toJson(), StandardCharsets.UTF_8));
    }

    @Test
    void partialSuccessCarriesTheCountAndTheFirstReasons() {
        ParsedSamples parsed = new ParsedSamples(List.of(), 2, List.of(
                new LineError(3, ErrorCode.INVALID_SAMPLE, "metric latency: exponential histograms are not supported yet"),
                new LineError(7, ErrorCode.INVALID_SAMPLE, "metric has no name")));
        OtlpMetricsResponse response = OtlpMetricsResponse.of(parsed);
        String message = "2 data points rejected: data point 3: metric latency: exponential histograms are not supported yet;"
                + " data point 7: metric has no name";
        assertEquals(new OtlpMetricsResponse(2, message), response);
        assertEquals("{\"partialSuccess\":{\"rejectedDataPoints\":\"2\",\"errorMessage\":\"" + message + "\"}}",
                new String(response.toJson(), StandardCharsets.UTF_8));

        ProtobufReader reader = new ProtobufReader(response.toProtobuf());
        assertEquals(1, ProtobufReader.fieldNumber(reader.readTag()));
        ProtobufReader partialSuccess = reader.readMessage();
        assertFalse(reader.hasRemaining());
        assertEquals(1, ProtobufReader.fieldNumber(partialSuccess.readTag()));
        assertEquals(2, partialSuccess.readVarint64());
        assertEquals(2, ProtobufReader.fieldNumber(partialSuccess.readTag()));
        assertEquals(message, partialSuccess.readString());
        assertFalse(partialSuccess.hasRemaining());
    }

    @Test
    void manyRejectionsAreCountedAndOnlyTheFirstQuoted() {
        List<LineError> errors = java.util.stream.IntStream.rangeClosed(1, 20)
                .mapToObj(i -> new LineError(i, ErrorCode.INVALID_SAMPLE, "reason " + i)).toList();
        OtlpMetricsResponse response = OtlpMetricsResponse.of(new ParsedSamples(List.of(), 500, errors));
        assertEquals(500, response.rejectedDataPoints());
        assertEquals(true, response.errorMessage().contains("data point 10: reason 10; ..."));
        assertEquals(false, response.errorMessage().contains("reason 11"));
    }
}
