package io.loupe.ops.bench;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one JSON line a benchmark prints on stdout: named figures in the order they were added,
 * decimals rounded to a stated number of places. Not thread-safe.
 */
final class ResultLine {
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private final Map<String, Object> fields = new LinkedHashMap<>();

    ResultLine put(String name, String value) {
        fields.put(name, value);
        return this;
    }

    ResultLine put(String name, long value) {
        fields.put(name, value);
        return this;
    }

    ResultLine put(String name, double value, int decimals) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("figure " + name + " is not a finite number: " + value);
        }
        fields.put(name, BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP));
        return this;
    }

    String toJson() {
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("benchmark figures cannot be written as JSON: " + fields, e);
        }
    }
}
