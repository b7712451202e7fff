package io.loupe.ops.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loupe.index.api.Labels;
import io.loupe.index.api.MetricSample;
import io.loupe.ingest.parse.MetricLimits;
import io.loupe.ingest.parse.ParsedSamples;
import io.loupe.ingest.prometheus.PrometheusTextParser;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The OpenMetrics file promtool reads: what Prometheus and Loupe parse back must be the samples written. */
class MetricsOpenMetricsFileTest {

    /** What Prometheus 2.x's OpenMetrics parser does with a timestamp: {@code int64(ParseFloat(text) * 1000)}. */
    private static long prometheusMillis(String seconds) {
        return (long) (Double.parseDouble(seconds) * 1000.0);
    }

    @Property
    void everyMillisecondSurvivesPrometheusTimestampParsing(@ForAll @LongRange(min = 0, max = 4_102_444_800_000L) long millis) {
        String text = OpenMetricsFile.seconds(millis);
        assertEquals(millis, prometheusMillis(text), text);
        assertTrue(text.matches("\\d+\\.\\d{3,}"), text);
    }

    @Test
    void timestampsWhoseNearestDoubleWouldTruncateAreWrittenJustAbove() {
        // 1.001 is stored just below 1.001, and times 1000 it is 1000.9999999999999: Prometheus would read 1000 ms
        assertEquals(1_000, prometheusMillis("1.001"));
        String text = OpenMetricsFile.seconds(1_001);
        assertEquals(1_001, prometheusMillis(text));
        assertTrue(text.startsWith("1.001") && text.length() > "1.001".length(), text);
        assertEquals("1763776824.000", OpenMetricsFile.seconds(1_763_776_824_000L));
        assertEquals("0.000", OpenMetricsFile.seconds(0));
        assertThrows(IllegalArgumentException.class, () -> OpenMetricsFile.seconds(-1));
    }

    @Test
    void specialValuesUseOpenMetricsSpelling() {
        assertEquals("NaN", OpenMetricsFile.value(Double.NaN));
        assertEquals("+Inf", OpenMetricsFile.value(Double.POSITIVE_INFINITY));
        assertEquals("-Inf", OpenMetricsFile.value(Double.NEGATIVE_INFINITY));
        assertEquals(1.0E-5, Double.parseDouble(OpenMetricsFile.value(1.0E-5)));
    }

    @Test
    void writesFamiliesOnceAndSeriesContiguousInTimeOrder() throws IOException {
        OpenMetricsFile file = new OpenMetricsFile();
        Labels cpu0 = Labels.of("cpu", "0", "mode", "idle");
        Labels cpu1 = Labels.of("cpu", "1", "mode", "idle");
        file.add(new MetricSample("node_cpu_seconds_total", cpu1, 2_000, 7));
        file.add(new MetricSample("node_cpu_seconds_total", cpu0, 2_000, 5));
        file.add(new MetricSample("node_load1", Labels.EMPTY, 2_000, 0.25));
        file.add(new MetricSample("node_cpu_seconds_total", cpu1, 3_000, 8));
        file.add(new MetricSample("node_cpu_seconds_total", cpu0, 3_000, 6));
        StringWriter out = new StringWriter();
        file.write(out);
        assertEquals("""
                # TYPE node_cpu_seconds_total unknown
                node_cpu_seconds_total{cpu="0",mode="idle"} 5.0 2.000
                node_cpu_seconds_total{cpu="0",mode="idle"} 6.0 3.000
                node_cpu_seconds_total{cpu="1",mode="idle"} 7.0 2.000
                node_cpu_seconds_total{cpu="1",mode="idle"} 8.0 3.000
                # TYPE node_load1 unknown
                node_load1 0.25 2.000
                # EOF
                """, out.toString());
        assertEquals(5, file.samples());
        assertEquals(3, file.seriesCount());
        assertThrows(IllegalArgumentException.class, () -> file.add(new MetricSample("node_load1", Labels.EMPTY, 2_000, 1)));
    }

    @Test
    void labelValuesAreEscapedSoThatTheParserReadsTheSameSeriesBack() throws IOException {
        Labels awkward = Labels.of("mountpoint", "C:\\data \"disk\"\nsecond line", "fstype", "ext4 ünïcode");
        List<MetricSample> written = List.of(
                new MetricSample("node_filesystem_avail_bytes", awkward, 1_763_776_824_123L, 1.5e12),
                new MetricSample("node_filesystem_avail_bytes", awkward, 1_763_776_825_999L, Double.POSITIVE_INFINITY),
                new MetricSample("node_load1", Labels.EMPTY, 1_763_776_824_001L, -0.0));
        OpenMetricsFile file = new OpenMetricsFile();
        written.forEach(file::add);
        StringWriter out = new StringWriter();
        file.write(out);
        assertTrue(out.toString().contains("mountpoint=\"C:\\\\data \\\"disk\\\"\\nsecond line\""), out.toString());
        ParsedSamples parsed = new PrometheusTextParser(MetricLimits.defaults())
                .parse(out.toString().getBytes(StandardCharsets.UTF_8), PrometheusTextParser.Format.OPEN_METRICS, 0, Labels.EMPTY);
        assertEquals(0, parsed.rejected(), () -> parsed.errors().toString());
        assertEquals(written, parsed.accepted());
    }
}
