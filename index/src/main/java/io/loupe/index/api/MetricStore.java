package io.loupe.index.api;

import java.util.List;

/**
 * The metric store as other modules see it. Thread-safe.
 */
public interface MetricStore {

    /**
     * Stores samples durably: returns only after the accepted samples are in the write-ahead log and
     * fsynced. Samples outside {@link #acceptedTimeRange()} are rejected one by one with a reason;
     * the others are stored. An exact duplicate (same series and timestamp) replaces the earlier
     * value while its block is open.
     *
     * @throws LoupeException with {@link ErrorCode#STORAGE_FAILURE} or {@link ErrorCode#NOT_READY}
     */
    MetricAppendResult append(List<MetricSample> samples);

    /**
     * The series that match every matcher and have samples in {@code [fromMillis, toMillis]}, at
     * most {@code limit} of them (callers ask for one more than they allow to detect overflow).
     */
    List<SeriesRef> series(List<LabelMatcher> matchers, long fromMillis, long toMillis, int limit);

    /** Raw samples of one series in {@code [fromMillis, toMillis]}, ascending time, stale markers included. */
    SeriesSamples samples(SeriesRef series, long fromMillis, long toMillis);

    /**
     * Buckets of one series at a rollup resolution covering {@code [fromMillis, toMillis]}: read from
     * rollup segments where they exist, computed from raw samples elsewhere (the open head, blocks
     * not yet rolled up). Buckets are aligned to multiples of the resolution since the epoch.
     */
    RollupSamples rollup(SeriesRef series, MetricResolution resolution, long fromMillis, long toMillis);

    /**
     * Label names (and {@link LabelMatcher#METRIC_NAME}) of series matching the matchers that have
     * samples in {@code [fromMillis, toMillis]}, sorted.
     */
    List<String> labelNames(List<LabelMatcher> matchers, long fromMillis, long toMillis);

    /** Values of one label among series matching the matchers with samples in {@code [fromMillis, toMillis]}, sorted. */
    List<String> labelValues(String name, List<LabelMatcher> matchers, long fromMillis, long toMillis);

    /** Sample times accepted now: the open window of the head up to the allowed future skew. */
    TimeRange acceptedTimeRange();

    /** Resolutions that still hold data for {@code fromMillis} (raw data ages out before rollups). */
    List<MetricResolution> resolutionsCovering(long fromMillis);

    /** True once the write-ahead log has been replayed and appends are accepted. */
    boolean ready();
}
