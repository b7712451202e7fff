package io.loupe.ingest.otlp;

import static io.loupe.ingest.otlp.OtlpLogsProtobufDecodingTest.DECODER;
import static io.loupe.ingest.otlp.OtlpLogsProtobufDecodingTest.RECEIVED;
import static io.loupe.ingest.otlp.OtlpLogsProtobufDecodingTest.RULES;
import static io.loupe.ingest.otlp.OtlpLogsProtobufDecodingTest.SPAN_ID_HEX;
import static io.loupe.ingest.otlp.OtlpLogsProtobufDecodingTest.T;
import static io.loupe.ingest.otlp.OtlpLogsProtobufDecodingTest.TRACE_ID_HEX;
import static io.loupe.ingest.otlp.OtlpLogsProtobufRequest.BODY;
import static io.loupe.ingest.otlp.OtlpLogsProtobufRequest.EVENT_NAME;
import static io.loupe.ingest.otlp.OtlpLogsProtobufRequest.FLAGS;
import static io.loupe.ingest.otlp.OtlpLogsProtobufRequest.OBSERVED_TIME_UNIX_NANO;
import static io.loupe.ingest.otlp.OtlpLogsProtobufRequest.SPAN_ID;
import static io.loupe.ingest.otlp.OtlpLogsProtobufRequest.TRACE_ID;
import static io.loupe.ingest.otlp.OtlpLogsProtobufRequest.logRecord;
import static io.loupe.ingest.otlp.OtlpLogsProtobufRequest.request;
import static io.loupe.ingest.otlp.OtlpLogsProtobufRequest.resourceLogs;
import static io.loupe.ingest.otlp.OtlpLogsProtobufRequest.scopeLogs;
import static io.loupe.ingest.otlp.OtlpProtobufRequest.array;
import static io.loupe.ingest.otlp.OtlpProtobufRequest.attributes;
import static io.loupe.ingest.otlp.OtlpProtobufRequest.bool;
import static io.loupe.ingest.otlp.OtlpProtobufRequest.bytes;
import static io.loupe.ingest.otlp.OtlpProtobufRequest.floating;
import static io.loupe.ingest.otlp.OtlpProtobufRequest.integer;
import static io.loupe.ingest.otlp.OtlpProtobufRequest.keyValue;
import static io.loupe.ingest.otlp.OtlpProtobufRequest.kvlist;
import static io.loupe.ingest.otlp.OtlpProtobufRequest.string;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LogEvent;
import io.loupe.index.api.LogKind;
import io.loupe.index.api.LoupeException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OtlpLogsJsonDecodingTest {
    /** What the Collector's otlphttp exporter sends with encoding: json (an app's error log and an audit event). */
    static final String EXAMPLE = """
            {"resourceLogs": [{
              "resource": {"attributes": [
                {"key": "service.name", "value": {"stringValue": "checkout"}},
                {"key": "host.name", "value": {"stringValue": "web-3"}},
                {"key": "deployment.environment", "value": {"stringValue": "prod"}},
                {"key": "process.pid", "value": {"intValue": "4242"}}]},
              "scopeLogs": [{
                "scope": {"name": "io.opentelemetry.checkout", "version": "1.4.0",
                          "attributes": [{"key": "scope.attribute", "value": {"stringValue": "ignored"}}]},
                "logRecords": [
                  {"timeUnixNano": "1700000000123456789", "observedTimeUnixNano": "1700000000123456794",
                   "severityNumber": 17, "severityText": "ERROR", "body": {"stringValue": "card declined"},
                   "attributes": [
                     {"key": "http.response.status_code", "value": {"intValue": "502"}},
                     {"key": "retry.ratio", "value": {"doubleValue": 0.25}},
                     {"key": "cache.hit", "value": {"boolValue": false}},
                     {"key": "tags", "value": {"arrayValue": {"values": [{"stringValue": "a"}, {"intValue": 1}]}}},
                     {"key": "ctx", "value": {"kvlistValue": {"values": [{"key": "k", "value": {"stringValue": "v"}}]}}},
                     {"key": "raw", "value": {"bytesValue": "AQID"}}],
                   "droppedAttributesCount": 0, "flags": 1,
                   "traceId": "5B8EFFF798038103D269B633813FC60C", "spanId": "eee19b7ec3c1b174", "eventName": "payment.failed"},
                  {"timeUnixNano": 1700000000123456789, "severityNumber": "SEVERITY_NUMBER_INFO2",
                   "body": {"kvlistValue": {"values": [{"key": "user", "value": {"stringValue": "alice"}}]}},
                   "attributes": [
                     {"key": "loupe.kind", "value": {"stringValue": "audit"}},
                     {"key": "user.name", "value": {"stringValue": "alice"}},
                     {"key": "enduser.id", "value": {"intValue": 7}},
                     {"key": "event.action", "value": {"stringValue": "login"}},
                     {"key": "event.outcome", "value": {"stringValue": "success"}},
                     {"key": "source.ip", "value": {"stringValue": "192.0.2.7"}},
                     {"key": "session.id", "value": {"stringValue": "s-9"}},
                     {"key": "request.id", "value": {"stringValue": "r-1"}}],
                   "traceId": "", "spanId": ""}
                ]}]}]}
            """;

    private static OtlpDecodedLogs decode(String json) {
        return DECODER.decodeJson(json.getBytes(StandardCharsets.UTF_8), RULES);
    }

    @Test
    void collectorExampleMapsLikeItsProtobufTwin() {
        OtlpDecodedLogs fromJson = decode(EXAMPLE);
        byte[] protobuf = request(resourceLogs(attributes(keyValue("service.name", string("checkout")),
                        keyValue("host.name", string("web-3")), keyValue("deployment.environment", string("prod")),
                        keyValue("process.pid", integer(4242))),
                scopeLogs("io.opentelemetry.checkout", "1.4.0",
                        logRecord(T, 17, "ERROR", "card declined", keyValue("http.response.status_code", integer(502)),
                                keyValue("retry.ratio", floating(0.25)), keyValue("cache.hit", bool(false)),
                                keyValue("tags", array(string("a"), integer(1))), keyValue("ctx", kvlist(keyValue("k", string("v")))),
                                keyValue("raw", bytes(new byte[] {1, 2, 3})))
                                .writeFixed64Field(OBSERVED_TIME_UNIX_NANO, T + 5).writeFixed32Field(FLAGS, 1)
                                .writeBytesField(TRACE_ID, HexFormat.of().parseHex(TRACE_ID_HEX))
                                .writeBytesField(SPAN_ID, HexFormat.of().parseHex(SPAN_ID_HEX))
                                .writeStringField(EVENT_NAME, "payment.failed"),
                        logRecord(T, 10, null, null, keyValue("loupe.kind", string("audit")), keyValue("user.name", string("alice")),
                                keyValue("enduser.id", integer(7)), keyValue("event.action", string("login")),
                                keyValue("event.outcome", string("success")), keyValue("source.ip", string("192.0.2.7")),
                                keyValue("session.id", string("s-9")), keyValue("request.id", string("r-1")))
                                .writeMessageField(BODY, kvlist(keyValue("user", string("alice")))))));
        OtlpDecodedLogs fromProtobuf = DECODER.decodeProtobuf(protobuf, RULES);
        assertEquals(List.of(), fromJson.errors());
        assertEquals(2, fromJson.accepted().size());
        for (int i = 0; i < 2; i++) {
            LogEvent json = fromJson.accepted().get(i);
            LogEvent proto = fromProtobuf.accepted().get(i);
            assertEquals(proto.timestampNanos(), json.timestampNanos());
            assertEquals(proto.kind(), json.kind());
            assertEquals(proto.message(), json.message());
            assertEquals(proto.fields(), json.fields());
            assertEquals(proto.attributes(), json.attributes());
            assertEquals(new String(proto.original(), StandardCharsets.UTF_8).replace(TRACE_ID_HEX, TRACE_ID_HEX.toUpperCase()),
                    new String(json.original(), StandardCharsets.UTF_8), "the original keeps the id as it was sent");
        }

        LogEvent error = fromJson.accepted().get(0);
        assertEquals(T, error.timestampNanos());
        assertEquals("error", error.field("level"));
        assertEquals(TRACE_ID_HEX, error.field("trace_id"), "hex ids are stored in lowercase");
        assertEquals(SPAN_ID_HEX, error.field("span_id"));
        assertEquals(4242L, error.attributes().get("resource.process.pid"));
        assertEquals("AQID", error.attributes().get("raw"));

        LogEvent audit = fromJson.accepted().get(1);
        assertEquals(LogKind.AUDIT, audit.kind());
        assertEquals("{\"user\":\"alice\"}", audit.message());
        assertEquals(Map.ofEntries(Map.entry("source", "otlp"), Map.entry("service", "checkout"), Map.entry("host", "web-3"),
                Map.entry("level", "info"), Map.entry("actor", "alice"), Map.entry("user_id", "7"), Map.entry("action", "login"),
                Map.entry("outcome", "success"), Map.entry("source_ip", "192.0.2.7"), Map.entry("session_id", "s-9"),
                Map.entry("request_id", "r-1")), audit.fields());
    }

    @Test
    void snakeCaseKeysEnumNamesAndNumbersAreAccepted() {
        LogEvent event = decode("""
                {"resource_logs": [{"scope_logs": [{"log_records": [
                  {"time_unix_nano": 1700000000123456789, "severity_number": "SEVERITY_NUMBER_WARN4", "severity_text": "W",
                   "body": {"string_value": "disk almost full"}, "trace_id": "5b8efff798038103d269b633813fc60c",
                   "attributes": [{"key": "free.bytes", "value": {"int_value": 1024}}], "event_name": "disk.low"}]}]}]}
                """).accepted().getFirst();
        assertEquals(T, event.timestampNanos());
        assertEquals("warn", event.field("level"));
        assertEquals("disk almost full", event.message());
        assertEquals(TRACE_ID_HEX, event.field("trace_id"));
        assertEquals(Map.of("free.bytes", 1024L, "event.name", "disk.low"), event.attributes());
    }

    @Test
    void severityNamesCoverTheWholeEnum() {
        StringBuilder records = new StringBuilder();
        for (String level : List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL")) {
            for (String step : List.of("", "2", "3", "4")) {
                records.append(records.isEmpty() ? "" : ",").append("{\"severityNumber\":\"SEVERITY_NUMBER_").append(level).append(step)
                        .append("\"}");
            }
        }
        records.append(",{\"severityNumber\":\"SEVERITY_NUMBER_UNSPECIFIED\",\"severityText\":\"notice\"}");
        List<String> levels = decode("{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[" + records + "]}]}]}").accepted().stream()
                .map(event -> event.field("level")).toList();
        assertEquals(List.of("trace", "trace", "trace", "trace", "debug", "debug", "debug", "debug", "info", "info", "info", "info",
                "warn", "warn", "warn", "warn", "error", "error", "error", "error", "fatal", "fatal", "fatal", "fatal", "info"), levels);
        assertEquals(RECEIVED, decode("{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{}]}]}]}").accepted().getFirst()
                .timestampNanos());
    }

    @Test
    void idsThatAreNotHexRejectTheirRecordOnly() {
        OtlpDecodedLogs decoded = decode("""
                {"resourceLogs": [{"scopeLogs": [{"logRecords": [
                  {"body": {"stringValue": "ok"}, "traceId": "00000000000000000000000000000000", "spanId": "0000000000000000"},
                  {"body": {"stringValue": "base64"}, "traceId": "W47/95gDgQPSabYzgT/GDA=="},
                  {"body": {"stringValue": "not hex"}, "spanId": "eee19b7ec3c1b17z"}]}]}]}
                """);
        assertEquals(List.of("ok"), decoded.accepted().stream().map(LogEvent::message).toList());
        assertEquals(Map.of("source", "otlp"), decoded.accepted().getFirst().fields(), "all-zero ids are no ids");
        assertEquals(List.of(
                new OtlpRejectedLogRecord("resourceLogs[0].scopeLogs[0].logRecords[1]", ErrorCode.INVALID_FIELD,
                        "trace_id 'W47/95gDgQPSabYzgT/GDA==' is not 16 bytes (32 hex digits in OTLP/JSON, which sends ids in hex,"
                                + " not base64)"),
                new OtlpRejectedLogRecord("resourceLogs[0].scopeLogs[0].logRecords[2]", ErrorCode.INVALID_FIELD,
                        "span_id 'eee19b7ec3c1b17z' is not 8 bytes (16 hex digits in OTLP/JSON, which sends ids in hex, not base64)")),
                decoded.errors());
    }

    @Test
    void wrongTypesAreRefusedNamingThePath() {
        assertRefused("resourceLogs[0].scopeLogs[1].logRecords[0].timeUnixNano must be an integer or a decimal string, got object",
                "{\"resourceLogs\":[{\"scopeLogs\":[{},{\"logRecords\":[{\"timeUnixNano\":{\"nanos\":1}}]}]}]}");
        assertRefused("resourceLogs[0].scopeLogs[0].logRecords[0].severityNumber is 'SEVERITY_NUMBER_LOUD', not a SeverityNumber"
                        + " (SEVERITY_NUMBER_UNSPECIFIED, SEVERITY_NUMBER_TRACE ... SEVERITY_NUMBER_FATAL4)",
                "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"severityNumber\":\"SEVERITY_NUMBER_LOUD\"}]}]}]}");
        assertRefused("resourceLogs[0].scopeLogs[0].logRecords[0].severityNumber must be an enum number or name, got boolean",
                "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"severityNumber\":true}]}]}]}");
        assertRefused("resourceLogs[0].scopeLogs[0].logRecords[0].traceId must be a string, got number",
                "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"traceId\":5}]}]}]}");
        assertRefused("resourceLogs[0].scopeLogs[0].logRecords[0].body.intValue is 'x', not a 64-bit integer",
                "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"body\":{\"intValue\":\"x\"}}]}]}]}");
        assertRefused("resourceLogs[0].scopeLogs[0].logRecords[0].flags is 4294967296, outside the uint32 range",
                "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"flags\":4294967296}]}]}]}");
        assertRefused("resourceLogs[0].scopeLogs[0].scope.name must be a string, got array",
                "{\"resourceLogs\":[{\"scopeLogs\":[{\"scope\":{\"name\":[]}}]}]}");
        assertRefused("resourceLogs[0].resource.attributes[0].value must be an object, got string",
                "{\"resourceLogs\":[{\"resource\":{\"attributes\":[{\"key\":\"k\",\"value\":\"v\"}]}}]}");
        assertRefused("resourceLogs must be an array, got object", "{\"resourceLogs\":{}}");
        assertRefused("OTLP/JSON body must be one ExportLogsServiceRequest object, got array", "[]");
        assertRefused("OTLP/JSON body must be one ExportLogsServiceRequest object, got nothing", "");
        LoupeException syntax = assertThrows(LoupeException.class, () -> decode("{\"resourceLogs\": ["));
        assertEquals(ErrorCode.INVALID_JSON, syntax.code());
        assertTrue(syntax.getMessage().startsWith("OTLP/JSON body is not valid JSON: "), syntax.getMessage());
    }

    private static void assertRefused(String message, String json) {
        LoupeException e = assertThrows(LoupeException.class, () -> decode(json));
        assertEquals(ErrorCode.INVALID_JSON, e.code());
        assertEquals(message, e.getMessage());
    }

    @Test
    void deeplyNestedBodyIsRefused() {
        String value = "{\"stringValue\": \"deep\"}";
        for (int i = 0; i < 40; i++) {
            value = "{\"kvlistValue\": {\"values\": [{\"key\": \"k\", \"value\": " + value + "}]}}";
        }
        String json = "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"body\":" + value + "}]}]}]}";
        LoupeException e = assertThrows(LoupeException.class, () -> decode(json));
        assertEquals(ErrorCode.INVALID_JSON, e.code());
        assertTrue(e.getMessage().startsWith("resourceLogs[0].scopeLogs[0].logRecords[0].body.kvlistValue.values[0].value"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith(" is nested more than 32 levels deep"), e.getMessage());
    }

    @Test
    void emptyRequestAndUnknownFieldsAreFine() {
        assertEquals(new OtlpDecodedLogs(List.of(), 0, List.of()), decode("{}"));
        assertEquals(new OtlpDecodedLogs(List.of(), 0, List.of()), decode("{\"resourceLogs\": [], \"futureField\": [1]}"));
        assertArrayEquals("{}".getBytes(StandardCharsets.UTF_8),
                decode("{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"futureField\":1}]}]}]}").accepted().getFirst().original());
    }
}
