package io.loupe.ingest.otlp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loupe.ingest.parse.LineError;
import io.loupe.ingest.parse.ParsedSamples;
import io.loupe.ingest.wire.ProtobufWriter;

/**
 * The body of a successful OTLP/HTTP metrics export answer, {@code ExportMetricsServiceResponse}:
 * <pre>
 * ExportMetricsServiceResponse { ExportMetricsPartialSuccess partial_success = 1; }
 * ExportMetricsPartialSuccess  { int64 rejected_data_points = 1; string error_message = 2; }
 * </pre>
 * When every data point was accepted the message is empty (no bytes in protobuf, {@code {}} in JSON),
 * as the OTLP specification asks; otherwise {@code partial_success} holds the rejected count and a
 * message listing the first reasons. In JSON, {@code rejectedDataPoints} is a string (int64 in the
 * protobuf JSON mapping). Answer in the encoding of the request, with HTTP 200.
 *
 * @param rejectedDataPoints data points not stored
 * @param errorMessage       why, or empty when nothing was rejected
 */
public record OtlpMetricsResponse(long rejectedDataPoints, String errorMessage) {
    /** Reasons quoted in {@code error_message}; the rest are only counted. */
    public static final int MAX_QUOTED_ERRORS = 10;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public static OtlpMetricsResponse of(ParsedSamples parsed) {
        if (parsed.rejected() == 0) {
            return new OtlpMetricsResponse(0, "");
        }
        StringBuilder message = new StringBuilder();
        message.append(parsed.rejected()).append(parsed.rejected() == 1 ? " data point" : " data points").append(" rejected");
        int quoted = Math.min(MAX_QUOTED_ERRORS, parsed.errors().size());
        for (int i = 0; i < quoted; i++) {
            LineError error = parsed.errors().get(i);
            message.append(i == 0 ? ": " : "; ").append("data point ").append(error.line()).append(": ").append(error.message());
        }
        if (parsed.errors().size() > quoted || parsed.rejected() > parsed.errors().size()) {
            message.append("; ...");
        }
        return new OtlpMetricsResponse(parsed.rejected(), message.toString());
    }

    public byte[] toProtobuf() {
        ProtobufWriter response = new ProtobufWriter();
        if (rejectedDataPoints == 0 && errorMessage.isEmpty()) {
            return response.toByteArray();
        }
        ProtobufWriter partialSuccess = new ProtobufWriter();
        if (rejectedDataPoints != 0) {
            partialSuccess.writeVarintField(1, rejectedDataPoints);
        }
        if (!errorMessage.isEmpty()) {
            partialSuccess.writeStringField(2, errorMessage);
        }
        return response.writeMessageField(1, partialSuccess).toByteArray();
    }

    public byte[] toJson() {
        ObjectNode response = MAPPER.createObjectNode();
        if (rejectedDataPoints != 0 || !errorMessage.isEmpty()) {
            ObjectNode partialSuccess = response.putObject("partialSuccess");
            partialSuccess.put("rejectedDataPoints", Long.toString(rejectedDataPoints));
            partialSuccess.put("errorMessage", errorMessage);
        }
        try {
            return MAPPER.writeValueAsBytes(response);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the OTLP response as JSON", e);
        }
    }
}
