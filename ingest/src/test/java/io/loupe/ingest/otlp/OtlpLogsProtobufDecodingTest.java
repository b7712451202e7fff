package io.loupe.ingest.otlp;

import static io.loupe.ingest.otlp.OtlpLogsProtobufRequest.BODY;
import static io.loupe.ingest.otlp.OtlpLogsProtobufRequest.DROPPED_ATTRIBUTES_COUNT;
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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LogEvent;
import io.loupe.index.api.LogKind;
import io.loupe.index.api.LoupeException;
import io.loupe.index.api.TimeRange;
import io.loupe.ingest.IngestConfig;
import io.loupe.ingest.parse.EventRules;
import io.loupe.ingest.wire.ProtobufWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OtlpLogsProtobufDecodingTest {
    /** 2023-11-14T22:13:20.123456789Z. */
    static final long T = 1_700_000_000_123_456_789L;
    /** 2023-11-14T22:29:59Z, when the request arrives. */
    static final long RECEIVED = 1_700_000_999_000_000_000L;
    static final long DAY = 86_400_000_000_000L;
    static final EventRules RULES = new EventRules(RECEIVED, new TimeRange(RECEIVED - 30 * DAY, RECEIVED + DAY), 1000,
            LogKind.APPLICATION);
    static final String TRACE_ID_HEX = "5b8efff798038103d269b633813fc60c";
    static final String SPAN_ID_HEX = "eee19b7ec3c1b174";
    static final OtlpLogsDecoder DECODER = new OtlpLogsDecoder(IngestConfig.defaults());

    static ProtobufWriter[] checkoutResource() {
        return attributes(keyValue("service.name", string("checkout")), keyValue("host.name", string("web-3")),
                keyValue("deployment.environment", string("prod")), keyValue("k8s.pod.name", string("checkout-7d9f")),
                keyValue("process.pid", integer(4242)));
    }

    private static OtlpDecodedLogs decode(byte[] body) {
        return DECODER.decodeProtobuf(body, RULES);
    }

    private static OtlpDecodedLogs decode(byte[] body, EventRules rules) {
        return DECODER.decodeProtobuf(body, rules);
    }

    private static LogEvent only(OtlpDecodedLogs decoded) {
        assertEquals(List.of(), decoded.errors());
        assertEquals(1, decoded.accepted().size());
        return decoded.accepted().getFirst();
    }

    @Test
    void recordBecomesAnEventWithResourceScopeAndSemanticConventionFields() {
        ProtobufWriter record = logRecord(T, 17, "ERROR", "card declined",
                keyValue("http.response.status_code", integer(502)), keyValue("user.id", string("u-42")),
                keyValue("event.action", string("charge")), keyValue("event.outcome", string("failure")),
                keyValue("client.address", string("192.0.2.7")), keyValue("session.id", string("s-9")),
                keyValue("http.request.id", string("r-1")), keyValue("retry.ratio", floating(0.25)),
                keyValue("cache.hit", bool(false)), keyValue("tags", array(string("a"), integer(1))),
                keyValue("ctx", kvlist(keyValue("k", string("v")))), keyValue("raw", bytes(new byte[] {1, 2, 3})),
                keyValue("unset", null))
                .writeFixed64Field(OBSERVED_TIME_UNIX_NANO, T + 5).writeVarintField(DROPPED_ATTRIBUTES_COUNT, 2)
                .writeFixed32Field(FLAGS, 1).writeBytesField(TRACE_ID, HexFormat.of().parseHex(TRACE_ID_HEX))
                .writeBytesField(SPAN_ID, HexFormat.of().parseHex(SPAN_ID_HEX)).writeStringField(EVENT_NAME, "payment.failed");
        LogEvent event = only(decode(request(resourceLogs(checkoutResource(),
                scopeLogs("io.opentelemetry.checkout", "1.4.0", record)))));

        assertEquals(T, event.timestampNanos());
        assertFalse(event.timestampDefaulted());
        assertEquals(LogKind.APPLICATION, event.kind());
        assertEquals("card declined", event.message());
        assertEquals(Map.ofEntries(Map.entry("source", "otlp"), Map.entry("service", "checkout"), Map.entry("host", "web-3"),
                Map.entry("level", "error"), Map.entry("trace_id", TRACE_ID_HEX), Map.entry("span_id", SPAN_ID_HEX),
                Map.entry("user_id", "u-42"), Map.entry("action", "charge"), Map.entry("outcome", "failure"),
                Map.entry("source_ip", "192.0.2.7"), Map.entry("session_id", "s-9"), Map.entry("request_id", "r-1")), event.fields());
        assertEquals(Map.ofEntries(Map.entry("resource.deployment.environment", "prod"),
                Map.entry("resource.k8s.pod.name", "checkout-7d9f"), Map.entry("resource.process.pid", 4242L),
                Map.entry("otel.scope.name", "io.opentelemetry.checkout"), Map.entry("otel.scope.version", "1.4.0"),
                Map.entry("event.name", "payment.failed"), Map.entry("http.response.status_code", 502L),
                Map.entry("retry.ratio", 0.25), Map.entry("cache.hit", false), Map.entry("tags", "[\"a\",1]"),
                Map.entry("ctx", "{\"k\":\"v\"}"), Map.entry("raw", "AQID")), event.attributes());
        assertEquals("{\"timeUnixNano\":\"1700000000123456789\",\"observedTimeUnixNano\":\"1700000000123456794\","
                + "\"severityNumber\":17,\"severityText\":\"ERROR\",\"body\":\"card declined\",\"attributes\":{"
                + "\"http.response.status_code\":502,\"user.id\":\"u-42\",\"event.action\":\"charge\",\"event.outcome\":\"failure\","
                + "\"client.address\":\"192.0.2.7\",\"session.id\":\"s-9\",\"http.request.id\":\"r-1\",\"retry.ratio\":0.25,"
                + "\"cache.hit\":false,\"tags\":[\"a\",1],\"ctx\":{\"k\":\"v\"},\"raw\":\"AQID\",\"unset\":null},\"flags\":1,"
                + "\"traceId\":\"" + TRACE_ID_HEX + "\",\"spanId\":\"" + SPAN_ID_HEX + "\",\"eventName\":\"payment.failed\"}",
                new String(event.original(), StandardCharsets.UTF_8));
    }

    @Test
    void timestampIsTheEventTimeElseTheObservedTimeElseTheReceiveTime() {
        List<LogEvent> events = decode(request(resourceLogs(attributes(), scopeLogs(null, null,
                logRecord(T, 0, null, "event time").writeFixed64Field(OBSERVED_TIME_UNIX_NANO, T + 1000),
                logRecord(0, 0, null, "observed only").writeFixed64Field(OBSERVED_TIME_UNIX_NANO, T + 1000),
                logRecord(0, 0, null, "neither"))))).accepted();
        assertEquals(List.of(T, T + 1000, RECEIVED), events.stream().map(LogEvent::timestampNanos).toList());
        assertEquals(List.of(false, false, true), events.stream().map(LogEvent::timestampDefaulted).toList());
        assertFalse(events.getFirst().attributes().containsKey("otel.scope.name"), "a scope without a name adds no attribute");
    }

    @Test
    void severityNumberRangesBecomeLevelsAndSeverityTextIsTheFallback() {
        ProtobufWriter scope = new ProtobufWriter();
        for (int number = 1; number <= 24; number++) {
            scope.writeMessageField(2, logRecord(T, number, "ignored when the number is set", "n" + number));
        }
        scope.writeMessageField(2, logRecord(T, 0, "WARNING", "text only"));
        scope.writeMessageField(2, logRecord(T, 0, "Information", "text only"));
        scope.writeMessageField(2, logRecord(T, 25, "Severe", "number out of range"));
        scope.writeMessageField(2, logRecord(T, 0, null, "neither"));
        List<String> levels = decode(request(new ProtobufWriter().writeMessageField(2, scope))).accepted().stream()
                .map(event -> event.field("level")).toList();
        List<String> expected = new java.util.ArrayList<>();
        for (String level : List.of("trace", "debug", "info", "warn", "error", "fatal")) {
            expected.addAll(List.of(level, level, level, level));
        }
        expected.addAll(Arrays.asList("warn", "info", "error", null));
        assertEquals(expected, levels);
    }

    @Test
    void bodiesOtherThanStringsBecomeTheirTextAndNoBodyIsNoMessage() {
        ProtobufWriter scope = scopeLogs("s", null,
                logRecord(T, 9, null, null).writeMessageField(BODY, integer(42)),
                logRecord(T, 9, null, null).writeMessageField(BODY, kvlist(keyValue("user", string("alice")),
                        keyValue("attempts", integer(3)), keyValue("ok", bool(true)))),
                logRecord(T, 9, null, null).writeMessageField(BODY, floating(1e6)),
                logRecord(T, 9, null, null));
        List<LogEvent> events = decode(request(resourceLogs(attributes(), scope))).accepted();
        assertEquals(Arrays.asList("42", "{\"user\":\"alice\",\"attempts\":3,\"ok\":true}", "1e+06", null),
                events.stream().map(LogEvent::message).toList());
    }

    @Test
    void auditKindComesFromLoupeKindAndTheUserNameOfAnAuditEventIsItsActor() {
        ProtobufWriter scope = scopeLogs("auth", null,
                logRecord(T, 9, null, "login", keyValue("loupe.kind", string("audit")), keyValue("user.name", string("alice")),
                        keyValue("enduser.id", string("u-1")), keyValue("event.outcome", string("success"))),
                logRecord(T, 9, null, "profile viewed", keyValue("user.name", string("bob"))),
                logRecord(T, 9, null, "cron", keyValue("loupe.kind", string("system"))),
                logRecord(T, 9, null, "both ids", keyValue("user.id", string("u-2")), keyValue("enduser.id", string("u-3"))));
        List<LogEvent> events = decode(request(resourceLogs(attributes(), scope))).accepted();

        LogEvent login = events.get(0);
        assertEquals(LogKind.AUDIT, login.kind());
        assertEquals("alice", login.field("actor"));
        assertEquals("u-1", login.field("user_id"));
        assertEquals("success", login.field("outcome"));
        assertFalse(login.attributes().containsKey("loupe.kind"));
        assertFalse(login.attributes().containsKey("user.name"));

        LogEvent viewed = events.get(1);
        assertEquals(LogKind.APPLICATION, viewed.kind());
        assertNull(viewed.field("actor"));
        assertEquals("bob", viewed.attributes().get("user.name"));

        assertEquals(LogKind.SYSTEM, events.get(2).kind());
        assertEquals("u-2", events.get(3).field("user_id"));
        assertEquals("u-3", events.get(3).attributes().get("enduser.id"), "the later source name stays an attribute");
    }

    @Test
    void allZeroIdsAreLeftOutAndIdsOfTheWrongLengthRejectTheirRecord() {
        ProtobufWriter scope = scopeLogs("s", null,
                logRecord(T, 9, null, "zeros").writeBytesField(TRACE_ID, new byte[16]).writeBytesField(SPAN_ID, new byte[8]),
                logRecord(T, 9, null, "short trace id").writeBytesField(TRACE_ID, new byte[] {1, 2, 3}),
                logRecord(T, 9, null, "long span id").writeBytesField(SPAN_ID, new byte[16]));
        OtlpDecodedLogs decoded = decode(request(resourceLogs(attributes(), scope)));
        assertEquals(1, decoded.accepted().size());
        assertNull(decoded.accepted().getFirst().field("trace_id"));
        assertNull(decoded.accepted().getFirst().field("span_id"));
        assertEquals(List.of(
                new OtlpRejectedLogRecord("resourceLogs[0].scopeLogs[0].logRecords[1]", ErrorCode.INVALID_FIELD,
                        "trace_id '010203' is not 16 bytes (32 hex digits in OTLP/JSON, which sends ids in hex, not base64)"),
                new OtlpRejectedLogRecord("resourceLogs[0].scopeLogs[0].logRecords[2]", ErrorCode.INVALID_FIELD,
                        "span_id '00000000000000000000000000000000' is not 8 bytes (16 hex digits in OTLP/JSON, which sends ids"
                                + " in hex, not base64)")), decoded.errors());
    }

    @Test
    void badRecordsAreRejectedWithTheirPositionAndTheOthersKept() {
        EventRules fewFields = new EventRules(RECEIVED, RULES.accepted(), 4, LogKind.APPLICATION);
        byte[] body = request(
                resourceLogs(attributes(keyValue("service.name", string("a"))),
                        scopeLogs("first", null, logRecord(T, 9, null, "ok")),
                        scopeLogs("second", null,
                                logRecord(T, 9, null, "ok too"),
                                logRecord(T - 60 * DAY, 9, null, "too old"),
                                logRecord(T, 9, null, "many fields", keyValue("a", string("1")), keyValue("b", string("2")),
                                        keyValue("c", string("3"))),
                                logRecord(T, 9, null, "twice", keyValue("a", string("1")), keyValue("a", string("2"))),
                                logRecord(T, 9, null, "bad kind", keyValue("loupe.kind", string("security"))),
                                logRecord(T + 2 * DAY, 9, null, "future"))),
                resourceLogs(attributes(keyValue("host.name", string("h")), keyValue("host.name", string("h2"))),
                        scopeLogs("s", null, logRecord(T, 9, null, "resource is broken"))));
        OtlpDecodedLogs decoded = decode(body, fewFields);
        assertEquals(List.of("ok", "ok too"), decoded.accepted().stream().map(LogEvent::message).toList());
        assertEquals(6, decoded.rejected());
        assertEquals(List.of(
                "resourceLogs[0].scopeLogs[1].logRecords[1] INVALID_TIMESTAMP",
                "resourceLogs[0].scopeLogs[1].logRecords[2] TOO_MANY_FIELDS",
                "resourceLogs[0].scopeLogs[1].logRecords[3] INVALID_FIELD",
                "resourceLogs[0].scopeLogs[1].logRecords[4] INVALID_KIND",
                "resourceLogs[0].scopeLogs[1].logRecords[5] INVALID_TIMESTAMP",
                "resourceLogs[1].scopeLogs[0].logRecords[0] INVALID_FIELD"),
                decoded.errors().stream().map(error -> error.position() + " " + error.code()).toList());
        assertEquals("timestamp 2023-09-15T22:13:20.123456789Z is older than the retention period (log.retention_days), it would be"
                + " deleted at once", decoded.errors().get(0).message());
        assertEquals("event has more than 4 fields (nested attributes count one per leaf); the limit is ingest.max_fields_per_event",
                decoded.errors().get(1).message());
        assertEquals("attribute a appears more than once", decoded.errors().get(2).message());
        assertEquals("loupe.kind 'security' is not one of system, application, audit", decoded.errors().get(3).message());
        assertEquals("resource attribute host.name appears more than once", decoded.errors().get(5).message());
    }

    @Test
    void moreRecordsThanTheRequestLimitRefuseTheRequest() {
        IngestConfig defaults = IngestConfig.defaults();
        OtlpLogsDecoder small = new OtlpLogsDecoder(new IngestConfig(defaults.maxBodyBytes(), defaults.maxLineBytes(),
                defaults.maxFieldsPerEvent(), 2, defaults.maxInFlightRequests(), defaults.workerThreads(), defaults.maxLabelValueBytes()));
        byte[] two = request(resourceLogs(attributes(), scopeLogs("s", null, logRecord(T, 9, null, "1"))),
                resourceLogs(attributes(), scopeLogs("s", null, logRecord(T, 9, null, "2"))));
        assertEquals(2, small.decodeProtobuf(two, RULES).accepted().size());
        byte[] three = request(resourceLogs(attributes(), scopeLogs("s", null, logRecord(T, 9, null, "1"), logRecord(T, 9, null, "2")),
                scopeLogs("s", null, new ProtobufWriter())));
        LoupeException e = assertThrows(LoupeException.class, () -> small.decodeProtobuf(three, RULES));
        assertEquals(ErrorCode.TOO_MANY_EVENTS, e.code());
        assertEquals("OTLP logs request has more than 2 log records (ingest.max_events_per_request); send smaller batches"
                + " (send_batch_max_size of the Collector's batch processor)", e.getMessage());
    }

    @Test
    void malformedMessageIsRefusedWholeNamingTheOffset() {
        byte[] valid = request(resourceLogs(checkoutResource(), scopeLogs("s", null, logRecord(T, 9, null, "hello"))));
        LoupeException truncated = assertThrows(LoupeException.class, () -> decode(Arrays.copyOf(valid, valid.length - 3)));
        assertEquals(ErrorCode.INVALID_FIELD, truncated.code());
        assertTrue(truncated.getMessage().startsWith("OTLP body is not a valid protobuf ExportLogsServiceRequest: "),
                truncated.getMessage());
        assertTrue(truncated.getMessage().endsWith(" (send Content-Type: application/json for OTLP/JSON)"), truncated.getMessage());

        // the log record's first byte: a 2-byte length for the ResourceLogs, then resource, scope and their tags
        byte[] severityAsString = request(resourceLogs(attributes(), scopeLogs("s", null,
                new ProtobufWriter().writeStringField(2, "INFO"))));
        assertEquals("OTLP body is not a valid protobuf ExportLogsServiceRequest: field 2 has wire type 2, expected 0 (varint)"
                + " at offset 48 (send Content-Type: application/json for OTLP/JSON)",
                assertThrows(LoupeException.class, () -> decode(severityAsString)).getMessage());

        byte[] json = "{\"resourceLogs\":[]}".getBytes(StandardCharsets.UTF_8);
        assertEquals(ErrorCode.INVALID_FIELD, assertThrows(LoupeException.class, () -> decode(json)).code());
    }

    @Test
    void deeplyNestedBodyIsRefused() {
        ProtobufWriter value = string("deep");
        for (int i = 0; i < 40; i++) {
            value = array(value);
        }
        byte[] body = request(resourceLogs(attributes(), scopeLogs("s", null,
                logRecord(T, 9, null, null).writeMessageField(BODY, value))));
        LoupeException e = assertThrows(LoupeException.class, () -> decode(body));
        assertTrue(e.getMessage().contains("attribute value nested more than 32 levels deep"), e.getMessage());
    }

    @Test
    void emptyBodyIsAnEmptyRequest() {
        assertEquals(new OtlpDecodedLogs(List.of(), 0, List.of()), decode(new byte[0]));
    }
}
