package io.loupe.ingest.otlp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * An OTLP {@code ExportLogsServiceRequest} as both encodings (protobuf, JSON) decode it, before it is
 * mapped onto events ({@link OtlpLogMapping}). Schema URLs, scope attributes and dropped-attribute
 * counts are dropped at decode time. Attribute values and bodies are plain JSON trees
 * ({@link OtlpAttributeValue}); timestamps are kept as the unsigned {@code fixed64} bits they are on the
 * wire.
 */
final class OtlpLogsModel {
    private OtlpLogsModel() {
    }

    /** One {@code ResourceLogs}: its resource's attributes and its scopes, in order. */
    record ResourceLogs(List<OtlpKeyValue> resourceAttributes, List<ScopeLogs> scopes) {
    }

    /** One {@code ScopeLogs}: its instrumentation scope's name and version ("" when unset) and its records. */
    record ScopeLogs(String scopeName, String scopeVersion, List<LogRecord> records) {
    }

    /**
     * One {@code LogRecord}.
     *
     * @param timeUnixNano         event time, 0 when unset
     * @param observedTimeUnixNano when the collector saw it, 0 when unset
     * @param severityNumber       the {@code SeverityNumber} enum value, 0 when unset
     * @param severityText         "" when unset
     * @param body                 null when unset
     * @param flags                W3C trace flags in the low 8 bits
     * @param traceId              hex digits as sent (JSON) or of the bytes sent (protobuf); "" when unset
     * @param spanId               likewise
     * @param eventName            "" when unset
     */
    record LogRecord(long timeUnixNano, long observedTimeUnixNano, int severityNumber, String severityText, JsonNode body,
                     List<OtlpKeyValue> attributes, int flags, String traceId, String spanId, String eventName) {
    }
}
