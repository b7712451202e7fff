package io.loupe.ops.bench;

import java.util.Arrays;

/**
 * Latencies of one kind of query, with nearest-rank percentiles in milliseconds. Not thread-safe.
 */
final class LatencyRecorder {
    private long[] nanos = new long[256];
    private int count;

    void record(long elapsedNanos) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = elapsedNanos;
    }

    int count() {
        return count;
    }

    /** The smallest recorded latency that at least {@code percent}% of the recordings do not exceed. */
    double percentileMillis(double percent) {
        if (count == 0) {
            throw new IllegalStateException("no latency was recorded");
        }
        if (percent <= 0 || percent > 100) {
            throw new IllegalArgumentException("a percentile is in (0, 100], got " + percent);
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percent / 100.0 * count);
        return sorted[Math.max(rank, 1) - 1] / 1e6;
    }

    double maxMillis() {
        return percentileMillis(100);
    }
}
