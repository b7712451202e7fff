package io.loupe.search.metric;

import static io.loupe.search.metric.MetricQueryExecutorTest.MINUTE;
import static io.loupe.search.metric.MetricQueryExecutorTest.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.loupe.index.api.LabelMatcher;
import io.loupe.index.api.Labels;
import io.loupe.index.api.MetricResolution;
import io.loupe.index.api.StaleMarker;
import io.loupe.search.SearchConfig;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.LongRange;

/**
 * For random series and random steps, sum, count, min, max and avg read from a rollup tier equal
 * the same query computed from raw samples (sum and avg within floating tolerance, since the
 * additions happen in another order).
 */
class RollupAgreesWithRawPropertiesTest {
    private static final long HOUR = 60 * MINUTE;

    record Sample(int series, long offsetMillis, double value) {
    }

    @Property(tries = 300)
    void rollupTiersAnswerLikeRawSamples(@ForAll("samples") List<Sample> samples, @ForAll("steps") long step,
                                         @ForAll("functions") MetricFunction function,
                                         @ForAll @LongRange(min = -2 * 3600, max = 2 * 3600) long fromOffsetSeconds,
                                         @ForAll @LongRange(min = 600, max = 10 * 3600) long lengthSeconds,
                                         @ForAll boolean grouped) {
        InMemoryMetricStore store = new InMemoryMetricStore();
        for (Sample sample : samples) {
            store.add("load", Labels.of("host", "h" + sample.series() % 2, "cpu", Integer.toString(sample.series())),
                    T0 + sample.offsetMillis(), sample.value());
        }
        long from = T0 + fromOffsetSeconds * 1000;
        MetricQuery query = new MetricQuery(List.of(LabelMatcher.equal("__name__", "load")), from, from + lengthSeconds * 1000, step,
                function, grouped ? List.of("host") : List.of());
        MetricQueryExecutor executor = new MetricQueryExecutor(store, SearchConfig.defaults());

        store.cover(List.of(MetricResolution.RAW));
        MetricQueryResult raw = executor.execute(query);
        store.cover(List.of(MetricResolution.RAW, MetricResolution.FIVE_MINUTES, MetricResolution.ONE_HOUR));
        MetricQueryResult rolled = executor.execute(query);

        assertNotEquals(MetricResolution.RAW, rolled.resolution());
        Map<Labels, Map<Long, Double>> expected = MetricQueryExecutorTest.byLabels(raw);
        Map<Labels, Map<Long, Double>> actual = MetricQueryExecutorTest.byLabels(rolled);
        assertEquals(expected.keySet(), actual.keySet());
        for (Map.Entry<Labels, Map<Long, Double>> series : expected.entrySet()) {
            Map<Long, Double> rolledPoints = actual.get(series.getKey());
            assertEquals(series.getValue().keySet(), rolledPoints.keySet(), series.getKey().toString());
            for (Map.Entry<Long, Double> point : series.getValue().entrySet()) {
                double tolerance = 1e-9 * Math.max(1, Math.abs(point.getValue()));
                assertEquals(point.getValue(), rolledPoints.get(point.getKey()), tolerance,
                        function.wireName() + " of " + series.getKey() + " at " + point.getKey());
            }
        }
    }

    @Provide
    Arbitrary<List<Sample>> samples() {
        Arbitrary<Double> values = Arbitraries.frequencyOf(
                Tuple.of(20, Arbitraries.doubles().between(-1e6, 1e6)),
                Tuple.of(1, Arbitraries.just(StaleMarker.VALUE)));
        return Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.longs().between(-3 * HOUR, 12 * HOUR), values)
                .as(Sample::new).list().ofMaxSize(400);
    }

    @Provide
    Arbitrary<Long> steps() {
        return Arbitraries.of(5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 24 * HOUR);
    }

    @Provide
    Arbitrary<MetricFunction> functions() {
        return Arbitraries.of(MetricFunction.SUM, MetricFunction.COUNT, MetricFunction.MIN, MetricFunction.MAX, MetricFunction.AVG);
    }
}
