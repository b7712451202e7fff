package io.loupe.ingest.otlp;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A {@code KeyValue} of {@code common.proto} as both encodings decode it: the key, and the
 * {@code AnyValue} as a plain JSON tree (see {@link OtlpAttributeValue}), null when unset.
 */
record OtlpKeyValue(String key, JsonNode value) {
}
