package io.loupe.ingest.otlp;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LoupeException;
import io.loupe.ingest.IngestConfig;
import io.loupe.ingest.parse.EventRules;
import io.loupe.ingest.wire.WireFormatException;

/**
 * Decodes an OTLP/HTTP logs export ({@code POST /v1/logs} body, already decompressed) into log
 * events, from either encoding: protobuf ({@code application/x-protobuf}, {@link OtlpLogsProtobufReader})
 * or JSON ({@code application/json}, {@link OtlpLogsJsonReader}). Both encodings of the same request
 * give the same events.
 *
 * <table>
 * <caption>OTLP log records to Loupe events</caption>
 * <tr><th>OTLP</th><th>Loupe</th></tr>
 * <tr><td>time_unix_nano</td><td>timestamp; when 0, observed_time_unix_nano; when both are 0, the time
 *     the request was received.</td></tr>
 * <tr><td>severity_number</td><td>level: 1-4 trace, 5-8 debug, 9-12 info, 13-16 warn, 17-20 error,
 *     21-24 fatal. When unspecified (0) or out of range: severity_text, normalised as every protocol's
 *     level is ({@code WARNING} becomes warn, {@code Information} info, an unknown word is kept
 *     lowercased); neither: no level.</td></tr>
 * <tr><td>body</td><td>message: a string as it is; any other value as label text
 *     ({@link OtlpAttributeValue}: ints decimal, bools true/false, arrays and key/value lists compact
 *     JSON, bytes base64). No body: no message.</td></tr>
 * <tr><td>trace_id, span_id</td><td>{@code trace_id}, {@code span_id} in lowercase hex; all-zero ids are
 *     left out (OTLP's "no trace").</td></tr>
 * <tr><td>event_name</td><td>attribute {@code event.name} (wins over an {@code event.name} attribute).</td></tr>
 * <tr><td>flags, dropped_attributes_count</td><td>not stored as fields (flags are kept in the original).</td></tr>
 * <tr><td>resource {@code service.name}</td><td>{@code service}</td></tr>
 * <tr><td>resource {@code host.name}</td><td>{@code host} (only {@code host.name}: no fallback to
 *     {@code host.id}, {@code k8s.pod.name} and the like, which stay {@code resource.*} attributes).</td></tr>
 * <tr><td>other resource attributes</td><td>attribute {@code resource.<key>}, e.g.
 *     {@code resource.deployment.environment}.</td></tr>
 * <tr><td>scope name, version</td><td>attributes {@code otel.scope.name}, {@code otel.scope.version};
 *     scope attributes are not stored.</td></tr>
 * <tr><td>attribute {@code loupe.kind}</td><td>kind: {@code application}, {@code system} or
 *     {@code audit}; absent: application.</td></tr>
 * <tr><td>attribute {@code user.id}, else {@code enduser.id}</td><td>{@code user_id}</td></tr>
 * <tr><td>attribute {@code user.name}, audit events only</td><td>{@code actor} (otherwise it stays an
 *     attribute)</td></tr>
 * <tr><td>attribute {@code event.action}</td><td>{@code action}</td></tr>
 * <tr><td>attribute {@code event.outcome}</td><td>{@code outcome}</td></tr>
 * <tr><td>attribute {@code source.ip}, else {@code client.address}</td><td>{@code source_ip}</td></tr>
 * <tr><td>attribute {@code session.id}</td><td>{@code session_id}</td></tr>
 * <tr><td>attribute {@code http.request.id}, else {@code request.id}</td><td>{@code request_id}</td></tr>
 * <tr><td>every other attribute</td><td>attribute under its own key: strings as String, ints as Long,
 *     doubles as Double, bools as Boolean, bytes as base64 text, arrays and key/value lists as compact
 *     JSON text; an attribute without a value is left out. When two source names of one field are both
 *     present, the later one stays an attribute. A log attribute wins over a resource or scope
 *     attribute of the same name.</td></tr>
 * <tr><td>(always)</td><td>{@code source} = {@code otlp}; the original is the record as compact JSON
 *     ({@link OtlpLogRecordOriginal}).</td></tr>
 * </table>
 *
 * <p>A log record is rejected on its own (an {@link OtlpRejectedLogRecord} at its position, e.g.
 * {@code resourceLogs[0].scopeLogs[1].logRecords[4]}; counted in {@code rejected_log_records}) when: its
 * timestamp is outside what the store accepts ({@code log.retention_days}, {@code log.max_future_seconds});
 * it has more fields than {@code ingest.max_fields_per_event}; {@code loupe.kind} is not a kind; its
 * trace id is not 16 bytes or its span id not 8 (in JSON: 32 and 16 hex digits); an attribute key of
 * the record or its resource is empty or appears twice. The request is refused whole (400) when the
 * body is not a valid {@code ExportLogsServiceRequest}, naming the offset (protobuf) or the JSON path,
 * and (413) beyond {@code ingest.max_events_per_request} log records. Thread-safe; pure: bytes and
 * rules in, events out.
 */
public final class OtlpLogsDecoder {
    private final int maxRecordsPerRequest;

    public OtlpLogsDecoder(IngestConfig config) {
        this.maxRecordsPerRequest = config.maxEventsPerRequest();
    }

    /** @param body protobuf {@code ExportLogsServiceRequest} */
    public OtlpDecodedLogs decodeProtobuf(byte[] body, EventRules rules) {
        OtlpLogMapping mapping = new OtlpLogMapping(rules);
        try {
            OtlpLogsProtobufReader.read(body, new OtlpLogRecordLimit(maxRecordsPerRequest), mapping::add);
        } catch (WireFormatException e) {
            throw new LoupeException(ErrorCode.INVALID_FIELD, "OTLP body is not a valid protobuf ExportLogsServiceRequest: "
                    + e.getMessage() + " (send Content-Type: application/json for OTLP/JSON)", e);
        }
        return mapping.result();
    }

    /** @param body OTLP/JSON {@code ExportLogsServiceRequest} */
    public OtlpDecodedLogs decodeJson(byte[] body, EventRules rules) {
        OtlpLogMapping mapping = new OtlpLogMapping(rules);
        OtlpLogsJsonReader.read(body, new OtlpLogRecordLimit(maxRecordsPerRequest), mapping::add);
        return mapping.result();
    }
}
