package io.loupe.ingest.otlp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LoupeException;
import io.loupe.ingest.otlp.OtlpMetricsModel.Attribute;
import io.loupe.ingest.otlp.OtlpMetricsModel.DataPoint;
import io.loupe.ingest.otlp.OtlpMetricsModel.ExponentialHistogramPoint;
import io.loupe.ingest.otlp.OtlpMetricsModel.HistogramPoint;
import io.loupe.ingest.otlp.OtlpMetricsModel.Metric;
import io.loupe.ingest.otlp.OtlpMetricsModel.NumberPoint;
import io.loupe.ingest.otlp.OtlpMetricsModel.ResourceMetrics;
import io.loupe.ingest.otlp.OtlpMetricsModel.SummaryPoint;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads the OTLP/JSON encoding of {@code ExportMetricsServiceRequest} into {@link OtlpMetricsModel}:
 * the protobuf JSON mapping with lowerCamelCase keys ({@code resourceMetrics}, {@code scopeMetrics},
 * {@code dataPoints}, {@code timeUnixNano}, {@code asDouble}, {@code asInt}, {@code bucketCounts},
 * {@code explicitBounds}, {@code quantileValues}, {@code stringValue}, {@code kvlistValue}, ...);
 * the original snake_case keys are accepted too, as the Collector does. 64-bit integers may be
 * strings or numbers; doubles numbers or {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"};
 * enums (temporality, ignored) numbers or names; {@code bytesValue} base64. Unknown keys are ignored.
 * A value of the wrong JSON type is refused with {@link ErrorCode#INVALID_JSON} naming its path, e.g.
 * {@code resourceMetrics[0].scopeMetrics[0].metrics[2].sum.dataPoints[1].timeUnixNano}.
 */
final class OtlpJsonReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_NUMBER_TEXT_LENGTH = 64;
    private static final Map<String, String> SNAKE_CASE_NAMES = Map.ofEntries(
            Map.entry("resourceMetrics", "resource_metrics"), Map.entry("scopeMetrics", "scope_metrics"),
            Map.entry("exponentialHistogram", "exponential_histogram"), Map.entry("dataPoints", "data_points"),
            Map.entry("timeUnixNano", "time_unix_nano"), Map.entry("asDouble", "as_double"), Map.entry("asInt", "as_int"),
            Map.entry("bucketCounts", "bucket_counts"), Map.entry("explicitBounds", "explicit_bounds"),
            Map.entry("quantileValues", "quantile_values"), Map.entry("stringValue", "string_value"),
            Map.entry("boolValue", "bool_value"), Map.entry("intValue", "int_value"), Map.entry("doubleValue", "double_value"),
            Map.entry("arrayValue", "array_value"), Map.entry("kvlistValue", "kvlist_value"),
            Map.entry("bytesValue", "bytes_value"));

    private OtlpJsonReader() {
    }

    static void read(byte[] body, Consumer<ResourceMetrics> sink) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (IOException e) {
            throw new LoupeException(ErrorCode.INVALID_JSON, "OTLP/JSON body is not valid JSON: " + firstLine(e.getMessage()), e);
        }
        if (root == null || !root.isObject()) {
            throw new LoupeException(ErrorCode.INVALID_JSON, "OTLP/JSON body must be one ExportMetricsServiceRequest object,"
                    + " got " + (root == null || root.isMissingNode() ? "nothing" : root.getNodeType().name().toLowerCase(Locale.ROOT)));
        }
        ArrayNode resourceMetrics = array(root, "resourceMetrics", "");
        for (int i = 0; i < resourceMetrics.size(); i++) {
            sink.accept(readResourceMetrics(object(resourceMetrics.get(i), "resourceMetrics[" + i + "]"), "resourceMetrics[" + i + "]"));
        }
    }

    private static ResourceMetrics readResourceMetrics(JsonNode node, String path) {
        List<Attribute> resourceAttributes = new ArrayList<>();
        JsonNode resource = field(node, "resource");
        if (resource != null) {
            resourceAttributes = attributes(object(resource, path + ".resource"), path + ".resource");
        }
        List<Metric> metrics = new ArrayList<>();
        ArrayNode scopes = array(node, "scopeMetrics", path);
        for (int s = 0; s < scopes.size(); s++) {
            String scopePath = path + ".scopeMetrics[" + s + "]";
            ArrayNode scopeMetrics = array(object(scopes.get(s), scopePath), "metrics", scopePath);
            for (int m = 0; m < scopeMetrics.size(); m++) {
                String metricPath = scopePath + ".metrics[" + m + "]";
                metrics.add(readMetric(object(scopeMetrics.get(m), metricPath), metricPath));
            }
        }
        return new ResourceMetrics(resourceAttributes, metrics);
    }

    private static Metric readMetric(JsonNode node, String path) {
        JsonNode nameNode = field(node, "name");
        String name = nameNode == null ? "" : text(nameNode, path + ".name");
        List<DataPoint> points = new ArrayList<>();
        for (String dataKind : List.of("gauge", "sum", "histogram", "exponentialHistogram", "summary")) {
            JsonNode data = field(node, dataKind);
            if (data == null || data.isNull()) {
                continue;
            }
            String dataPath = path + "." + dataKind;
            ArrayNode dataPoints = array(object(data, dataPath), "dataPoints", dataPath);
            for (int p = 0; p < dataPoints.size(); p++) {
                String pointPath = dataPath + ".dataPoints[" + p + "]";
                JsonNode point = object(dataPoints.get(p), pointPath);
                points.add(switch (dataKind) {
                    case "histogram" -> readHistogramPoint(point, pointPath);
                    case "exponentialHistogram" -> new ExponentialHistogramPoint(attributes(point, pointPath),
                            fixed64(point, "timeUnixNano", pointPath), flags(point, pointPath));
                    case "summary" -> readSummaryPoint(point, pointPath);
                    default -> readNumberPoint(point, pointPath);
                });
            }
        }
        return new Metric(name, points);
    }

    private static NumberPoint readNumberPoint(JsonNode point, String path) {
        JsonNode asDouble = field(point, "asDouble");
        JsonNode asInt = field(point, "asInt");
        boolean hasValue = false;
        double value = 0;
        if (asDouble != null && !asDouble.isNull()) {
            value = toDouble(asDouble, path + ".asDouble");
            hasValue = true;
        } else if (asInt != null && !asInt.isNull()) {
            value = toLong(asInt, false, path + ".asInt");
            hasValue = true;
        }
        return new NumberPoint(attributes(point, path), fixed64(point, "timeUnixNano", path), flags(point, path), hasValue, value);
    }

    private static HistogramPoint readHistogramPoint(JsonNode point, String path) {
        JsonNode sum = field(point, "sum");
        boolean hasSum = sum != null && !sum.isNull();
        ArrayNode counts = array(point, "bucketCounts", path);
        long[] bucketCounts = new long[counts.size()];
        for (int i = 0; i < bucketCounts.length; i++) {
            bucketCounts[i] = toLong(counts.get(i), true, path + ".bucketCounts[" + i + "]");
        }
        ArrayNode bounds = array(point, "explicitBounds", path);
        double[] explicitBounds = new double[bounds.size()];
        for (int i = 0; i < explicitBounds.length; i++) {
            explicitBounds[i] = toDouble(bounds.get(i), path + ".explicitBounds[" + i + "]");
        }
        return new HistogramPoint(attributes(point, path), fixed64(point, "timeUnixNano", path), flags(point, path),
                fixed64(point, "count", path), hasSum, hasSum ? toDouble(sum, path + ".sum") : 0, bucketCounts, explicitBounds);
    }

    private static SummaryPoint readSummaryPoint(JsonNode point, String path) {
        JsonNode sum = field(point, "sum");
        ArrayNode quantileValues = array(point, "quantileValues", path);
        double[] quantiles = new double[quantileValues.size()];
        double[] values = new double[quantileValues.size()];
        for (int i = 0; i < quantiles.length; i++) {
            String quantilePath = path + ".quantileValues[" + i + "]";
            JsonNode quantileValue = object(quantileValues.get(i), quantilePath);
            JsonNode quantile = field(quantileValue, "quantile");
            JsonNode value = field(quantileValue, "value");
            quantiles[i] = quantile == null || quantile.isNull() ? 0 : toDouble(quantile, quantilePath + ".quantile");
            values[i] = value == null || value.isNull() ? 0 : toDouble(value, quantilePath + ".value");
        }
        return new SummaryPoint(attributes(point, path), fixed64(point, "timeUnixNano", path), flags(point, path),
                fixed64(point, "count", path), sum == null || sum.isNull() ? 0 : toDouble(sum, path + ".sum"), quantiles, values);
    }

    private static List<Attribute> attributes(JsonNode owner, String path) {
        ArrayNode keyValues = array(owner, "attributes", path);
        List<Attribute> attributes = new ArrayList<>(keyValues.size());
        for (int i = 0; i < keyValues.size(); i++) {
            String attributePath = path + ".attributes[" + i + "]";
            JsonNode keyValue = object(keyValues.get(i), attributePath);
            JsonNode key = field(keyValue, "key");
            JsonNode value = field(keyValue, "value");
            attributes.add(new Attribute(key == null ? "" : text(key, attributePath + ".key"),
                    OtlpAttributeValue.labelText(anyValue(value, 1, attributePath + ".value"))));
        }
        return attributes;
    }

    /** An {@code AnyValue} object as a plain JSON tree; null when unset. */
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
    private static JsonNode field(JsonNode object, String camelCaseName) {
        JsonNode value = object.get(camelCaseName);
        return value != null ? value : object.get(SNAKE_CASE_NAMES.getOrDefault(camelCaseName, camelCaseName));
    }

    private static JsonNode object(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw wrongType(path, "an object", node);
        }
        return node;
    }

    /** An array field; a missing or null one is empty. {@code ownerPath} is empty for the root. */
    private static ArrayNode array(JsonNode owner, String camelCaseName, String ownerPath) {
        JsonNode node = field(owner, camelCaseName);
        if (node == null || node.isNull()) {
            return NODES.arrayNode();
        }
        if (!node.isArray()) {
            throw wrongType(ownerPath.isEmpty() ? camelCaseName : ownerPath + "." + camelCaseName, "an array", node);
        }
        return (ArrayNode) node;
    }

    private static String text(JsonNode node, String path) {
        if (!node.isTextual()) {
            throw wrongType(path, "a string", node);
        }
        return node.textValue();
    }

    private static int flags(JsonNode point, String path) {
        JsonNode flags = field(point, "flags");
        if (flags == null || flags.isNull()) {
            return 0;
        }
        long value = toLong(flags, true, path + ".flags");
        if (value < 0 || value > 0xffffffffL) {
            throw new LoupeException(ErrorCode.INVALID_JSON, path + ".flags is " + value + ", outside the uint32 range");
        }
        return (int) value;
    }

    /** A {@code fixed64} field (unsigned), 0 when absent. */
    private static long fixed64(JsonNode owner, String camelCaseName, String ownerPath) {
        JsonNode node = field(owner, camelCaseName);
        return node == null || node.isNull() ? 0 : toLong(node, true, ownerPath + "." + camelCaseName);
    }

    /** A 64-bit integer given as a JSON integer or a decimal string; unsigned ones may use the full 64 bits. */
    private static long toLong(JsonNode node, boolean unsigned, String path) {
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

    private static double toDouble(JsonNode node, String path) {
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

    private static LoupeException wrongType(String path, String expected, JsonNode actual) {
        String actualType = actual == null || actual.isMissingNode() ? "missing" : actual.getNodeType().name().toLowerCase(Locale.ROOT);
        return new LoupeException(ErrorCode.INVALID_JSON, path + " must be " + expected + ", got " + actualType);
    }

    private static String abbreviate(String text) {
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
