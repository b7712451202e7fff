package io.loupe.index.api;

import java.util.Map;
import java.util.Objects;

/**
 * One log event in the shared schema of all three kinds.
 *
 * @param timestampNanos     event time, epoch nanoseconds
 * @param timestampDefaulted true when the sender gave no timestamp and the receive time was used
 * @param kind               system, application or audit
 * @param message            full-text message, may be null
 * @param fields             first-class keyword fields keyed by their {@link LogFields} name
 * @param attributes         everything else: String, Long, Double or Boolean values
 * @param original           the event exactly as received (for audit events the bytes the hash chain covers)
 */
public record LogEvent(long timestampNanos, boolean timestampDefaulted, LogKind kind, String message,
                       Map<String, String> fields, Map<String, Object> attributes, byte[] original) {

    public LogEvent {
        Objects.requireNonNull(kind, "kind");
        fields = Map.copyOf(fields);
        attributes = Map.copyOf(attributes);
        Objects.requireNonNull(original, "original");
    }

    public String field(String name) {
        return fields.get(name);
    }
}
