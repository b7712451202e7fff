package io.loupe.search.metric;

import static io.loupe.search.metric.MetricQueryExecutorTest.MINUTE;
import static io.loupe.search.metric.MetricQueryExecutorTest.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LabelMatcher;
import io.loupe.index.api.Labels;
import io.loupe.index.api.LoupeException;
import io.loupe.index.api.SeriesKey;
import io.loupe.search.SearchConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesLookupTest {
    private final InMemoryMetricStore store = new InMemoryMetricStore()
            .add("up", Labels.of("job", "node", "instance", "a:9100"), T0, 1)
            .add("up", Labels.of("job", "api", "instance", "b:8080"), T0, 1)
            .add("node_load1", Labels.of("job", "node", "instance", "a:9100"), T0, 0.5)
            .add("old_metric", Labels.of("job", "gone"), T0 - 120 * MINUTE, 1);
    private final SeriesLookup lookup = new SeriesLookup(store, SearchConfig.defaults());

    @Test
    void seriesOfSeveralSelectorsAreTheirUnionWithinTheRange() {
        SeriesSelection selection = new SeriesSelection(List.of(List.of(LabelMatcher.equal("__name__", "node_load1")),
                List.of(LabelMatcher.equal("job", "api"))), T0 - MINUTE, T0 + MINUTE);
        assertEquals(List.of(new SeriesKey("node_load1", Labels.of("job", "node", "instance", "a:9100")),
                new SeriesKey("up", Labels.of("job", "api", "instance", "b:8080"))), lookup.series(selection));
        SeriesSelection everything = new SeriesSelection(List.of(), T0 - MINUTE, T0 + MINUTE);
        assertEquals(3, lookup.series(everything).size(), "old_metric has no sample in the range");
    }

    @Test
    void seriesCountAgainstTheSeriesLimit() {
        SeriesLookup small = new SeriesLookup(store, new SearchConfig(10, 10, 1, 2, 100));
        LoupeException e = assertThrows(LoupeException.class, () -> small.series(new SeriesSelection(List.of(), T0 - MINUTE, T0 + MINUTE)));
        assertEquals(ErrorCode.QUERY_TOO_LARGE, e.code());
        assertTrue(e.getMessage().contains("search.metrics_max_series"), e.getMessage());
    }

    @Test
    void labelNamesAndValues() {
        SeriesSelection node = new SeriesSelection(List.of(List.of(LabelMatcher.equal("job", "node"))), T0 - MINUTE, T0 + MINUTE);
        assertEquals(List.of("__name__", "instance", "job"), lookup.labelNames(node));
        assertEquals(List.of("node_load1", "up"), lookup.labelValues("__name__", node));
        assertEquals(List.of("api", "node"), lookup.labelValues("job", new SeriesSelection(List.of(), T0 - MINUTE, T0 + MINUTE)),
                "old_metric has no sample in the range");
        assertEquals(List.of("api", "gone", "node"), lookup.labelValues("job", new SeriesSelection(List.of(), T0 - 200 * MINUTE, T0 + MINUTE)));
        assertEquals(List.of("__name__", "job"), lookup.labelNames(new SeriesSelection(List.of(), T0 - 200 * MINUTE, T0 - 100 * MINUTE)));
    }
}
