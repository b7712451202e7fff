package io.loupe.ingest.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.Labels;
import io.loupe.index.api.LoupeException;
import io.loupe.index.api.MetricSample;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Parses the native metric format: NDJSON (one JSON object per line, blank lines ignored) or one JSON
 * array of objects, each object one sample:
 *
 * <pre>
 * {"name":"http_requests_total","labels":{"method":"get"},"timestamp":"2026-11-22T10:00:00Z","value":12.5}
 * </pre>
 *
 * <ul>
 *   <li>{@code name} (required): a metric name, {@code [a-zA-Z_:][a-zA-Z0-9_:]*}.</li>
 *   <li>{@code labels} (optional): an object; names {@code [a-zA-Z_][a-zA-Z0-9_]*} ({@code __name__}
 *       is reserved); values strings, or numbers and booleans, which are kept as their JSON text
 *       ({@code 1.50} stays {@code "1.50"}); an empty or null value is no label.</li>
 *   <li>{@code timestamp} (optional, default the receive time): an RFC 3339 string or an epoch number
 *       whose unit is told by magnitude, as for logs ({@link TimestampParser}: below 10^15
 *       milliseconds, below 10^17 microseconds, else nanoseconds); rounded down to milliseconds.</li>
 *   <li>{@code value} (required): a JSON number, or a string holding a number or one of
 *       {@code NaN}, {@code Inf}, {@code +Inf}, {@code -Inf} (any case).</li>
 * </ul>
 *
 * Any other field rejects the sample (a misspelt {@code "lables"} must not silently drop labels).
 * Each sample is validated on its own: a bad one is listed and the others kept. A broken JSON array
 * refuses the request (INVALID_JSON), as for logs. Thread-safe.
 */
public final class NativeMetricParser {
    private static final JsonFactory JSON = new JsonFactory();
    private static final BigDecimal LARGEST_TIMESTAMP = BigDecimal.valueOf(Long.MAX_VALUE);
    /** Decimal places past which a timestamp number is refused: converting it would cost time for nothing. */
    private static final int MOST_TIMESTAMP_DECIMALS = 30;
    private static final int LONGEST_TIMESTAMP_TEXT = 64;
    private static final String FIELDS = "a sample has name, labels, timestamp and value";

    private final MetricLimits limits;

    public NativeMetricParser(MetricLimits limits) {
        this.limits = limits;
    }

    /**
     * @param body           the decompressed request body
     * @param receivedMillis receive time, used for samples without a timestamp
     * @throws LoupeException when the request as a whole is unacceptable (too many samples, broken JSON array)
     */
    public ParsedSamples parse(byte[] body, long receivedMillis) {
        SampleCollector collector = new SampleCollector(limits, SampleCollector.sendSmallerBatches("request"));
        if (JsonArrayBody.isArray(body)) {
            parseArray(body, receivedMillis, collector);
        } else {
            parseLines(body, receivedMillis, collector);
        }
        return collector.result();
    }

    private static void parseLines(byte[] body, long receivedMillis, SampleCollector collector) {
        TextLines lines = new TextLines(body);
        while (lines.next()) {
            if (!lines.isBlank()) {
                collector.countSample();
                if (collector.lineTooLong(lines.length())) {
                    collector.reject(lines.number(), collector.lineTooLongProblem("line", lines.length()));
                } else {
                    parseLine(body, lines.start(), lines.end(), lines.number(), receivedMillis, collector);
                }
            }
        }
    }

    private static void parseLine(byte[] body, int from, int to, int line, long receivedMillis, SampleCollector collector) {
        try (JsonParser parser = JSON.createParser(body, from, to - from)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                collector.reject(line, "a sample must be a JSON object, got " + describe(first));
                return;
            }
            MetricSample sample = readSample(parser, receivedMillis, collector);
            if (parser.nextToken() != null) {
                collector.reject(line, "unexpected content after the sample object at column "
                        + parser.currentTokenLocation().getColumnNr());
                return;
            }
            collector.accept(sample);
        } catch (SampleRejectedException e) {
            collector.reject(line, e.getMessage());
        } catch (JsonProcessingException e) {
            collector.reject(line, "line is not valid JSON: " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            collector.reject(line, "line is not valid JSON: " + firstLine(e.getMessage()));
        }
    }

    private static void parseArray(byte[] body, long receivedMillis, SampleCollector collector) {
        try (JsonParser parser = JSON.createParser(body)) {
            JsonArrayBody.forEachElement(parser, (element, token, position) -> {
                collector.countSample();
                long start = element.currentTokenLocation().getByteOffset();
                MetricSample sample = null;
                String problem = null;
                if (token == JsonToken.START_OBJECT) {
                    try {
                        sample = readSample(element, receivedMillis, collector);
                    } catch (SampleRejectedException e) {
                        problem = e.getMessage();
                    }
                } else {
                    problem = "a sample must be a JSON object, got " + describe(token);
                    element.skipChildren();
                }
                int size = (int) (element.currentLocation().getByteOffset() - start);
                if (collector.lineTooLong(size)) {
                    collector.reject(position, collector.lineTooLongProblem("sample", size));
                } else if (problem != null) {
                    collector.reject(position, problem);
                } else {
                    collector.accept(sample);
                }
            });
        } catch (JsonProcessingException e) {
            throw new LoupeException(ErrorCode.INVALID_JSON, "body is not a valid JSON array: " + firstLine(e.getOriginalMessage())
                    + " at byte " + e.getLocation().getByteOffset());
        } catch (IOException e) {
            throw new LoupeException(ErrorCode.INVALID_JSON, "body is not a valid JSON array: " + firstLine(e.getMessage()));
        }
    }

    /**
     * Reads one sample object, the parser on its START_OBJECT. The whole object is always consumed,
     * even when a field is bad, so an array parse stays in step; the first problem is then thrown.
     */
    private static MetricSample readSample(JsonParser parser, long receivedMillis, SampleCollector collector)
            throws IOException, SampleRejectedException {
        String name = null;
        Labels labels = Labels.EMPTY;
        long timestamp = receivedMillis;
        double value = 0;
        boolean hasValue = false;
        String problem = null;
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken valueToken = parser.nextToken();
            try {
                switch (field) {
                    case "name" -> name = readName(parser, valueToken, collector);
                    case "labels" -> labels = readLabels(parser, valueToken, name, collector);
                    case "timestamp" -> timestamp = readTimestamp(parser, valueToken, receivedMillis);
                    case "value" -> {
                        value = readValue(parser, valueToken);
                        hasValue = true;
                    }
                    default -> throw new SampleRejectedException("unknown field '" + InputExcerpt.of(field) + "'; " + FIELDS);
                }
            } catch (SampleRejectedException e) {
                problem = problem != null ? problem : e.getMessage();
                parser.skipChildren();
            }
        }
        if (token != JsonToken.END_OBJECT) {
            throw new SampleRejectedException("the sample object is not closed");
        }
        if (problem != null) {
            throw new SampleRejectedException(problem);
        }
        if (name == null) {
            throw new SampleRejectedException("sample has no 'name'; " + FIELDS);
        }
        if (!hasValue) {
            throw new SampleRejectedException("sample of '" + name + "' has no 'value'");
        }
        return new MetricSample(name, labels, timestamp, value);
    }

    private static String readName(JsonParser parser, JsonToken token, SampleCollector collector) throws IOException, SampleRejectedException {
        if (token != JsonToken.VALUE_STRING) {
            throw new SampleRejectedException("'name' must be a string, got " + describe(token));
        }
        String name = parser.getText();
        if (!isMetricName(name)) {
            throw new SampleRejectedException("metric name '" + InputExcerpt.of(name)
                    + "' is not a valid name ([a-zA-Z_:][a-zA-Z0-9_:]*)");
        }
        if (collector.labelTooLong(name.length())) {
            throw new SampleRejectedException(collector.labelTooLongProblem("metric name '" + InputExcerpt.of(name) + "'", name.length()));
        }
        return name;
    }

    /** Reads the labels object whole (even past a bad label, so the parser stays in step), then throws the first problem. */
    private static Labels readLabels(JsonParser parser, JsonToken token, String metric, SampleCollector collector)
            throws IOException, SampleRejectedException {
        if (token == JsonToken.VALUE_NULL) {
            return Labels.EMPTY;
        }
        if (token != JsonToken.START_OBJECT) {
            throw new SampleRejectedException("'labels' must be an object of strings, got " + describe(token));
        }
        Map<String, String> labels = new HashMap<>();
        int nonEmpty = 0;
        String problem = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String labelName = parser.currentName();
            JsonToken valueToken = parser.nextToken();
            if (valueToken == JsonToken.START_OBJECT || valueToken == JsonToken.START_ARRAY) {
                parser.skipChildren();
                problem = problem != null ? problem : "label '" + InputExcerpt.of(labelName) + "' must be a string, got "
                        + describe(valueToken);
                continue;
            }
            if (problem != null) {
                continue;
            }
            String value = valueToken == JsonToken.VALUE_NULL ? "" : parser.getText();
            problem = labelProblem(labelName, value, metric, collector);
            if (problem == null && labels.put(labelName, value) != null) {
                problem = "label '" + labelName + "' appears twice";
            }
            if (problem == null && !value.isEmpty() && collector.tooManyLabels(++nonEmpty)) {
                problem = collector.moreLabelsThanTheLimitProblem("sample", "labels");
            }
        }
        if (problem != null) {
            throw new SampleRejectedException(problem);
        }
        return Labels.of(labels);
    }

    private static String labelProblem(String labelName, String value, String metric, SampleCollector collector) {
        if (!isLabelName(labelName)) {
            return "label name '" + InputExcerpt.of(labelName) + "' is not a valid name ([a-zA-Z_][a-zA-Z0-9_]*)";
        }
        if (labelName.equals("__name__")) {
            return "label '__name__' is reserved; the metric name goes in 'name'";
        }
        if (collector.labelTooLong(labelName.length())) {
            return collector.labelTooLongProblem("label name '" + InputExcerpt.of(labelName) + "'", labelName.length());
        }
        int bytes = utf8Length(value);
        if (collector.labelTooLong(bytes)) {
            return collector.labelTooLongProblem("value of label '" + labelName + "'" + (metric != null ? " of '" + metric + "'" : ""), bytes);
        }
        return null;
    }

    private static long readTimestamp(JsonParser parser, JsonToken token, long receivedMillis) throws IOException, SampleRejectedException {
        long nanos;
        try {
            if (token == JsonToken.VALUE_NULL) {
                return receivedMillis;
            } else if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                BigDecimal number = parser.getDecimalValue();
                if (number.scale() > MOST_TIMESTAMP_DECIMALS || number.compareTo(LARGEST_TIMESTAMP) > 0) {
                    throw new SampleRejectedException("timestamp " + InputExcerpt.of(parser.getText())
                            + " is out of range (epoch milliseconds, microseconds or nanoseconds)");
                }
                nanos = TimestampParser.parseNumber(number);
            } else if (token == JsonToken.VALUE_STRING) {
                String text = parser.getText();
                if (text.length() > LONGEST_TIMESTAMP_TEXT) {
                    throw new SampleRejectedException("timestamp '" + InputExcerpt.of(text)
                            + "' is not RFC 3339 (e.g. 2026-11-22T10:15:30.123Z) nor an epoch number");
                }
                nanos = TimestampParser.parseText(text);
            } else {
                throw new SampleRejectedException("timestamp must be an RFC 3339 string or an epoch number, got " + describe(token));
            }
        } catch (IllegalArgumentException e) {
            throw new SampleRejectedException(e.getMessage());
        }
        return Math.floorDiv(nanos, 1_000_000L);
    }

    private static double readValue(JsonParser parser, JsonToken token) throws IOException, SampleRejectedException {
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            double value = parser.getDoubleValue();
            return value == 0 && parser.getText().startsWith("-") ? -0.0 : value;
        }
        if (token != JsonToken.VALUE_STRING) {
            throw new SampleRejectedException("'value' must be a number or one of \"NaN\", \"+Inf\", \"-Inf\", got " + describe(token));
        }
        String text = parser.getText();
        switch (text.toLowerCase(Locale.ROOT)) {
            case "nan" -> {
                return Double.NaN;
            }
            case "inf", "+inf", "infinity", "+infinity" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf", "-infinity" -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> {
                return parseNumericText(text);
            }
        }
    }

    private static double parseNumericText(String text) throws SampleRejectedException {
        boolean numeric = !text.isEmpty();
        for (int i = 0; i < text.length() && numeric; i++) {
            char c = text.charAt(i);
            numeric = (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-';
        }
        if (numeric) {
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw notANumber(text);
            }
        }
        throw notANumber(text);
    }

    private static SampleRejectedException notANumber(String text) {
        return new SampleRejectedException("value '" + InputExcerpt.of(text) + "' is not a number nor one of NaN, +Inf, -Inf");
    }

    private static boolean isMetricName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
            if (!letter && (i == 0 || c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLabelName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
            if (!letter && (i == 0 || c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    private static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_OBJECT -> "object";
            case START_ARRAY -> "array";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> token.name().toLowerCase(Locale.ROOT);
        };
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
