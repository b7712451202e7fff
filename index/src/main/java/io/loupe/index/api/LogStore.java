package io.loupe.index.api;

import java.util.List;

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
}
