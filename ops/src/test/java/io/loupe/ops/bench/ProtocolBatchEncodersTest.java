package io.loupe.ops.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loupe.index.api.LogEvent;
import io.loupe.index.api.LogKind;
import io.loupe.index.api.TimeRange;
import io.loupe.ingest.IngestConfig;
import io.loupe.ingest.otlp.OtlpDecodedLogs;
import io.loupe.ingest.otlp.OtlpLogsDecoder;
import io.loupe.ingest.parse.EventRules;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The protocol encoders of the ingest benchmark keep every event of a batch and its main fields. */
class ProtocolBatchEncodersTest {
    private static final String BATCH = """
            {"timestamp":"2026-12-04T10:00:00.123Z","kind":"application","level":"warn","host":"web-1","service":"cart","message":"slow \\"cart\\"","status":502,"trace_id":"0af7651916cd43dd8448eb211c80319c"}
            {"timestamp":"2026-12-04T10:00:01.000Z","kind":"audit","level":"info","host":"iam-1","source":"audit","message":"alice login: success","actor":"alice"}
            """;

    @Test
    void bulkPutsACreateActionBeforeEachDocument() {
        String body = new String(new BulkBatchEncoder().encode(BATCH.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        List<String> lines = body.lines().toList();
        assertEquals(4, lines.size());
        assertTrue(lines.get(0).startsWith("{\"create\""));
        assertEquals(BATCH.lines().toList().get(1), lines.get(3));
    }

    @Test
    void syslogFramesAreOctetCountedRfc5424WithTheFieldsAsStructuredData() {
        String body = new String(new SyslogBatchEncoder().encode(BATCH.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        int space = body.indexOf(' ');
        int length = Integer.parseInt(body.substring(0, space));
        String first = body.substring(space + 1, space + 1 + length);
        assertEquals("<132>1 2026-12-04T10:00:00.123Z web-1 cart - - [bench@32473 kind=\"application\" status=\"502\" "
                + "trace_id=\"0af7651916cd43dd8448eb211c80319c\"] slow \"cart\"", first);
        assertTrue(body.substring(space + 1 + length).matches("\\d+ <86>1 .*alice login: success"), body);
    }

    @Test
    void otlpRecordsDecodeBackToTheSameEventsGroupedByHostAndService() {
        byte[] request = new OtlpLogsBatchEncoder().encode(BATCH.getBytes(StandardCharsets.UTF_8));
        OtlpDecodedLogs decoded = new OtlpLogsDecoder(IngestConfig.defaults()).decodeProtobuf(request,
                new EventRules(1L, new TimeRange(0, Long.MAX_VALUE), 1000, LogKind.APPLICATION));
        assertEquals(0, decoded.rejected(), decoded.errors()::toString);
        LogEvent first = decoded.accepted().getFirst();
        Instant at = Instant.parse("2026-12-04T10:00:00.123Z");
        assertEquals(at.getEpochSecond() * 1_000_000_000L + at.getNano(), first.timestampNanos());
        assertEquals("web-1", first.field("host"));
        assertEquals("cart", first.field("service"));
        assertEquals("warn", first.field("level"));
        assertEquals("0af7651916cd43dd8448eb211c80319c", first.field("trace_id"));
        assertEquals("slow \"cart\"", first.message());
        assertEquals(502L, first.attributes().get("status"));
        LogEvent audit = decoded.accepted().get(1);
        assertEquals(LogKind.AUDIT, audit.kind());
        assertEquals("iam-1", audit.field("host"));
        assertEquals("alice", audit.field("actor"));
    }

    @Test
    void syslogFramesParseBackWithHostLevelAndKind() {
        byte[] body = new SyslogBatchEncoder().encode(BATCH.getBytes(StandardCharsets.UTF_8));
        java.util.List<io.loupe.ingest.syslog.SyslogFrame> frames = new java.util.ArrayList<>();
        new io.loupe.ingest.syslog.SyslogFrameDecoder(65_536).feed(body, 0, body.length, frames::add);
        assertEquals(2, frames.size());
        EventRules rules = new EventRules(1L, new TimeRange(0, Long.MAX_VALUE), 1000, LogKind.SYSTEM);
        LogEvent audit = new io.loupe.ingest.syslog.SyslogParser(java.time.ZoneOffset.UTC).parse(frames.get(1), rules);
        assertEquals(LogKind.AUDIT, audit.kind());
        assertEquals("iam-1", audit.field("host"));
        assertEquals("alice", audit.field("actor"));
        assertEquals("alice login: success", audit.message());
    }
}
