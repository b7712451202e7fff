package io.loupe.ingest.prometheus;

import io.loupe.index.api.Labels;
import io.loupe.index.api.MetricSample;
import io.loupe.ingest.parse.InputExcerpt;
import io.loupe.ingest.parse.SampleCollector;
import io.loupe.ingest.parse.SampleRejectedException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads one sample line, {@code name[{label="value",...}] value [timestamp] [# exemplar]}, straight
 * from the body bytes: no regex, no String of the line, one String per name or value (shared through
 * an {@link AsciiStringCache}). Blanks (spaces, tabs) may separate the tokens; a trailing comma in the
 * label set is allowed; an exemplar (anything from a {@code #} after the value or timestamp) is
 * ignored. One instance per parse call: it keeps scratch buffers and is not thread-safe.
 */
final class SampleLineReader {
    private final SampleCollector collector;
    private final boolean openMetrics;
    private final Labels targetLabels;
    private final AsciiStringCache strings = new AsciiStringCache();
    private final ExposedLabels labels;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder();
    private byte[] unescaped = new byte[256];
    /** {@code <family>_created} while the current family is an OpenMetrics one that has it, else null. */
    private String createdSampleName;

    /** @param collector the parse call's collector, for the per-sample limits and their messages */
    SampleLineReader(SampleCollector collector, boolean openMetrics, Labels targetLabels) {
        this.collector = collector;
        this.openMetrics = openMetrics;
        this.targetLabels = targetLabels;
        this.labels = new ExposedLabels(collector);
    }

    /** A {@code # TYPE} line started a new family. */
    void startFamily(String name, MetricType type) {
        createdSampleName = openMetrics && type.hasCreatedSample() ? name + "_created" : null;
    }

    /**
     * @param from first byte of the line that is not blank
     * @return the sample, or null for an OpenMetrics {@code _created} sample (dropped: it is the
     *         creation time of the counter, not a value of it)
     */
    MetricSample read(byte[] line, int from, int to, long defaultTimestampMillis) throws SampleRejectedException {
        int nameEnd = scanMetricName(line, from, to);
        if (nameEnd == from) {
            throw new SampleRejectedException("line does not start with a metric name ([a-zA-Z_:][a-zA-Z0-9_:]*): '"
                    + InputExcerpt.of(line, from, to) + "'");
        }
        if (collector.labelTooLong(nameEnd - from)) {
            throw new SampleRejectedException(
                    collector.labelTooLongProblem("metric name '" + InputExcerpt.of(line, from, nameEnd) + "'", nameEnd - from));
        }
        String name = strings.get(line, from, nameEnd);
        if (name.equals(createdSampleName)) {
            return null;
        }
        int i = skipBlanks(line, nameEnd, to);
        labels.clear();
        if (i < to && line[i] == '{') {
            i = readLabels(line, i + 1, to, name);
        } else if (i == nameEnd && i < to) {
            throw new SampleRejectedException("invalid character '" + InputExcerpt.of(line, i, i + 1) + "' in metric name '"
                    + InputExcerpt.of(line, from, to) + "'; names match [a-zA-Z_:][a-zA-Z0-9_:]*");
        }
        int valueStart = skipBlanks(line, i, to);
        if (valueStart == to) {
            throw new SampleRejectedException("sample of '" + name + "' has no value");
        }
        int valueEnd = scanToken(line, valueStart, to);
        double value;
        try {
            value = ExpositionNumbers.parseValue(line, valueStart, valueEnd);
        } catch (NumberFormatException e) {
            throw new SampleRejectedException("value '" + InputExcerpt.of(line, valueStart, valueEnd) + "' of '" + name + "' "
                    + e.getMessage() + " (Go float syntax, NaN, +Inf or -Inf)");
        }
        long timestamp = defaultTimestampMillis;
        int rest = skipBlanks(line, valueEnd, to);
        if (rest < to && line[rest] != '#') {
            int timestampEnd = scanToken(line, rest, to);
            timestamp = timestamp(line, rest, timestampEnd, name);
            rest = skipBlanks(line, timestampEnd, to);
        }
        if (rest < to && line[rest] != '#') {
            throw new SampleRejectedException("unexpected '" + InputExcerpt.of(line, rest, to) + "' after the timestamp of '" + name + "'");
        }
        return new MetricSample(name, labels.join(targetLabels, name), timestamp, value);
    }

    private long timestamp(byte[] line, int from, int to, String name) throws SampleRejectedException {
        try {
            return openMetrics ? ExpositionNumbers.parseSecondsAsMillis(line, from, to) : ExpositionNumbers.parseMillis(line, from, to);
        } catch (NumberFormatException e) {
            throw new SampleRejectedException("timestamp '" + InputExcerpt.of(line, from, to) + "' of '" + name + "' " + e.getMessage()
                    + (openMetrics ? " (openmetrics timestamps are seconds since the epoch)"
                    : " (text format 0.0.4 timestamps are integer milliseconds since the epoch)"));
        }
    }

    /** Reads the labels after the opening brace; returns the position after the closing one. */
    private int readLabels(byte[] line, int from, int to, String metric) throws SampleRejectedException {
        int i = from;
        while (true) {
            i = skipBlanks(line, i, to);
            if (i < to && line[i] == '}') {
                return i + 1;
            }
            int nameEnd = scanLabelName(line, i, to);
            if (nameEnd == i) {
                throw new SampleRejectedException(i == to ? "label set of '" + metric + "' is not closed with '}'"
                        : "invalid label name at '" + InputExcerpt.of(line, i, to) + "' in '" + metric + "'; label names match [a-zA-Z_][a-zA-Z0-9_]*");
            }
            if (collector.labelTooLong(nameEnd - i)) {
                throw new SampleRejectedException(collector.labelTooLongProblem(
                        "label name '" + InputExcerpt.of(line, i, nameEnd) + "' of '" + metric + "'", nameEnd - i));
            }
            String labelName = strings.get(line, i, nameEnd);
            i = skipBlanks(line, nameEnd, to);
            if (i >= to || line[i] != '=') {
                throw new SampleRejectedException("label '" + labelName + "' of '" + metric + "' has no '=' and value");
            }
            i = skipBlanks(line, i + 1, to);
            if (i >= to || line[i] != '"') {
                throw new SampleRejectedException("value of label '" + labelName + "' of '" + metric + "' is not a double-quoted string");
            }
            int valueStart = i + 1;
            int valueEnd = scanQuoted(line, valueStart, to);
            if (valueEnd >= to) {
                throw new SampleRejectedException("value of label '" + labelName + "' of '" + metric + "' is not closed with '\"'");
            }
            labels.add(labelName, labelValue(line, valueStart, valueEnd, labelName, metric), metric);
            i = skipBlanks(line, valueEnd + 1, to);
            if (i < to && line[i] == ',') {
                i++;
            } else if (i >= to || line[i] != '}') {
                throw new SampleRejectedException("expected ',' or '}' after label '" + labelName + "' of '" + metric + "'");
            }
        }
    }

    /** Position of the closing quote of a label value starting at {@code from}, or {@code to} when there is none. */
    private static int scanQuoted(byte[] line, int from, int to) {
        int i = from;
        while (i < to) {
            byte c = line[i];
            if (c == '"') {
                return i;
            }
            i += c == '\\' ? 2 : 1;
        }
        return to;
    }

    private String labelValue(byte[] line, int from, int to, String labelName, String metric) throws SampleRejectedException {
        boolean plainAscii = true;
        for (int i = from; i < to && plainAscii; i++) {
            plainAscii = line[i] >= 0 && line[i] != '\\';
        }
        if (plainAscii) {
            checkValueLength(to - from, labelName, metric);
            return strings.get(line, from, to);
        }
        if (unescaped.length < to - from) {
            unescaped = Arrays.copyOf(unescaped, Math.max(to - from, unescaped.length * 2));
        }
        int length = 0;
        for (int i = from; i < to; i++) {
            byte c = line[i];
            if (c == '\\') {
                byte escaped = line[++i];
                c = switch (escaped) {
                    case '\\' -> '\\';
                    case '"' -> '"';
                    case 'n' -> '\n';
                    default -> throw new SampleRejectedException("invalid escape '\\" + InputExcerpt.of(line, i, i + 1) + "' in the value of label '"
                            + labelName + "' of '" + metric + "'; only \\\\, \\\" and \\n are allowed");
                };
            }
            unescaped[length++] = c;
        }
        checkValueLength(length, labelName, metric);
        try {
            return utf8.decode(ByteBuffer.wrap(unescaped, 0, length)).toString();
        } catch (CharacterCodingException e) {
            throw new SampleRejectedException("value of label '" + labelName + "' of '" + metric + "' is not valid utf-8");
        }
    }

    private void checkValueLength(int bytes, String labelName, String metric) throws SampleRejectedException {
        if (collector.labelTooLong(bytes)) {
            throw new SampleRejectedException(collector.labelTooLongProblem("value of label '" + labelName + "' of '" + metric + "'", bytes));
        }
    }

    /** End of the metric name {@code [a-zA-Z_:][a-zA-Z0-9_:]*} starting at {@code from} ({@code from} when there is none). */
    static int scanMetricName(byte[] line, int from, int to) {
        if (from >= to || !isNameStart(line[from]) && line[from] != ':') {
            return from;
        }
        int i = from + 1;
        while (i < to && (isNameStart(line[i]) || line[i] == ':' || (line[i] >= '0' && line[i] <= '9'))) {
            i++;
        }
        return i;
    }

    /** End of the label name {@code [a-zA-Z_][a-zA-Z0-9_]*} starting at {@code from}. */
    private static int scanLabelName(byte[] line, int from, int to) {
        if (from >= to || !isNameStart(line[from])) {
            return from;
        }
        int i = from + 1;
        while (i < to && (isNameStart(line[i]) || (line[i] >= '0' && line[i] <= '9'))) {
            i++;
        }
        return i;
    }

    private static boolean isNameStart(byte c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    static int skipBlanks(byte[] line, int from, int to) {
        int i = from;
        while (i < to && (line[i] == ' ' || line[i] == '\t')) {
            i++;
        }
        return i;
    }

    static int scanToken(byte[] line, int from, int to) {
        int i = from;
        while (i < to && line[i] != ' ' && line[i] != '\t') {
            i++;
        }
        return i;
    }
}
