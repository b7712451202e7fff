package io.loupe.ingest.elastic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LogEvent;
import io.loupe.index.api.LoupeException;
import io.loupe.ingest.IngestConfig;
import io.loupe.ingest.parse.EventRejectedException;
import io.loupe.ingest.parse.EventRules;
import io.loupe.ingest.parse.InputExcerpt;
import io.loupe.ingest.parse.TextLines;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reads an Elasticsearch {@code _bulk} body: NDJSON of action lines, each {@code index} and
 * {@code create} followed by its document line, {@code update} by its partial document, {@code delete}
 * alone. Blank lines are skipped. Each document is mapped on its own ({@link EcsEventMapper}); a bad
 * one is a 400 item and the others are stored. {@code update} and {@code delete} are 400 items (log
 * events are append-only). The whole request is refused (400) only when the action sequence itself
 * is broken, since no later line can then be paired with its action, and (413) past
 * {@code ingest.max_events_per_request} actions. Thread-safe.
 */
public final class BulkRequestParser {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Base64.Encoder ID_ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final IngestConfig limits;
    private final EcsEventMapper mapper;

    public BulkRequestParser(IngestConfig limits, IndexKinds indexKinds) {
        this.limits = limits;
        this.mapper = new EcsEventMapper(indexKinds);
    }

    /**
     * @param body         the decompressed body
     * @param defaultIndex the URL's {@code {index}}, or null for {@code POST /_bulk}
     */
    public BulkOutcome parse(byte[] body, String defaultIndex, EventRules rules) {
        List<BulkItem> items = new ArrayList<>();
        List<LogEvent> accepted = new ArrayList<>();
        TextLines lines = new TextLines(body);
        while (nextNonBlank(lines)) {
            int actionLine = lines.number();
            Action action = action(body, lines, defaultIndex);
            if (items.size() >= limits.maxEventsPerRequest()) {
                throw new LoupeException(ErrorCode.TOO_MANY_EVENTS, "bulk request has more than " + limits.maxEventsPerRequest()
                        + " actions; send smaller batches (bulk_max_size) or raise ingest.max_events_per_request");
            }
            if (action.name.equals("delete")) {
                items.add(BulkItem.refused("delete", action.index, action.id, "action_request_validation_exception",
                        "delete is not supported: Loupe keeps log events append-only (retention removes them)"));
                continue;
            }
            if (!nextNonBlank(lines)) {
                throw new LoupeException(ErrorCode.INVALID_JSON, "bulk line " + actionLine + ": the " + action.name
                        + " action has no document line after it");
            }
            if (action.name.equals("update")) {
                items.add(BulkItem.refused("update", action.index, action.id, "action_request_validation_exception",
                        "update is not supported: Loupe keeps log events append-only; send index or create"));
                continue;
            }
            items.add(document(body, lines, action, rules, accepted));
        }
        return new BulkOutcome(items, accepted);
    }

    private BulkItem document(byte[] body, TextLines lines, Action action, EventRules rules, List<LogEvent> accepted) {
        if (lines.length() > limits.maxLineBytes()) {
            return BulkItem.refused(action.name, action.index, action.id, "illegal_argument_exception", "document on line "
                    + lines.number() + " is " + lines.length() + " bytes, more than the limit of " + limits.maxLineBytes()
                    + " (ingest.max_line_bytes)");
        }
        JsonNode document;
        try {
            document = MAPPER.readTree(body, lines.start(), lines.length());
        } catch (IOException e) {
            return BulkItem.refused(action.name, action.index, action.id, "document_parsing_exception",
                    "document on line " + lines.number() + " is not valid JSON: " + firstLine(e.getMessage()));
        }
        try {
            accepted.add(mapper.map(document, action.index, rules, Arrays.copyOfRange(body, lines.start(), lines.end())));
            return BulkItem.created(action.name, action.index, action.id);
        } catch (EventRejectedException e) {
            String type = switch (e.code()) {
                case TOO_MANY_FIELDS -> "illegal_argument_exception";
                case INVALID_TIMESTAMP, INVALID_JSON -> "document_parsing_exception";
                default -> "mapper_parsing_exception";
            };
            return BulkItem.refused(action.name, action.index, action.id, type, "document on line " + lines.number() + ": " + e.getMessage());
        }
    }

    private record Action(String name, String index, String id) {
    }

    private Action action(byte[] body, TextLines lines, String defaultIndex) {
        String where = "bulk line " + lines.number() + ": ";
        if (lines.length() > limits.maxLineBytes()) {
            throw new LoupeException(ErrorCode.LINE_TOO_LONG, where + "action line is " + lines.length()
                    + " bytes, more than the limit of " + limits.maxLineBytes() + " (ingest.max_line_bytes)");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body, lines.start(), lines.length());
        } catch (IOException e) {
            throw new LoupeException(ErrorCode.INVALID_JSON, where + "action line is not valid JSON: " + firstLine(e.getMessage()));
        }
        if (node == null || !node.isObject() || node.size() != 1) {
            throw new LoupeException(ErrorCode.INVALID_JSON, where + "expected an action like {\"create\":{\"_index\":\"logs\"}}, got '"
                    + InputExcerpt.of(body, lines.start(), lines.end()) + "'");
        }
        Map.Entry<String, JsonNode> entry = node.fields().next();
        String name = entry.getKey();
        if (!List.of("index", "create", "update", "delete").contains(name)) {
            throw new LoupeException(ErrorCode.INVALID_JSON, where + "unknown action '" + InputExcerpt.of(name)
                    + "'; expected index, create, update or delete");
        }
        JsonNode meta = entry.getValue();
        if (!meta.isObject()) {
            throw new LoupeException(ErrorCode.INVALID_JSON, where + "the " + name + " action's metadata must be an object");
        }
        String index = text(meta, "_index", where);
        if (index == null) {
            index = defaultIndex;
        }
        if (index == null || index.isBlank()) {
            throw new LoupeException(ErrorCode.INVALID_JSON, where + "the " + name
                    + " action names no _index; give one or post to /{index}/_bulk");
        }
        String id = text(meta, "_id", where);
        return new Action(name, index, id != null ? id : generatedId());
    }

    private static String text(JsonNode meta, String key, String where) {
        JsonNode value = meta.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode() || value.isBoolean()) {
            throw new LoupeException(ErrorCode.INVALID_JSON, where + key + " must be a string");
        }
        return value.asText();
    }

    /** 20 URL-safe characters like Elasticsearch's own ids. */
    private static String generatedId() {
        byte[] random = new byte[15];
        ThreadLocalRandom.current().nextBytes(random);
        return ID_ENCODER.encodeToString(random);
    }

    private static boolean nextNonBlank(TextLines lines) {
        while (lines.next()) {
            if (!lines.isBlank()) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
