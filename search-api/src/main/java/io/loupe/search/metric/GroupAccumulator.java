package io.loupe.search.metric;

/**
 * Folds the {@link SeriesBuckets} of the series of one output group into one value per bucket.
 * {@link Combination#POOL} merges the samples of all series and then applies the function (avg of
 * the pooled samples, their count, ...); {@link Combination#SUM} and {@link Combination#MAX} apply
 * the function to each series and then add, or keep the largest. Not thread-safe.
 */
final class GroupAccumulator {

    enum Combination {
        POOL, SUM, MAX;

        /** How a query's function combines the series of a {@code by} group. */
        static Combination of(MetricFunction function) {
            return function.poolsSamples() ? POOL : SUM;
        }
    }

    private final BucketGrid grid;
    private final MetricFunction function;
    private final Combination combination;
    private final SeriesBuckets pooled;
    private final BucketValues combined;

    GroupAccumulator(BucketGrid grid, MetricFunction function, Combination combination) {
        if (combination == Combination.POOL && !function.poolsSamples()) {
            throw new IllegalArgumentException(function.wireName() + " is computed per series and cannot pool samples");
        }
        this.grid = grid;
        this.function = function;
        this.combination = combination;
        this.pooled = combination == Combination.POOL ? SeriesBuckets.empty(grid, function.isQuantile()) : null;
        this.combined = combination == Combination.POOL ? null : new BucketValues(grid);
    }

    void add(SeriesBuckets series) {
        if (combination == Combination.POOL) {
            pooled.pool(series);
            return;
        }
        for (int b = 0; b < grid.count(); b++) {
            if (series.has(function, b)) {
                double value = series.value(function, b);
                if (combination == Combination.SUM) {
                    combined.add(b, value);
                } else {
                    combined.max(b, value);
                }
            }
        }
    }

    BucketValues result() {
        if (combination != Combination.POOL) {
            return combined;
        }
        BucketValues result = new BucketValues(grid);
        for (int b = 0; b < grid.count(); b++) {
            if (pooled.has(function, b)) {
                result.set(b, pooled.value(function, b));
            }
        }
        return result;
    }
}
