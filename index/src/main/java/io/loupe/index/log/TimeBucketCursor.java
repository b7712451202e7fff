package io.loupe.index.log;

/**
 * The bucket of a timestamp on a grid of {@code count} buckets of {@code interval} nanos from
 * {@code start}. It remembers the last bucket it answered: a segment is sorted by time, so matching
 * documents mostly come bucket after bucket, and a timestamp in the same bucket as the previous one
 * costs two comparisons instead of a 64-bit division. Not thread-safe: one per segment collector.
 */
final class TimeBucketCursor {
    private final long start;
    private final long interval;
    private final long count;
    private long lastLow = 1;
    private long lastHigh = 0; // empty until the first bucket is found
    private long lastIndex;

    TimeBucketCursor(long start, long interval, long count) {
        if (interval <= 0) {
            throw new IllegalArgumentException("a bucket interval is positive, got " + interval);
        }
        this.start = start;
        this.interval = interval;
        this.count = count;
    }

    /** The bucket number of the timestamp, or -1 when it falls outside the grid. */
    long bucketOf(long timestampNanos) {
        if (timestampNanos >= lastLow && timestampNanos < lastHigh) {
            return lastIndex;
        }
        long index = Math.floorDiv(timestampNanos - start, interval);
        if (index < 0 || index >= count) {
            return -1;
        }
        lastIndex = index;
        lastLow = start + index * interval;
        lastHigh = lastLow + interval;
        return index;
    }
}
