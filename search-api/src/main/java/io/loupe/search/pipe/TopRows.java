package io.loupe.search.pipe;

import io.loupe.index.api.LogAggregationResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of {@code top n f} (most frequent values first) and {@code rare n f} (least frequent
 * first), ties by value: the value, {@code count}, and {@code percent} of the events that have the field.
 */
final class TopRows {

    private TopRows() {
    }

    static List<Map<String, Object>> of(Stage.Top top, LogAggregationResult result) {
        List<LogAggregationResult.Group> groups = new ArrayList<>(result.groups());
        Comparator<LogAggregationResult.Group> byCount = Comparator.comparingLong(LogAggregationResult.Group::count);
        groups.sort((top.rare() ? byCount : byCount.reversed()).thenComparing(PipelineExecutor.GROUP_KEYS));
        long withField = 0;
        for (LogAggregationResult.Group group : groups) {
            withField += group.count();
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (LogAggregationResult.Group group : groups.subList(0, Math.min(top.n(), groups.size()))) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put(top.field().name(), group.keys().getFirst());
            row.put("count", group.count());
            row.put("percent", 100.0 * group.count() / withField);
            rows.add(row);
        }
        return rows;
    }
}
