package io.loupe.ingest.otlp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loupe.ingest.otlp.OtlpLogsModel.LogRecord;

/**
 * The {@code original} an OTLP log record is stored with (what search shows as the event as received,
 * and for audit events the bytes the hash chain covers): the record as one compact JSON object with
 * the OTLP/JSON field names, the same whichever encoding it arrived in. Unset fields are left out;
 * attributes are one object and values plain JSON ({@code "body":"card declined"},
 * {@code "attributes":{"http.status":502}}) rather than OTLP/JSON's {@code {"stringValue":...}}
 * wrappers; bytes values are base64 text. Resource and scope are not repeated in every record: they
 * are in the event's {@code resource.*} and {@code otel.scope.*} attributes.
 * <pre>
 * {"timeUnixNano":"1700000000123456789","observedTimeUnixNano":"...","severityNumber":17,
 *  "severityText":"ERROR","body":...,"attributes":{...},"flags":1,"traceId":"5b8e...","spanId":"eee1...",
 *  "eventName":"..."}
 * </pre>
 * Thread-safe.
 */
final class OtlpLogRecordOriginal {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private OtlpLogRecordOriginal() {
    }

    static byte[] render(LogRecord record) {
        ObjectNode json = MAPPER.createObjectNode();
        if (record.timeUnixNano() != 0) {
            json.put("timeUnixNano", Long.toUnsignedString(record.timeUnixNano()));
        }
        if (record.observedTimeUnixNano() != 0) {
            json.put("observedTimeUnixNano", Long.toUnsignedString(record.observedTimeUnixNano()));
        }
        if (record.severityNumber() != 0) {
            json.put("severityNumber", record.severityNumber());
        }
        if (!record.severityText().isEmpty()) {
            json.put("severityText", record.severityText());
        }
        if (record.body() != null) {
            json.set("body", record.body());
        }
        if (!record.attributes().isEmpty()) {
            ObjectNode attributes = json.putObject("attributes");
            for (OtlpKeyValue attribute : record.attributes()) {
                if (attribute.value() == null) {
                    attributes.putNull(attribute.key());
                } else {
                    attributes.set(attribute.key(), attribute.value());
                }
            }
        }
        if (record.flags() != 0) {
            json.put("flags", Integer.toUnsignedLong(record.flags()));
        }
        if (!record.traceId().isEmpty()) {
            json.put("traceId", record.traceId());
        }
        if (!record.spanId().isEmpty()) {
            json.put("spanId", record.spanId());
        }
        if (!record.eventName().isEmpty()) {
            json.put("eventName", record.eventName());
        }
        try {
            return MAPPER.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render an OTLP log record as JSON", e);
        }
    }
}
