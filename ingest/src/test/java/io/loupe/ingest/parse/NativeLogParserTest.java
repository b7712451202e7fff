package io.loupe.ingest.parse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NativeLogParserTest {
    private static final long NOW = nanos("2026-11-22T10:00:00Z");
    private static final TimeRange ACCEPTED = new TimeRange(nanos("2026-10-23T10:00:00Z"), nanos("2026-11-23T10:00:00Z"));

    private static long nanos(String rfc3339) {
        Instant instant = Instant.parse(rfc3339);
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    private static ParsedBatch parse(String body) {
        return parse(body, IngestConfig.defaults());
    }

    private static ParsedBatch parse(String body, IngestConfig config) {
        return new NativeLogParser(config).parse(body.getBytes(StandardCharsets.UTF_8), new EventRules(NOW, ACCEPTED, config.maxFieldsPerEvent(), LogKind.APPLICATION));
    }

    @Test
    void mapsSchemaFieldsAttributesAndKeepsTheOriginalBytes() {
        String line = "{\"timestamp\":\"2026-11-22T09:59:59.123456789Z\",\"level\":\"WARNING\",\"host\":\"web-1\","
                + "\"user_id\":\"u-42\",\"message\":\"card declined\",\"duration_ms\":120,\"ratio\":0.5,"
                + "\"http\":{\"status\":402,\"ok\":false},\"attributes\":{\"region\":\"eu\"},\"tags\":[\"a\",\"b\"]}";
        ParsedBatch batch = parse(line + "\n");
        assertEquals(1, batch.accepted().size());
        LogEvent event = batch.accepted().getFirst();
        assertEquals(nanos("2026-11-22T09:59:59.123456789Z"), event.timestampNanos());
        assertFalse(event.timestampDefaulted());
        assertEquals(LogKind.APPLICATION, event.kind());
        assertEquals("warn", event.field("level"));
        assertEquals("web-1", event.field("host"));
        assertEquals("u-42", event.field("user_id"));
        assertEquals("card declined", event.message());
        assertEquals(Map.of("duration_ms", 120L, "ratio", 0.5, "http.status", 402L, "http.ok", false,
                "region", "eu", "tags", "[\"a\",\"b\"]"), event.attributes());
        assertArrayEquals(line.getBytes(StandardCharsets.UTF_8), event.original());
    }

    @Test
    void badLinesAreListedWithOneBasedLineNumbersAndGoodOnesKept() {
        String body = "{\"message\":\"ok 1\"}\n"
                + "\n"
                + "not json\n"
                + "{\"timestamp\":\"yesterday\"}\r\n"
                + "{\"kind\":\"weird\"}\n"
                + "[1,2]\n"
                + "{\"host\":{\"name\":\"x\"}}\n"
                + "{\"message\":\"ok 2\",\"kind\":\"audit\"}";
        ParsedBatch batch = parse(body);
        assertEquals(2, batch.accepted().size());
        assertEquals(LogKind.AUDIT, batch.accepted().get(1).kind());
        assertEquals(5, batch.rejected());
        assertEquals(3, batch.errors().get(0).line());
        assertEquals(ErrorCode.INVALID_JSON, batch.errors().get(0).code());
        assertEquals(4, batch.errors().get(1).line());
        assertEquals(ErrorCode.INVALID_TIMESTAMP, batch.errors().get(1).code());
        assertEquals(ErrorCode.INVALID_KIND, batch.errors().get(2).code());
        assertEquals(ErrorCode.INVALID_JSON, batch.errors().get(3).code());
        assertEquals(7, batch.errors().get(4).line());
        assertEquals(ErrorCode.INVALID_FIELD, batch.errors().get(4).code());
    }

    @Test
    void aMegabyteOfDigitsAsTimestampIsRejectedByItsLengthBeforeAnyArithmetic() {
        IngestConfig longLines = new IngestConfig(32 << 20, 4 << 20, 1000, 10_000, 10, 1, 4096);
        ParsedBatch batch = parse("{\"timestamp\":\"" + "9".repeat(1 << 20) + "\",\"message\":\"x\"}\n{\"message\":\"kept\"}", longLines);
        assertEquals(1, batch.accepted().size());
        assertTrue(batch.errors().getFirst().message().contains("a timestamp has at most 64"), batch.errors().getFirst().message());
    }

    @Test
    void missingTimestampIsReceiveTimeAndSaysSo() {
        LogEvent event = parse("{\"message\":\"no time\"}").accepted().getFirst();
        assertEquals(NOW, event.timestampNanos());
        assertTrue(event.timestampDefaulted());
    }

    @Test
    void epochMillisAndNanosAreTold() {
        ParsedBatch batch = parse("{\"timestamp\":1795341600000}\n{\"timestamp\":1795341600000000000}\n{\"timestamp\":\"1795341600123\"}\n"
                + "{\"@timestamp\":\"2026-11-22 09:00:00+01:00\"}");
        assertEquals(0, batch.rejected(), batch.errors().toString());
        assertEquals(1_795_341_600_000_000_000L, batch.accepted().get(0).timestampNanos());
        assertEquals(1_795_341_600_000_000_000L, batch.accepted().get(1).timestampNanos());
        assertEquals(1_795_341_600_123_000_000L, batch.accepted().get(2).timestampNanos());
        assertEquals(nanos("2026-11-22T08:00:00Z"), batch.accepted().get(3).timestampNanos());
    }

    @Test
    void timestampsOutsideRetentionOrFarInTheFutureAreRejectedNamingTheSetting() {
        ParsedBatch batch = parse("{\"timestamp\":\"2020-01-01T00:00:00Z\"}\n{\"timestamp\":\"2027-01-01T00:00:00Z\"}");
        assertEquals(2, batch.rejected());
        assertTrue(batch.errors().get(0).message().contains("log.retention_days"), batch.errors().get(0).message());
        assertTrue(batch.errors().get(1).message().contains("log.max_future_seconds"), batch.errors().get(1).message());
    }

    @Test
    void jsonArrayElementsKeepTheirOwnBytes() {
        ParsedBatch batch = parse(" [ {\"message\":\"a\"} , {\"message\" : \"b\", \"n\": [1, {\"x\":2}]}, 3 ] ");
        assertEquals(2, batch.accepted().size());
        assertEquals("{\"message\" : \"b\", \"n\": [1, {\"x\":2}]}", new String(batch.accepted().get(1).original(), StandardCharsets.UTF_8));
        assertEquals(1, batch.rejected());
        assertEquals(3, batch.errors().getFirst().line());
    }

    @Test
    void aBrokenArrayFailsTheRequest() {
        LoupeException e = assertThrows(LoupeException.class, () -> parse("[{\"message\":\"a\"}, {\"mess"));
        assertEquals(ErrorCode.INVALID_JSON, e.code());
    }

    @Test
    void limitsNameTheirSetting() {
        IngestConfig small = new IngestConfig(1 << 20, 40, 3, 5, 10, 1, 4096);
        ParsedBatch batch = parse("{\"message\":\"this line is longer than forty bytes\"}\n{\"a\":1,\"b\":2,\"c\":3,\"d\":4}\n{\"a\":1}", small);
        assertEquals(1, batch.accepted().size());
        assertEquals(ErrorCode.LINE_TOO_LONG, batch.errors().get(0).code());
        assertTrue(batch.errors().get(0).message().contains("ingest.max_line_bytes"));
        assertEquals(ErrorCode.TOO_MANY_FIELDS, batch.errors().get(1).code());
        assertTrue(batch.errors().get(1).message().contains("ingest.max_fields_per_event"));
        LoupeException tooMany = assertThrows(LoupeException.class, () -> parse("{}\n{}\n{}\n{}\n{}\n{}", small));
        assertEquals(ErrorCode.TOO_MANY_EVENTS, tooMany.code());
        assertTrue(tooMany.getMessage().contains("ingest.max_events_per_request"));
    }

    @Test
    void atMostOneHundredErrorsAreListedButTheCountIsExact() {
        String body = "x\n".repeat(250) + "{\"message\":\"kept\"}";
        ParsedBatch batch = parse(body);
        assertEquals(250, batch.rejected());
        assertEquals(NativeLogParser.MAX_LISTED_ERRORS, batch.errors().size());
        assertEquals(1, batch.accepted().size());
    }

    @Test
    void nullValuesAreDropped() {
        LogEvent event = parse("{\"message\":null,\"host\":null,\"x\":null}").accepted().getFirst();
        assertNull(event.message());
        assertTrue(event.fields().isEmpty());
        assertTrue(event.attributes().isEmpty());
    }
}
