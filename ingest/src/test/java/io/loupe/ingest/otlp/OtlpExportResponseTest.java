package io.loupe.ingest.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loupe.index.api.ErrorCode;
import io.loupe.ingest.parse.LineError;
import io.loupe.ingest.parse.ParsedSamples;
import io.loupe.ingest.wire.ProtobufReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class OtlpExportResponseTest {
    @Test
    void fullSuccessIsAnEmptyMessage() {
        OtlpExportResponse response = OtlpExportResponse.of(new ParsedSamples(List.of(), 0, List.of()));
        assertEquals(0, response.toProtobuf().length);
        assertEquals("{}", new String(response.toJson(), StandardCharsets.UTF_8));
    }

    @Test
    void partialSuccessCarriesTheCountAndTheFirstReasons() {
        ParsedSamples parsed = new ParsedSamples(List.of(), 2, List.of(
                new LineError(3, ErrorCode.INVALID_SAMPLE, "metric latency: exponential histograms are not supported yet"),
                new LineError(7, ErrorCode.INVALID_SAMPLE, "metric has no name")));
        OtlpExportResponse response = OtlpExportResponse.of(parsed);
        String message = "2 data points rejected: data point 3: metric latency: exponential histograms are not supported yet;"
                + " data point 7: metric has no name";
        assertEquals(new OtlpExportResponse(OtlpExportResponse.Signal.METRICS, 2, message), response);
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
        OtlpExportResponse response = OtlpExportResponse.of(new ParsedSamples(List.of(), 500, errors));
        assertEquals(500, response.rejected());
        assertEquals(true, response.errorMessage().contains("data point 10: reason 10; ..."));
        assertEquals(false, response.errorMessage().contains("reason 11"));
    }

    @Test
    void logsFullSuccessIsAnEmptyMessage() {
        OtlpExportResponse response = OtlpExportResponse.of(new OtlpDecodedLogs(List.of(), 0, List.of()));
        assertEquals(0, response.toProtobuf().length);
        assertEquals("{}", new String(response.toJson(), StandardCharsets.UTF_8));
    }

    @Test
    void logsPartialSuccessCountsLogRecordsAndNamesTheirPositions() {
        OtlpDecodedLogs decoded = new OtlpDecodedLogs(List.of(), 1, List.of(new OtlpRejectedLogRecord(
                "resourceLogs[0].scopeLogs[1].logRecords[4]", ErrorCode.INVALID_TIMESTAMP, "timestamp 2001-09-09T01:46:40Z is too old")));
        OtlpExportResponse response = OtlpExportResponse.of(decoded);
        String message = "1 log record rejected: log record resourceLogs[0].scopeLogs[1].logRecords[4]:"
                + " timestamp 2001-09-09T01:46:40Z is too old";
        assertEquals(new OtlpExportResponse(OtlpExportResponse.Signal.LOGS, 1, message), response);
        assertEquals("{\"partialSuccess\":{\"rejectedLogRecords\":\"1\",\"errorMessage\":\"" + message + "\"}}",
                new String(response.toJson(), StandardCharsets.UTF_8));

        ProtobufReader reader = new ProtobufReader(response.toProtobuf());
        assertEquals(1, ProtobufReader.fieldNumber(reader.readTag()));
        ProtobufReader partialSuccess = reader.readMessage();
        assertEquals(1, ProtobufReader.fieldNumber(partialSuccess.readTag()));
        assertEquals(1, partialSuccess.readVarint64());
        assertEquals(2, ProtobufReader.fieldNumber(partialSuccess.readTag()));
        assertEquals(message, partialSuccess.readString());
        assertFalse(partialSuccess.hasRemaining());
    }

    @Test
    void logsRejectedBeyondTheListedOnesAreCounted() {
        List<OtlpRejectedLogRecord> errors = java.util.stream.IntStream.range(0, 12).mapToObj(i -> new OtlpRejectedLogRecord(
                "resourceLogs[0].scopeLogs[0].logRecords[" + i + "]", ErrorCode.TOO_MANY_FIELDS, "reason " + i)).toList();
        OtlpExportResponse response = OtlpExportResponse.of(new OtlpDecodedLogs(List.of(), 300, errors));
        assertEquals(300, response.rejected());
        assertTrue(response.errorMessage().startsWith(
                "300 log records rejected: log record resourceLogs[0].scopeLogs[0].logRecords[0]: reason 0;"), response.errorMessage());
        assertTrue(response.errorMessage().endsWith("logRecords[9]: reason 9; ..."), response.errorMessage());
    }
}
