package io.loupe.search.metric;

import io.loupe.index.api.Labels;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * One value or none per bucket of a {@link BucketGrid}: the result of a function over one output
 * series. A bucket without a value is absent from the answer (not zero).
 */
final class BucketValues {
    private final BucketGrid grid;
    private final double[] values;
    private final boolean[] present;

    BucketValues(BucketGrid grid) {
        this.grid = grid;
        this.values = new double[grid.count()];
        this.present = new boolean[grid.count()];
    }

    BucketGrid grid() {
        return grid;
    }

    boolean has(int bucket) {
        return present[bucket];
    }

    double get(int bucket) {
        return values[bucket];
    }

    void set(int bucket, double value) {
        values[bucket] = value;
        present[bucket] = true;
    }

    /** Adds to a bucket; an absent bucket starts from zero. */
    void add(int bucket, double value) {
        values[bucket] = present[bucket] ? values[bucket] + value : value;
        present[bucket] = true;
    }

    /** Keeps the larger value of a bucket (NaN wins, as with {@link Math#max}). */
    void max(int bucket, double value) {
        values[bucket] = present[bucket] ? Math.max(values[bucket], value) : value;
        present[bucket] = true;
    }

    int presentCount() {
        int n = 0;
        for (boolean p : present) {
            if (p) {
                n++;
            }
        }
        return n;
    }

    /** {@code operator(a, b)} where both have a value; absent elsewhere. */
    static BucketValues combine(BucketValues a, BucketValues b, DoubleBinaryOperator operator) {
        BucketValues result = new BucketValues(a.grid);
        for (int i = 0; i < a.values.length; i++) {
            if (a.present[i] && b.present[i]) {
                result.set(i, operator.applyAsDouble(a.values[i], b.values[i]));
            }
        }
        return result;
    }

    /** {@code operator(v)} of each present value; buckets where the result is NaN are dropped. */
    BucketValues mapDroppingNaN(DoubleUnaryOperator operator) {
        BucketValues result = new BucketValues(grid);
        for (int i = 0; i < values.length; i++) {
            if (present[i]) {
                double mapped = operator.applyAsDouble(values[i]);
                if (!Double.isNaN(mapped)) {
                    result.set(i, mapped);
                }
            }
        }
        return result;
    }

    /** The present buckets as an output series. */
    MetricQueryResult.Series toSeries(Labels labels) {
        int n = presentCount();
        long[] timestamps = new long[n];
        double[] points = new double[n];
        int i = 0;
        for (int b = 0; b < values.length; b++) {
            if (present[b]) {
                timestamps[i] = grid.startOf(b);
                points[i++] = values[b];
            }
        }
        return new MetricQueryResult.Series(labels, timestamps, points);
    }
}
