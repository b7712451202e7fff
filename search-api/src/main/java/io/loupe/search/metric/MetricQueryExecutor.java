package io.loupe.search.metric;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LabelMatcher;
import io.loupe.index.api.Labels;
import io.loupe.index.api.LoupeException;
import io.loupe.index.api.MetricResolution;
import io.loupe.index.api.MetricStore;
import io.loupe.index.api.SeriesKey;
import io.loupe.index.api.SeriesRef;
import io.loupe.search.SearchConfig;
import io.loupe.search.metric.GroupAccumulator.Combination;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs metric range queries against a {@link MetricStore}: the plain Java entry point behind
 * {@code /api/v1/metrics/query}, for any caller that needs metric values without HTTP. Blocking
 * (it reads the store); call it from a worker thread. Thread-safe: it holds no state between calls.
 * The semantics (buckets, functions, grouping, tiers, host signals, limits) are in the package
 * documentation.
 */
public final class MetricQueryExecutor {
    private final MetricStore store;
    private final SearchConfig config;

    public MetricQueryExecutor(MetricStore store, SearchConfig config) {
        this.store = store;
        this.config = config;
    }

    /**
     * @throws LoupeException {@link ErrorCode#QUERY_TOO_LARGE} over {@code search.metrics_max_series}
     *                        or {@code search.metrics_max_points}; {@link ErrorCode#INVALID_PARAMETER}
     *                        for a host signal queried with other labels than host
     */
    public MetricQueryResult execute(MetricQuery query) {
        long buckets = BucketGrid.bucketCount(query.fromMillis(), query.toMillis(), query.stepMillis());
        if (buckets > config.metricsMaxPoints()) {
            throw new LoupeException(ErrorCode.QUERY_TOO_LARGE, "step " + BucketGrid.durationText(query.stepMillis()) + " gives "
                    + buckets + " buckets over this range, more than the limit of " + config.metricsMaxPoints()
                    + " points (search.metrics_max_points); widen step or shorten the range");
        }
        BucketGrid grid = BucketGrid.covering(query.fromMillis(), query.toMillis(), query.stepMillis());
        HostSignal signal = HostSignal.named(query.exactMetricName());
        // a host signal ignores fn: its tier depends on the step alone
        MetricFunction tierFunction = signal != null ? MetricFunction.AVG : query.function();
        MetricResolution resolution = ResolutionChoice.choose(store.resolutionsCovering(grid.firstStartMillis()),
                grid.stepMillis(), tierFunction);
        SeriesBudget budget = new SeriesBudget(store, config, grid);
        SeriesBucketReader reader = new SeriesBucketReader(store, grid, resolution);
        List<MetricQueryResult.Series> series = signal != null
                ? new HostSignalViews(budget, reader).compute(signal, query)
                : storedSeries(query, budget, reader);
        return new MetricQueryResult(series, resolution, grid.stepMillis(), budget.touched());
    }

    private static List<MetricQueryResult.Series> storedSeries(MetricQuery query, SeriesBudget budget, SeriesBucketReader reader) {
        BucketGrid grid = reader.grid();
        List<SeriesRef> selected = budget.select(query.matchers(), grid.firstStartMillis(), grid.lastMillis());
        Map<Labels, GroupAccumulator> groups = new TreeMap<>();
        for (SeriesRef ref : selected) {
            Labels output = outputLabels(ref.key(), query.groupBy());
            groups.computeIfAbsent(output, labels -> new GroupAccumulator(grid, query.function(), Combination.of(query.function())))
                    .add(reader.read(ref, query.function()));
        }
        List<MetricQueryResult.Series> series = new ArrayList<>(groups.size());
        for (Map.Entry<Labels, GroupAccumulator> group : groups.entrySet()) {
            BucketValues values = group.getValue().result();
            if (values.presentCount() > 0) {
                series.add(values.toSeries(group.getKey()));
            }
        }
        return series;
    }

    /** Without grouping: the stored labels plus {@code __name__}; with it: the by-labels the series has. */
    static Labels outputLabels(SeriesKey key, List<String> groupBy) {
        if (groupBy.isEmpty()) {
            return key.labels().with(LabelMatcher.METRIC_NAME, key.name());
        }
        Map<String, String> kept = new LinkedHashMap<>();
        for (String name : groupBy) {
            kept.put(name, name.equals(LabelMatcher.METRIC_NAME) ? key.name() : key.labels().get(name));
        }
        return Labels.of(kept);
    }
}
