package io.loupe.search;

import io.loupe.index.api.Setting;
import io.loupe.index.api.SettingSource;
import java.util.List;

/**
 * Limits of pipe stages ({@code q=... | stats ...}).
 *
 * @param maxGroups            most groups (or timechart rows) one aggregating stage may build
 * @param maxPercentileValues  most numbers one search keeps for percentiles, over all its groups
 * @param maxSortEvents        most events a {@code sort} over events (no aggregating stage) may order
 */
public record PipeConfig(int maxGroups, long maxPercentileValues, int maxSortEvents) {
    public static final Setting MAX_GROUPS = new Setting("search.max_groups", "50000",
            "most groups one stats, top or rare stage may build, and most rows one timechart may return");
    public static final Setting MAX_PERCENTILE_VALUES = new Setting("search.max_percentile_values", "5000000",
            "most numbers one search keeps in memory for percentiles (p50, p99, median), over all its groups");
    public static final Setting MAX_SORT_EVENTS = new Setting("search.max_sort_events", "50000",
            "most matching events a sort stage without stats may order; aggregate or narrow the query beyond it");
    public static final List<Setting> SETTINGS = List.of(MAX_GROUPS, MAX_PERCENTILE_VALUES, MAX_SORT_EVENTS);

    public static PipeConfig from(SettingSource source) {
        return new PipeConfig(MAX_GROUPS.intValue(source, 1, 10_000_000),
                MAX_PERCENTILE_VALUES.longValue(source, 1, 1_000_000_000L),
                MAX_SORT_EVENTS.intValue(source, 1, 10_000_000));
    }

    public static PipeConfig defaults() {
        return from(key -> null);
    }
}
