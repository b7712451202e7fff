package io.loupe.ingest.parse;

import io.loupe.index.api.LogEvent;
import io.loupe.index.api.LogFields;
import io.loupe.index.api.LogKind;
import java.util.HashMap;
import java.util.Map;

/**
 * One event as a protocol mapping assembles it: timestamp (the receive time unless set), kind (the
 * rules' default unless set), message, the first-class keyword fields of {@link LogFields#KEYWORDS}
 * (a {@code level} is normalised; a name that is not a keyword becomes an attribute) and attributes.
 * {@link #build} applies the {@link EventRules}. Not thread-safe; one per event.
 */
public final class LogEventBuilder {
    private final EventRules rules;
    private final Map<String, String> fields = new HashMap<>();
    private final Map<String, Object> attributes = new HashMap<>();
    private long timestampNanos;
    private boolean timestampDefaulted = true;
    private LogKind kind;
    private String message;

    LogEventBuilder(EventRules rules) {
        this.rules = rules;
        this.timestampNanos = rules.receivedNanos();
        this.kind = rules.defaultKind();
    }

    public LogEventBuilder timestamp(long epochNanos) {
        this.timestampNanos = epochNanos;
        this.timestampDefaulted = false;
        return this;
    }

    public LogEventBuilder kind(LogKind kind) {
        this.kind = kind;
        return this;
    }

    public LogEventBuilder message(String message) {
        this.message = message;
        return this;
    }

    /** A keyword field when {@code name} is one (an empty value, or a level of only spaces, is dropped), otherwise an attribute. */
    public LogEventBuilder field(String name, String value) throws EventRejectedException {
        if (value == null) {
            return this;
        }
        if (!LogFields.isKeyword(name)) {
            return attribute(name, value);
        }
        String stored = name.equals(LogFields.LEVEL) ? LevelNormalizer.normalize(value) : value;
        if (!stored.isEmpty()) {
            fields.put(name, stored);
            rules.checkFieldCount(fields.size() + attributes.size());
        }
        return this;
    }

    /** An attribute: String, Long, Double or Boolean; a null value is dropped. */
    public LogEventBuilder attribute(String name, Object value) throws EventRejectedException {
        if (value != null) {
            attributes.put(name, value);
            rules.checkFieldCount(fields.size() + attributes.size());
        }
        return this;
    }

    /** Keyword fields plus attributes set so far: what the field limit counts. */
    public int fieldCount() {
        return fields.size() + attributes.size();
    }

    public boolean hasField(String name) {
        return fields.containsKey(name);
    }

    public boolean hasMessage() {
        return message != null;
    }

    /** The event, or the rejection of an event outside the accepted time range. */
    public LogEvent build(byte[] original) throws EventRejectedException {
        rules.checkTimestamp(timestampNanos);
        return new LogEvent(timestampNanos, timestampDefaulted, kind, message, fields, attributes, original);
    }
}
