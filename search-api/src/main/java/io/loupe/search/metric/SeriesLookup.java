package io.loupe.search.metric;

import io.loupe.index.api.LabelMatcher;
import io.loupe.index.api.MetricStore;
import io.loupe.index.api.SeriesKey;
import io.loupe.index.api.SeriesRef;
import io.loupe.search.SearchConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The metadata lookups behind {@code /api/v1/metrics/series}, {@code /labels} and
 * {@code /labels/{name}/values}: which series, label names and label values exist. Several
 * selectors select the union of their series; none selects every series. Series lookups count
 * against {@code search.metrics_max_series}. Label lookups answer for the selected series with
 * samples in the range (the series index alone would also name series whose samples have aged out).
 * Blocking; thread-safe.
 */
public final class SeriesLookup {
    private final MetricStore store;
    private final SearchConfig config;

    public SeriesLookup(MetricStore store, SearchConfig config) {
        this.store = store;
        this.config = config;
    }

    /** The keys of the selected series with samples in the range, sorted, no duplicates. */
    public List<SeriesKey> series(SeriesSelection selection) {
        SeriesBudget budget = new SeriesBudget(store, config, null);
        TreeSet<SeriesKey> keys = new TreeSet<>();
        for (List<LabelMatcher> matchers : selectorsOrAll(selection)) {
            for (SeriesRef ref : budget.select(matchers, selection.fromMillis(), selection.toMillis() - 1)) {
                keys.add(ref.key());
            }
        }
        return new ArrayList<>(keys);
    }

    /** Label names of the selected series (with {@code __name__}), sorted. */
    public List<String> labelNames(SeriesSelection selection) {
        TreeSet<String> names = new TreeSet<>();
        for (List<LabelMatcher> matchers : selectorsOrAll(selection)) {
            names.addAll(store.labelNames(matchers, selection.fromMillis(), selection.toMillis() - 1));
        }
        return new ArrayList<>(names);
    }

    /** Values of one label among the selected series, sorted. */
    public List<String> labelValues(String name, SeriesSelection selection) {
        TreeSet<String> values = new TreeSet<>();
        for (List<LabelMatcher> matchers : selectorsOrAll(selection)) {
            values.addAll(store.labelValues(name, matchers, selection.fromMillis(), selection.toMillis() - 1));
        }
        return new ArrayList<>(values);
    }

    private static List<List<LabelMatcher>> selectorsOrAll(SeriesSelection selection) {
        return selection.selectors().isEmpty() ? List.of(List.of()) : selection.selectors();
    }
}
