package io.loupe.ingest.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.loupe.index.api.ErrorCode;

/** How the JSON-based log protocols (native, Elasticsearch bulk) read a timestamp and an attribute value. */
public final class JsonEventValues {
    private JsonEventValues() {
    }

    /** Epoch nanos of an RFC 3339 string or an epoch number ({@link TimestampParser}). */
    public static long timestamp(JsonNode value) throws EventRejectedException {
        try {
            if (value.isNumber()) {
                return TimestampParser.parseNumber(value.decimalValue());
            }
            if (value.isTextual()) {
                return TimestampParser.parseText(value.textValue());
            }
        } catch (IllegalArgumentException e) {
            throw new EventRejectedException(ErrorCode.INVALID_TIMESTAMP, e.getMessage());
        }
        throw new EventRejectedException(ErrorCode.INVALID_TIMESTAMP, "timestamp must be an RFC 3339 string or an epoch number, got "
                + value.getNodeType().name().toLowerCase());
    }

    /** Whole numbers that fit a long become Long, other numbers Double, booleans Boolean, text String; arrays keep their JSON text. */
    public static Object scalar(JsonNode value) {
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isNumber()) {
            return value.doubleValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        return value.toString();
    }
}
