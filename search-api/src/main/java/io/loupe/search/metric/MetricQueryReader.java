package io.loupe.search.metric;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LabelMatcher;
import io.loupe.index.api.LoupeException;
import io.loupe.search.request.DurationExpression;
import io.loupe.search.request.TimeExpression;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the parameters of the metric endpoints into a {@link MetricQuery} or a
 * {@link SeriesSelection}: {@code metric, match (also match[]), from, to, step, fn, by}.
 * Defaults: the last hour, {@code avg}, no grouping, and a step chosen so the range has at most
 * about {@value #TARGET_POINTS} buckets, rounded up to a nice width (1s, 2s, 5s, 10s, 15s, 30s, 1m,
 * 2m, 5m, 10m, 15m, 30m, 1h, 2h, 3h, 6h, 12h, then whole days). Every bad value answers
 * {@link ErrorCode#INVALID_PARAMETER} (or {@link ErrorCode#INVALID_QUERY} for a selector) naming
 * the parameter and what it accepts.
 */
public final class MetricQueryReader {
    static final int TARGET_POINTS = 300;
    private static final long[] NICE_STEPS_MILLIS = {1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000,
            300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000};
    private static final long DAY_MILLIS = 86_400_000;
    private static final Pattern SECONDS = Pattern.compile("\\d+(\\.\\d{1,3})?");
    private static final Pattern LABEL_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");

    private MetricQueryReader() {
    }

    /** The parameters of {@code /api/v1/metrics/query}. */
    public static MetricQuery readQuery(MetricParameters params, Instant now) {
        long from = time(params, "from", "now-1h", now);
        long to = time(params, "to", "now", now);
        checkRange(from, to);
        List<LabelMatcher> matchers = new ArrayList<>();
        String metric = params.first("metric");
        if (metric != null) {
            matchers.add(LabelMatcher.equal(LabelMatcher.METRIC_NAME, metric));
        }
        for (List<LabelMatcher> selector : selectors(params)) {
            matchers.addAll(selector);
        }
        if (matchers.stream().noneMatch(matcher -> matcher.name().equals(LabelMatcher.METRIC_NAME))) {
            throw invalid("parameter 'metric' is required unless match names the metric "
                    + "(node_load1{job=\"node\"} or {__name__=~\"node_.*\"})");
        }
        long step = step(params.first("step"), from, to);
        MetricFunction function = function(params.first("fn"));
        return new MetricQuery(matchers, from, to, step, function, groupBy(params.first("by")));
    }

    /** The parameters of {@code /api/v1/metrics/series} and the label lookups. */
    public static SeriesSelection readSelection(MetricParameters params, Instant now) {
        long from = time(params, "from", "now-1h", now);
        long to = time(params, "to", "now", now);
        checkRange(from, to);
        return new SeriesSelection(selectors(params), from, to);
    }

    /** The default step: the nice width that gives at most about {@value #TARGET_POINTS} buckets. */
    static long defaultStep(long fromMillis, long toMillis) {
        long wanted = Math.ceilDiv(toMillis - fromMillis, TARGET_POINTS);
        for (long nice : NICE_STEPS_MILLIS) {
            if (nice >= wanted) {
                return nice;
            }
        }
        return Math.ceilDiv(wanted, DAY_MILLIS) * DAY_MILLIS;
    }

    private static List<List<LabelMatcher>> selectors(MetricParameters params) {
        List<List<LabelMatcher>> selectors = new ArrayList<>();
        for (String name : List.of("match", "match[]")) {
            for (String text : params.all(name)) {
                if (text != null && !text.isBlank()) {
                    selectors.add(SeriesSelectorParser.parse(text, name));
                }
            }
        }
        return selectors;
    }

    private static long time(MetricParameters params, String name, String fallback, Instant now) {
        String value = params.first(name);
        try {
            return Math.floorDiv(TimeExpression.parse(value == null ? fallback : value, now), 1_000_000L);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw invalid("parameter '" + name + "': " + e.getMessage());
        }
    }

    private static void checkRange(long from, long to) {
        if (to <= from) {
            throw invalid("'from' must be before 'to'");
        }
    }

    private static long step(String value, long from, long to) {
        if (value == null) {
            return defaultStep(from, to);
        }
        long step;
        try {
            step = SECONDS.matcher(value).matches() ? new BigDecimal(value).movePointRight(3).longValueExact()
                    : DurationExpression.parse(value).toMillis();
        } catch (IllegalArgumentException e) {
            throw invalid("parameter 'step': " + e.getMessage() + ", or a number of seconds");
        } catch (ArithmeticException e) {
            throw invalid("parameter 'step': '" + value + "' is too large");
        }
        if (step < MetricQuery.MIN_STEP_MILLIS) {
            throw invalid("parameter 'step' must be at least 1s, got '" + value + "'");
        }
        return step;
    }

    private static MetricFunction function(String value) {
        if (value == null) {
            return MetricFunction.AVG;
        }
        try {
            return MetricFunction.fromWireName(value);
        } catch (IllegalArgumentException e) {
            throw invalid("parameter 'fn': " + e.getMessage());
        }
    }

    private static List<String> groupBy(String value) {
        Set<String> labels = new LinkedHashSet<>();
        if (value == null) {
            return List.of();
        }
        for (String raw : value.split(",")) {
            String label = raw.trim();
            if (label.isEmpty()) {
                continue;
            }
            if (!LABEL_NAME.matcher(label).matches()) {
                throw invalid("parameter 'by': '" + label + "' is not a label name (letters, digits, _ and ., not starting with a digit)");
            }
            labels.add(label);
        }
        return List.copyOf(labels);
    }

    private static LoupeException invalid(String message) {
        return new LoupeException(ErrorCode.INVALID_PARAMETER, message);
    }
}
