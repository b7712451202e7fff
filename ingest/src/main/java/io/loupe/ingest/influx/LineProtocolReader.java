package io.loupe.ingest.influx;

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
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one line protocol line into samples, one per field, straight from the body bytes. The whole
 * line is read before any sample is emitted: a line that cannot be read (syntax, tags over a limit,
 * a bad timestamp) is rejected once; a field that cannot be a sample (a string, a bad number) is
 * rejected on its own and the other fields of its line are kept. One instance per parse call (it
 * hands its samples and errors to that call's collector, and keeps scratch buffers): not thread-safe.
 */
final class LineProtocolReader {
    /** Characters a backslash escapes in a measurement. */
    private static final String MEASUREMENT_ESCAPES = ", \\";
    /** Characters a backslash escapes in tag keys, tag values and field keys. */
    private static final String KEY_ESCAPES = ",= \\";

    private final SampleCollector collector;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder();
    private byte[] unescaped = new byte[256];
    /** UTF-8 length of the last {@link #text} result. */
    private int lastTextBytes;

    private String[] fieldKeys = new String[8];
    private double[] fieldValues = new double[8];
    private String[] fieldProblems = new String[8];
    private int fieldCount;

    LineProtocolReader(SampleCollector collector) {
        this.collector = collector;
    }

    /** Reads the line {@code [from, to)} (no leading blanks) and hands its samples and errors to the collector. */
    void read(byte[] line, int from, int to, int lineNumber, Precision precision, long receivedMillis) {
        String measurement;
        Labels labels;
        long timestamp;
        try {
            int measurementEnd = scanEscaped(line, from, to, ',', ' ', ' ');
            measurement = text(line, from, measurementEnd, MEASUREMENT_ESCAPES, "measurement");
            if (measurement.isEmpty()) {
                throw new SampleRejectedException("line does not start with a measurement: '" + InputExcerpt.of(line, from, to) + "'");
            }
            Map<String, String> tags = new HashMap<>();
            int i = readTags(line, measurementEnd, to, measurement, tags);
            labels = tags.isEmpty() ? Labels.EMPTY : Labels.of(tags);
            i = readFields(line, skipSpaces(line, i, to), to, measurement);
            timestamp = readTimestamp(line, skipSpaces(line, i, to), to, precision, receivedMillis);
        } catch (SampleRejectedException e) {
            collector.countSample();
            collector.reject(lineNumber, e.getMessage());
            return;
        }
        for (int f = 0; f < fieldCount; f++) {
            collector.countSample();
            String problem = fieldProblems[f];
            String seriesName = problem == null ? SeriesNaming.seriesName(measurement, fieldKeys[f]) : null;
            if (problem == null && collector.labelTooLong(seriesName.length())) {
                problem = collector.labelTooLongProblem("metric name '" + InputExcerpt.of(seriesName) + "'", seriesName.length());
            }
            if (problem != null) {
                collector.reject(lineNumber, problem);
            } else {
                collector.accept(new MetricSample(seriesName, labels, timestamp, fieldValues[f]));
            }
        }
    }

    /** Reads {@code (,key=value)*} after the measurement; returns the position after the last tag. */
    private int readTags(byte[] line, int from, int to, String measurement, Map<String, String> tags) throws SampleRejectedException {
        int i = from;
        while (i < to && line[i] == ',') {
            int keyStart = i + 1;
            int keyEnd = scanEscaped(line, keyStart, to, '=', ',', ' ');
            String key = text(line, keyStart, keyEnd, KEY_ESCAPES, "tag key");
            if (key.isEmpty()) {
                throw new SampleRejectedException("empty tag key in measurement '" + InputExcerpt.of(measurement) + "'");
            }
            checkLength(lastTextBytes, "tag key", key, measurement);
            if (keyEnd >= to || line[keyEnd] != '=') {
                throw new SampleRejectedException("tag '" + InputExcerpt.of(key) + "' of measurement '" + InputExcerpt.of(measurement)
                        + "' has no value (tags are key=value)");
            }
            int valueEnd = scanEscaped(line, keyEnd + 1, to, ',', ' ', ' ');
            String value = text(line, keyEnd + 1, valueEnd, KEY_ESCAPES, "tag value");
            checkLength(lastTextBytes, "value of tag", key, measurement);
            if (!value.isEmpty()) {
                String labelName = SeriesNaming.labelName(key);
                if (tags.put(labelName, value) != null) {
                    throw new SampleRejectedException("tag '" + labelName + "' appears twice in a line of measurement '"
                            + InputExcerpt.of(measurement) + "' (tag keys are compared after invalid characters become '_')");
                }
                if (collector.tooManyLabels(tags.size())) {
                    throw new SampleRejectedException(collector.moreLabelsThanTheLimitProblem(
                            "line of measurement '" + InputExcerpt.of(measurement) + "'", "tags"));
                }
            }
            i = valueEnd;
        }
        if (i >= to) {
            throw new SampleRejectedException("line of measurement '" + InputExcerpt.of(measurement) + "' has no fields");
        }
        return i;
    }

    /** Reads {@code key=value(,key=value)*} into the field arrays; returns the position after the last field. */
    private int readFields(byte[] line, int from, int to, String measurement) throws SampleRejectedException {
        fieldCount = 0;
        if (from >= to) {
            throw new SampleRejectedException("line of measurement '" + InputExcerpt.of(measurement) + "' has no fields");
        }
        int i = from;
        while (true) {
            int keyEnd = scanEscaped(line, i, to, '=', ',', ' ');
            String key = text(line, i, keyEnd, KEY_ESCAPES, "field key");
            if (key.isEmpty()) {
                throw new SampleRejectedException("empty field key in measurement '" + InputExcerpt.of(measurement) + "': '"
                        + InputExcerpt.of(line, i, to) + "'");
            }
            if (keyEnd >= to || line[keyEnd] != '=') {
                throw new SampleRejectedException("field '" + InputExcerpt.of(key) + "' of measurement '" + InputExcerpt.of(measurement)
                        + "' has no value (fields are key=value)");
            }
            i = keyEnd + 1;
            if (i < to && line[i] == '"') {
                int close = scanString(line, i + 1, to);
                if (close >= to) {
                    throw new SampleRejectedException("string value of field '" + InputExcerpt.of(key) + "' of measurement '"
                            + InputExcerpt.of(measurement) + "' is not closed with '\"'");
                }
                addField(key, 0, "string field '" + InputExcerpt.of(key) + "' of measurement '" + InputExcerpt.of(measurement)
                        + "' cannot be stored as a metric sample");
                i = close + 1;
            } else {
                int valueEnd = i;
                while (valueEnd < to && line[valueEnd] != ',' && line[valueEnd] != ' ') {
                    valueEnd++;
                }
                if (valueEnd == i) {
                    throw new SampleRejectedException("field '" + InputExcerpt.of(key) + "' of measurement '" + InputExcerpt.of(measurement)
                            + "' has no value");
                }
                try {
                    addField(key, FieldValues.parse(line, i, valueEnd), null);
                } catch (NumberFormatException e) {
                    addField(key, 0, "value '" + InputExcerpt.of(line, i, valueEnd) + "' of field '" + InputExcerpt.of(key)
                            + "' of measurement '" + InputExcerpt.of(measurement) + "' " + e.getMessage());
                }
                i = valueEnd;
            }
            if (i < to && line[i] == ',') {
                i++;
            } else if (i < to && line[i] != ' ') {
                throw new SampleRejectedException("unexpected '" + InputExcerpt.of(line, i, to) + "' after field '" + InputExcerpt.of(key)
                        + "' of measurement '" + InputExcerpt.of(measurement) + "'");
            } else {
                return i;
            }
        }
    }

    private long readTimestamp(byte[] line, int from, int to, Precision precision, long receivedMillis) throws SampleRejectedException {
        if (from >= to) {
            return receivedMillis;
        }
        int end = from;
        while (end < to && line[end] != ' ') {
            end++;
        }
        if (skipSpaces(line, end, to) != to) {
            throw new SampleRejectedException("unexpected '" + InputExcerpt.of(line, skipSpaces(line, end, to), to) + "' after the timestamp");
        }
        long timestamp = parseTimestamp(line, from, end);
        try {
            return precision.toEpochMillis(timestamp);
        } catch (ArithmeticException e) {
            throw new SampleRejectedException("timestamp '" + InputExcerpt.of(line, from, end) + "' is out of range for precision "
                    + precision.name().toLowerCase(Locale.ROOT));
        }
    }

    private static long parseTimestamp(byte[] line, int from, int to) throws SampleRejectedException {
        int i = from;
        boolean negative = line[i] == '-';
        if (negative) {
            i++;
        }
        long negated = 0;
        boolean valid = i < to;
        for (; i < to && valid; i++) {
            int digit = line[i] - '0';
            valid = digit >= 0 && digit <= 9 && negated >= (Long.MIN_VALUE + digit) / 10;
            negated = negated * 10 - digit;
        }
        if (!valid || (!negative && negated == Long.MIN_VALUE)) {
            throw new SampleRejectedException("timestamp '" + InputExcerpt.of(line, from, to) + "' is not a 64-bit integer");
        }
        return negative ? negated : -negated;
    }

    private void addField(String key, double value, String problem) {
        if (fieldCount == fieldKeys.length) {
            fieldKeys = Arrays.copyOf(fieldKeys, fieldCount * 2);
            fieldValues = Arrays.copyOf(fieldValues, fieldCount * 2);
            fieldProblems = Arrays.copyOf(fieldProblems, fieldCount * 2);
        }
        fieldKeys[fieldCount] = key;
        fieldValues[fieldCount] = value;
        fieldProblems[fieldCount] = problem;
        fieldCount++;
    }

    private void checkLength(int bytes, String what, String key, String measurement) throws SampleRejectedException {
        if (collector.labelTooLong(bytes)) {
            throw new SampleRejectedException(collector.labelTooLongProblem(
                    what + " '" + InputExcerpt.of(key) + "' of measurement '" + InputExcerpt.of(measurement) + "'", bytes));
        }
    }

    /** The text of {@code [from, to)} with backslash escapes of {@code escapable} characters removed; strict UTF-8. */
    private String text(byte[] line, int from, int to, String escapable, String what) throws SampleRejectedException {
        boolean plainAscii = true;
        for (int i = from; i < to && plainAscii; i++) {
            plainAscii = line[i] >= 0 && line[i] != '\\';
        }
        if (plainAscii) {
            lastTextBytes = to - from;
            return new String(line, from, to - from, StandardCharsets.ISO_8859_1);
        }
        if (unescaped.length < to - from) {
            unescaped = Arrays.copyOf(unescaped, Math.max(to - from, unescaped.length * 2));
        }
        int length = 0;
        for (int i = from; i < to; i++) {
            if (line[i] == '\\' && i + 1 < to && escapable.indexOf(line[i + 1]) >= 0) {
                i++;
            }
            unescaped[length++] = line[i];
        }
        lastTextBytes = length;
        try {
            return utf8.decode(ByteBuffer.wrap(unescaped, 0, length)).toString();
        } catch (CharacterCodingException e) {
            throw new SampleRejectedException(what + " '" + InputExcerpt.of(line, from, to) + "' is not valid utf-8");
        }
    }

    /** Position of the first of the stop bytes not escaped by a backslash, or {@code to}. */
    private static int scanEscaped(byte[] line, int from, int to, char stop1, char stop2, char stop3) {
        int i = from;
        while (i < to) {
            byte c = line[i];
            if (c == '\\') {
                i += 2;
            } else if (c == stop1 || c == stop2 || c == stop3) {
                return i;
            } else {
                i++;
            }
        }
        return to;
    }

    /** Position of the closing quote of a string field value starting at {@code from}, or {@code to}. */
    private static int scanString(byte[] line, int from, int to) {
        return scanEscaped(line, from, to, '"', '"', '"');
    }

    private static int skipSpaces(byte[] line, int from, int to) {
        int i = from;
        while (i < to && line[i] == ' ') {
            i++;
        }
        return i;
    }
}
