package io.loupe.search.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LabelMatcher;
import io.loupe.index.api.LoupeException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricQueryReaderTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final long NOW_MILLIS = NOW.toEpochMilli();

    @Test
    void defaultsToTheLastHourAvgAndAStepOfAtMostAbout300Buckets() {
        MetricQuery query = MetricQueryReader.readQuery(params("metric", "node_load1"), NOW);
        assertEquals(NOW_MILLIS - 3_600_000, query.fromMillis());
        assertEquals(NOW_MILLIS, query.toMillis());
        assertEquals(15_000, query.stepMillis(), "1h / 300 = 12s, rounded up to 15s");
        assertEquals(MetricFunction.AVG, query.function());
        assertEquals(List.of(LabelMatcher.equal("__name__", "node_load1")), query.matchers());
        assertEquals(List.of(), query.groupBy());
    }

    @Test
    void defaultStepsAreNiceWidths() {
        assertEquals(1_000, MetricQueryReader.defaultStep(0, 60_000), "never below 1s");
        assertEquals(300_000, MetricQueryReader.defaultStep(0, 86_400_000), "1d / 300 = 288s -> 5m");
        assertEquals(3_600_000, MetricQueryReader.defaultStep(0, 7 * 86_400_000L), "7d / 300 = 33.6m -> 1h");
        assertEquals(2 * 86_400_000L, MetricQueryReader.defaultStep(0, 365 * 86_400_000L), "beyond 1d: whole days");
    }

    @Test
    void readsEveryParameter() {
        Map<String, List<String>> values = new HashMap<>();
        values.put("match", List.of("node_cpu_seconds_total{mode!=\"idle\"}", "{cpu=~\"0|1\"}"));
        values.put("from", List.of("now-15m"));
        values.put("to", List.of("2026-11-22T09:59:00Z"));
        values.put("step", List.of("30s"));
        values.put("fn", List.of("RATE"));
        values.put("by", List.of(" host, mode ,host"));
        MetricQuery query = MetricQueryReader.readQuery(name -> values.getOrDefault(name, List.of()), NOW);
        assertEquals(List.of("__name__=\"node_cpu_seconds_total\"", "mode!=\"idle\"", "cpu=~\"0|1\""),
                query.matchers().stream().map(LabelMatcher::toString).toList(), "match given twice: all hold");
        assertEquals(NOW_MILLIS - 900_000, query.fromMillis());
        assertEquals(NOW_MILLIS - 60_000, query.toMillis());
        assertEquals(30_000, query.stepMillis());
        assertEquals(MetricFunction.RATE, query.function());
        assertEquals(List.of("host", "mode"), query.groupBy());
        assertEquals("node_cpu_seconds_total", query.exactMetricName());
    }

    @Test
    void stepAcceptsSecondsAsPrometheusClientsSendThem() {
        assertEquals(15_000, MetricQueryReader.readQuery(params("metric", "m", "step", "15"), NOW).stepMillis());
        assertEquals(1_500, MetricQueryReader.readQuery(params("metric", "m", "step", "1.5"), NOW).stepMillis());
        assertEquals(3_600_000, MetricQueryReader.readQuery(params("metric", "m", "step", "1h"), NOW).stepMillis());
    }

    @Test
    void badValuesNameTheParameter() {
        assertInvalid(ErrorCode.INVALID_PARAMETER, "parameter 'metric' is required", params("match", "{job=\"node\"}"));
        assertInvalid(ErrorCode.INVALID_PARAMETER, "parameter 'fn': 'median' is not one of avg, min, max, sum, count, last, rate, increase, p50, p90, p99",
                params("metric", "m", "fn", "median"));
        assertInvalid(ErrorCode.INVALID_PARAMETER, "parameter 'step' must be at least 1s", params("metric", "m", "step", "0.5"));
        assertInvalid(ErrorCode.INVALID_PARAMETER, "parameter 'step'", params("metric", "m", "step", "fast"));
        assertInvalid(ErrorCode.INVALID_PARAMETER, "parameter 'from'", params("metric", "m", "from", "yesterday"));
        assertInvalid(ErrorCode.INVALID_PARAMETER, "'from' must be before 'to'", params("metric", "m", "from", "now", "to", "now-1h"));
        assertInvalid(ErrorCode.INVALID_PARAMETER, "parameter 'by': '1x'", params("metric", "m", "by", "host,1x"));
        assertInvalid(ErrorCode.INVALID_QUERY, "column 6", params("match", "{job=node}"));
    }

    @Test
    void aMatchThatNamesTheMetricReplacesTheMetricParameter() {
        MetricQuery query = MetricQueryReader.readQuery(params("match", "{__name__=~\"node_.*\"}"), NOW);
        assertEquals(null, query.exactMetricName());
        assertEquals(1, query.matchers().size());
    }

    @Test
    void selectionsAcceptMatchAndMatchBracketsAsAUnion() {
        Map<String, List<String>> values = Map.of("match[]", List.of("up", "node_load1{job=\"node\"}"), "match", List.of("{a=\"b\"}"));
        SeriesSelection selection = MetricQueryReader.readSelection(name -> values.getOrDefault(name, List.of()), NOW);
        assertEquals(3, selection.selectors().size());
        assertEquals(List.of(LabelMatcher.equal("a", "b")), selection.selectors().getFirst());
        assertEquals(List.of(), MetricQueryReader.readSelection(params(), NOW).selectors());
    }

    private static void assertInvalid(ErrorCode code, String fragment, MetricParameters params) {
        LoupeException e = assertThrows(LoupeException.class, () -> MetricQueryReader.readQuery(params, NOW));
        assertEquals(code, e.code());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    static MetricParameters params(String... namesAndValues) {
        Map<String, List<String>> values = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            values.put(namesAndValues[i], List.of(namesAndValues[i + 1]));
        }
        return name -> values.getOrDefault(name, List.of());
    }
}
