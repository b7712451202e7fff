package io.loupe.ingest.elastic;

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
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BulkRequestParserTest {
    private static final long NOW = nanos("2026-11-22T10:00:00Z");
    private static final TimeRange ACCEPTED = new TimeRange(nanos("2026-10-23T10:00:00Z"), nanos("2026-11-23T10:00:00Z"));
    private static final BulkRequestParser PARSER = new BulkRequestParser(IngestConfig.defaults(), ElasticConfig.defaults().indexKinds());

    private static long nanos(String rfc3339) {
        Instant instant = Instant.parse(rfc3339);
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    private static BulkOutcome parse(String body, String defaultIndex) {
        return PARSER.parse(body.getBytes(StandardCharsets.UTF_8), defaultIndex, new EventRules(NOW, ACCEPTED, 1000, LogKind.APPLICATION));
    }

    @Test
    void ecsDocumentsBecomeSchemaFieldsAndTheRestStaysAttributes() {
        BulkOutcome outcome = parse("""
                {"create":{"_index":"filebeat-8.17.0","_id":"a1"}}
                {"@timestamp":"2026-11-22T09:59:00.5Z","message":"card declined","log":{"level":"ERROR","logger":"pay"},\
                "host":{"name":"web-3","ip":["10.0.0.3"]},"service.name":"checkout","user":{"id":"u-42"},"trace.id":"t-1",\
                "event":{"action":"charge","outcome":"failure"},"source":{"ip":"192.0.2.7"},"http":{"response":{"status_code":502}}}
                """, null);
        assertFalse(outcome.errors());
        assertEquals(1, outcome.items().size());
        BulkItem item = outcome.items().getFirst();
        assertEquals(new BulkItem("create", "filebeat-8.17.0", "a1", 201, null, null), item);
        LogEvent event = outcome.accepted().getFirst();
        assertEquals(nanos("2026-11-22T09:59:00.5Z"), event.timestampNanos());
        assertEquals("card declined", event.message());
        assertEquals(LogKind.APPLICATION, event.kind());
        assertEquals(Map.of("level", "error", "host", "web-3", "service", "checkout", "user_id", "u-42", "trace_id", "t-1",
                "action", "charge", "outcome", "failure", "source_ip", "192.0.2.7", "source", "filebeat-8.17.0"), event.fields());
        assertEquals(Map.of("log.logger", "pay", "host.ip", "[\"10.0.0.3\"]", "http.response.status_code", 502L), event.attributes());
    }

    @Test
    void theIndexNameChoosesTheKindAndAnAuditDocumentsUserNameIsItsActor() {
        BulkOutcome outcome = parse("""
                {"index":{}}
                {"message":"login","user":{"name":"alice"},"event.outcome":"success"}
                {"index":{"_index":"syslog-2026"}}
                {"message":"disk ok"}
                {"index":{"_index":"app"}}
                {"message":"explicit","kind":"audit"}
                """, "logs-system.auth-default");
        assertEquals(3, outcome.accepted().size());
        LogEvent login = outcome.accepted().get(0);
        assertEquals(LogKind.AUDIT, login.kind());
        assertEquals("alice", login.field("actor"));
        assertEquals("logs-system.auth-default", login.field("source"));
        assertEquals(LogKind.SYSTEM, outcome.accepted().get(1).kind());
        assertEquals(LogKind.AUDIT, outcome.accepted().get(2).kind());
        assertTrue(outcome.items().stream().allMatch(item -> item.status() == 201));
    }

    @Test
    void rsyslogAndSyslogNgDefaultTemplatesMapWithoutConfiguration() {
        BulkOutcome outcome = parse("""
                {"index":{"_index":"system"}}
                {"message":" session opened","fromhost":"db-1","facility":"authpriv","priority":"notice",\
                "timereported":"2026-11-22T09:58:00+00:00","timegenerated":"2026-11-22T09:58:01+00:00","programname":"sshd"}
                {"index":{"_index":"syslog-ng"}}
                {"PROGRAM":"cron","PRIORITY":"err","MESSAGE":"job failed","HOST":"db-2","ISODATE":"2026-11-22T09:57:00+00:00"}
                """, null);
        LogEvent rsyslog = outcome.accepted().get(0);
        assertEquals(nanos("2026-11-22T09:58:00Z"), rsyslog.timestampNanos());
        assertEquals(Map.of("host", "db-1", "level", "info", "service", "sshd", "source", "system"), rsyslog.fields());
        assertEquals("authpriv", rsyslog.attributes().get("facility"));
        LogEvent syslogNg = outcome.accepted().get(1);
        assertEquals("job failed", syslogNg.message());
        assertEquals(Map.of("host", "db-2", "level", "error", "service", "cron", "source", "syslog-ng"), syslogNg.fields());
        assertEquals(nanos("2026-11-22T09:57:00Z"), syslogNg.timestampNanos());
    }

    @Test
    void aBadDocumentIsAFailedItemAndTheOthersAreStored() {
        BulkOutcome outcome = parse("""
                {"create":{"_index":"app","_id":"1"}}
                {"message":"good"}
                {"create":{"_index":"app","_id":"2"}}
                {not json
                {"create":{"_index":"app","_id":"3"}}
                {"@timestamp":"2020-01-01T00:00:00Z","message":"too old"}
                {"delete":{"_index":"app","_id":"1"}}
                {"update":{"_index":"app","_id":"1"}}
                {"doc":{"message":"changed"}}
                {"index":{"_index":"app"}}
                {"message":"good too"}
                """, null);
        assertTrue(outcome.errors());
        assertEquals(6, outcome.items().size());
        assertEquals(2, outcome.accepted().size());
        assertEquals(201, outcome.items().get(0).status());
        BulkItem broken = outcome.items().get(1);
        assertEquals(400, broken.status());
        assertEquals("document_parsing_exception", broken.errorType());
        assertTrue(broken.reason().startsWith("document on line 4 is not valid JSON"), broken.reason());
        assertTrue(outcome.items().get(2).reason().contains("older than the retention period"), outcome.items().get(2).reason());
        assertEquals("delete", outcome.items().get(3).action());
        assertTrue(outcome.items().get(3).reason().contains("append-only"));
        assertEquals("update", outcome.items().get(4).action());
        assertEquals(201, outcome.items().get(5).status());
        assertEquals(20, outcome.items().get(5).id().length());
    }

    @Test
    void aBrokenActionSequenceRefusesTheWholeRequestNamingTheLine() {
        LoupeException unknown = assertThrows(LoupeException.class, () -> parse("{\"upsert\":{}}\n{}\n", "app"));
        assertEquals(ErrorCode.INVALID_JSON, unknown.code());
        assertTrue(unknown.getMessage().startsWith("bulk line 1: unknown action 'upsert'"), unknown.getMessage());
        LoupeException missing = assertThrows(LoupeException.class, () -> parse("{\"create\":{}}\n{}\n{\"create\":{}}\n", "app"));
        assertTrue(missing.getMessage().contains("line 3: the create action has no document line"), missing.getMessage());
        LoupeException noIndex = assertThrows(LoupeException.class, () -> parse("{\"create\":{}}\n{}\n", null));
        assertTrue(noIndex.getMessage().contains("names no _index"), noIndex.getMessage());
    }

    @Test
    void moreActionsThanTheRequestLimitIs413() {
        BulkRequestParser small = new BulkRequestParser(new IngestConfig(1 << 20, 1024, 100, 2, 4, 1, 64), IndexKinds.parse("*=application"));
        LoupeException e = assertThrows(LoupeException.class, () -> small.parse(
                "{\"index\":{}}\n{}\n{\"index\":{}}\n{}\n{\"index\":{}}\n{}\n".getBytes(StandardCharsets.UTF_8), "a",
                new EventRules(NOW, ACCEPTED, 100, LogKind.APPLICATION)));
        assertEquals(ErrorCode.TOO_MANY_EVENTS, e.code());
        assertTrue(e.getMessage().contains("ingest.max_events_per_request"));
    }

    @Test
    void aDocumentWithoutTimestampTakesTheReceiveTime() {
        LogEvent event = parse("{\"index\":{}}\n{\"message\":\"now\"}\n", "app").accepted().getFirst();
        assertEquals(NOW, event.timestampNanos());
        assertTrue(event.timestampDefaulted());
        assertNull(event.field("host"));
    }
}
