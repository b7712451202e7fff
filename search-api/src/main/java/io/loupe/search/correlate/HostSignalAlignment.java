package io.loupe.search.correlate;

import io.loupe.index.api.LabelMatcher;
import io.loupe.index.api.TimeRange;
import io.loupe.search.metric.BucketGrid;
import io.loupe.search.metric.HostSignal;
import io.loupe.search.metric.MetricFunction;
import io.loupe.search.metric.MetricQuery;
import io.loupe.search.metric.MetricQueryExecutor;
import io.loupe.search.metric.MetricQueryResult;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The host signals of some hosts on a given bucket grid: one metric query per signal through
 * {@link MetricQueryExecutor} (a {@code host=~} matcher naming exactly these hosts, step = the
 * grid's bucket width), each value put at its bucket's index. Buckets without a point are NaN.
 * Blocking (it reads the metric store); call it from a worker thread. Thread-safe.
 */
public final class HostSignalAlignment {
    static final String HOST_LABEL = "host";

    private final MetricQueryExecutor executor;

    public HostSignalAlignment(MetricQueryExecutor executor) {
        this.executor = executor;
    }

    /**
     * The buckets of a log histogram over {@code range} with this interval, in milliseconds: a log
     * search's histogram and a metric query of step {@code interval} over the same range then have
     * the same bucket starts (both are multiples of the width since the epoch), bucket for bucket.
     *
     * @param interval whole milliseconds, at least {@link MetricQuery#MIN_STEP_MILLIS}
     */
    public static BucketGrid gridOf(TimeRange range, Duration interval) {
        long fromMillis = Math.floorDiv(range.fromNanos(), 1_000_000L);
        long toMillis = Math.ceilDiv(range.toNanos(), 1_000_000L);
        return BucketGrid.covering(fromMillis, toMillis, interval.toMillis());
    }

    /**
     * Per host (in the order given), per signal (in the order given), the values on the grid; a host
     * without any point of a signal still gets that signal, all NaN.
     *
     * @throws io.loupe.index.api.LoupeException {@code QUERY_TOO_LARGE} past the metric query limits
     */
    public Map<String, Map<HostSignal, double[]>> read(Collection<String> hosts, List<HostSignal> signals, BucketGrid grid) {
        Map<String, Map<HostSignal, double[]>> byHost = new LinkedHashMap<>();
        for (String host : hosts) {
            Map<HostSignal, double[]> empty = new EnumMap<>(HostSignal.class);
            for (HostSignal signal : signals) {
                double[] values = new double[grid.count()];
                Arrays.fill(values, Double.NaN);
                empty.put(signal, values);
            }
            byHost.put(host, empty);
        }
        if (hosts.isEmpty()) {
            return byHost;
        }
        LabelMatcher theseHosts = LabelMatcher.of(HOST_LABEL, LabelMatcher.Op.REGEX,
                hosts.stream().map(Pattern::quote).collect(Collectors.joining("|")));
        long to = grid.lastMillis() + 1;
        for (HostSignal signal : signals) {
            MetricQuery query = MetricQuery.of(signal.metricName(), List.of(theseHosts), grid.firstStartMillis(), to,
                    grid.stepMillis(), MetricFunction.AVG);
            for (MetricQueryResult.Series series : executor.execute(query).series()) {
                Map<HostSignal, double[]> signalsOfHost = byHost.get(series.labels().get(HOST_LABEL));
                if (signalsOfHost == null) {
                    continue;
                }
                double[] values = signalsOfHost.get(signal);
                for (int i = 0; i < series.size(); i++) {
                    int bucket = grid.indexOf(series.timestamps()[i]);
                    if (bucket >= 0) {
                        values[bucket] = series.values()[i];
                    }
                }
            }
        }
        return byHost;
    }
}
