package io.loupe.ingest.otlp;

import static io.loupe.ingest.otlp.OtlpProtobufCommonReader.bytes;
import static io.loupe.ingest.otlp.OtlpProtobufCommonReader.fixed32;
import static io.loupe.ingest.otlp.OtlpProtobufCommonReader.fixed64;
import static io.loupe.ingest.otlp.OtlpProtobufCommonReader.forEachMessage;
import static io.loupe.ingest.otlp.OtlpProtobufCommonReader.message;
import static io.loupe.ingest.otlp.OtlpProtobufCommonReader.string;
import static io.loupe.ingest.otlp.OtlpProtobufCommonReader.varint;
import static io.loupe.ingest.wire.ProtobufReader.fieldNumber;

import com.fasterxml.jackson.databind.JsonNode;
import io.loupe.ingest.otlp.OtlpLogsModel.LogRecord;
import io.loupe.ingest.otlp.OtlpLogsModel.ResourceLogs;
import io.loupe.ingest.otlp.OtlpLogsModel.ScopeLogs;
import io.loupe.ingest.wire.ProtobufReader;
import io.loupe.ingest.wire.WireFormatException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads the protobuf encoding of {@code ExportLogsServiceRequest} into {@link OtlpLogsModel}, one
 * {@code ResourceLogs} at a time. Field numbers (opentelemetry-proto,
 * {@code collector/logs/v1/logs_service.proto}, {@code logs/v1/logs.proto}, {@code common/v1/common.proto},
 * {@code resource/v1/resource.proto}); fields not listed are skipped:
 * <pre>
 * ExportLogsServiceRequest  resource_logs=1
 * ResourceLogs              resource=1 scope_logs=2                  (schema_url=3 skipped)
 * Resource                  attributes=1 (KeyValue)
 * ScopeLogs                 scope=1 log_records=2                    (schema_url=3 skipped)
 * InstrumentationScope      name=1 version=2                         (attributes=3 skipped)
 * LogRecord                 time_unix_nano=1 (fixed64) observed_time_unix_nano=11 (fixed64)
 *                           severity_number=2 (enum) severity_text=3 body=5 (AnyValue)
 *                           attributes=6 (KeyValue) flags=8 (fixed32) trace_id=9 (bytes)
 *                           span_id=10 (bytes) event_name=12         (dropped_attributes_count=7 skipped)
 * </pre>
 * {@code KeyValue} and {@code AnyValue} are read by {@link OtlpProtobufCommonReader}. A known field with
 * the wrong wire type, or anything malformed, ends in {@link WireFormatException}; more records than
 * the limit in {@link io.loupe.index.api.LoupeException} (413).
 */
final class OtlpLogsProtobufReader {
    private static final HexFormat HEX = HexFormat.of();

    private OtlpLogsProtobufReader() {
    }

    static void read(byte[] body, OtlpLogRecordLimit limit, Consumer<ResourceLogs> sink) {
        forEachMessage(new ProtobufReader(body), 1, resourceLogs -> sink.accept(readResourceLogs(resourceLogs, limit)));
    }

    private static ResourceLogs readResourceLogs(ProtobufReader reader, OtlpLogRecordLimit limit) {
        List<OtlpKeyValue> resourceAttributes = new ArrayList<>();
        List<ScopeLogs> scopes = new ArrayList<>();
        while (reader.hasRemaining()) {
            int tag = reader.readTag();
            switch (fieldNumber(tag)) {
                case 1 -> forEachMessage(message(reader, tag), 1,
                        attribute -> resourceAttributes.add(OtlpProtobufCommonReader.keyValue(attribute)));
                case 2 -> scopes.add(readScopeLogs(message(reader, tag), limit));
                default -> reader.skipField(tag);
            }
        }
        return new ResourceLogs(resourceAttributes, scopes);
    }

    private static ScopeLogs readScopeLogs(ProtobufReader reader, OtlpLogRecordLimit limit) {
        String name = "";
        String version = "";
        List<LogRecord> records = new ArrayList<>();
        while (reader.hasRemaining()) {
            int tag = reader.readTag();
            switch (fieldNumber(tag)) {
                case 1 -> {
                    ProtobufReader scope = message(reader, tag);
                    while (scope.hasRemaining()) {
                        int scopeTag = scope.readTag();
                        switch (fieldNumber(scopeTag)) {
                            case 1 -> name = string(scope, scopeTag);
                            case 2 -> version = string(scope, scopeTag);
                            default -> scope.skipField(scopeTag);
                        }
                    }
                }
                case 2 -> {
                    limit.count();
                    records.add(readLogRecord(message(reader, tag)));
                }
                default -> reader.skipField(tag);
            }
        }
        return new ScopeLogs(name, version, records);
    }

    private static LogRecord readLogRecord(ProtobufReader reader) {
        long time = 0;
        long observedTime = 0;
        int severityNumber = 0;
        String severityText = "";
        JsonNode body = null;
        List<OtlpKeyValue> attributes = new ArrayList<>();
        int flags = 0;
        String traceId = "";
        String spanId = "";
        String eventName = "";
        while (reader.hasRemaining()) {
            int tag = reader.readTag();
            switch (fieldNumber(tag)) {
                case 1 -> time = fixed64(reader, tag);
                case 2 -> severityNumber = (int) varint(reader, tag);
                case 3 -> severityText = string(reader, tag);
                case 5 -> body = OtlpProtobufCommonReader.anyValue(message(reader, tag));
                case 6 -> attributes.add(OtlpProtobufCommonReader.keyValue(message(reader, tag)));
                case 8 -> flags = fixed32(reader, tag);
                case 9 -> traceId = HEX.formatHex(bytes(reader, tag));
                case 10 -> spanId = HEX.formatHex(bytes(reader, tag));
                case 11 -> observedTime = fixed64(reader, tag);
                case 12 -> eventName = string(reader, tag);
                default -> reader.skipField(tag);
            }
        }
        return new LogRecord(time, observedTime, severityNumber, severityText, body, attributes, flags, traceId, spanId, eventName);
    }
}
