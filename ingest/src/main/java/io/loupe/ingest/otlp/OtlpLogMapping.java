package io.loupe.ingest.otlp;

import com.fasterxml.jackson.databind.JsonNode;
import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LogEvent;
import io.loupe.index.api.LogFields;
import io.loupe.index.api.LogKind;
import io.loupe.ingest.otlp.OtlpLogsModel.LogRecord;
import io.loupe.ingest.otlp.OtlpLogsModel.ResourceLogs;
import io.loupe.ingest.otlp.OtlpLogsModel.ScopeLogs;
import io.loupe.ingest.parse.EventRejectedException;
import io.loupe.ingest.parse.EventRules;
import io.loupe.ingest.parse.InputExcerpt;
import io.loupe.ingest.parse.LogEventBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the OTLP log records of one request into events, the rules of {@link OtlpLogsDecoder}'s table
 * (one instance per request; not thread-safe). A record that cannot be stored is rejected on its own,
 * with its position ({@code resourceLogs[0].scopeLogs[1].logRecords[4]}) and reason; the others go on.
 */
final class OtlpLogMapping {
    private static final String SOURCE = "otlp";
    private static final String RESOURCE_PREFIX = "resource.";
    private static final String SCOPE_NAME = "otel.scope.name";
    private static final String SCOPE_VERSION = "otel.scope.version";
    private static final String EVENT_NAME = "event.name";
    private static final String KIND_ATTRIBUTE = "loupe.kind";
    private static final String ACTOR_ATTRIBUTE = "user.name";
    private static final int TRACE_ID_BYTES = 16;
    private static final int SPAN_ID_BYTES = 8;
    /** Resource attributes that become keyword fields; every other one becomes {@code resource.<key>}. */
    private static final Map<String, String> RESOURCE_FIELDS = Map.of("service.name", "service", "host.name", "host");
    /** Keyword fields taken from log attributes: the first of its names that the record has, in this order. */
    private static final Map<String, List<String>> ATTRIBUTE_FIELDS = attributeFields();

    private final EventRules rules;
    private final List<LogEvent> accepted = new ArrayList<>();
    private final List<OtlpRejectedLogRecord> errors = new ArrayList<>();
    private int rejected;
    private int resourceIndex;

    OtlpLogMapping(EventRules rules) {
        this.rules = rules;
    }

    private static Map<String, List<String>> attributeFields() {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        fields.put("user_id", List.of("user.id", "enduser.id"));
        fields.put("action", List.of("event.action"));
        fields.put("outcome", List.of("event.outcome"));
        fields.put("source_ip", List.of("source.ip", "client.address"));
        fields.put("session_id", List.of("session.id"));
        fields.put("request_id", List.of("http.request.id", "request.id"));
        return fields;
    }

    void add(ResourceLogs resource) {
        String resourcePath = "resourceLogs[" + resourceIndex++ + "]";
        ResourceFields resourceFields;
        String resourceProblem = null;
        try {
            resourceFields = resourceFields(resource.resourceAttributes());
        } catch (EventRejectedException e) {
            resourceFields = null;
            resourceProblem = e.getMessage();
        }
        for (int s = 0; s < resource.scopes().size(); s++) {
            ScopeLogs scope = resource.scopes().get(s);
            for (int r = 0; r < scope.records().size(); r++) {
                String position = resourcePath + ".scopeLogs[" + s + "].logRecords[" + r + "]";
                if (resourceProblem != null) {
                    reject(position, ErrorCode.INVALID_FIELD, resourceProblem);
                    continue;
                }
                try {
                    accepted.add(event(resourceFields, scope, scope.records().get(r)));
                } catch (EventRejectedException e) {
                    reject(position, e.code(), e.getMessage());
                }
            }
        }
    }

    OtlpDecodedLogs result() {
        return new OtlpDecodedLogs(accepted, rejected, errors);
    }

    private void reject(String position, ErrorCode code, String message) {
        rejected++;
        if (errors.size() < OtlpDecodedLogs.MAX_LISTED_ERRORS) {
            errors.add(new OtlpRejectedLogRecord(position, code, message));
        }
    }

    /** What every record of one resource gets: keyword fields, then {@code resource.<key>} attributes. */
    private record ResourceFields(Map<String, String> fields, Map<String, Object> attributes) {
    }

    private static ResourceFields resourceFields(List<OtlpKeyValue> resourceAttributes) throws EventRejectedException {
        Map<String, String> fields = new LinkedHashMap<>();
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> attribute : unique(resourceAttributes, "resource attribute").entrySet()) {
            String field = RESOURCE_FIELDS.get(attribute.getKey());
            if (field != null) {
                fields.put(field, OtlpAttributeValue.labelText(attribute.getValue()));
            } else {
                attributes.put(RESOURCE_PREFIX + attribute.getKey(), OtlpAttributeValue.attributeValue(attribute.getValue()));
            }
        }
        return new ResourceFields(fields, attributes);
    }

    private LogEvent event(ResourceFields resource, ScopeLogs scope, LogRecord record) throws EventRejectedException {
        Map<String, JsonNode> attributes = unique(record.attributes(), "attribute");
        LogEventBuilder event = rules.event();
        long time = record.timeUnixNano() != 0 ? record.timeUnixNano() : record.observedTimeUnixNano();
        if (time != 0) {
            event.timestamp(time);
        }
        LogKind kind = kind(attributes.remove(KIND_ATTRIBUTE));
        event.kind(kind);
        event.field(LogFields.LEVEL, level(record));
        if (record.body() != null) {
            event.message(OtlpAttributeValue.labelText(record.body()));
        }
        event.field("trace_id", id(record.traceId(), TRACE_ID_BYTES, "trace_id"));
        event.field("span_id", id(record.spanId(), SPAN_ID_BYTES, "span_id"));
        event.field("source", SOURCE);
        for (Map.Entry<String, String> field : resource.fields().entrySet()) {
            event.field(field.getKey(), field.getValue());
        }
        for (Map.Entry<String, List<String>> field : ATTRIBUTE_FIELDS.entrySet()) {
            event.field(field.getKey(), take(attributes, field.getValue()));
        }
        if (kind == LogKind.AUDIT && attributes.containsKey(ACTOR_ATTRIBUTE)) {
            event.field("actor", OtlpAttributeValue.labelText(attributes.remove(ACTOR_ATTRIBUTE)));
        }
        for (Map.Entry<String, Object> attribute : resource.attributes().entrySet()) {
            event.attribute(attribute.getKey(), attribute.getValue());
        }
        if (!scope.scopeName().isEmpty()) {
            event.attribute(SCOPE_NAME, scope.scopeName());
        }
        if (!scope.scopeVersion().isEmpty()) {
            event.attribute(SCOPE_VERSION, scope.scopeVersion());
        }
        if (!record.eventName().isEmpty()) {
            attributes.remove(EVENT_NAME);
            event.attribute(EVENT_NAME, record.eventName());
        }
        for (Map.Entry<String, JsonNode> attribute : attributes.entrySet()) {
            event.attribute(attribute.getKey(), OtlpAttributeValue.attributeValue(attribute.getValue()));
        }
        return event.build(OtlpLogRecordOriginal.render(record));
    }

    /** The attributes by key, in order; an empty or repeated key rejects the record. */
    private static Map<String, JsonNode> unique(List<OtlpKeyValue> keyValues, String what) throws EventRejectedException {
        Map<String, JsonNode> unique = new LinkedHashMap<>();
        for (OtlpKeyValue keyValue : keyValues) {
            if (keyValue.key().isEmpty()) {
                throw new EventRejectedException(ErrorCode.INVALID_FIELD, what + " has an empty key");
            }
            if (unique.containsKey(keyValue.key())) {
                throw new EventRejectedException(ErrorCode.INVALID_FIELD, what + " " + InputExcerpt.of(keyValue.key())
                        + " appears more than once");
            }
            unique.put(keyValue.key(), keyValue.value());
        }
        return unique;
    }

    private LogKind kind(JsonNode value) throws EventRejectedException {
        if (value == null) {
            return rules.defaultKind();
        }
        LogKind kind = value.isTextual() ? LogKind.fromWireName(value.textValue()) : null;
        if (kind == null) {
            throw new EventRejectedException(ErrorCode.INVALID_KIND, KIND_ATTRIBUTE + " '"
                    + InputExcerpt.of(OtlpAttributeValue.labelText(value)) + "' is not one of system, application, audit");
        }
        return kind;
    }

    /** SeverityNumber 1-24 in steps of four levels; otherwise the severity text, normalised by the builder; null when neither. */
    private static String level(LogRecord record) {
        int number = record.severityNumber();
        if (number >= 1 && number <= 24) {
            return LogFields.LEVELS.get((number - 1) / 4);
        }
        return record.severityText().isEmpty() ? null : record.severityText();
    }

    /** A trace or span id as lowercase hex; null when unset or all zeros (OTLP's "no id"). */
    private static String id(String hex, int bytes, String name) throws EventRejectedException {
        if (hex.isEmpty()) {
            return null;
        }
        if (hex.length() != 2 * bytes || !isHex(hex)) {
            throw new EventRejectedException(ErrorCode.INVALID_FIELD, name + " '" + InputExcerpt.of(hex) + "' is not " + bytes
                    + " bytes (" + (2 * bytes) + " hex digits in OTLP/JSON, which sends ids in hex, not base64)");
        }
        String lower = hex.toLowerCase(Locale.ROOT);
        return lower.chars().allMatch(c -> c == '0') ? null : lower;
    }

    private static boolean isHex(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }

    /** The text of the first of {@code names} the attributes have, removed from them; the later ones stay attributes. */
    private static String take(Map<String, JsonNode> attributes, List<String> names) {
        for (String name : names) {
            JsonNode value = attributes.get(name);
            if (value != null) {
                attributes.remove(name);
                return OtlpAttributeValue.labelText(value);
            }
        }
        return null;
    }
}
