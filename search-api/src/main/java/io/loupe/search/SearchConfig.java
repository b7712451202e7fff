package io.loupe.search;

import io.loupe.index.api.Setting;
import io.loupe.index.api.SettingSource;
import java.util.List;

/**
 * Search limits.
 *
 * @param maxLimit         largest {@code limit} a search may ask for
 * @param maxBuckets       most histogram buckets one search may produce
 * @param workerThreads    threads that run searches
 */
public record SearchConfig(int maxLimit, int maxBuckets, int workerThreads) {
    public static final int DEFAULT_LIMIT = 100;
    public static final int FACET_SIZE = 10;
    public static final Setting MAX_LIMIT = new Setting("search.max_limit", "10000",
            "largest limit (hits per page) a search may ask for");
    public static final Setting MAX_BUCKETS = new Setting("search.max_buckets", "10000",
            "most histogram buckets one search may produce; ask for a wider interval beyond it");
    public static final Setting WORKER_THREADS = new Setting("search.worker_threads", "4",
            "threads that run searches");
    public static final List<Setting> SETTINGS = List.of(MAX_LIMIT, MAX_BUCKETS, WORKER_THREADS);

    public static SearchConfig from(SettingSource source) {
        return new SearchConfig(MAX_LIMIT.intValue(source, 1, 1_000_000),
                MAX_BUCKETS.intValue(source, 1, 1_000_000),
                WORKER_THREADS.intValue(source, 1, 1024));
    }

    public static SearchConfig defaults() {
        return from(key -> null);
    }
}
