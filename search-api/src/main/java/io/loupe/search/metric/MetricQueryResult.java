package io.loupe.search.metric;

import io.loupe.index.api.Labels;
import io.loupe.index.api.MetricResolution;
import java.util.List;

/**
 * The answer to a {@link MetricQuery}.
 *
 * @param series        output series sorted by labels; series without any point are left out
 * @param resolution    the storage tier that answered
 * @param stepMillis    the bucket width
 * @param seriesTouched stored series read (what {@code search.metrics_max_series} counts)
 */
public record MetricQueryResult(List<Series> series, MetricResolution resolution, long stepMillis, int seriesTouched) {
    public MetricQueryResult {
        series = List.copyOf(series);
    }

    /**
     * One output series: bucket starts (epoch ms, ascending) and their values, same length. Values
     * may be NaN or infinite. Arrays are shared, not copied: do not modify them.
     *
     * @param labels without {@code by}: the stored labels plus {@code __name__}; with {@code by}:
     *               only the by-labels the group has
     */
    public record Series(Labels labels, long[] timestamps, double[] values) {
        public int size() {
            return timestamps.length;
        }
    }
}
