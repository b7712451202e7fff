package io.loupe.ingest.elastic;

import com.fasterxml.jackson.databind.JsonNode;
import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LogEvent;
import io.loupe.index.api.LogFields;
import io.loupe.index.api.LogKind;
import io.loupe.ingest.parse.EventRejectedException;
import io.loupe.ingest.parse.EventRules;
import io.loupe.ingest.parse.InputExcerpt;
import io.loupe.ingest.parse.LevelNormalizer;
import io.loupe.ingest.parse.LogEventBuilder;
import io.loupe.ingest.parse.JsonEventValues;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps one bulk document onto the log schema. The document is flattened first (nested objects and
 * dotted keys alike become dotted names: {@code {"host":{"name":"web-3"}}} and {@code {"host.name":"web-3"}}
 * are the same), then each schema field takes the first of its source names the document has, in the
 * order below; every other name, and a later source name of a field already taken, stays an attribute
 * under its dotted name. The names cover ECS (Filebeat, Logstash, Elastic Agent), rsyslog's
 * omelasticsearch default template and syslog-ng's {@code elasticsearch-http()} default JSON:
 * <pre>
 * timestamp   @timestamp, timestamp, timereported, ISODATE       (absent: the receive time)
 * message     message, msg, MESSAGE, log (when text)
 * level       log.level, level, severity, priority, PRIORITY, log.syslog.severity.name
 * host        host.name, host.hostname, hostname, fromhost, HOST, host (when text)
 * service     service.name, service, programname, PROGRAM, app
 * source      source (when text), event.dataset, data_stream.dataset   (absent: the index name)
 * user_id     user.id, user_id
 * trace_id    trace.id, trace_id       span_id  span.id, span_id
 * request_id  http.request.id, request_id                session_id  session.id, session_id
 * action      event.action, action     outcome  event.outcome, outcome
 * resource    resource                 source_ip  source.ip, client.ip, source_ip
 * actor       actor; for audit events also user.name
 * kind        kind (system|application|audit)      (absent: the index name, {@link IndexKinds})
 * </pre>
 * Arrays are kept as their JSON text. Thread-safe.
 */
final class EcsEventMapper {
    private static final List<String> TIMESTAMP = List.of("@timestamp", "timestamp", "timereported", "ISODATE");
    private static final List<String> MESSAGE = List.of("message", "msg", "MESSAGE", "log");
    private static final Map<String, List<String>> KEYWORD_SOURCES = keywordSources();

    private final IndexKinds indexKinds;

    EcsEventMapper(IndexKinds indexKinds) {
        this.indexKinds = indexKinds;
    }

    private static Map<String, List<String>> keywordSources() {
        Map<String, List<String>> sources = new LinkedHashMap<>();
        sources.put(LogFields.LEVEL, List.of("log.level", "level", "severity", "priority", "PRIORITY", "log.syslog.severity.name"));
        sources.put("host", List.of("host.name", "host.hostname", "hostname", "fromhost", "HOST", "host"));
        sources.put("service", List.of("service.name", "service", "programname", "PROGRAM", "app"));
        sources.put("source", List.of("source", "event.dataset", "data_stream.dataset"));
        sources.put("user_id", List.of("user.id", "user_id"));
        sources.put("trace_id", List.of("trace.id", "trace_id"));
        sources.put("span_id", List.of("span.id", "span_id"));
        sources.put("request_id", List.of("http.request.id", "request_id"));
        sources.put("session_id", List.of("session.id", "session_id"));
        sources.put("action", List.of("event.action", "action"));
        sources.put("outcome", List.of("event.outcome", "outcome"));
        sources.put("resource", List.of("resource"));
        sources.put("source_ip", List.of("source.ip", "client.ip", "source_ip"));
        sources.put("actor", List.of("actor"));
        return sources;
    }

    /**
     * @param document the parsed source line, any JSON value
     * @param index    the action's {@code _index} (or the URL's), never null
     * @param original the source line as received
     */
    LogEvent map(JsonNode document, String index, EventRules rules, byte[] original) throws EventRejectedException {
        if (!document.isObject()) {
            throw new EventRejectedException(ErrorCode.INVALID_JSON, "a document must be a JSON object, got "
                    + document.getNodeType().name().toLowerCase());
        }
        Map<String, JsonNode> flat = new LinkedHashMap<>();
        flatten("", document, flat, rules.maxFields());
        LogEventBuilder event = rules.event();
        JsonNode timestamp = take(flat, TIMESTAMP);
        if (timestamp != null) {
            event.timestamp(JsonEventValues.timestamp(timestamp));
        }
        event.message(textOf(takeText(flat, MESSAGE)));
        LogKind kind = kind(flat.remove(LogFields.KIND), index);
        event.kind(kind);
        for (Map.Entry<String, List<String>> field : KEYWORD_SOURCES.entrySet()) {
            JsonNode value = field.getKey().equals("source") || field.getKey().equals("host")
                    ? takeText(flat, field.getValue()) : take(flat, field.getValue());
            if (value != null) {
                event.field(field.getKey(), keyword(field.getKey(), value));
            }
        }
        if (kind == LogKind.AUDIT && !event.hasField("actor") && flat.containsKey("user.name")) {
            event.field("actor", textOf(flat.remove("user.name")));
        }
        if (!event.hasField("source")) {
            event.field("source", index);
        }
        for (Map.Entry<String, JsonNode> rest : flat.entrySet()) {
            event.attribute(rest.getKey(), JsonEventValues.scalar(rest.getValue()));
        }
        return event.build(original);
    }

    private LogKind kind(JsonNode value, String index) throws EventRejectedException {
        if (value == null) {
            return indexKinds.kindOf(index);
        }
        LogKind kind = value.isTextual() ? LogKind.fromWireName(value.textValue()) : null;
        if (kind == null) {
            throw new EventRejectedException(ErrorCode.INVALID_KIND, "kind '" + InputExcerpt.of(value.asText())
                    + "' is not one of system, application, audit");
        }
        return kind;
    }

    private static JsonNode take(Map<String, JsonNode> flat, List<String> names) {
        for (String name : names) {
            JsonNode value = flat.remove(name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** Like {@link #take} but only text values qualify ({@code source} and {@code host} are also ECS objects). */
    private static JsonNode takeText(Map<String, JsonNode> flat, List<String> names) {
        for (String name : names) {
            JsonNode value = flat.get(name);
            if (value != null && value.isTextual()) {
                return flat.remove(name);
            }
        }
        return null;
    }

    private static String keyword(String field, JsonNode value) {
        if (field.equals(LogFields.LEVEL) && value.isIntegralNumber()) {
            return LevelNormalizer.fromNumber(value.longValue());
        }
        return textOf(value);
    }

    private static String textOf(JsonNode value) {
        if (value == null) {
            return null;
        }
        return value.isTextual() ? value.textValue() : value.isValueNode() ? value.asText() : value.toString();
    }

    /**
     * Flattens objects into dotted names; stops with the field-limit rejection as soon as the leaves
     * pass {@code maxFields}, so a huge document never builds a huge map.
     */
    private static void flatten(String prefix, JsonNode value, Map<String, JsonNode> into, int maxFields) throws EventRejectedException {
        if (value.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> children = value.fields();
            while (children.hasNext()) {
                Map.Entry<String, JsonNode> child = children.next();
                if (!child.getValue().isNull()) {
                    flatten(prefix.isEmpty() ? child.getKey() : prefix + "." + child.getKey(), child.getValue(), into, maxFields);
                }
            }
            return;
        }
        into.put(prefix, value);
        if (into.size() > maxFields) {
            throw new EventRejectedException(ErrorCode.TOO_MANY_FIELDS, "document has more than " + maxFields
                    + " fields (nested fields count one per leaf); the limit is ingest.max_fields_per_event");
        }
    }
}
