package io.loupe.ingest.loki;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.JsonEOFException;
import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LoupeException;
import io.loupe.ingest.parse.InputExcerpt;
import io.loupe.ingest.parse.TimestampParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads Loki's JSON push body with a streaming parser (a body of millions of tiny entries never
 * becomes a tree), one stream at a time, handing each finished stream to the collector:
 * <pre>
 * push    --&gt; {"streams": [ stream* ] }                                  other fields ignored
 * stream  --&gt; {"stream": {name: value, ...}, "values": [ value* ]}        current form
 *           | {"labels": "{name=\"value\", ...}", "entries": [ entry* ]}  old form
 * value   --&gt; [ ns, line ] | [ ns, line, {name: value, ...} ]            the object is structured metadata
 * entry   --&gt; {"ts": "RFC 3339", "line": line}
 * ns      --&gt; epoch nanoseconds, a decimal string (as Loki writes them) or an integer
 * </pre>
 * Label, metadata and line values are strings. A body that does not have this shape is refused whole
 * ({@link ErrorCode#INVALID_JSON}, naming the path, e.g. {@code streams[0].values[3]}): its entries
 * cannot be told apart reliably. Not thread-safe; one per request.
 */
final class LokiJsonPushReader {
    /** Lines are limited by {@code ingest.max_line_bytes} per entry, not by Jackson's default 20 MB string limit. */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .build();

    private final JsonParser parser;
    private final LokiPushCollector collector;

    private LokiJsonPushReader(JsonParser parser, LokiPushCollector collector) {
        this.parser = parser;
        this.collector = collector;
    }

    /** @throws LoupeException {@link ErrorCode#INVALID_JSON} for a body that is not JSON or not a push */
    static void read(byte[] body, LokiPushCollector collector) {
        try (JsonParser parser = FACTORY.createParser(body)) {
            new LokiJsonPushReader(parser, collector).push();
        } catch (JsonEOFException e) {
            throw new LoupeException(ErrorCode.INVALID_JSON, "loki push body is not valid JSON: it ends at byte " + body.length
                    + " before its arrays and objects are closed (is it truncated?)", e);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at byte " + e.getLocation().getByteOffset();
            throw new LoupeException(ErrorCode.INVALID_JSON, "loki push body is not valid JSON: " + e.getOriginalMessage() + where, e);
        } catch (IOException e) {
            throw new LoupeException(ErrorCode.INVALID_JSON, "loki push body cannot be read: " + e.getMessage(), e);
        }
    }

    private void push() throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw shape("", "a loki push body is a JSON object {\"streams\":[...]}, got " + describe(parser.currentToken()));
        }
        boolean sawStreams = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            if (name.equals("streams")) {
                sawStreams = true;
                streams();
            } else {
                parser.skipChildren();
            }
        }
        if (parser.nextToken() != null) {
            throw shape("", "unexpected content after the push object");
        }
        if (!sawStreams) {
            throw shape("", "the push object has no \"streams\" field");
        }
    }

    private void streams() throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw shape("streams", "must be an array of streams, got " + describe(parser.currentToken()));
        }
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            stream(index++);
        }
    }

    private void stream(int index) throws IOException {
        String path = "streams[" + index + "]";
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw shape(path, "must be a stream object {\"stream\":{...},\"values\":[...]}, got " + describe(parser.currentToken()));
        }
        Map<String, String> labels = null;
        String labelsText = null;
        String entriesField = null;
        List<LokiEntry> entries = new ArrayList<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "stream" -> labels = stringPairs(path + ".stream", "label");
                case "labels" -> {
                    if (value != JsonToken.VALUE_STRING) {
                        throw shape(path + ".labels", "must be a label set string like \"{job=\\\"api\\\"}\", got " + describe(value));
                    }
                    labelsText = parser.getText();
                }
                case "values", "entries" -> {
                    if (entriesField != null) {
                        throw shape(path, "has both \"" + entriesField + "\" and \"" + name + "\"; send one list of entries");
                    }
                    entriesField = name;
                    entryList(path + "." + name, name.equals("values"), entries);
                }
                default -> parser.skipChildren();
            }
        }
        if (labels != null && labelsText != null) {
            throw shape(path, "has both \"stream\" and \"labels\"; send the labels once");
        }
        if (labelsText != null) {
            collector.addStream(index, entriesField, labelsText, entries);
        } else {
            collector.addStream(index, entriesField, labels == null ? Map.of() : labels, entries);
        }
    }

    private void entryList(String path, boolean valuesForm, List<LokiEntry> entries) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw shape(path, "must be an array of entries, got " + describe(parser.currentToken()));
        }
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            collector.countEntry();
            String entryPath = path + "[" + index++ + "]";
            entries.add(valuesForm ? value(entryPath) : entry(entryPath));
        }
    }

    /** {@code ["<ns>", "<line>"]} or {@code ["<ns>", "<line>", {structured metadata}]}. */
    private LokiEntry value(String path) throws IOException {
        String expected = "must be [\"<epoch nanoseconds>\", \"<line>\"] or [\"<epoch nanoseconds>\", \"<line>\", {structured metadata}]";
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw shape(path, expected + ", got " + describe(parser.currentToken()));
        }
        JsonToken token = parser.nextToken();
        if (token != JsonToken.VALUE_STRING && token != JsonToken.VALUE_NUMBER_INT) {
            throw shape(path, expected + "; the timestamp is " + describe(token));
        }
        long nanos = epochNanos(path + "[0]");
        if (parser.nextToken() != JsonToken.VALUE_STRING) {
            throw shape(path, expected + "; the line is " + describe(parser.currentToken()));
        }
        String line = parser.getText();
        Map<String, String> metadata = Map.of();
        if (parser.nextToken() == JsonToken.START_OBJECT) {
            metadata = stringPairs(path + "[2]", "structured metadata");
            parser.nextToken();
        }
        if (parser.currentToken() != JsonToken.END_ARRAY) {
            throw shape(path, expected + "; found " + describe(parser.currentToken()) + " after them");
        }
        return new LokiEntry(nanos, line, metadata);
    }

    private long epochNanos(String path) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT) {
            if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                throw shape(path, "timestamp " + InputExcerpt.of(parser.getText()) + " is beyond the epoch nanosecond range");
            }
            return parser.getLongValue();
        }
        String text = parser.getText();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw shape(path, "timestamp '" + InputExcerpt.of(text) + "' is not epoch nanoseconds (a decimal string such as"
                    + " \"1763805600000000000\")");
        }
    }

    /** The old form's {@code {"ts": "<RFC 3339>", "line": "<line>"}}; other fields are ignored. */
    private LokiEntry entry(String path) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw shape(path, "must be an entry {\"ts\":\"<RFC 3339>\",\"line\":\"<line>\"}, got " + describe(parser.currentToken()));
        }
        Long nanos = null;
        String line = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (name.equals("ts")) {
                if (value != JsonToken.VALUE_STRING) {
                    throw shape(path + ".ts", "must be an RFC 3339 string, got " + describe(value));
                }
                try {
                    nanos = TimestampParser.parseText(parser.getText());
                } catch (IllegalArgumentException e) {
                    throw shape(path + ".ts", e.getMessage());
                }
            } else if (name.equals("line")) {
                if (value != JsonToken.VALUE_STRING) {
                    throw shape(path + ".line", "must be a string, got " + describe(value));
                }
                line = parser.getText();
            } else {
                parser.skipChildren();
            }
        }
        if (nanos == null || line == null) {
            throw shape(path, "has no \"" + (nanos == null ? "ts" : "line") + "\"");
        }
        return new LokiEntry(nanos, line, Map.of());
    }

    /** An object of string values: a stream's labels or an entry's structured metadata, in the order sent. */
    private Map<String, String> stringPairs(String path, String what) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw shape(path, "must be an object of " + what + " names to string values, got " + describe(parser.currentToken()));
        }
        Map<String, String> pairs = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (value != JsonToken.VALUE_STRING) {
                throw shape(path + "." + InputExcerpt.of(name), what + " values must be strings, got " + describe(value));
            }
            pairs.put(name, parser.getText());
        }
        return pairs;
    }

    private static LoupeException shape(String path, String problem) {
        return new LoupeException(ErrorCode.INVALID_JSON, "loki push body" + (path.isEmpty() ? "" : " " + path) + ": " + problem);
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "the end of the body";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case END_ARRAY -> "the end of the array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name().toLowerCase(Locale.ROOT) : "'" + token.asString() + "'";
        };
    }
}
