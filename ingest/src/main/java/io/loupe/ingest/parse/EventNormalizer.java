package io.loupe.ingest.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LogEvent;
import io.loupe.index.api.LogFields;
import io.loupe.index.api.LogKind;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Maps one JSON object onto the log schema: {@code timestamp} (or {@code @timestamp}), {@code kind},
 * {@code message} (or {@code msg}), {@code level} (normalised), the first-class keyword fields, and
 * everything else as attributes, nested objects flattened with dots ({@code {"http":{"status":500}}}
 * becomes {@code http.status}); an {@code attributes} object is flattened without the prefix.
 */
final class EventNormalizer {
    private final EventRules rules;

    EventNormalizer(EventRules rules) {
        this.rules = rules;
    }

    LogEvent normalize(JsonNode node, byte[] original) throws EventRejectedException {
        if (!node.isObject()) {
            throw new EventRejectedException(ErrorCode.INVALID_JSON, "an event must be a JSON object, got " + node.getNodeType().name().toLowerCase());
        }
        long timestamp = rules.receivedNanos();
        boolean defaulted = true;
        LogKind kind = rules.defaultKind();
        String message = null;
        Map<String, String> fields = new HashMap<>();
        Map<String, Object> attributes = new HashMap<>();
        Iterator<Map.Entry<String, JsonNode>> entries = node.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            if (value.isNull()) {
                continue;
            }
            switch (key) {
                case "timestamp", "@timestamp" -> {
                    timestamp = JsonEventValues.timestamp(value);
                    defaulted = false;
                }
                case "kind" -> kind = kind(value);
                case "message", "msg" -> message = value.isTextual() ? value.textValue() : value.toString();
                case LogFields.ATTRIBUTES -> {
                    if (value.isObject()) {
                        flatten("", value, attributes);
                    } else {
                        attributes.put(key, JsonEventValues.scalar(value));
                    }
                }
                default -> {
                    if (LogFields.isKeyword(key)) {
                        fields.put(key, keyword(key, value));
                    } else {
                        flatten(key, value, attributes);
                    }
                }
            }
            rules.checkFieldCount(fields.size() + attributes.size());
        }
        rules.checkTimestamp(timestamp);
        return new LogEvent(timestamp, defaulted, kind, message, fields, attributes, original);
    }

    private static LogKind kind(JsonNode value) throws EventRejectedException {
        LogKind kind = value.isTextual() ? LogKind.fromWireName(value.textValue()) : null;
        if (kind == null) {
            throw new EventRejectedException(ErrorCode.INVALID_KIND, "kind '" + InputExcerpt.of(value.asText())
                    + "' is not one of system, application, audit");
        }
        return kind;
    }

    private static String keyword(String key, JsonNode value) throws EventRejectedException {
        if (key.equals(LogFields.LEVEL)) {
            if (value.isIntegralNumber()) {
                return LevelNormalizer.fromNumber(value.longValue());
            }
            if (value.isTextual()) {
                return LevelNormalizer.normalize(value.textValue());
            }
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isNumber() || value.isBoolean()) {
            return value.asText();
        }
        throw new EventRejectedException(ErrorCode.INVALID_FIELD, "field '" + key + "' must be a string, got "
                + value.getNodeType().name().toLowerCase());
    }

    private static void flatten(String prefix, JsonNode value, Map<String, Object> into) {
        if (value.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> children = value.fields();
            while (children.hasNext()) {
                Map.Entry<String, JsonNode> child = children.next();
                if (!child.getValue().isNull()) {
                    flatten(prefix.isEmpty() ? child.getKey() : prefix + "." + child.getKey(), child.getValue(), into);
                }
            }
            return;
        }
        into.put(prefix, JsonEventValues.scalar(value));
    }
}
