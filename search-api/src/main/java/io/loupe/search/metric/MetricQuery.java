package io.loupe.search.metric;

import io.loupe.index.api.LabelMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * One metric range query, as {@link MetricQueryExecutor} runs it.
 *
 * @param matchers   every matcher a series must satisfy (AND), the metric name as
 *                   {@code __name__="..."}; at least one matcher names {@code __name__}
 * @param fromMillis start of the range, inclusive
 * @param toMillis   end of the range, exclusive; the range is widened to whole buckets
 * @param stepMillis bucket width, at least one second
 * @param function   what each bucket reports
 * @param groupBy    labels to group by; empty for one output series per stored series
 */
public record MetricQuery(List<LabelMatcher> matchers, long fromMillis, long toMillis, long stepMillis,
                          MetricFunction function, List<String> groupBy) {
    public static final long MIN_STEP_MILLIS = 1000;

    public MetricQuery {
        matchers = List.copyOf(matchers);
        groupBy = List.copyOf(groupBy);
        if (toMillis <= fromMillis) {
            throw new IllegalArgumentException("a metric query range ends before it starts: " + fromMillis + " >= " + toMillis);
        }
        if (stepMillis < MIN_STEP_MILLIS) {
            throw new IllegalArgumentException("a metric query step must be at least 1s, got " + stepMillis + "ms");
        }
        if (matchers.stream().noneMatch(matcher -> matcher.name().equals(LabelMatcher.METRIC_NAME))) {
            throw new IllegalArgumentException("a metric query must name its metric with a __name__ matcher");
        }
    }

    /** The query of one metric by name, with extra matchers, ungrouped. */
    public static MetricQuery of(String metricName, List<LabelMatcher> matchers, long fromMillis, long toMillis,
                                 long stepMillis, MetricFunction function) {
        List<LabelMatcher> all = new ArrayList<>();
        all.add(LabelMatcher.equal(LabelMatcher.METRIC_NAME, metricName));
        all.addAll(matchers);
        return new MetricQuery(all, fromMillis, toMillis, stepMillis, function, List.of());
    }

    /** The metric name when a matcher names exactly one ({@code __name__="..."}), else null. */
    public String exactMetricName() {
        String name = null;
        for (LabelMatcher matcher : matchers) {
            if (matcher.name().equals(LabelMatcher.METRIC_NAME) && matcher.op() == LabelMatcher.Op.EQUAL) {
                if (name != null && !name.equals(matcher.value())) {
                    return null;
                }
                name = matcher.value();
            }
        }
        return name;
    }
}
