package io.loupe.search.pipe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loupe.index.api.LogAggregationResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopRowsTest {

    private static LogAggregationResult result(String... keys) {
        return new LogAggregationResult(keys.length, java.util.Arrays.stream(keys)
                .map(key -> new LogAggregationResult.Group(List.of(key), 0, 1, new double[0])).toList(), LogAggregationResult.Limit.NONE);
    }

    @Test
    void keysEqualAsNumbersButDistinctAsTextComeInTheSameOrderWhateverTheStoreOrder() {
        Stage.Top top = new Stage.Top(3, new Stage.FieldRef("d", 1), false, 1);
        List<Object> forward = TopRows.of(top, result("3.0", "3", "2")).stream().map(row -> row.get("d")).toList();
        List<Object> backward = TopRows.of(top, result("2", "3", "3.0")).stream().map(row -> row.get("d")).toList();
        assertEquals(List.of("2", "3", "3.0"), forward);
        assertEquals(forward, backward);
    }

    @Test
    void groupKeysAreATotalOrderForStatsRowsToo() {
        List<LogAggregationResult.Group> groups = new java.util.ArrayList<>(result("3", "3.0").groups());
        groups.sort(PipelineExecutor.GROUP_KEYS);
        assertEquals(List.of("3", "3.0"), groups.stream().map(g -> g.keys().getFirst()).toList());
        java.util.Collections.reverse(groups);
        groups.sort(PipelineExecutor.GROUP_KEYS);
        assertEquals(List.of("3", "3.0"), groups.stream().map(g -> g.keys().getFirst()).toList());
    }
}
