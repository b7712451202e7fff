package io.loupe.ingest.otlp;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LoupeException;
import io.loupe.ingest.parse.MetricLimits;
import io.loupe.ingest.parse.ParsedSamples;
import io.loupe.ingest.wire.WireFormatException;

/**
 * Decodes an OTLP/HTTP metrics export ({@code POST /v1/metrics} body, already decompressed) into
 * samples, from either encoding: protobuf ({@code application/x-protobuf}) or JSON
 * ({@code application/json}). How metrics become samples, and which data points are rejected on their
 * own, is {@link OtlpMetricMapping}; {@code rejected} in the result counts data points. The request is
 * refused whole (400) when the body is not a valid {@code ExportMetricsServiceRequest}, naming the
 * offset (protobuf) or the JSON path, and (413) beyond {@code ingest.max_events_per_request} samples.
 * Thread-safe; pure: bytes and limits in, samples out.
 */
public final class OtlpMetricsDecoder {
    private final MetricLimits limits;

    public OtlpMetricsDecoder(MetricLimits limits) {
        this.limits = limits;
    }

    /**
     * @param body           protobuf {@code ExportMetricsServiceRequest}
     * @param receivedMillis time for data points without {@code time_unix_nano}
     */
    public ParsedSamples decodeProtobuf(byte[] body, long receivedMillis) {
        OtlpMetricMapping mapping = new OtlpMetricMapping(limits, receivedMillis);
        try {
            OtlpMetricsProtobufReader.read(body, mapping::add);
        } catch (WireFormatException e) {
            throw new LoupeException(ErrorCode.INVALID_SAMPLE, "OTLP body is not a valid protobuf ExportMetricsServiceRequest: "
                    + e.getMessage() + " (send Content-Type: application/json for OTLP/JSON)", e);
        }
        return mapping.result();
    }

    /**
     * @param body           OTLP/JSON {@code ExportMetricsServiceRequest}
     * @param receivedMillis time for data points without {@code timeUnixNano}
     */
    public ParsedSamples decodeJson(byte[] body, long receivedMillis) {
        OtlpMetricMapping mapping = new OtlpMetricMapping(limits, receivedMillis);
        OtlpMetricsJsonReader.read(body, mapping::add);
        return mapping.result();
    }
}
