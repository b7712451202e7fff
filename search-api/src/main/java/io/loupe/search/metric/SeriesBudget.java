package io.loupe.search.metric;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LabelMatcher;
import io.loupe.index.api.LoupeException;
import io.loupe.index.api.MetricStore;
import io.loupe.index.api.SeriesRef;
import io.loupe.search.SearchConfig;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Selects series for one query while counting them against {@code search.metrics_max_series} and,
 * when the query has buckets, against {@code search.metrics_max_points} (series touched × buckets).
 * A query that touches several selections (a host signal view) shares one budget. The store is
 * asked for one series more than the budget allows, so overflow is detected without reading more.
 * Not thread-safe.
 */
final class SeriesBudget {
    private final MetricStore store;
    private final SearchConfig config;
    private final BucketGrid grid;
    private int touched;

    /** @param grid the query's buckets, or null for a lookup that reads no samples */
    SeriesBudget(MetricStore store, SearchConfig config, BucketGrid grid) {
        this.store = store;
        this.config = config;
        this.grid = grid;
    }

    /**
     * The series matching every matcher with samples in {@code [fromMillis, toMillis]}.
     *
     * @throws LoupeException {@link ErrorCode#QUERY_TOO_LARGE} when a limit would be passed
     */
    List<SeriesRef> select(List<LabelMatcher> matchers, long fromMillis, long toMillis) {
        int allowed = config.metricsMaxSeries() - touched;
        List<SeriesRef> series = store.series(matchers, fromMillis, toMillis, allowed + 1);
        if (series.size() > allowed) {
            throw new LoupeException(ErrorCode.QUERY_TOO_LARGE, describe(matchers) + " selects more than " + allowed + " series"
                    + (touched > 0 ? " besides the " + touched + " this query already touches" : "")
                    + ", over the limit of " + config.metricsMaxSeries()
                    + " (search.metrics_max_series); narrow match (e.g. add {host=\"...\"}) or raise search.metrics_max_series");
        }
        touched += series.size();
        if (grid != null) {
            long points = (long) touched * grid.count();
            if (points > config.metricsMaxPoints()) {
                throw new LoupeException(ErrorCode.QUERY_TOO_LARGE, "the query would compute " + points + " points ("
                        + touched + " series x " + grid.count() + " buckets of " + grid.stepText()
                        + "), more than the limit of " + config.metricsMaxPoints()
                        + " (search.metrics_max_points); narrow match, widen step, or raise search.metrics_max_points");
            }
        }
        return series;
    }

    int touched() {
        return touched;
    }

    static String describe(List<LabelMatcher> matchers) {
        return matchers.stream().map(LabelMatcher::toString).collect(Collectors.joining(", ", "{", "}"));
    }
}
