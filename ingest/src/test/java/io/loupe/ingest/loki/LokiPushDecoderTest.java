package io.loupe.ingest.loki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LogEvent;
import io.loupe.index.api.LogKind;
import io.loupe.index.api.LoupeException;
import io.loupe.index.api.TimeRange;
import io.loupe.ingest.IngestConfig;
import io.loupe.ingest.parse.EventRules;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LokiPushDecoderTest {
    private static final long NOW = nanos("2026-11-22T10:00:00Z");
    private static final long T1 = nanos("2026-11-22T09:59:00.123456789Z");
    private static final long T2 = nanos("2026-11-22T09:59:01Z");
    private static final TimeRange ACCEPTED = new TimeRange(nanos("2026-10-23T10:00:00Z"), nanos("2026-11-23T10:00:00Z"));
    private static final EventRules RULES = new EventRules(NOW, ACCEPTED, 1000, LogKind.APPLICATION);
    private static final LokiPushDecoder DECODER = new LokiPushDecoder(IngestConfig.defaults());

    private static long nanos(String rfc3339) {
        Instant instant = Instant.parse(rfc3339);
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    private static LokiPushOutcome json(String body) {
        return DECODER.decode(body.getBytes(StandardCharsets.UTF_8), LokiPushFormat.JSON, RULES);
    }

    private static LokiPushOutcome protobuf(byte[] snappyBody) {
        return DECODER.decode(snappyBody, LokiPushFormat.PROTOBUF, RULES);
    }

    private static String original(LogEvent event) {
        return new String(event.original(), StandardCharsets.UTF_8);
    }

    @Test
    void jsonStreamsBecomeOneEventPerValueWithLabelsAndStructuredMetadata() {
        LokiPushOutcome outcome = json("""
                {"streams":[{"stream":{"service_name":"checkout","host":"web-3","level":"WARNING","env":"prod"},
                  "values":[["%d","card declined"],["%d","retrying",{"trace_id":"t-1","attempt":"2"}]]}]}
                """.formatted(T1, T2));
        assertEquals(0, outcome.rejected());
        assertEquals(List.of(), outcome.errors());
        assertEquals(2, outcome.accepted().size());
        LogEvent declined = outcome.accepted().get(0);
        assertEquals(T1, declined.timestampNanos());
        assertEquals(LogKind.APPLICATION, declined.kind());
        assertEquals("card declined", declined.message());
        assertEquals(Map.of("service", "checkout", "host", "web-3", "level", "warn", "source", "loki"), declined.fields());
        assertEquals(Map.of("labels.env", "prod"), declined.attributes());
        assertEquals("{\"stream\":{\"service_name\":\"checkout\",\"host\":\"web-3\",\"level\":\"WARNING\",\"env\":\"prod\"},"
                + "\"values\":[[\"" + T1 + "\",\"card declined\"]]}", original(declined));
        LogEvent retrying = outcome.accepted().get(1);
        assertEquals(T2, retrying.timestampNanos());
        assertEquals(Map.of("service", "checkout", "host", "web-3", "level", "warn", "source", "loki", "trace_id", "t-1"),
                retrying.fields());
        assertEquals(Map.of("labels.env", "prod", "metadata.attempt", "2"), retrying.attributes());
        assertEquals("{\"stream\":{\"service_name\":\"checkout\",\"host\":\"web-3\",\"level\":\"WARNING\",\"env\":\"prod\"},"
                + "\"values\":[[\"" + T2 + "\",\"retrying\",{\"trace_id\":\"t-1\",\"attempt\":\"2\"}]]}", original(retrying));
    }

    @Test
    void timestampsMayBeIntegersAndStreamsMayPutValuesBeforeTheirLabels() {
        LokiPushOutcome outcome = json("{\"streams\":[{\"values\":[[" + T1 + ",\"a\"]],\"stream\":{\"job\":\"cron\"}},"
                + "{\"stream\":{},\"values\":[]},{\"values\":[[\"" + T2 + "\",\"no labels\"]]}]}");
        assertEquals(0, outcome.rejected());
        assertEquals(2, outcome.accepted().size());
        assertEquals(T1, outcome.accepted().get(0).timestampNanos());
        assertEquals(Map.of("service", "cron", "source", "loki"), outcome.accepted().get(0).fields());
        assertEquals(Map.of("source", "loki"), outcome.accepted().get(1).fields());
    }

    @Test
    void aLoneSurrogateFromAJsonEscapeIsStoredAndBecomesAQuestionMarkInTheOriginal() {
        LokiPushOutcome outcome = json("{\"streams\":[{\"stream\":{\"job\":\"a\\udc00\"},\"values\":[[\"%d\",\"x\\ud800\"]]}]}"
                .formatted(T1));
        LogEvent event = outcome.accepted().getFirst();
        assertEquals("x\ud800", event.message());
        assertEquals("{\"stream\":{\"job\":\"a?\"},\"values\":[[\"" + T1 + "\",\"x?\"]]}", original(event));
    }

    @Test
    void theOldLabelsAndEntriesFormIsAccepted() {
        LokiPushOutcome outcome = json("""
                {"streams":[{"labels":"{job=\\"nginx\\", instance=\\"web-1:9080\\", path=\\"/var/log/a \\\\\\"b\\\\\\".log\\"}",
                  "entries":[{"ts":"2026-11-22T10:59:00.123456789+01:00","line":"GET / 200"}]}]}
                """);
        assertEquals(0, outcome.rejected(), outcome.errors().toString());
        LogEvent event = outcome.accepted().getFirst();
        assertEquals(T1, event.timestampNanos());
        assertEquals("GET / 200", event.message());
        assertEquals(Map.of("service", "nginx", "host", "web-1:9080", "source", "loki"), event.fields());
        assertEquals(Map.of("labels.path", "/var/log/a \"b\".log"), event.attributes());
    }

    @Test
    void protobufPushesDecodeLikeTheirJsonTwins() {
        byte[] body = new LokiPushRequestBuilder()
                .stream("{service_name=\"checkout\", host=\"web-3\", level=\"WARNING\", env=\"prod\"}")
                .entry(T1 / 1_000_000_000L, (int) (T1 % 1_000_000_000L), "card declined")
                .entry(T2 / 1_000_000_000L, 0, "retrying", "trace_id", "t-1", "attempt", "2")
                .end().snappy();
        LokiPushOutcome fromProtobuf = protobuf(body);
        LokiPushOutcome fromJson = json("""
                {"streams":[{"stream":{"service_name":"checkout","host":"web-3","level":"WARNING","env":"prod"},
                  "values":[["%d","card declined"],["%d","retrying",{"trace_id":"t-1","attempt":"2"}]]}]}
                """.formatted(T1, T2));
        assertEquals(0, fromProtobuf.rejected());
        assertEquals(2, fromProtobuf.accepted().size());
        for (int i = 0; i < 2; i++) {
            LogEvent expected = fromJson.accepted().get(i);
            LogEvent actual = fromProtobuf.accepted().get(i);
            assertEquals(expected.timestampNanos(), actual.timestampNanos());
            assertEquals(expected.message(), actual.message());
            assertEquals(expected.fields(), actual.fields());
            assertEquals(expected.attributes(), actual.attributes());
            assertEquals(original(expected), original(actual));
        }
    }

    @Test
    void aliasesFeedKeywordFieldsFirstPresentWinsAndTheRestStayLabels() {
        LokiPushOutcome outcome = json("""
                {"streams":[
                  {"stream":{"job":"varlogs","app":"billing","hostname":"db-1","instance":"db-1:9100","lvl":"err","kind":"audit",
                             "actor":"alice","action":"login","outcome":"success","source_ip":"192.0.2.7","source":"journald"},
                   "values":[["%1$d","accepted password"]]},
                  {"stream":{"job":"node","instance":"web-2:9100","severity":"debug","detected_level":"info","kind":"System"},
                   "values":[["%1$d","x",{"level":"error","service":"override","user_id":"u-1","pod":"p-1","empty":""}]]}]}
                """.formatted(T1));
        assertEquals(0, outcome.rejected(), outcome.errors().toString());
        LogEvent audit = outcome.accepted().get(0);
        assertEquals(LogKind.AUDIT, audit.kind());
        assertEquals(Map.of("service", "billing", "host", "db-1", "level", "error", "actor", "alice", "action", "login",
                "outcome", "success", "source_ip", "192.0.2.7", "source", "journald"), audit.fields());
        assertEquals(Map.of("labels.job", "varlogs", "labels.instance", "db-1:9100"), audit.attributes());
        LogEvent system = outcome.accepted().get(1);
        assertEquals(LogKind.SYSTEM, system.kind());
        assertEquals(Map.of("service", "override", "host", "web-2:9100", "level", "error", "user_id", "u-1", "source", "loki"),
                system.fields());
        assertEquals(Map.of("labels.severity", "debug", "metadata.pod", "p-1"), system.attributes());
    }

    @Test
    void emptyValuesAndALevelOfOnlySpacesAreNoLabel() {
        LokiPushOutcome outcome = json("{\"streams\":[{\"stream\":{\"level\":\"  \",\"host\":\"\",\"env\":\"\"},"
                + "\"values\":[[\"%d\",\"x\",{\"trace_id\":\"\"}]]}]}".formatted(T1));
        assertEquals(Map.of("source", "loki"), outcome.accepted().getFirst().fields());
        assertEquals(Map.of(), outcome.accepted().getFirst().attributes());
    }

    @Test
    void badEntriesAreRejectedWithTheirPositionAndTheOthersKept() {
        IngestConfig limits = new IngestConfig(1 << 20, 256, 4, 100, 4, 1, 4096);
        EventRules rules = new EventRules(NOW, ACCEPTED, 4, LogKind.APPLICATION);
        String longLine = "é".repeat(129);
        LokiPushOutcome outcome = new LokiPushDecoder(limits).decode(("""
                {"streams":[{"stream":{"job":"api"},"values":[
                  ["%d","fine"],
                  ["1000000000000000000","from 2001"],
                  ["%d","from next year"],
                  ["%d","%s"],
                  ["%d","four fields",{"a":"1","b":"2","c":"3"}],
                  ["%d","also fine"]]}]}
                """).formatted(T1, nanos("2027-11-22T10:00:00Z"), T1, longLine, T1, T2).getBytes(StandardCharsets.UTF_8),
                LokiPushFormat.JSON, rules);
        assertEquals(List.of("fine", "also fine"), outcome.accepted().stream().map(LogEvent::message).toList());
        assertEquals(4, outcome.rejected());
        assertEquals(List.of(
                new LokiEntryError("streams[0].values[1]", ErrorCode.INVALID_TIMESTAMP, "timestamp 2001-09-09T01:46:40Z is older"
                        + " than the retention period (log.retention_days), it would be deleted at once"),
                new LokiEntryError("streams[0].values[2]", ErrorCode.INVALID_TIMESTAMP, "timestamp 2027-11-22T10:00:00Z is too far"
                        + " in the future (more than log.max_future_seconds ahead of the server clock)"),
                new LokiEntryError("streams[0].values[3]", ErrorCode.LINE_TOO_LONG,
                        "line is 258 bytes, more than the limit of 256 (ingest.max_line_bytes)"),
                new LokiEntryError("streams[0].values[4]", ErrorCode.TOO_MANY_FIELDS, "event has more than 4 fields (nested"
                        + " attributes count one per leaf); the limit is ingest.max_fields_per_event")), outcome.errors());
    }

    @Test
    void aStreamWhoseLabelsCannotBeReadIsRejectedWholeAndTheOthersKept() {
        byte[] body = new LokiPushRequestBuilder()
                .stream("{job=\"a\"}").entry(T1 / 1_000_000_000L, 0, "kept").end()
                .stream("{job=\"b\", host}").entry(T1 / 1_000_000_000L, 0, "lost 1").entry(T1 / 1_000_000_000L, 0, "lost 2").end()
                .stream("{kind=\"Deployment\"}").entry(T1 / 1_000_000_000L, 0, "lost 3").end()
                .stream(null).entry(T1 / 1_000_000_000L, 0, "lost 4").end()
                .snappy();
        LokiPushOutcome outcome = protobuf(body);
        assertEquals(List.of("kept"), outcome.accepted().stream().map(LogEvent::message).toList());
        assertEquals(4, outcome.rejected());
        assertEquals(List.of(
                new LokiEntryError("streams[1]", ErrorCode.INVALID_FIELD, "labels '{job=\"b\", host}': expected '=' after label"
                        + " name 'host' (at character 15); all 2 entries of the stream are rejected"),
                new LokiEntryError("streams[2]", ErrorCode.INVALID_KIND, "stream label kind=\"Deployment\" is not one of system,"
                        + " application, audit (Loupe reads the kind label as the event kind; rename the label in the shipper's"
                        + " relabel rules to keep it as an attribute); the stream's one entry is rejected"),
                new LokiEntryError("streams[3]", ErrorCode.INVALID_FIELD, "labels '': expected '{' to start the label set"
                        + " (at the end); the stream's one entry is rejected")), outcome.errors());
    }

    @Test
    void protobufTimestampsBeyondTheNanosecondRangeAreRejectedAsOutOfRange() {
        LokiPushOutcome outcome = protobuf(new LokiPushRequestBuilder().stream("{job=\"a\"}")
                .entry(Long.MAX_VALUE / 10, 0, "far").entry(-Long.MAX_VALUE / 10, 0, "before").end().snappy());
        assertEquals(2, outcome.rejected());
        assertEquals(List.of("streams[0].entries[0]", "streams[0].entries[1]"),
                outcome.errors().stream().map(LokiEntryError::position).toList());
        assertTrue(outcome.errors().stream().allMatch(error -> error.code() == ErrorCode.INVALID_TIMESTAMP));
    }

    @Test
    void atMostTheFirstHundredReasonsAreListedButTheCountIsExact() {
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < 150; i++) {
            values.append(i == 0 ? "" : ",").append("[\"1\",\"old\"]");
        }
        LokiPushOutcome outcome = json("{\"streams\":[{\"stream\":{\"job\":\"a\"},\"values\":[" + values + "]}]}");
        assertEquals(150, outcome.rejected());
        assertEquals(LokiPushDecoder.MAX_LISTED_ERRORS, outcome.errors().size());
        assertEquals("streams[0].values[99]", outcome.errors().getLast().position());
    }

    @Test
    void bodiesThatAreNotPushesAreRefusedWholeNamingWhere() {
        assertRefused(ErrorCode.INVALID_JSON, "loki push body is not valid JSON: Unexpected character ('s' (code 115)): was"
                + " expecting double-quote to start field name at byte 1", "{streams:[]}");
        assertRefused(ErrorCode.INVALID_JSON, "loki push body: a loki push body is a JSON object {\"streams\":[...]}, got an array",
                "[]");
        assertRefused(ErrorCode.INVALID_JSON, "loki push body: the push object has no \"streams\" field", "{\"stream\":[]}");
        assertRefused(ErrorCode.INVALID_JSON, "loki push body streams[0].values[1]: must be [\"<epoch nanoseconds>\", \"<line>\"]"
                + " or [\"<epoch nanoseconds>\", \"<line>\", {structured metadata}]; the line is a number",
                "{\"streams\":[{\"stream\":{},\"values\":[[\"1\",\"a\"],[\"1\",2]]}]}");
        assertRefused(ErrorCode.INVALID_JSON, "loki push body streams[0].values[0][0]: timestamp '2026-11-22T10:00:00Z' is not"
                + " epoch nanoseconds (a decimal string such as \"1763805600000000000\")",
                "{\"streams\":[{\"values\":[[\"2026-11-22T10:00:00Z\",\"a\"]]}]}");
        assertRefused(ErrorCode.INVALID_JSON, "loki push body streams[0].stream.pid: label values must be strings, got a number",
                "{\"streams\":[{\"stream\":{\"pid\":42},\"values\":[]}]}");
        assertRefused(ErrorCode.INVALID_JSON, "loki push body streams[0].entries[0]: has no \"line\"",
                "{\"streams\":[{\"labels\":\"{}\",\"entries\":[{\"ts\":\"2026-11-22T10:00:00Z\"}]}]}");
        assertRefused(ErrorCode.INVALID_JSON, "loki push body streams[0]: has both \"stream\" and \"labels\"; send the labels once",
                "{\"streams\":[{\"labels\":\"{}\",\"stream\":{},\"values\":[]}]}");
        assertRefused(ErrorCode.INVALID_JSON, "loki push body: unexpected content after the push object", "{\"streams\":[]} {}");
        assertRefused(ErrorCode.INVALID_JSON, "loki push body is not valid JSON: it ends at byte 12 before its arrays and objects"
                + " are closed (is it truncated?)", "{\"streams\":[");
    }

    @Test
    void protobufBodiesThatAreNotSnappyOrNotAPushRequestAreRefusedWhole() {
        LoupeException notSnappy = assertThrows(LoupeException.class,
                () -> protobuf("{\"streams\":[]}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(ErrorCode.INVALID_PARAMETER, notSnappy.code());
        assertTrue(notSnappy.getMessage().startsWith("loki push body is not a snappy block (a protobuf push, and a push without"
                + " Content-Type, is snappy-compressed protobuf; send JSON as Content-Type: application/json): "), notSnappy.getMessage());
        LoupeException notProtobuf = assertThrows(LoupeException.class,
                () -> protobuf(LokiPushRequestBuilder.snappy(new byte[] {0x0a, 0x05, 0x0a})));
        assertEquals(ErrorCode.INVALID_PARAMETER, notProtobuf.code());
        assertEquals("loki push body is not a valid protobuf PushRequest: length 5 runs past the end of its message (1 bytes left)"
                + " at offset 1 of the decompressed body", notProtobuf.getMessage());
    }

    @Test
    void requestLimitsAreRefusedWithTheSettingToChange() {
        LokiPushDecoder small = new LokiPushDecoder(new IngestConfig(1024, 256, 10, 2, 4, 1, 4096));
        LoupeException tooMany = assertThrows(LoupeException.class, () -> small.decode(("{\"streams\":[{\"values\":[[\"1\",\"a\"],"
                + "[\"1\",\"b\"]]},{\"values\":[[\"1\",\"c\"]]}]}").getBytes(StandardCharsets.UTF_8), LokiPushFormat.JSON, RULES));
        assertEquals(ErrorCode.TOO_MANY_EVENTS, tooMany.code());
        assertEquals("loki push has more than 2 entries; send smaller batches (batch_size of Alloy's loki.write endpoint,"
                + " batchsize of a Promtail client) or raise ingest.max_events_per_request", tooMany.getMessage());
        byte[] threeEntries = new LokiPushRequestBuilder().stream("{}").entry(1, 0, "a").entry(1, 0, "b").entry(1, 0, "c").end().snappy();
        assertEquals(ErrorCode.TOO_MANY_EVENTS, assertThrows(LoupeException.class,
                () -> small.decode(threeEntries, LokiPushFormat.PROTOBUF, RULES)).code());
        byte[] big = new LokiPushRequestBuilder().stream("{job=\"a\"}").entry(1, 0, "x".repeat(2000)).end().snappy();
        LoupeException tooLarge = assertThrows(LoupeException.class, () -> small.decode(big, LokiPushFormat.PROTOBUF, RULES));
        assertEquals(ErrorCode.BODY_TOO_LARGE, tooLarge.code());
        assertTrue(tooLarge.getMessage().contains("more than the limit of 1024 (ingest.max_body_bytes)"), tooLarge.getMessage());
    }

    @Test
    void theRejectionSummaryCountsAndListsTheFirstReasons() {
        LokiPushOutcome outcome = json("{\"streams\":[{\"stream\":{\"job\":\"a\"},\"values\":[[\"1\",\"old\"],[\"%d\",\"ok\"],[\"2\",\"old\"]]}]}"
                .formatted(T1));
        assertEquals("""
                2 entries rejected, 1 stored
                streams[0].values[0]: timestamp 1970-01-01T00:00:00.000000001Z is older than the retention period (log.retention_days), it would be deleted at once
                """, outcome.rejectionSummary(1));
    }

    private static void assertRefused(ErrorCode code, String message, String body) {
        LoupeException refused = assertThrows(LoupeException.class, () -> json(body));
        assertEquals(code, refused.code());
        assertEquals(message, refused.getMessage());
    }
}
