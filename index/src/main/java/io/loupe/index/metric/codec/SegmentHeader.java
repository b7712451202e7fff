package io.loupe.index.metric.codec;

import io.loupe.index.api.MetricResolution;
import java.util.Objects;

/**
 * What a segment file holds: samples (or rollup buckets, by bucket start) of one resolution whose
 * timestamps lie in the block {@code [minTime, maxTime)}, epoch milliseconds.
 */
public record SegmentHeader(MetricResolution resolution, long minTime, long maxTime) {
    public SegmentHeader {
        Objects.requireNonNull(resolution, "resolution");
        if (minTime >= maxTime) {
            throw new IllegalArgumentException("segment block [" + minTime + ", " + maxTime
                    + ") is empty; minTime must be below maxTime");
        }
    }

    /** Value columns per series: 1 for raw samples, 6 for rollups (min, max, sum, count, last, increase). */
    public int columnCount() {
        return MetricSegmentFormat.columnCount(resolution);
    }

    public boolean contains(long timestamp) {
        return timestamp >= minTime && timestamp < maxTime;
    }
}
