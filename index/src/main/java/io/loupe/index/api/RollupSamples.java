package io.loupe.index.api;

/**
 * Downsampled buckets of one series, ascending by bucket start; only buckets holding at least one
 * sample are present. Per bucket: the minimum, maximum, sum and count of its values, the last value,
 * and the counter increase over the bucket (reset-adjusted, including the step from the previous
 * sample when it is in the same block). Stale markers are never counted.
 */
public record RollupSamples(SeriesRef series, MetricResolution resolution, long[] bucketStarts, double[] min,
                            double[] max, double[] sum, long[] count, double[] last, double[] increase, int size) {
}
