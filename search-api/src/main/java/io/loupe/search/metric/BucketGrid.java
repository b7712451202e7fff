package io.loupe.search.metric;

/**
 * The buckets of a metric query: {@code count} buckets of {@code stepMillis} each, the first
 * starting at {@code firstStartMillis}. Bucket starts are multiples of the step since the epoch, so
 * the same step always gives the same buckets whatever the range.
 */
public record BucketGrid(long firstStartMillis, long stepMillis, int count) {
    public BucketGrid {
        if (stepMillis <= 0 || count <= 0 || Math.floorMod(firstStartMillis, stepMillis) != 0) {
            throw new IllegalArgumentException("bad bucket grid: first " + firstStartMillis + ", step " + stepMillis
                    + ", count " + count);
        }
    }

    /**
     * How many buckets cover {@code [fromMillis, toMillis)}: from the one holding {@code from} to
     * the one holding {@code to - 1}. A long, so callers can compare it with a limit first.
     */
    public static long bucketCount(long fromMillis, long toMillis, long stepMillis) {
        long first = Math.floorDiv(fromMillis, stepMillis);
        long last = Math.floorDiv(toMillis - 1, stepMillis);
        return last - first + 1;
    }

    /** The buckets covering {@code [fromMillis, toMillis)}; the caller has checked {@link #bucketCount}. */
    public static BucketGrid covering(long fromMillis, long toMillis, long stepMillis) {
        long count = bucketCount(fromMillis, toMillis, stepMillis);
        return new BucketGrid(Math.floorDiv(fromMillis, stepMillis) * stepMillis, stepMillis, Math.toIntExact(count));
    }

    /** The bucket holding a time, or -1 when the time is outside the grid. */
    public int indexOf(long timeMillis) {
        if (timeMillis < firstStartMillis) {
            return -1;
        }
        long index = (timeMillis - firstStartMillis) / stepMillis;
        return index < count ? (int) index : -1;
    }

    public long startOf(int index) {
        return firstStartMillis + index * stepMillis;
    }

    /** The last millisecond of the last bucket: the inclusive end the store is asked for. */
    public long lastMillis() {
        return firstStartMillis + count * stepMillis - 1;
    }

    public double stepSeconds() {
        return stepMillis / 1000.0;
    }

    /** The step as a person writes it: {@code 1d}, {@code 6h}, {@code 5m}, {@code 30s}, {@code 1500ms}. */
    public String stepText() {
        return durationText(stepMillis);
    }

    static String durationText(long millis) {
        if (millis % 86_400_000 == 0) {
            return millis / 86_400_000 + "d";
        }
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return millis + "ms";
    }
}
