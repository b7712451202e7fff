package io.loupe.ingest.otlp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loupe.ingest.parse.LineError;
import io.loupe.ingest.parse.ParsedSamples;
import io.loupe.ingest.wire.ProtobufWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of a successful OTLP/HTTP export answer, the same shape for every signal:
 * <pre>
 * ExportMetricsServiceResponse { ExportMetricsPartialSuccess partial_success = 1; }
 * ExportMetricsPartialSuccess  { int64 rejected_data_points = 1; string error_message = 2; }
 * ExportLogsServiceResponse    { ExportLogsPartialSuccess partial_success = 1; }
 * ExportLogsPartialSuccess     { int64 rejected_log_records = 1; string error_message = 2; }
 * </pre>
 * When everything was accepted the message is empty (no bytes in protobuf, {@code {}} in JSON), as
 * the OTLP specification asks; otherwise {@code partial_success} holds the rejected count and a
 * message listing the first {@value #MAX_QUOTED_ERRORS} reasons. In JSON the count
 * ({@code rejectedDataPoints}, {@code rejectedLogRecords}) is a string (int64 in the protobuf JSON
 * mapping). Answer in the encoding of the request, with HTTP 200.
 *
 * @param signal       whose response this is, which names the count
 * @param rejected     data points or log records not stored
 * @param errorMessage why, or empty when nothing was rejected
 */
public record OtlpExportResponse(Signal signal, long rejected, String errorMessage) {
    /** Reasons quoted in {@code error_message}; the rest are only counted. */
    public static final int MAX_QUOTED_ERRORS = 10;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The OTLP signals Loupe receives, with what their partial success counts. */
    public enum Signal {
        METRICS("rejectedDataPoints", "data point", "data points"),
        LOGS("rejectedLogRecords", "log record", "log records");

        private final String rejectedJsonName;
        private final String unit;
        private final String units;

        Signal(String rejectedJsonName, String unit, String units) {
            this.rejectedJsonName = rejectedJsonName;
            this.unit = unit;
            this.units = units;
        }
    }

    /** The answer to a metrics export; reasons are quoted as {@code data point <1-based position>: <reason>}. */
    public static OtlpExportResponse of(ParsedSamples parsed) {
        List<String> reasons = new ArrayList<>();
        for (LineError error : parsed.errors().subList(0, Math.min(MAX_QUOTED_ERRORS, parsed.errors().size()))) {
            reasons.add(error.line() + ": " + error.message());
        }
        return of(Signal.METRICS, parsed.rejected(), parsed.errors().size(), reasons);
    }

    /** The answer to a logs export; reasons are quoted as {@code log record <position>: <reason>}. */
    public static OtlpExportResponse of(OtlpDecodedLogs decoded) {
        List<String> reasons = new ArrayList<>();
        for (OtlpRejectedLogRecord error : decoded.errors().subList(0, Math.min(MAX_QUOTED_ERRORS, decoded.errors().size()))) {
            reasons.add(error.position() + ": " + error.message());
        }
        return of(Signal.LOGS, decoded.rejected(), decoded.errors().size(), reasons);
    }

    /**
     * @param listed  rejections the decoder kept the reason of
     * @param reasons the first of those, each {@code <position>: <reason>}
     */
    private static OtlpExportResponse of(Signal signal, long rejected, int listed, List<String> reasons) {
        if (rejected == 0) {
            return new OtlpExportResponse(signal, 0, "");
        }
        StringBuilder message = new StringBuilder();
        message.append(rejected).append(' ').append(rejected == 1 ? signal.unit : signal.units).append(" rejected");
        for (int i = 0; i < reasons.size(); i++) {
            message.append(i == 0 ? ": " : "; ").append(signal.unit).append(' ').append(reasons.get(i));
        }
        if (listed > reasons.size() || rejected > listed) {
            message.append("; ...");
        }
        return new OtlpExportResponse(signal, rejected, message.toString());
    }

    public byte[] toProtobuf() {
        ProtobufWriter response = new ProtobufWriter();
        if (rejected == 0 && errorMessage.isEmpty()) {
            return response.toByteArray();
        }
        ProtobufWriter partialSuccess = new ProtobufWriter();
        if (rejected != 0) {
            partialSuccess.writeVarintField(1, rejected);
        }
        if (!errorMessage.isEmpty()) {
            partialSuccess.writeStringField(2, errorMessage);
        }
        return response.writeMessageField(1, partialSuccess).toByteArray();
    }

    public byte[] toJson() {
        ObjectNode response = MAPPER.createObjectNode();
        if (rejected != 0 || !errorMessage.isEmpty()) {
            ObjectNode partialSuccess = response.putObject("partialSuccess");
            partialSuccess.put(signal.rejectedJsonName, Long.toString(rejected));
            partialSuccess.put("errorMessage", errorMessage);
        }
        try {
            return MAPPER.writeValueAsBytes(response);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the OTLP response as JSON", e);
        }
    }
}
