package io.loupe.ingest.loki;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LogFields;
import io.loupe.index.api.LogKind;
import io.loupe.ingest.parse.EventRejectedException;
import io.loupe.ingest.parse.InputExcerpt;
import io.loupe.ingest.parse.LogEventBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A stream's labels resolved once into what each of its entries gets: keyword fields, {@code labels.*}
 * attributes and the kind (the table is in {@link LokiPushDecoder}); and an entry's structured metadata
 * applied on top. An empty label value is no label, as in Loki and Prometheus. Immutable.
 */
final class LokiStreamLabels {
    static final String DEFAULT_SOURCE = "loki";
    static final String LABEL_ATTRIBUTE_PREFIX = "labels.";
    static final String METADATA_ATTRIBUTE_PREFIX = "metadata.";
    static final String KIND_LABEL = "kind";

    /** Labels that feed a keyword field under another name, the keyword's own name first; the first present wins. */
    private static final Map<String, List<String>> ALIASED_KEYWORDS = Map.of(
            "service", List.of("service", "service_name", "app", "application", "job"),
            "host", List.of("host", "hostname", "instance"),
            LogFields.LEVEL, List.of(LogFields.LEVEL, "detected_level", "severity", "lvl"));

    private final LogKind kind;
    private final Map<String, String> fields;
    private final Map<String, String> attributes;

    private LokiStreamLabels(LogKind kind, Map<String, String> fields, Map<String, String> attributes) {
        this.kind = kind;
        this.fields = fields;
        this.attributes = attributes;
    }

    /**
     * @throws EventRejectedException for a label with an empty name, or a {@code kind} label that names no kind
     */
    static LokiStreamLabels resolve(Map<String, String> labels) throws EventRejectedException {
        Map<String, String> rest = new LinkedHashMap<>();
        for (Map.Entry<String, String> label : labels.entrySet()) {
            if (label.getKey().isEmpty()) {
                throw new EventRejectedException(ErrorCode.INVALID_FIELD, "the stream has a label with an empty name (value '"
                        + InputExcerpt.of(label.getValue()) + "')");
            }
            if (!label.getValue().isEmpty()) {
                rest.put(label.getKey(), label.getValue());
            }
        }
        LogKind kind = kind(rest.remove(KIND_LABEL));
        Map<String, String> fields = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> keyword : ALIASED_KEYWORDS.entrySet()) {
            for (String name : keyword.getValue()) {
                String value = rest.remove(name);
                if (value != null) {
                    fields.put(keyword.getKey(), value);
                    break;
                }
            }
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Map.Entry<String, String> label : rest.entrySet()) {
            if (LogFields.isKeyword(label.getKey())) {
                fields.put(label.getKey(), label.getValue());
            } else {
                attributes.put(LABEL_ATTRIBUTE_PREFIX + label.getKey(), label.getValue());
            }
        }
        return new LokiStreamLabels(kind, fields, attributes);
    }

    private static LogKind kind(String value) throws EventRejectedException {
        if (value == null) {
            return null;
        }
        LogKind kind = LogKind.fromWireName(value.trim().toLowerCase(Locale.ROOT));
        if (kind == null) {
            throw new EventRejectedException(ErrorCode.INVALID_KIND, "stream label kind=\"" + InputExcerpt.of(value)
                    + "\" is not one of system, application, audit (Loupe reads the kind label as the event kind;"
                    + " rename the label in the shipper's relabel rules to keep it as an attribute)");
        }
        return kind;
    }

    /** Sets the stream's kind, fields and attributes, then the entry's structured metadata (which wins), then the default source. */
    void applyTo(LogEventBuilder event, Map<String, String> structuredMetadata) throws EventRejectedException {
        if (kind != null) {
            event.kind(kind);
        }
        for (Map.Entry<String, String> field : fields.entrySet()) {
            event.field(field.getKey(), field.getValue());
        }
        for (Map.Entry<String, String> attribute : attributes.entrySet()) {
            event.attribute(attribute.getKey(), attribute.getValue());
        }
        for (Map.Entry<String, String> pair : structuredMetadata.entrySet()) {
            String name = pair.getKey();
            if (name.isEmpty()) {
                throw new EventRejectedException(ErrorCode.INVALID_FIELD, "structured metadata has a pair with an empty name (value '"
                        + InputExcerpt.of(pair.getValue()) + "')");
            }
            if (pair.getValue().isEmpty()) {
                continue;
            }
            if (LogFields.isKeyword(name)) {
                event.field(name, pair.getValue());
            } else {
                event.attribute(METADATA_ATTRIBUTE_PREFIX + name, pair.getValue());
            }
        }
        if (!event.hasField("source")) {
            event.field("source", DEFAULT_SOURCE);
        }
    }
}
