package io.loupe.ops.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void otlpGroupsRecordsByHostAndServiceIntoResourceLogs() {
        byte[] request = new OtlpLogsBatchEncoder().encode(BATCH.getBytes(StandardCharsets.UTF_8));
        String text = new String(request, StandardCharsets.ISO_8859_1);
        assertTrue(text.contains("host.name") && text.contains("web-1") && text.contains("iam-1"), text);
        assertTrue(text.contains("loupe.kind") && text.contains("slow \"cart\""), text);
        GeneratedEvent first = GeneratedEvent.parseBatch(BATCH.getBytes(StandardCharsets.UTF_8)).getFirst();
        Instant at = Instant.parse("2026-12-04T10:00:00.123Z");
        assertEquals(at.getEpochSecond() * 1_000_000_000L + at.getNano(), first.epochNanos());
    }
}
