package io.loupe.search.metric;

import io.loupe.index.api.MetricResolution;
import io.loupe.index.api.MetricStore;
import io.loupe.index.api.SeriesRef;

/**
 * Reads one series into the {@link SeriesBuckets} of a query, from the tier the query chose. For
 * rate and increase on raw samples it also reads {@link #LOOKBACK_MILLIS} before the first bucket,
 * so the first sample of the first bucket has its predecessor.
 */
final class SeriesBucketReader {
    static final long LOOKBACK_MILLIS = 5 * 60_000;

    private final MetricStore store;
    private final BucketGrid grid;
    private final MetricResolution resolution;

    SeriesBucketReader(MetricStore store, BucketGrid grid, MetricResolution resolution) {
        this.store = store;
        this.grid = grid;
        this.resolution = resolution;
    }

    BucketGrid grid() {
        return grid;
    }

    MetricResolution resolution() {
        return resolution;
    }

    SeriesBuckets read(SeriesRef series, MetricFunction function) {
        if (resolution == MetricResolution.RAW || function.isQuantile()) {
            long from = grid.firstStartMillis() - (function.isCounterFunction() ? LOOKBACK_MILLIS : 0);
            return SeriesBuckets.fromRaw(store.samples(series, from, grid.lastMillis()), grid, function.isQuantile());
        }
        return SeriesBuckets.fromRollup(store.rollup(series, resolution, grid.firstStartMillis(), grid.lastMillis()), grid);
    }
}
