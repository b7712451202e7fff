package io.loupe.index.metric;

import io.loupe.index.api.MetricResolution;
import io.loupe.index.api.RollupSamples;
import io.loupe.index.api.SeriesRef;
import java.util.Arrays;

/** Concatenates the rollup buckets of consecutive blocks into one {@link RollupSamples}, keeping a time range. */
final class RollupAccumulator {
    private final SeriesRef series;
    private final MetricResolution resolution;
    private long[] starts = new long[16];
    private final double[][] columns = new double[RollupBuilder.COLUMNS][16];
    private int size;

    RollupAccumulator(SeriesRef series, MetricResolution resolution) {
        this.series = series;
        this.resolution = resolution;
    }

    /** Adds the buckets whose start lies in {@code [fromBucket, to]}. */
    void append(RollupBuilder.Buckets buckets, long fromBucket, long to) {
        for (int i = 0; i < buckets.count(); i++) {
            long start = buckets.bucketStarts()[i];
            if (start < fromBucket || start > to) {
                continue;
            }
            if (size == starts.length) {
                starts = Arrays.copyOf(starts, size * 2);
                for (int c = 0; c < RollupBuilder.COLUMNS; c++) {
                    columns[c] = Arrays.copyOf(columns[c], size * 2);
                }
            }
            starts[size] = start;
            for (int c = 0; c < RollupBuilder.COLUMNS; c++) {
                columns[c][size] = buckets.columns()[c][i];
            }
            size++;
        }
    }

    RollupSamples result() {
        long[] counts = new long[size];
        for (int i = 0; i < size; i++) {
            counts[i] = (long) columns[RollupBuilder.COUNT][i];
        }
        return new RollupSamples(series, resolution, Arrays.copyOf(starts, size),
                Arrays.copyOf(columns[RollupBuilder.MIN], size), Arrays.copyOf(columns[RollupBuilder.MAX], size),
                Arrays.copyOf(columns[RollupBuilder.SUM], size), counts,
                Arrays.copyOf(columns[RollupBuilder.LAST], size), Arrays.copyOf(columns[RollupBuilder.INCREASE], size), size);
    }
}
