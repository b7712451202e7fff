package io.loupe.ingest.otlp;

import static io.loupe.ingest.otlp.OtlpProtobufRequest.keyValue;
import static io.loupe.ingest.otlp.OtlpProtobufRequest.string;

import io.loupe.ingest.wire.ProtobufWriter;

/**
 * Builds OTLP {@code ExportLogsServiceRequest} messages for tests, with the field numbers of
 * opentelemetry-proto (the table in {@link OtlpLogsProtobufReader}), including fields Loupe skips
 * (schema URLs, scope attributes, dropped counts). Attribute values come from {@link OtlpProtobufRequest}.
 */
final class OtlpLogsProtobufRequest {
    static final int TIME_UNIX_NANO = 1;
    static final int SEVERITY_NUMBER = 2;
    static final int SEVERITY_TEXT = 3;
    static final int BODY = 5;
    static final int ATTRIBUTES = 6;
    static final int DROPPED_ATTRIBUTES_COUNT = 7;
    static final int FLAGS = 8;
    static final int TRACE_ID = 9;
    static final int SPAN_ID = 10;
    static final int OBSERVED_TIME_UNIX_NANO = 11;
    static final int EVENT_NAME = 12;

    private OtlpLogsProtobufRequest() {
    }

    static byte[] request(ProtobufWriter... resourceLogs) {
        ProtobufWriter request = new ProtobufWriter();
        for (ProtobufWriter resource : resourceLogs) {
            request.writeMessageField(1, resource);
        }
        return request.toByteArray();
    }

    static ProtobufWriter resourceLogs(ProtobufWriter[] resourceAttributes, ProtobufWriter... scopeLogs) {
        ProtobufWriter resource = new ProtobufWriter();
        for (ProtobufWriter attribute : resourceAttributes) {
            resource.writeMessageField(1, attribute);
        }
        resource.writeVarintField(2, 0);
        ProtobufWriter resourceLogs = new ProtobufWriter().writeMessageField(1, resource);
        for (ProtobufWriter scope : scopeLogs) {
            resourceLogs.writeMessageField(2, scope);
        }
        return resourceLogs.writeStringField(3, "https://opentelemetry.io/schemas/1.26.0");
    }

    /** A ScopeLogs whose scope has a name, a version and an attribute that must not be stored. */
    static ProtobufWriter scopeLogs(String name, String version, ProtobufWriter... records) {
        ProtobufWriter scope = new ProtobufWriter();
        if (name != null) {
            scope.writeStringField(1, name);
        }
        if (version != null) {
            scope.writeStringField(2, version);
        }
        scope.writeMessageField(3, keyValue("scope.attribute", string("ignored"))).writeVarintField(4, 0);
        ProtobufWriter scopeLogs = new ProtobufWriter().writeMessageField(1, scope);
        for (ProtobufWriter record : records) {
            scopeLogs.writeMessageField(2, record);
        }
        return scopeLogs.writeStringField(3, "https://opentelemetry.io/schemas/1.26.0");
    }

    /** A LogRecord with a time, a severity and a string body; further fields are appended with the constants above. */
    static ProtobufWriter logRecord(long timeUnixNano, int severityNumber, String severityText, String body,
                                    ProtobufWriter... attributes) {
        ProtobufWriter record = new ProtobufWriter();
        if (timeUnixNano != 0) {
            record.writeFixed64Field(TIME_UNIX_NANO, timeUnixNano);
        }
        if (severityNumber != 0) {
            record.writeVarintField(SEVERITY_NUMBER, severityNumber);
        }
        if (severityText != null) {
            record.writeStringField(SEVERITY_TEXT, severityText);
        }
        if (body != null) {
            record.writeMessageField(BODY, string(body));
        }
        for (ProtobufWriter attribute : attributes) {
            record.writeMessageField(ATTRIBUTES, attribute);
        }
        return record;
    }
}
