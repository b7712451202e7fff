package io.loupe.ingest.otlp;

import static io.loupe.ingest.otlp.OtlpJsonCommonReader.array;
import static io.loupe.ingest.otlp.OtlpJsonCommonReader.field;
import static io.loupe.ingest.otlp.OtlpJsonCommonReader.fixed64;
import static io.loupe.ingest.otlp.OtlpJsonCommonReader.object;
import static io.loupe.ingest.otlp.OtlpJsonCommonReader.requestObject;
import static io.loupe.ingest.otlp.OtlpJsonCommonReader.string;
import static io.loupe.ingest.otlp.OtlpJsonCommonReader.uint32;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LoupeException;
import io.loupe.ingest.otlp.OtlpLogsModel.LogRecord;
import io.loupe.ingest.otlp.OtlpLogsModel.ResourceLogs;
import io.loupe.ingest.otlp.OtlpLogsModel.ScopeLogs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads the OTLP/JSON encoding of {@code ExportLogsServiceRequest} into {@link OtlpLogsModel}
 * ({@code resourceLogs}, {@code scopeLogs}, {@code scope.name}, {@code scope.version},
 * {@code logRecords}, {@code timeUnixNano}, {@code observedTimeUnixNano}, {@code severityNumber},
 * {@code severityText}, {@code body}, {@code attributes}, {@code flags}, {@code traceId}, {@code spanId},
 * {@code eventName}), with the rules of {@link OtlpJsonCommonReader} (snake_case keys accepted, 64-bit
 * integers as strings or numbers). {@code severityNumber} is the enum's number or its name
 * ({@code 9}, {@code "SEVERITY_NUMBER_INFO"}). {@code traceId} and {@code spanId} are hex strings, as
 * the OTLP specification defines for JSON (not base64, the protobuf JSON mapping's default for bytes);
 * their digits are checked by the mapping, per record. A value of the wrong JSON type refuses the
 * request with {@link ErrorCode#INVALID_JSON} naming its path, e.g.
 * {@code resourceLogs[0].scopeLogs[1].logRecords[4].timeUnixNano}; more records than the limit with 413.
 */
final class OtlpLogsJsonReader {
    private static final String SEVERITY_PREFIX = "SEVERITY_NUMBER_";
    private static final Map<String, Integer> SEVERITY_BASES = Map.of(
            "TRACE", 1, "DEBUG", 5, "INFO", 9, "WARN", 13, "ERROR", 17, "FATAL", 21);

    private OtlpLogsJsonReader() {
    }

    static void read(byte[] body, OtlpLogRecordLimit limit, Consumer<ResourceLogs> sink) {
        JsonNode root = requestObject(body, "ExportLogsServiceRequest");
        ArrayNode resourceLogs = array(root, "resourceLogs", "");
        for (int i = 0; i < resourceLogs.size(); i++) {
            String path = "resourceLogs[" + i + "]";
            sink.accept(readResourceLogs(object(resourceLogs.get(i), path), path, limit));
        }
    }

    private static ResourceLogs readResourceLogs(JsonNode node, String path, OtlpLogRecordLimit limit) {
        List<OtlpKeyValue> resourceAttributes = List.of();
        JsonNode resource = field(node, "resource");
        if (resource != null && !resource.isNull()) {
            resourceAttributes = OtlpJsonCommonReader.attributes(object(resource, path + ".resource"), path + ".resource");
        }
        ArrayNode scopeLogs = array(node, "scopeLogs", path);
        List<ScopeLogs> scopes = new ArrayList<>(scopeLogs.size());
        for (int s = 0; s < scopeLogs.size(); s++) {
            String scopePath = path + ".scopeLogs[" + s + "]";
            scopes.add(readScopeLogs(object(scopeLogs.get(s), scopePath), scopePath, limit));
        }
        return new ResourceLogs(resourceAttributes, scopes);
    }

    private static ScopeLogs readScopeLogs(JsonNode node, String path, OtlpLogRecordLimit limit) {
        String name = "";
        String version = "";
        JsonNode scope = field(node, "scope");
        if (scope != null && !scope.isNull()) {
            object(scope, path + ".scope");
            name = string(scope, "name", path + ".scope");
            version = string(scope, "version", path + ".scope");
        }
        ArrayNode logRecords = array(node, "logRecords", path);
        List<LogRecord> records = new ArrayList<>(logRecords.size());
        for (int r = 0; r < logRecords.size(); r++) {
            limit.count();
            String recordPath = path + ".logRecords[" + r + "]";
            records.add(readLogRecord(object(logRecords.get(r), recordPath), recordPath));
        }
        return new ScopeLogs(name, version, records);
    }

    private static LogRecord readLogRecord(JsonNode node, String path) {
        return new LogRecord(fixed64(node, "timeUnixNano", path), fixed64(node, "observedTimeUnixNano", path),
                severityNumber(node, path), string(node, "severityText", path),
                OtlpJsonCommonReader.anyValue(field(node, "body"), path + ".body"),
                OtlpJsonCommonReader.attributes(node, path), uint32(node, "flags", path),
                string(node, "traceId", path), string(node, "spanId", path), string(node, "eventName", path));
    }

    /** The {@code SeverityNumber} enum as its number or its name; 0 (unspecified) when absent. */
    private static int severityNumber(JsonNode record, String recordPath) {
        JsonNode node = field(record, "severityNumber");
        String path = recordPath + ".severityNumber";
        if (node == null || node.isNull()) {
            return 0;
        }
        if (node.isIntegralNumber() && node.canConvertToInt()) {
            return node.intValue();
        }
        if (node.isTextual()) {
            Integer number = severityNumber(node.textValue());
            if (number != null) {
                return number;
            }
            throw new LoupeException(ErrorCode.INVALID_JSON, path + " is '" + OtlpJsonCommonReader.abbreviate(node.textValue())
                    + "', not a SeverityNumber (SEVERITY_NUMBER_UNSPECIFIED, SEVERITY_NUMBER_TRACE ... SEVERITY_NUMBER_FATAL4)");
        }
        throw OtlpJsonCommonReader.wrongType(path, "an enum number or name", node);
    }

    /** SEVERITY_NUMBER_INFO is 9, SEVERITY_NUMBER_INFO2 to _INFO4 are 10 to 12, and so on; null for another name. */
    private static Integer severityNumber(String name) {
        if (name.equals(SEVERITY_PREFIX + "UNSPECIFIED")) {
            return 0;
        }
        if (!name.startsWith(SEVERITY_PREFIX)) {
            return null;
        }
        String level = name.substring(SEVERITY_PREFIX.length());
        int step = 0;
        char last = level.isEmpty() ? ' ' : level.charAt(level.length() - 1);
        if (last >= '2' && last <= '4') {
            step = last - '1';
            level = level.substring(0, level.length() - 1);
        }
        Integer base = SEVERITY_BASES.get(level);
        return base == null ? null : base + step;
    }
}
