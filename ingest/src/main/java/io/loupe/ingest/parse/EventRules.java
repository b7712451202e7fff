package io.loupe.ingest.parse;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LogKind;
import io.loupe.index.api.TimeRange;
import java.time.Instant;

/**
 * The rules every protocol's mapping applies to the events of one request, whatever the wire format:
 * the time for events without one, the event times the store accepts now, the field limit, and the
 * kind of events that do not say. {@link #event()} starts one event under these rules.
 *
 * @param receivedNanos receive time, epoch nanoseconds, for events without a timestamp
 * @param accepted      event times the store accepts now
 * @param maxFields     most fields one event may have (keyword fields plus attributes)
 * @param defaultKind   kind of events that do not name one
 */
public record EventRules(long receivedNanos, TimeRange accepted, int maxFields, LogKind defaultKind) {

    public LogEventBuilder event() {
        return new LogEventBuilder(this);
    }

    public boolean accepts(long timestampNanos) {
        return accepted.contains(timestampNanos);
    }

    /** Throws the one rejection every protocol gives an event outside the accepted time range. */
    public void checkTimestamp(long timestampNanos) throws EventRejectedException {
        if (!accepted.contains(timestampNanos)) {
            Instant at = Instant.ofEpochSecond(0, timestampNanos);
            throw new EventRejectedException(ErrorCode.INVALID_TIMESTAMP, timestampNanos < accepted.fromNanos()
                    ? "timestamp " + at + " is older than the retention period (log.retention_days), it would be deleted at once"
                    : "timestamp " + at + " is too far in the future (more than log.max_future_seconds ahead of the server clock)");
        }
    }

    /** Throws the one rejection every protocol gives an event with more than {@link #maxFields} fields. */
    public void checkFieldCount(int fields) throws EventRejectedException {
        if (fields > maxFields) {
            throw new EventRejectedException(ErrorCode.TOO_MANY_FIELDS, "event has more than " + maxFields
                    + " fields (nested attributes count one per leaf); the limit is ingest.max_fields_per_event");
        }
    }
}
