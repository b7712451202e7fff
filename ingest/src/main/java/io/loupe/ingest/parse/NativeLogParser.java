package io.loupe.ingest.parse;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LogEvent;
import io.loupe.index.api.LogKind;
import io.loupe.index.api.LoupeException;
import io.loupe.index.api.TimeRange;
import io.loupe.ingest.IngestConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Parses the native log format: NDJSON (one JSON object per line, blank lines ignored) or one JSON
 * array of objects. Each event is validated on its own: a bad one is listed in the errors and the
 * others are kept. Thread-safe.
 */
public final class NativeLogParser {
    public static final int MAX_LISTED_ERRORS = 100;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final IngestConfig config;

    public NativeLogParser(IngestConfig config) {
        this.config = config;
    }

    /**
     * @param body  the decompressed request body
     * @param rules the request's receive time, accepted time range, field limit and default kind
     * @throws LoupeException when the request as a whole is unacceptable (too many events, broken JSON array)
     */
    public ParsedBatch parse(byte[] body, EventRules rules) {
        EventNormalizer normalizer = new EventNormalizer(rules);
        Collector collector = new Collector(normalizer);
        if (JsonArrayBody.isArray(body)) {
            parseArray(body, collector);
        } else {
            parseLines(body, collector);
        }
        return new ParsedBatch(collector.accepted, collector.rejected, collector.errors);
    }

    private void parseLines(byte[] body, Collector collector) {
        TextLines lines = new TextLines(body);
        while (lines.next()) {
            if (lines.isBlank()) {
                continue;
            }
            collector.countEvent(config.maxEventsPerRequest());
            if (lines.length() > config.maxLineBytes()) {
                collector.reject(lines.number(), ErrorCode.LINE_TOO_LONG, "line is " + lines.length()
                        + " bytes, more than the limit of " + config.maxLineBytes() + " (ingest.max_line_bytes)");
                continue;
            }
            JsonNode node;
            try {
                node = MAPPER.readTree(body, lines.start(), lines.length());
            } catch (IOException e) {
                collector.reject(lines.number(), ErrorCode.INVALID_JSON, "line is not valid JSON: " + firstLine(e.getMessage()));
                continue;
            }
            collector.add(lines.number(), node, Arrays.copyOfRange(body, lines.start(), lines.end()));
        }
    }

    private void parseArray(byte[] body, Collector collector) {
        try (JsonParser parser = MAPPER.createParser(body)) {
            JsonArrayBody.forEachElement(parser, (element, token, position) -> {
                collector.countEvent(config.maxEventsPerRequest());
                int start = (int) element.currentTokenLocation().getByteOffset();
                JsonNode node = MAPPER.readTree(element);
                int end = (int) element.currentLocation().getByteOffset();
                if (end - start > config.maxLineBytes()) {
                    collector.reject(position, ErrorCode.LINE_TOO_LONG, "event is " + (end - start)
                            + " bytes, more than the limit of " + config.maxLineBytes() + " (ingest.max_line_bytes)");
                } else {
                    collector.add(position, node, Arrays.copyOfRange(body, start, end));
                }
            });
        } catch (IOException e) {
            throw new LoupeException(ErrorCode.INVALID_JSON, "body is not a valid JSON array: " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** Accumulates one request's outcome. */
    private static final class Collector {
        private final EventNormalizer normalizer;
        private final List<LogEvent> accepted = new ArrayList<>();
        private final List<LineError> errors = new ArrayList<>();
        private int rejected;
        private int events;

        Collector(EventNormalizer normalizer) {
            this.normalizer = normalizer;
        }

        void countEvent(int max) {
            if (++events > max) {
                throw new LoupeException(ErrorCode.TOO_MANY_EVENTS, "request has more than " + max
                        + " events; send smaller batches or raise ingest.max_events_per_request");
            }
        }

        void add(int line, JsonNode node, byte[] original) {
            try {
                accepted.add(normalizer.normalize(node, original));
            } catch (EventRejectedException e) {
                reject(line, e.code(), e.getMessage());
            }
        }

        void reject(int line, ErrorCode code, String message) {
            rejected++;
            if (errors.size() < MAX_LISTED_ERRORS) {
                errors.add(new LineError(line, code, message));
            }
        }
    }
}
