package io.loupe.ops.bench;

import io.loupe.index.api.Labels;
import io.loupe.index.api.MetricSample;
import io.loupe.index.api.SeriesKey;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The samples of a recording, kept series by series, written as an OpenMetrics 1.0 text file that
 * {@code promtool tsdb create-blocks-from openmetrics} turns into Prometheus blocks.
 *
 * <pre>
 * file    --> (family)* '# EOF\n'
 * family  --> '# TYPE ' name ' unknown\n' (sample '\n')+      one family per distinct sample name, by name
 * sample  --> name ['{' label (',' label)* '}'] ' ' value ' ' seconds
 * label   --> labelname '="' escaped '"'                      escaped: \ as \\, " as \", newline as \n
 * value   --> Java's shortest decimal | 'NaN' | '+Inf' | '-Inf'
 * seconds --> a decimal with at least 3 fraction digits that Prometheus reads back as the exact
 *             millisecond: int64(float64(seconds) * 1000) == ms
 * </pre>
 * Each series is contiguous and in time order; series follow each other in {@link SeriesKey} order.
 * Every family is {@code unknown}: the types do not change how Prometheus stores samples, and it spares
 * the counter-named-{@code X_total} and name-clash rules of typed families. Not thread-safe.
 */
final class OpenMetricsFile {
    private final TreeMap<SeriesKey, SeriesColumn> series = new TreeMap<>();
    private long samples;

    /** Timestamps and values of one series, in arrival order. */
    private static final class SeriesColumn {
        private long[] timestamps = new long[16];
        private double[] values = new double[16];
        private int count;

        void add(long timestampMillis, double value) {
            if (count > 0 && timestampMillis <= timestamps[count - 1]) {
                throw new IllegalArgumentException("samples of a series must come in time order: " + timestampMillis
                        + " ms after " + timestamps[count - 1] + " ms");
            }
            if (count == timestamps.length) {
                timestamps = Arrays.copyOf(timestamps, count * 2);
                values = Arrays.copyOf(values, count * 2);
            }
            timestamps[count] = timestampMillis;
            values[count] = value;
            count++;
        }
    }

    /**
     * @throws IllegalArgumentException when the sample is not later than the last one of its series,
     *                                  or lies before 1970 (OpenMetrics timestamps are read as seconds since then)
     */
    void add(MetricSample sample) {
        if (sample.timestampMillis() < 0) {
            throw new IllegalArgumentException("sample of " + sample.series() + " at " + sample.timestampMillis()
                    + " ms lies before 1970, which this writer does not support");
        }
        series.computeIfAbsent(sample.series(), key -> new SeriesColumn()).add(sample.timestampMillis(), sample.value());
        samples++;
    }

    long samples() {
        return samples;
    }

    /** Receives the samples of one series; the arrays hold {@code count} samples in time order and must not be modified. */
    interface SeriesVisitor {
        void visit(SeriesKey key, long[] timestamps, double[] values, int count) throws IOException;
    }

    /** Visits every series in {@link SeriesKey} order. */
    void forEachSeries(SeriesVisitor visitor) throws IOException {
        for (Map.Entry<SeriesKey, SeriesColumn> entry : series.entrySet()) {
            SeriesColumn column = entry.getValue();
            visitor.visit(entry.getKey(), column.timestamps, column.values, column.count);
        }
    }

    int seriesCount() {
        return series.size();
    }

    void write(Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(out);
        }
    }

    void write(Writer out) throws IOException {
        String family = null;
        StringBuilder line = new StringBuilder(256);
        for (Map.Entry<SeriesKey, SeriesColumn> entry : series.entrySet()) {
            SeriesKey key = entry.getKey();
            if (!key.name().equals(family)) {
                family = key.name();
                out.write("# TYPE " + family + " unknown\n");
            }
            line.setLength(0);
            appendSeries(line, key);
            int prefix = line.length();
            SeriesColumn column = entry.getValue();
            for (int i = 0; i < column.count; i++) {
                line.setLength(prefix);
                line.append(' ').append(value(column.values[i])).append(' ').append(seconds(column.timestamps[i])).append('\n');
                out.append(line);
            }
        }
        out.write("# EOF\n");
    }

    private static void appendSeries(StringBuilder line, SeriesKey key) {
        line.append(key.name());
        Labels labels = key.labels();
        if (labels.size() == 0) {
            return;
        }
        line.append('{');
        for (int i = 0; i < labels.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(labels.name(i)).append("=\"");
            appendEscaped(line, labels.value(i));
            line.append('"');
        }
        line.append('}');
    }

    /** A label value in OpenMetrics quoting: backslash, double quote and newline escaped. */
    static void appendEscaped(StringBuilder out, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
    }

    static String value(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        return Double.toString(value);
    }

    /**
     * Seconds since the epoch that Prometheus's OpenMetrics parser turns back into exactly
     * {@code millis} ({@code int64(seconds * 1000)}, which truncates): the double nearest
     * {@code millis / 1000}, or the next one up when that one's product falls just short, written
     * as its shortest decimal with at least three fraction digits.
     */
    static String seconds(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("timestamp " + millis + " ms lies before 1970");
        }
        double seconds = millis / 1000.0;
        while ((long) (seconds * 1000.0) < millis) {
            seconds = Math.nextUp(seconds);
        }
        String plain = new BigDecimal(Double.toString(seconds)).toPlainString();
        int dot = plain.indexOf('.');
        int fractionDigits = dot < 0 ? 0 : plain.length() - dot - 1;
        StringBuilder text = new StringBuilder(plain);
        if (dot < 0) {
            text.append('.');
        }
        for (int i = fractionDigits; i < 3; i++) {
            text.append('0');
        }
        return text.toString();
    }
}
