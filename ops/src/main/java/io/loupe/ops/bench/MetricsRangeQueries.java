package io.loupe.ops.bench;

import io.loupe.index.api.LabelMatcher;
import io.loupe.index.api.MetricStore;
import io.loupe.search.SearchConfig;
import io.loupe.search.metric.MetricFunction;
import io.loupe.search.metric.MetricQuery;
import io.loupe.search.metric.MetricQueryExecutor;
import io.loupe.search.metric.MetricQueryResult;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The query phase of {@code ./loupe bench metrics}: range queries over the whole simulated range at
 * a 1-minute step, in process through {@link MetricQueryExecutor}, one at a time, rotating over
 * {@link #KINDS}. A latency is the time of {@link MetricQueryExecutor#execute}; each answer is
 * checked afterwards (at least one series with points).
 */
final class MetricsRangeQueries {
    static final long STEP_MILLIS = 60_000;
    static final int WARM_UP_ROUNDS = 3;

    /** One kind of query: how the figures name it, and the query for a range. */
    record Kind(String name, MetricFunction function, String metric, List<String> groupBy) {
        MetricQuery over(long fromMillis, long toMillis) {
            return new MetricQuery(List.of(LabelMatcher.equal(LabelMatcher.METRIC_NAME, metric)), fromMillis, toMillis, STEP_MILLIS,
                    function, groupBy);
        }
    }

    static final List<Kind> KINDS = List.of(
            new Kind("sum by (instance) (rate(node_cpu_seconds_total))", MetricFunction.RATE, "node_cpu_seconds_total",
                    List.of("instance")),
            new Kind("avg by (instance) (node_memory_MemAvailable_bytes)", MetricFunction.AVG, "node_memory_MemAvailable_bytes",
                    List.of("instance")),
            new Kind("host.cpu.utilization", MetricFunction.AVG, "host.cpu.utilization", List.of()),
            new Kind("sum by (device) (rate(node_network_receive_bytes_total))", MetricFunction.RATE, "node_network_receive_bytes_total",
                    List.of("device")));

    /** @param all every measured query; {@code byKind} in the order of {@link #KINDS} */
    record Figures(LatencyRecorder all, List<LatencyRecorder> byKind) {
    }

    private MetricsRangeQueries() {
    }

    static String describeKinds() {
        return KINDS.stream().map(Kind::name).collect(Collectors.joining("; "));
    }

    static Figures run(MetricStore store, SearchConfig config, long fromMillis, long toMillis, int queries) {
        MetricQueryExecutor executor = new MetricQueryExecutor(store, config);
        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            for (Kind kind : KINDS) {
                MetricQueryResult result = executor.execute(kind.over(fromMillis, toMillis));
                check(kind, result);
                if (round == 0) {
                    System.err.printf(Locale.ROOT, "query %s: %d series, %d points, %d stored series read, %s tier%n", kind.name(),
                            result.series().size(), result.series().stream().mapToInt(MetricQueryResult.Series::size).sum(),
                            result.seriesTouched(), result.resolution().wireName());
                }
            }
        }
        LatencyRecorder all = new LatencyRecorder();
        List<LatencyRecorder> byKind = KINDS.stream().map(kind -> new LatencyRecorder()).toList();
        for (int i = 0; i < queries; i++) {
            Kind kind = KINDS.get(i % KINDS.size());
            MetricQuery query = kind.over(fromMillis, toMillis);
            long started = System.nanoTime();
            MetricQueryResult result = executor.execute(query);
            long elapsed = System.nanoTime() - started;
            check(kind, result);
            all.record(elapsed);
            byKind.get(i % KINDS.size()).record(elapsed);
        }
        for (int k = 0; k < KINDS.size(); k++) {
            LatencyRecorder kind = byKind.get(k);
            if (kind.count() > 0) {
                System.err.printf(Locale.ROOT, "query %s: %d measured, p50 %.1f ms, max %.1f ms%n", KINDS.get(k).name(), kind.count(),
                        kind.percentileMillis(50), kind.maxMillis());
            }
        }
        return new Figures(all, byKind);
    }

    private static void check(Kind kind, MetricQueryResult result) {
        if (result.series().isEmpty() || result.series().stream().allMatch(series -> series.size() == 0)) {
            throw new IllegalStateException("query " + kind.name() + " found no data over the replayed range");
        }
    }
}
