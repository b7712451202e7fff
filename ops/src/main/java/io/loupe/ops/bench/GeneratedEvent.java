package io.loupe.ops.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One line of {@link EventGenerator} read back for a protocol encoder: its timestamp, level, host,
 * service, message, and every other field in order (text or whole numbers).
 */
record GeneratedEvent(long epochNanos, String level, String host, String service, String message, Map<String, JsonNode> others) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The events of one NDJSON batch, in order. */
    static List<GeneratedEvent> parseBatch(byte[] ndjsonBatch) {
        List<GeneratedEvent> events = new ArrayList<>();
        for (String line : new String(ndjsonBatch, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                events.add(parse(line));
            }
        }
        return events;
    }

    private static GeneratedEvent parse(String line) {
        JsonNode event;
        try {
            event = JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException("not a generated event: " + line, e);
        }
        Map<String, JsonNode> others = new LinkedHashMap<>();
        event.properties().forEach(field -> others.put(field.getKey(), field.getValue()));
        Instant at = Instant.parse(others.remove("timestamp").asText());
        return new GeneratedEvent(at.getEpochSecond() * 1_000_000_000L + at.getNano(), text(others.remove("level")),
                text(others.remove("host")), text(others.remove("service")), text(others.remove("message")), others);
    }

    private static String text(JsonNode value) {
        return value == null ? null : value.asText();
    }
}
