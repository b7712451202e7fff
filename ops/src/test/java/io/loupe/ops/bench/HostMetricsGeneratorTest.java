package io.loupe.ops.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HostMetricsGeneratorTest {
    private static final long START = 1_795_000_000_000L;
    private static final long INTERVAL = 15_000;
    private static final List<String> HOSTS = List.of("web-01", "web-02", "db-01");
    private static final Pattern LINE = Pattern.compile("([a-zA-Z_0-9]+)\\{([^}]*)} (\\S+) (\\d+)");

    private static HostMetricsGenerator generator(long seed) {
        return new HostMetricsGenerator(HOSTS, seed, START, START + 6 * 3_600_000L, INTERVAL);
    }

    private static List<String> lines(byte[] body) {
        return new String(body, StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void everyHostReportsTenSeriesAtEveryTickOfTheSpan() {
        HostMetricsGenerator metrics = generator(42);
        assertEquals(6 * 240, metrics.ticks());
        assertEquals(3L * 6 * 240 * HostMetricsGenerator.SERIES_PER_HOST, metrics.samples());
        List<String> lines = lines(metrics.body(0, metrics.ticks()));
        assertEquals(metrics.samples(), lines.size());
        Map<String, Integer> perSeries = new HashMap<>();
        TreeSet<Long> times = new TreeSet<>();
        for (String line : lines) {
            Matcher m = LINE.matcher(line);
            assertTrue(m.matches(), line);
            assertTrue(m.group(2).contains("job=\"node\""), line);
            perSeries.merge(m.group(1) + "{" + m.group(2) + "}", 1, Integer::sum);
            times.add(Long.parseLong(m.group(4)));
        }
        assertEquals(3 * HostMetricsGenerator.SERIES_PER_HOST, perSeries.size(), perSeries.keySet().toString());
        assertTrue(perSeries.values().stream().allMatch(n -> n == 6 * 240));
        assertEquals(START, times.first());
        assertEquals(START + (6 * 240 - 1) * INTERVAL, times.last());
    }

    @Test
    void aRangeOfTicksIsTheSameBytesWhateverWasAskedBefore() {
        byte[] whole = generator(7).body(0, 10);
        byte[] tail = generator(7).body(4, 10);
        List<String> wholeLines = lines(whole);
        assertEquals(lines(tail), wholeLines.subList(wholeLines.size() - lines(tail).size(), wholeLines.size()));
        assertArrayEquals(tail, generator(7).body(4, 10));
        assertTrue(!lines(generator(8).body(4, 10)).equals(lines(tail)), "another seed gave the same samples");
    }

    @Test
    void countersNeverFallAndCpuUtilisationStaysWithinZeroAndOne() {
        HostMetricsGenerator metrics = generator(42);
        Map<String, Double> last = new HashMap<>();
        for (String line : lines(metrics.body(0, metrics.ticks()))) {
            Matcher m = LINE.matcher(line);
            assertTrue(m.matches(), line);
            String series = m.group(1) + "{" + m.group(2) + "}";
            double value = Double.parseDouble(m.group(3));
            if (m.group(1).endsWith("_total")) {
                Double before = last.put(series, value);
                assertTrue(before == null || value >= before, series + " fell from " + before + " to " + value);
            }
            if (m.group(1).startsWith("node_memory_MemAvailable")) {
                assertTrue(value > 0 && value < 16.0 * (1L << 30), line);
            }
        }
        // busy share over the whole span, from the first and last counter values of one host
        List<String> first = lines(metrics.body(0, 1));
        List<String> end = lines(metrics.body(metrics.ticks() - 1, metrics.ticks()));
        double idleDelta = value(end, "web-02", "idle") - value(first, "web-02", "idle");
        double userDelta = value(end, "web-02", "user") - value(first, "web-02", "user");
        double utilization = userDelta / (idleDelta + userDelta);
        assertTrue(utilization > 0.05 && utilization < 0.6, "utilisation " + utilization);
        assertEquals((metrics.ticks() - 1) * INTERVAL / 1000.0, idleDelta + userDelta, 1.0);
    }

    private static double value(List<String> lines, String host, String mode) {
        return lines.stream().filter(l -> l.startsWith("node_cpu_seconds_total") && l.contains("host=\"" + host + "\"")
                        && l.contains("mode=\"" + mode + "\""))
                .mapToDouble(l -> Double.parseDouble(l.split(" ")[1])).findFirst().orElseThrow();
    }

    @Test
    void ticksOutsideTheSpanAreRefused() {
        HostMetricsGenerator metrics = generator(1);
        assertThrows(IllegalArgumentException.class, () -> metrics.body(0, metrics.ticks() + 1));
        assertThrows(IllegalArgumentException.class, () -> metrics.body(5, 5));
        assertThrows(IllegalArgumentException.class, () -> new HostMetricsGenerator(List.of(), 1, START, START + 1000, INTERVAL));
    }
}
