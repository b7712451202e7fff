package io.loupe.index.api;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The log store as other modules see it. Thread-safe.
 */
public interface LogStore {

    /**
     * Makes a batch durable and searchable: returns only after the events are in the write-ahead log
     * and fsynced (the durability contract), and indexed (visible to search after the next refresh).
     *
     * @throws LoupeException with {@link ErrorCode#STORAGE_FAILURE} or {@link ErrorCode#NOT_READY}
     */
    void append(List<LogEvent> events);

    /** Runs a search over the partitions that overlap the requested time range. */
    LogSearchResult search(LogSearch search);

    /** Groups the matching events and computes aggregates per group from doc values. */
    LogAggregationResult aggregate(LogAggregation aggregation);

    /**
     * Event times accepted now: older events would fall outside retention ({@code log.retention_days})
     * at once, newer ones are implausibly far in the future ({@code log.max_future_seconds}).
     */
    TimeRange acceptedTimeRange();

    /** True once the write-ahead log has been replayed and appends are accepted. */
    boolean ready();

    /**
     * One poll of a live tail: the matching events that became searchable after {@link LogTail#afterEventId()}.
     * Only events of every write-ahead-log record up to the returned position are considered, so a
     * record indexed late is never skipped.
     */
    LogTailResult tail(LogTail tail);

    /** The event with this id (as {@link LogSearchResult.LogHit#eventId()}), if it exists and is searchable. */
    Optional<LogSearchResult.LogHit> event(long eventId);

    /**
     * Recomputes the audit hash chain of every audit partition whose day overlaps the range (whole
     * days: a chain is verified from its start) and compares it with the chain heads Loupe kept.
     */
    AuditVerification verifyAudit(TimeRange range);

    /** The fields the partitions overlapping the range hold, sorted by name then type. */
    List<LogFieldInfo> fields(TimeRange range, Set<LogKind> kinds);
}
