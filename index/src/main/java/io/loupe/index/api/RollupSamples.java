package io.loupe.index.api;

/**
 * Downsampled buckets of one series, ascending by bucket start; only buckets holding at least one
 * sample are present. Per bucket: the minimum, maximum, sum and count of its values, the last value,
 * and the counter increase over the bucket: the reset-adjusted steps of every pair of consecutive
 * samples whose later sample is in the bucket, including the step from the last sample of the
 * adjoining block before. A bucket without any such pair has no increase ({@link #hasIncrease}),
 * which is not the same as an increase of 0. Stale markers are never counted and break pairs.
 */
public record RollupSamples(SeriesRef series, MetricResolution resolution, long[] bucketStarts, double[] min,
                            double[] max, double[] sum, long[] count, double[] last, double[] increase, int size) {

    /** The {@code increase} entry of a bucket that holds no counter pair: -0.0, which no pair yields. */
    public static final double NO_INCREASE = -0.0;

    /** Whether bucket {@code i} holds at least one counter pair, so that its increase (and rate) exists. */
    public boolean hasIncrease(int i) {
        return Double.doubleToRawLongBits(increase[i]) != Double.doubleToRawLongBits(NO_INCREASE);
    }
}
