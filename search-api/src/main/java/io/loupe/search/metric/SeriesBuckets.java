package io.loupe.search.metric;

import io.loupe.index.api.RollupSamples;
import io.loupe.index.api.SeriesSamples;
import io.loupe.index.api.StaleMarker;
import java.util.Arrays;

/**
 * What one series (or, after {@link #pool}, a group of series) holds per bucket of a
 * {@link BucketGrid}: count, sum, min and max of its values, its last value, its counter increase,
 * and for quantiles every value. Built from raw samples or from rollup buckets; not thread-safe.
 *
 * <p><b>Invariant:</b> a stale marker is never a value: it is not counted, it empties
 * {@code last} of its bucket, and no counter pair spans it. A NaN that is not the stale marker is
 * an ordinary value and propagates into sum, avg, min, max and increase.
 */
final class SeriesBuckets {
    private final BucketGrid grid;
    private final long[] count;
    private final double[] sum;
    private final double[] min;
    private final double[] max;
    private final double[] last;
    private final boolean[] hasLast;
    private final double[] increase;
    private final boolean[] hasIncrease;
    /** per bucket, its values (first {@code count} entries) when quantiles are wanted; null otherwise */
    private final double[][] values;

    private SeriesBuckets(BucketGrid grid, boolean keepValues) {
        int n = grid.count();
        this.grid = grid;
        this.count = new long[n];
        this.sum = new double[n];
        this.min = new double[n];
        this.max = new double[n];
        this.last = new double[n];
        this.hasLast = new boolean[n];
        this.increase = new double[n];
        this.hasIncrease = new boolean[n];
        this.values = keepValues ? new double[n][] : null;
    }

    /** An empty accumulator that {@link #pool} fills. */
    static SeriesBuckets empty(BucketGrid grid, boolean keepValues) {
        return new SeriesBuckets(grid, keepValues);
    }

    /**
     * Buckets from raw samples. Samples before the grid serve only as the predecessor of the first
     * counter pair (the lookback); samples after it are ignored.
     */
    static SeriesBuckets fromRaw(SeriesSamples samples, BucketGrid grid, boolean keepValues) {
        SeriesBuckets buckets = new SeriesBuckets(grid, keepValues);
        boolean hasPrevious = false;
        double previous = 0;
        for (int i = 0; i < samples.count(); i++) {
            double value = samples.values()[i];
            boolean stale = StaleMarker.is(value);
            int bucket = grid.indexOf(samples.timestamps()[i]);
            if (bucket >= 0) {
                if (stale) {
                    buckets.hasLast[bucket] = false;
                } else {
                    buckets.addValue(bucket, value);
                    if (hasPrevious) {
                        buckets.increase[bucket] += value < previous ? value : value - previous;
                        buckets.hasIncrease[bucket] = true;
                    }
                }
            }
            hasPrevious = !stale;
            previous = value;
        }
        return buckets;
    }

    /**
     * Buckets from a rollup tier: each rollup bucket goes to the query bucket holding its start.
     * A rollup bucket whose {@code last} is a stale marker empties {@code last}.
     */
    static SeriesBuckets fromRollup(RollupSamples rollup, BucketGrid grid) {
        SeriesBuckets buckets = new SeriesBuckets(grid, false);
        for (int i = 0; i < rollup.size(); i++) {
            int bucket = grid.indexOf(rollup.bucketStarts()[i]);
            long rollupCount = rollup.count()[i];
            if (bucket < 0 || rollupCount <= 0) {
                continue;
            }
            buckets.addStats(bucket, rollupCount, rollup.sum()[i], rollup.min()[i], rollup.max()[i]);
            double rollupLast = rollup.last()[i];
            buckets.hasLast[bucket] = !StaleMarker.is(rollupLast);
            buckets.last[bucket] = rollupLast;
            if (rollup.hasIncrease(i)) {
                buckets.increase[bucket] += rollup.increase()[i];
                buckets.hasIncrease[bucket] = true;
            }
        }
        return buckets;
    }

    /**
     * Adds the samples of another series on the same grid: counts, sums, extremes and (for
     * quantiles) values pool. {@code last} and {@code increase} do not pool; they are per series.
     */
    void pool(SeriesBuckets other) {
        for (int b = 0; b < count.length; b++) {
            int added = (int) other.count[b];
            if (added == 0) {
                continue;
            }
            int held = (int) count[b];
            addStats(b, added, other.sum[b], other.min[b], other.max[b]);
            if (values != null && other.values != null) {
                double[] merged = new double[held + added];
                if (held > 0) {
                    System.arraycopy(values[b], 0, merged, 0, held);
                }
                System.arraycopy(other.values[b], 0, merged, held, added);
                values[b] = merged;
            }
        }
    }

    /** Whether {@code function} has a value in a bucket. */
    boolean has(MetricFunction function, int bucket) {
        return switch (function) {
            case LAST -> hasLast[bucket];
            case RATE, INCREASE -> hasIncrease[bucket];
            default -> count[bucket] > 0;
        };
    }

    /** The value of {@code function} in a bucket where {@link #has} is true. */
    double value(MetricFunction function, int bucket) {
        return switch (function) {
            case AVG -> sum[bucket] / count[bucket];
            case MIN -> min[bucket];
            case MAX -> max[bucket];
            case SUM -> sum[bucket];
            case COUNT -> count[bucket];
            case LAST -> last[bucket];
            case INCREASE -> increase[bucket];
            case RATE -> increase[bucket] / grid.stepSeconds();
            case P50, P90, P99 -> Quantiles.of(values[bucket], (int) count[bucket], function.quantile());
        };
    }

    private void addValue(int bucket, double value) {
        addStats(bucket, 1, value, value, value);
        last[bucket] = value;
        hasLast[bucket] = true;
        if (values != null) {
            double[] held = values[bucket];
            int n = (int) count[bucket];
            if (held == null) {
                held = new double[4];
            } else if (held.length < n) {
                held = Arrays.copyOf(held, held.length * 2);
            }
            held[n - 1] = value;
            values[bucket] = held;
        }
    }

    private void addStats(int bucket, long addedCount, double addedSum, double addedMin, double addedMax) {
        if (count[bucket] == 0) {
            min[bucket] = addedMin;
            max[bucket] = addedMax;
        } else {
            min[bucket] = Math.min(min[bucket], addedMin);
            max[bucket] = Math.max(max[bucket], addedMax);
        }
        count[bucket] += addedCount;
        sum[bucket] += addedSum;
    }
}
