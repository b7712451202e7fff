package io.loupe.search;

import io.loupe.index.api.Setting;
import io.loupe.index.api.SettingSource;
import java.util.List;

/**
 * Search limits.
 *
 * @param maxLimit          largest {@code limit} a search may ask for
 * @param maxBuckets        most histogram buckets one search may produce
 * @param workerThreads     threads that run searches
 * @param metricsMaxSeries  most series one metric query or series lookup may touch
 * @param metricsMaxPoints  most points (series touched × buckets) one metric query may compute
 */
public record SearchConfig(int maxLimit, int maxBuckets, int workerThreads, int metricsMaxSeries, long metricsMaxPoints) {
    public static final int DEFAULT_LIMIT = 100;
    public static final int FACET_SIZE = 10;
    public static final Setting MAX_LIMIT = new Setting("search.max_limit", "10000",
            "largest limit (hits per page) a search may ask for");
    public static final Setting MAX_BUCKETS = new Setting("search.max_buckets", "10000",
            "most histogram buckets one search may produce; ask for a wider interval beyond it");
    public static final Setting WORKER_THREADS = new Setting("search.worker_threads", "4",
            "threads that run searches");
    public static final Setting METRICS_MAX_SERIES = new Setting("search.metrics_max_series", "10000",
            "most series one metric query or series lookup may touch; narrow match beyond it");
    public static final Setting METRICS_MAX_POINTS = new Setting("search.metrics_max_points", "1000000",
            "most points (series touched x buckets) one metric query may compute; widen step or narrow match beyond it");
    public static final List<Setting> SETTINGS = List.of(MAX_LIMIT, MAX_BUCKETS, WORKER_THREADS,
            METRICS_MAX_SERIES, METRICS_MAX_POINTS);

    /** The log search limits alone; the metric limits take their defaults. */
    public SearchConfig(int maxLimit, int maxBuckets, int workerThreads) {
        this(maxLimit, maxBuckets, workerThreads, Integer.parseInt(METRICS_MAX_SERIES.defaultValue()),
                Long.parseLong(METRICS_MAX_POINTS.defaultValue()));
    }

    public static SearchConfig from(SettingSource source) {
        return new SearchConfig(MAX_LIMIT.intValue(source, 1, 1_000_000),
                MAX_BUCKETS.intValue(source, 1, 1_000_000),
                WORKER_THREADS.intValue(source, 1, 1024),
                METRICS_MAX_SERIES.intValue(source, 1, 10_000_000),
                METRICS_MAX_POINTS.longValue(source, 1, 1_000_000_000L));
    }

    public static SearchConfig defaults() {
        return from(key -> null);
    }
}
