package io.loupe.ingest.otlp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * How an OTLP {@code AnyValue} becomes label text (metrics) or a log event's attribute value (logs).
 * The readers of both encodings first turn the value into a plain JSON tree (string, long, double,
 * boolean, array, object; bytes as base64 text, an empty value as null). {@link #labelText}:
 * <pre>
 * string_value            the string itself
 * int_value               decimal, e.g. 42, -7
 * double_value            as Prometheus writes floats ({@link PrometheusFloatFormat}), e.g. 0.25, 1e+06, NaN
 * bool_value              true / false
 * bytes_value             base64 (as in OTLP/JSON)
 * array_value             compact JSON array, e.g. ["a",1,true]
 * kvlist_value            compact JSON object, e.g. {"k":"v","n":2}
 * unset                   empty, which is no label
 * </pre>
 * {@link #attributeValue} keeps the scalar types a log attribute can hold: string as String, int_value
 * as Long, double_value as Double, bool_value as Boolean; bytes as base64 String, arrays and key/value
 * lists as their compact JSON text (as above); unset as null, which is no attribute.
 *
 * <p>Values nest at most {@link #MAX_DEPTH} levels (arrays and key/value lists inside each other);
 * deeper ones are refused by the decoders, so rendering never recurses without bound.
 */
final class OtlpAttributeValue {
    static final int MAX_DEPTH = 32;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private OtlpAttributeValue() {
    }

    static String labelText(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "";
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue() ? "true" : "false";
        }
        if (value.isIntegralNumber()) {
            return value.asText();
        }
        if (value.isNumber()) {
            return PrometheusFloatFormat.format(value.doubleValue());
        }
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render an attribute value tree as JSON", e);
        }
    }

    /** A log attribute value: String, Long, Double or Boolean; null when unset. */
    static Object attributeValue(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isIntegralNumber()) {
            return value.longValue();
        }
        if (value.isNumber()) {
            return value.doubleValue();
        }
        return labelText(value);
    }
}
