package io.loupe.index.metric;

import io.loupe.index.metric.codec.SeriesColumns;
import io.loupe.index.api.RollupSamples;
import io.loupe.index.api.StaleMarker;
import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * Downsamples raw samples into buckets of a fixed width aligned to multiples of that width since the
 * epoch. Per bucket: min, max, sum, count, last, and the counter increase — for each consecutive pair
 * of samples (previous, current) with current in the bucket, {@code current − previous}, or
 * {@code current} when the counter reset ({@code current < previous}), as Prometheus's
 * {@code increase} counts. The first sample's predecessor is the last sample of the block before
 * (when that block adjoins and its last sample is a value), so no pair is lost at a block boundary.
 * Stale markers are not values: they are skipped and break the pair chain.
 *
 * <p>A bucket without any pair has the increase {@link RollupSamples#NO_INCREASE} (-0.0), which no
 * pair produces: each contribution is normalised to never be -0.0, and a sum that starts at -0.0
 * stays -0.0 only while nothing is added. Readers tell "no pair" (no rate, no increase) from "an
 * increase of 0" with {@link RollupSamples#hasIncrease(int)}.
 */
final class RollupBuilder {
    static final int MIN = 0;
    static final int MAX = 1;
    static final int SUM = 2;
    static final int COUNT = 3;
    static final int LAST = 4;
    static final int INCREASE = 5;
    static final int COLUMNS = 6;

    private RollupBuilder() {
    }

    /** Buckets with at least one value, ascending; {@code columns[c][i]} belongs to {@code bucketStarts[i]}. */
    record Buckets(long[] bucketStarts, double[][] columns, int count) {
        /** The buckets of a rollup segment's series (its six value columns). */
        static Buckets of(SeriesColumns columns) {
            return new Buckets(columns.timestamps(), columns.columns(), columns.count());
        }
    }

    /**
     * @param predecessor the value just before the first sample (the last sample of the adjoining
     *                    block before), or empty when there is none or it was a stale marker
     */
    static Buckets build(SampleArrays samples, long widthMillis, OptionalDouble predecessor) {
        int capacity = 16;
        long[] starts = new long[capacity];
        double[][] columns = new double[COLUMNS][capacity];
        int buckets = 0;
        boolean havePrevious = predecessor.isPresent();
        double previous = predecessor.orElse(0);
        for (int i = 0; i < samples.count(); i++) {
            double value = samples.values()[i];
            if (StaleMarker.is(value)) {
                havePrevious = false;
                continue;
            }
            long start = Math.floorDiv(samples.timestamps()[i], widthMillis) * widthMillis;
            if (buckets == 0 || starts[buckets - 1] != start) {
                if (buckets == capacity) {
                    capacity *= 2;
                    starts = Arrays.copyOf(starts, capacity);
                    for (int c = 0; c < COLUMNS; c++) {
                        columns[c] = Arrays.copyOf(columns[c], capacity);
                    }
                }
                starts[buckets] = start;
                columns[MIN][buckets] = value;
                columns[MAX][buckets] = value;
                columns[SUM][buckets] = 0;
                columns[COUNT][buckets] = 0;
                columns[INCREASE][buckets] = RollupSamples.NO_INCREASE;
                buckets++;
            }
            int b = buckets - 1;
            columns[MIN][b] = Math.min(columns[MIN][b], value);
            columns[MAX][b] = Math.max(columns[MAX][b], value);
            columns[SUM][b] += value;
            columns[COUNT][b] += 1;
            columns[LAST][b] = value;
            if (havePrevious) {
                columns[INCREASE][b] += (value >= previous ? value - previous : value) + 0.0; // + 0.0: never -0.0
            }
            previous = value;
            havePrevious = true;
        }
        return new Buckets(starts, columns, buckets);
    }
}
