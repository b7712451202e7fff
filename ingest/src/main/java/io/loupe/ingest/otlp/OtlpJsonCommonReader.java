package io.loupe.ingest.otlp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LoupeException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads what every OTLP signal shares in the OTLP/JSON encoding (the protobuf JSON mapping): the
 * request object, {@code KeyValue} lists and {@code AnyValue}s of {@code common.proto}, and fields of
 * a known type. Keys are lowerCamelCase ({@code timeUnixNano}); the snake_case name of the protobuf
 * definition ({@code time_unix_nano}) is accepted too, as the Collector does. 64-bit integers are JSON
 * integers or decimal strings; doubles numbers or {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"};
 * {@code bytesValue} base64 (kept as its text). Unknown keys are ignored. A value of the wrong JSON
 * type is refused with {@link ErrorCode#INVALID_JSON} naming its path, e.g.
 * {@code resourceLogs[0].resource.attributes[2].value.intValue}.
 */
final class OtlpJsonCommonReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_NUMBER_TEXT_LENGTH = 64;
    /** snake_case spellings of the (constant) camelCase names the readers ask for. */
    private static final Map<String, String> SNAKE_CASE_NAMES = new ConcurrentHashMap<>();

    private OtlpJsonCommonReader() {
    }

    /**
     * The body as one JSON object.
     *
     * @param requestType named in the error, e.g. {@code ExportLogsServiceRequest}
     */
    static JsonNode requestObject(byte[] body, String requestType) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (IOException e) {
            throw new LoupeException(ErrorCode.INVALID_JSON, "OTLP/JSON body is not valid JSON: " + firstLine(e.getMessage()), e);
        }
        if (root == null || !root.isObject()) {
            throw new LoupeException(ErrorCode.INVALID_JSON, "OTLP/JSON body must be one " + requestType + " object, got "
                    + (root == null || root.isMissingNode() ? "nothing" : root.getNodeType().name().toLowerCase(Locale.ROOT)));
        }
        return root;
    }

    /** The {@code attributes} (repeated KeyValue) of {@code owner}; none when absent. */
    static List<OtlpKeyValue> attributes(JsonNode owner, String path) {
        ArrayNode keyValues = array(owner, "attributes", path);
        List<OtlpKeyValue> attributes = new ArrayList<>(keyValues.size());
        for (int i = 0; i < keyValues.size(); i++) {
            String attributePath = path + ".attributes[" + i + "]";
            JsonNode keyValue = object(keyValues.get(i), attributePath);
            JsonNode key = field(keyValue, "key");
            attributes.add(new OtlpKeyValue(key == null ? "" : text(key, attributePath + ".key"),
                    anyValue(field(keyValue, "value"), 1, attributePath + ".value")));
        }
        return attributes;
    }

    /** A top-level {@code AnyValue} object (a log body) as a plain JSON tree; null when absent or unset. */
    static JsonNode anyValue(JsonNode node, String path) {
        return anyValue(node, 1, path);
    }

    private static JsonNode anyValue(JsonNode node, int depth, String path) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (depth > OtlpAttributeValue.MAX_DEPTH) {
            throw new LoupeException(ErrorCode.INVALID_JSON, path + " is nested more than " + OtlpAttributeValue.MAX_DEPTH
                    + " levels deep");
        }
        object(node, path);
        JsonNode value;
        if ((value = field(node, "stringValue")) != null && !value.isNull()) {
            return NODES.textNode(text(value, path + ".stringValue"));
        }
        if ((value = field(node, "boolValue")) != null && !value.isNull()) {
            if (!value.isBoolean()) {
                throw wrongType(path + ".boolValue", "a boolean", value);
            }
            return NODES.booleanNode(value.booleanValue());
        }
        if ((value = field(node, "intValue")) != null && !value.isNull()) {
            return NODES.numberNode(toLong(value, false, path + ".intValue"));
        }
        if ((value = field(node, "doubleValue")) != null && !value.isNull()) {
            return NODES.numberNode(toDouble(value, path + ".doubleValue"));
        }
        if ((value = field(node, "arrayValue")) != null && !value.isNull()) {
            ArrayNode elements = array(object(value, path + ".arrayValue"), "values", path + ".arrayValue");
            ArrayNode result = NODES.arrayNode(elements.size());
            for (int i = 0; i < elements.size(); i++) {
                JsonNode element = anyValue(elements.get(i), depth + 1, path + ".arrayValue.values[" + i + "]");
                result.add(element == null ? NODES.nullNode() : element);
            }
            return result;
        }
        if ((value = field(node, "kvlistValue")) != null && !value.isNull()) {
            ArrayNode entries = array(object(value, path + ".kvlistValue"), "values", path + ".kvlistValue");
            ObjectNode result = NODES.objectNode();
            for (int i = 0; i < entries.size(); i++) {
                String entryPath = path + ".kvlistValue.values[" + i + "]";
                JsonNode entry = object(entries.get(i), entryPath);
                JsonNode key = field(entry, "key");
                JsonNode entryValue = anyValue(field(entry, "value"), depth + 1, entryPath + ".value");
                result.set(key == null ? "" : text(key, entryPath + ".key"), entryValue == null ? NODES.nullNode() : entryValue);
            }
            return result;
        }
        if ((value = field(node, "bytesValue")) != null && !value.isNull()) {
            return NODES.textNode(text(value, path + ".bytesValue"));
        }
        return null;
    }

    /** A field by its lowerCamelCase name, or by the snake_case name the protobuf definition uses. */
    static JsonNode field(JsonNode object, String camelCaseName) {
        JsonNode value = object.get(camelCaseName);
        return value != null ? value : object.get(SNAKE_CASE_NAMES.computeIfAbsent(camelCaseName, OtlpJsonCommonReader::snakeCase));
    }

    private static String snakeCase(String camelCaseName) {
        StringBuilder snake = new StringBuilder(camelCaseName.length() + 4);
        for (int i = 0; i < camelCaseName.length(); i++) {
            char c = camelCaseName.charAt(i);
            if (Character.isUpperCase(c)) {
                snake.append('_').append(Character.toLowerCase(c));
            } else {
                snake.append(c);
            }
        }
        return snake.toString();
    }

    static JsonNode object(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw wrongType(path, "an object", node);
        }
        return node;
    }

    /** An array field; a missing or null one is empty. {@code ownerPath} is empty for the root. */
    static ArrayNode array(JsonNode owner, String camelCaseName, String ownerPath) {
        JsonNode node = field(owner, camelCaseName);
        if (node == null || node.isNull()) {
            return NODES.arrayNode();
        }
        if (!node.isArray()) {
            throw wrongType(ownerPath.isEmpty() ? camelCaseName : ownerPath + "." + camelCaseName, "an array", node);
        }
        return (ArrayNode) node;
    }

    static String text(JsonNode node, String path) {
        if (!node.isTextual()) {
            throw wrongType(path, "a string", node);
        }
        return node.textValue();
    }

    /** A string field, "" when absent. */
    static String string(JsonNode owner, String camelCaseName, String ownerPath) {
        JsonNode node = field(owner, camelCaseName);
        return node == null || node.isNull() ? "" : text(node, ownerPath + "." + camelCaseName);
    }

    /** A {@code uint32} or {@code fixed32} field, 0 when absent; the result holds its 32 bits. */
    static int uint32(JsonNode owner, String camelCaseName, String ownerPath) {
        JsonNode node = field(owner, camelCaseName);
        if (node == null || node.isNull()) {
            return 0;
        }
        String path = ownerPath + "." + camelCaseName;
        long value = toLong(node, true, path);
        if (value < 0 || value > 0xffffffffL) {
            throw new LoupeException(ErrorCode.INVALID_JSON, path + " is " + Long.toUnsignedString(value) + ", outside the uint32 range");
        }
        return (int) value;
    }

    /** A {@code fixed64} field (unsigned), 0 when absent. */
    static long fixed64(JsonNode owner, String camelCaseName, String ownerPath) {
        JsonNode node = field(owner, camelCaseName);
        return node == null || node.isNull() ? 0 : toLong(node, true, ownerPath + "." + camelCaseName);
    }

    /** A 64-bit integer given as a JSON integer or a decimal string; unsigned ones may use the full 64 bits. */
    static long toLong(JsonNode node, boolean unsigned, String path) {
        if (node.isIntegralNumber()) {
            if (node.canConvertToLong()) {
                long value = node.longValue();
                if (unsigned && value < 0) {
                    throw new LoupeException(ErrorCode.INVALID_JSON, path + " is " + value + ", but must not be negative");
                }
                return value;
            }
            return parseLong(node.asText(), unsigned, path);
        }
        if (node.isTextual()) {
            return parseLong(node.textValue().trim(), unsigned, path);
        }
        throw wrongType(path, "an integer or a decimal string", node);
    }

    private static long parseLong(String text, boolean unsigned, String path) {
        try {
            if (text.length() > MAX_NUMBER_TEXT_LENGTH) {
                throw new NumberFormatException();
            }
            return unsigned ? Long.parseUnsignedLong(text) : Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new LoupeException(ErrorCode.INVALID_JSON, path + " is '" + abbreviate(text) + "', not a "
                    + (unsigned ? "64-bit unsigned" : "64-bit") + " integer");
        }
    }

    static double toDouble(JsonNode node, String path) {
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isTextual()) {
            String text = node.textValue().trim();
            switch (text) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
            if (text.length() <= MAX_NUMBER_TEXT_LENGTH && !text.isEmpty() && !Character.isLetter(text.charAt(text.length() - 1))) {
                try {
                    return Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new LoupeException(ErrorCode.INVALID_JSON, path + " is '" + abbreviate(text) + "', not a number", e);
                }
            }
            throw new LoupeException(ErrorCode.INVALID_JSON, path + " is '" + abbreviate(text) + "', not a number");
        }
        throw wrongType(path, "a number", node);
    }

    static LoupeException wrongType(String path, String expected, JsonNode actual) {
        String actualType = actual == null || actual.isMissingNode() ? "missing" : actual.getNodeType().name().toLowerCase(Locale.ROOT);
        return new LoupeException(ErrorCode.INVALID_JSON, path + " must be " + expected + ", got " + actualType);
    }

    static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
