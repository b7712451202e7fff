package io.loupe.search.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LabelMatcher;
import io.loupe.index.api.Labels;
import io.loupe.index.api.LoupeException;
import io.loupe.index.api.MetricResolution;
import io.loupe.index.api.StaleMarker;
import io.loupe.search.SearchConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricQueryExecutorTest {
    static final long T0 = 1_795_341_600_000L; // 2026-11-22T10:00:00Z, a whole hour
    static final long SECOND = 1000;
    static final long MINUTE = 60 * SECOND;
    private static final Labels A = Labels.of("host", "a");

    private final InMemoryMetricStore store = new InMemoryMetricStore();

    @Test
    void gaugeFunctionsOverEachBucketAndGapsAreOmitted() {
        store.add("temp", A, T0, 1).add("temp", A, T0 + 20 * SECOND, 5).add("temp", A, T0 + 40 * SECOND, 3)
                .add("temp", A, T0 + 60 * SECOND, 10).add("temp", A, T0 + 130 * SECOND, 7);
        List<Long> starts = List.of(T0, T0 + MINUTE, T0 + 2 * MINUTE);
        assertEquals(points(starts, 3.0, 10.0, 7.0), only(run("temp", MetricFunction.AVG, T0, T0 + 4 * MINUTE, MINUTE)));
        assertEquals(points(starts, 1.0, 10.0, 7.0), only(run("temp", MetricFunction.MIN, T0, T0 + 4 * MINUTE, MINUTE)));
        assertEquals(points(starts, 5.0, 10.0, 7.0), only(run("temp", MetricFunction.MAX, T0, T0 + 4 * MINUTE, MINUTE)));
        assertEquals(points(starts, 9.0, 10.0, 7.0), only(run("temp", MetricFunction.SUM, T0, T0 + 4 * MINUTE, MINUTE)));
        assertEquals(points(starts, 3.0, 1.0, 1.0), only(run("temp", MetricFunction.COUNT, T0, T0 + 4 * MINUTE, MINUTE)));
        assertEquals(points(starts, 3.0, 10.0, 7.0), only(run("temp", MetricFunction.LAST, T0, T0 + 4 * MINUTE, MINUTE)));
    }

    @Test
    void bucketsAreAlignedToTheStepAndTheRangeIsWidenedToWholeBuckets() {
        store.add("temp", A, T0 + 10 * SECOND, 4).add("temp", A, T0 + 50 * SECOND, 6).add("temp", A, T0 + 150 * SECOND, 8)
                .add("temp", A, T0 + 185 * SECOND, 100);
        MetricQueryResult result = run("temp", MetricFunction.AVG, T0 + 30 * SECOND, T0 + 170 * SECOND, MINUTE);
        // [from, to) = [10:00:30, 10:02:50) covers buckets 10:00, 10:01, 10:02; the sample at 10:03:05 is outside
        assertEquals(points(List.of(T0, T0 + 2 * MINUTE), 5.0, 8.0), only(result));
        assertEquals(MINUTE, result.stepMillis());
    }

    @Test
    void increaseAndRateHandleCounterResetsAndLookBackBeforeTheFirstBucket() {
        store.add("requests_total", A, T0 - 60 * SECOND, 100)
                .add("requests_total", A, T0 + 15 * SECOND, 110).add("requests_total", A, T0 + 45 * SECOND, 130)
                .add("requests_total", A, T0 + 75 * SECOND, 5).add("requests_total", A, T0 + 105 * SECOND, 20)
                .add("requests_total", A, T0 + 135 * SECOND, 40);
        List<Long> starts = List.of(T0, T0 + MINUTE, T0 + 2 * MINUTE);
        // 10:00: (110-100) + (130-110) using the sample of 09:59; 10:01: reset to 5 counts 5, then 15; 10:02: 20
        assertEquals(points(starts, 30.0, 20.0, 20.0), only(run("requests_total", MetricFunction.INCREASE, T0, T0 + 3 * MINUTE, MINUTE)));
        assertEquals(points(starts, 0.5, 20.0 / 60, 20.0 / 60), only(run("requests_total", MetricFunction.RATE, T0, T0 + 3 * MINUTE, MINUTE)));
    }

    @Test
    void lookBackReachesFiveMinutesAndNoFurther() {
        store.add("requests_total", A, T0 - 6 * MINUTE, 100).add("requests_total", A, T0 + 15 * SECOND, 110)
                .add("requests_total", A, T0 + 75 * SECOND, 130);
        assertEquals(points(List.of(T0 + MINUTE), 20.0), only(run("requests_total", MetricFunction.INCREASE, T0, T0 + 2 * MINUTE, MINUTE)));
    }

    @Test
    void aStaleMarkerIsNoValueBreaksTheCounterChainAndEmptiesLast() {
        store.add("jobs_total", A, T0, 10).add("jobs_total", A, T0 + 20 * SECOND, 20).add("jobs_total", A, T0 + 40 * SECOND, StaleMarker.VALUE)
                .add("jobs_total", A, T0 + 70 * SECOND, 25).add("jobs_total", A, T0 + 90 * SECOND, 30);
        List<Long> starts = List.of(T0, T0 + MINUTE);
        // no pair 20 -> stale -> 25: the second bucket only has 25 -> 30
        assertEquals(points(starts, 10.0, 5.0), only(run("jobs_total", MetricFunction.INCREASE, T0, T0 + 2 * MINUTE, MINUTE)));
        assertEquals(points(starts, 2.0, 2.0), only(run("jobs_total", MetricFunction.COUNT, T0, T0 + 2 * MINUTE, MINUTE)));
        assertEquals(points(starts, 15.0, 27.5), only(run("jobs_total", MetricFunction.AVG, T0, T0 + 2 * MINUTE, MINUTE)));
        assertEquals(points(List.of(T0 + MINUTE), 30.0), only(run("jobs_total", MetricFunction.LAST, T0, T0 + 2 * MINUTE, MINUTE)));
    }

    @Test
    void anOrdinaryNanIsAValue() {
        store.add("temp", A, T0, 1).add("temp", A, T0 + 10 * SECOND, Double.NaN).add("temp", A, T0 + 70 * SECOND, 2);
        Map<Long, Double> average = only(run("temp", MetricFunction.AVG, T0, T0 + 2 * MINUTE, MINUTE));
        assertTrue(Double.isNaN(average.get(T0)));
        assertEquals(2.0, average.get(T0 + MINUTE));
        assertEquals(points(List.of(T0, T0 + MINUTE), 2.0, 1.0), only(run("temp", MetricFunction.COUNT, T0, T0 + 2 * MINUTE, MINUTE)));
        assertTrue(Double.isNaN(only(run("temp", MetricFunction.LAST, T0, T0 + 2 * MINUTE, MINUTE)).get(T0)));
    }

    @Test
    void quantilesInterpolateBetweenClosestRanks() {
        store.addEvery("latency", A, T0, SECOND, 7, 3, 10, 1, 9, 2, 8, 4, 6, 5);
        store.add("latency", A, T0 + MINUTE, 42);
        List<Long> starts = List.of(T0, T0 + MINUTE);
        assertEquals(points(starts, 5.5, 42.0), only(run("latency", MetricFunction.P50, T0, T0 + 2 * MINUTE, MINUTE)));
        Map<Long, Double> p90 = only(run("latency", MetricFunction.P90, T0, T0 + 2 * MINUTE, MINUTE));
        assertEquals(9.1, p90.get(T0), 1e-9);
        Map<Long, Double> p99 = only(run("latency", MetricFunction.P99, T0, T0 + 2 * MINUTE, MINUTE));
        assertEquals(9.91, p99.get(T0), 1e-9);
        assertEquals(42.0, p99.get(T0 + MINUTE));
    }

    @Test
    void groupByPoolsSamplesForGaugeFunctionsAndSumsPerSeriesCounterFunctions() {
        Labels a0 = Labels.of("host", "a", "cpu", "0");
        Labels a1 = Labels.of("host", "a", "cpu", "1");
        Labels b0 = Labels.of("host", "b", "cpu", "0");
        store.add("busy", a0, T0, 1).add("busy", a0, T0 + 30 * SECOND, 3).add("busy", a1, T0 + 10 * SECOND, 5)
                .add("busy", b0, T0 + 10 * SECOND, 7);
        MetricQueryResult average = run("busy", MetricFunction.AVG, T0, T0 + MINUTE, MINUTE, "host");
        // pooled: (1 + 3 + 5) / 3 = 3, not the average of the series' averages (3.5)
        assertEquals(Map.of(Labels.of("host", "a"), Map.of(T0, 3.0), Labels.of("host", "b"), Map.of(T0, 7.0)), byLabels(average));
        assertEquals(Map.of(T0, 3.0), byLabels(run("busy", MetricFunction.COUNT, T0, T0 + MINUTE, MINUTE, "host")).get(Labels.of("host", "a")));
        assertEquals(Map.of(T0, 8.0), byLabels(run("busy", MetricFunction.LAST, T0, T0 + MINUTE, MINUTE, "host")).get(Labels.of("host", "a")));

        store.add("bytes_total", a0, T0, 0).add("bytes_total", a0, T0 + MINUTE, 60)
                .add("bytes_total", a1, T0, 100).add("bytes_total", a1, T0 + MINUTE, 220);
        assertEquals(Map.of(Labels.of("host", "a"), Map.of(T0 + MINUTE, 3.0)),
                byLabels(run("bytes_total", MetricFunction.RATE, T0 + MINUTE, T0 + 2 * MINUTE, MINUTE, "host")));
    }

    @Test
    void withoutGroupingEachSeriesKeepsItsLabelsAndItsName() {
        store.add("busy", Labels.of("host", "a", "cpu", "0"), T0, 1).add("busy", Labels.of("host", "a", "cpu", "1"), T0, 2);
        MetricQueryResult result = run("busy", MetricFunction.AVG, T0, T0 + MINUTE, MINUTE);
        assertEquals(List.of(Labels.of("__name__", "busy", "cpu", "0", "host", "a"), Labels.of("__name__", "busy", "cpu", "1", "host", "a")),
                result.series().stream().map(MetricQueryResult.Series::labels).toList());
        MetricQueryResult grouped = run("busy", MetricFunction.SUM, T0, T0 + MINUTE, MINUTE, "env");
        assertEquals(Map.of(Labels.EMPTY, Map.of(T0, 3.0)), byLabels(grouped), "series lacking a by-label group together");
    }

    @Test
    void matchersNarrowTheSelection() {
        store.add("busy", Labels.of("host", "a", "mode", "idle"), T0, 1).add("busy", Labels.of("host", "a", "mode", "user"), T0, 2)
                .add("busy", Labels.of("host", "b", "mode", "user"), T0, 4);
        MetricQuery query = new MetricQuery(List.of(LabelMatcher.equal("__name__", "busy"), LabelMatcher.of("mode", LabelMatcher.Op.NOT_EQUAL, "idle"),
                LabelMatcher.equal("host", "a")), T0, T0 + MINUTE, MINUTE, MetricFunction.SUM, List.of());
        MetricQueryResult result = executor(SearchConfig.defaults()).execute(query);
        assertEquals(1, result.series().size());
        assertEquals(2.0, result.series().getFirst().values()[0]);
    }

    @Test
    void aRollupTierAnswersCoarseStepsAndRawAnswersQuantiles() {
        for (int i = 0; i < 240; i++) {
            store.add("temp", A, T0 + i * MINUTE, i % 10);
        }
        MetricQueryResult hourly = run("temp", MetricFunction.MAX, T0, T0 + 4 * 60 * MINUTE, 60 * MINUTE);
        assertEquals(MetricResolution.ONE_HOUR, hourly.resolution());
        assertTrue(store.rollupReads > 0);
        assertEquals(0, store.rawReads);
        assertEquals(4, only(hourly).size());

        MetricQueryResult p99 = run("temp", MetricFunction.P99, T0, T0 + 4 * 60 * MINUTE, 60 * MINUTE);
        assertEquals(MetricResolution.RAW, p99.resolution());
        assertTrue(store.rawReads > 0);

        assertEquals(MetricResolution.FIVE_MINUTES, run("temp", MetricFunction.AVG, T0, T0 + 60 * MINUTE, 10 * MINUTE).resolution());
        assertEquals(MetricResolution.RAW, run("temp", MetricFunction.AVG, T0, T0 + 60 * MINUTE, 7 * MINUTE).resolution(),
                "5m does not divide 7m");
        assertEquals(MetricResolution.RAW, run("temp", MetricFunction.AVG, T0, T0 + 60 * MINUTE, MINUTE).resolution());
    }

    @Test
    void whenRawHasAgedOutTheFinestCoveringTierAnswersFineSteps() {
        for (int i = 0; i < 30; i++) {
            store.add("temp", A, T0 + i * MINUTE, i);
        }
        store.cover(List.of(MetricResolution.FIVE_MINUTES, MetricResolution.ONE_HOUR));
        MetricQueryResult result = run("temp", MetricFunction.AVG, T0, T0 + 30 * MINUTE, MINUTE);
        assertEquals(MetricResolution.FIVE_MINUTES, result.resolution());
        // one point per 5-minute rollup, at its start: avg of 0..4 = 2, of 5..9 = 7, ...
        assertEquals(points(List.of(T0, T0 + 5 * MINUTE, T0 + 10 * MINUTE, T0 + 15 * MINUTE, T0 + 20 * MINUTE, T0 + 25 * MINUTE),
                2.0, 7.0, 12.0, 17.0, 22.0, 27.0), only(result));
    }

    @Test
    void rollupAnswersMatchRawForEveryFunctionARollupKeeps() {
        double[] values = {3, 8, 1, 9, 4, 12, 2, 15, 3, 7, 20, 1};
        for (int i = 0; i < 120; i++) {
            store.add("counter_total", A, T0 + i * MINUTE, 100 + i * 10);
            store.add("temp", A, T0 + i * MINUTE, values[i % values.length]);
        }
        for (MetricFunction function : List.of(MetricFunction.AVG, MetricFunction.MIN, MetricFunction.MAX, MetricFunction.SUM,
                MetricFunction.COUNT, MetricFunction.LAST)) {
            store.cover(List.of(MetricResolution.RAW));
            Map<Long, Double> raw = only(run("temp", function, T0, T0 + 120 * MINUTE, 30 * MINUTE));
            store.cover(List.of(MetricResolution.RAW, MetricResolution.FIVE_MINUTES));
            MetricQueryResult rolled = run("temp", function, T0, T0 + 120 * MINUTE, 30 * MINUTE);
            assertEquals(MetricResolution.FIVE_MINUTES, rolled.resolution());
            assertEquals(raw, only(rolled), function.wireName());
        }
        // 10 per minute: 300 per 30 minutes; the rollups' increase includes the pair into their first sample
        store.cover(List.of(MetricResolution.RAW, MetricResolution.ONE_HOUR));
        MetricQueryResult rate = run("counter_total", MetricFunction.RATE, T0 + 60 * MINUTE, T0 + 120 * MINUTE, 60 * MINUTE);
        assertEquals(MetricResolution.ONE_HOUR, rate.resolution());
        assertEquals(Map.of(T0 + 60 * MINUTE, 600.0 / 3600), only(rate));
    }

    @Test
    void aBucketWithASampleButNoCounterPairHasNoRateOnARollupTierAsOnRaw() {
        // one lone sample in the first hour, then a counter that grows by 5 per minute in the second
        store.add("lonely_total", A, T0 + 10 * MINUTE, 7);
        store.add("lonely_total", A, T0 + 11 * MINUTE, StaleMarker.VALUE);
        for (int i = 0; i < 60; i++) {
            store.add("lonely_total", A, T0 + (60 + i) * MINUTE, 100 + 5 * i);
        }
        store.cover(List.of(MetricResolution.RAW));
        Map<Long, Double> raw = only(run("lonely_total", MetricFunction.INCREASE, T0, T0 + 120 * MINUTE, 60 * MINUTE));
        store.cover(List.of(MetricResolution.RAW, MetricResolution.ONE_HOUR));
        MetricQueryResult rolled = run("lonely_total", MetricFunction.INCREASE, T0, T0 + 120 * MINUTE, 60 * MINUTE);
        assertEquals(MetricResolution.ONE_HOUR, rolled.resolution());
        assertEquals(Map.of(T0 + 60 * MINUTE, 59 * 5.0), raw, "raw: the first hour has a sample but no pair");
        assertEquals(raw, only(rolled), "rollup tier");
    }

    @Test
    void tooManySeriesIsRefusedNamingTheSetting() {
        for (int i = 0; i < 3; i++) {
            store.add("temp", Labels.of("host", "h" + i), T0, i);
        }
        SearchConfig config = new SearchConfig(10_000, 10_000, 1, 2, 1_000_000);
        LoupeException e = assertThrows(LoupeException.class,
                () -> executor(config).execute(MetricQuery.of("temp", List.of(), T0, T0 + MINUTE, MINUTE, MetricFunction.AVG)));
        assertEquals(ErrorCode.QUERY_TOO_LARGE, e.code());
        assertEquals(422, e.code().httpStatus());
        assertTrue(e.getMessage().contains("more than 2 series") && e.getMessage().contains("search.metrics_max_series")
                && e.getMessage().contains("narrow match"), e.getMessage());
        assertEquals(3, store.lastSeriesLimit, "the store is asked for one series more than allowed");
    }

    @Test
    void tooManyPointsIsRefusedNamingCountLimitAndSetting() {
        store.add("temp", Labels.of("host", "a"), T0, 1).add("temp", Labels.of("host", "b"), T0, 2);
        SearchConfig config = new SearchConfig(10_000, 10_000, 1, 10_000, 100);
        LoupeException e = assertThrows(LoupeException.class,
                () -> executor(config).execute(MetricQuery.of("temp", List.of(), T0, T0 + 60 * MINUTE, MINUTE, MetricFunction.AVG)));
        assertEquals(ErrorCode.QUERY_TOO_LARGE, e.code());
        assertTrue(e.getMessage().contains("120 points") && e.getMessage().contains("limit of 100")
                && e.getMessage().contains("search.metrics_max_points") && e.getMessage().contains("widen step"), e.getMessage());
        LoupeException buckets = assertThrows(LoupeException.class,
                () -> executor(config).execute(MetricQuery.of("temp", List.of(), T0, T0 + 600 * MINUTE, SECOND, MetricFunction.AVG)));
        assertTrue(buckets.getMessage().contains("36000 buckets") && buckets.getMessage().contains("search.metrics_max_points"),
                buckets.getMessage());
        assertEquals(0, store.rawReads, "refused before reading samples");
    }

    MetricQueryResult run(String metric, MetricFunction function, long from, long to, long step, String... by) {
        return executor(SearchConfig.defaults()).execute(new MetricQuery(List.of(LabelMatcher.equal("__name__", metric)), from, to, step,
                function, List.of(by)));
    }

    private MetricQueryExecutor executor(SearchConfig config) {
        return new MetricQueryExecutor(store, config);
    }

    static Map<Long, Double> points(List<Long> starts, Double... values) {
        Map<Long, Double> points = new LinkedHashMap<>();
        for (int i = 0; i < starts.size(); i++) {
            points.put(starts.get(i), values[i]);
        }
        return points;
    }

    static Map<Long, Double> only(MetricQueryResult result) {
        assertEquals(1, result.series().size(), "series: " + byLabels(result));
        return pointsOf(result.series().getFirst());
    }

    static Map<Long, Double> pointsOf(MetricQueryResult.Series series) {
        Map<Long, Double> points = new LinkedHashMap<>();
        for (int i = 0; i < series.size(); i++) {
            points.put(series.timestamps()[i], series.values()[i]);
        }
        return points;
    }

    static Map<Labels, Map<Long, Double>> byLabels(MetricQueryResult result) {
        Map<Labels, Map<Long, Double>> all = new LinkedHashMap<>();
        for (MetricQueryResult.Series series : result.series()) {
            all.put(series.labels(), pointsOf(series));
        }
        return all;
    }

    static List<Labels> labelsOf(MetricQueryResult result) {
        List<Labels> labels = new ArrayList<>();
        result.series().forEach(series -> labels.add(series.labels()));
        return labels;
    }
}
