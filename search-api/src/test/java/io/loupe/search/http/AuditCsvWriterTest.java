package io.loupe.search.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loupe.index.api.LogEvent;
import io.loupe.index.api.LogKind;
import io.loupe.index.api.LogSearchResult.LogHit;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** {@link AuditCsvWriter}: RFC 4180 rows a strict reader takes back unchanged, one header, cells guarded against formulas. */
class AuditCsvWriterTest {
    private static final Instant AT = Instant.parse("2026-11-22T03:07:29.123456789Z");

    @Test
    void theHeaderNamesTheColumnsOnceInOrder() {
        String header = new String(AuditCsvWriter.header(), StandardCharsets.UTF_8);
        assertEquals("timestamp,id,actor,action,resource,outcome,source_ip,host,service,source,user_id,session_id,request_id,"
                + "trace_id,level,message,attributes\r\n", header);
        String rows = new String(AuditCsvWriter.rows(List.of(hit(1, Map.of("actor", "timestamp"), "id"))), StandardCharsets.UTF_8);
        assertFalse(rows.startsWith("timestamp,id"), "rows never repeat the header: " + rows);
    }

    @Test
    void aRowHasEveryColumnInPlaceAndEmptyCellsForWhatTheEventLacks() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("actor", "alice");
        fields.put("action", "role.grant");
        fields.put("resource", "role:admin");
        fields.put("outcome", "success");
        fields.put("source_ip", "2001:db8::7");
        fields.put("host", "iam-1");
        fields.put("level", "info");
        LogEvent event = new LogEvent(nanos(AT), false, LogKind.AUDIT, "granted admin to bob", fields,
                Map.of("ticket", "SEC-12", "attempt", 2L, "mfa", true), new byte[0]);
        List<List<String>> parsed = parse(AuditCsvWriter.rows(List.of(new LogHit(65536, event))));
        assertEquals(List.of(List.of("2026-11-22T03:07:29.123456789Z", "65536", "alice", "role.grant", "role:admin", "success",
                "2001:db8::7", "iam-1", "", "", "", "", "", "", "info", "granted admin to bob",
                "{\"attempt\":2,\"mfa\":true,\"ticket\":\"SEC-12\"}")), parsed);
    }

    @Test
    void commasQuotesAndLineBreaksAreQuotedAndQuotesDoubled() {
        String row = new String(AuditCsvWriter.rows(List.of(hit(7, Map.of("actor", "smith, john", "resource", "say \"hi\""),
                "line one\r\nline two\nthree"))), StandardCharsets.UTF_8);
        assertTrue(row.contains(",\"smith, john\","), row);
        assertTrue(row.contains(",\"say \"\"hi\"\"\","), row);
        assertTrue(row.contains(",\"line one\r\nline two\nthree\","), row);
        assertTrue(row.endsWith("\r\n"), "a row ends with CRLF");
        assertEquals(List.of("smith, john", "say \"hi\"", "line one\r\nline two\nthree"),
                cells(parse(row.getBytes(StandardCharsets.UTF_8)).getFirst(), "actor", "resource", "message"));
    }

    @Test
    void cellsThatStartLikeAFormulaGetALeadingQuote() {
        List<String> row = parse(AuditCsvWriter.rows(List.of(hit(9, Map.of("actor", "=HYPERLINK(\"http://evil\",\"x\")",
                "action", "+1+1", "resource", "-2+3", "outcome", "@SUM(A1:A9)", "source_ip", "-", "host", "\tcmd", "service",
                "\r=1"), "=cmd|' /C calc'!A0")))).getFirst();
        assertEquals(List.of("'=HYPERLINK(\"http://evil\",\"x\")", "'+1+1", "'-2+3", "'@SUM(A1:A9)", "'-", "'\tcmd", "'\r=1",
                "'=cmd|' /C calc'!A0"), cells(row, "actor", "action", "resource", "outcome", "source_ip", "host", "service", "message"));
        List<String> harmless = parse(AuditCsvWriter.rows(List.of(hit(9, Map.of("actor", "a=b", "action", "x-1", "resource", "'quoted"),
                "1+1")))).getFirst();
        assertEquals(List.of("a=b", "x-1", "'quoted", "1+1"), cells(harmless, "actor", "action", "resource", "message"),
                "only the first character counts");
    }

    @Property(tries = 300)
    void anyValuesReadBackUnchangedButForTheFormulaGuard(@ForAll("cellTexts") List<String> values) {
        List<LogHit> hits = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            hits.add(hit(i, Map.of("actor", values.get(i)), values.get(values.size() - 1 - i)));
        }
        byte[] csv = concat(AuditCsvWriter.header(), AuditCsvWriter.rows(hits));
        List<List<String>> rows = parse(csv);
        assertEquals(AuditCsvWriter.COLUMNS, rows.getFirst());
        assertEquals(values.size() + 1, rows.size(), "one header, one row per event");
        for (int i = 0; i < values.size(); i++) {
            assertEquals(guarded(values.get(i)), rows.get(i + 1).get(2));
            assertEquals(guarded(values.get(values.size() - 1 - i)), rows.get(i + 1).get(AuditCsvWriter.COLUMNS.indexOf("message")));
            assertEquals(AuditCsvWriter.COLUMNS.size(), rows.get(i + 1).size());
        }
    }

    @Provide
    Arbitrary<List<String>> cellTexts() {
        return Arbitraries.strings().withChars("ab ,\"\r\n=+-@\t'é€").ofMinLength(1).ofMaxLength(12).list().ofMaxSize(8);
    }

    private static String guarded(String value) {
        char first = value.charAt(0);
        return "=+-@\t\r".indexOf(first) >= 0 ? "'" + value : value;
    }

    private static List<String> cells(List<String> row, String... columns) {
        List<String> cells = new ArrayList<>();
        for (String column : columns) {
            cells.add(row.get(AuditCsvWriter.COLUMNS.indexOf(column)));
        }
        return cells;
    }

    private static LogHit hit(long id, Map<String, String> fields, String message) {
        return new LogHit(id, new LogEvent(nanos(AT), false, LogKind.AUDIT, message, fields, Map.of(), new byte[0]));
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /**
     * A strict RFC 4180 reader: records end with CRLF; a field is either unquoted (no comma, quote,
     * CR or LF) or quoted with inner quotes doubled. Anything else fails the test.
     */
    static List<List<String>> parse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            if (text.charAt(i) == '"') {
                i++;
                while (true) {
                    assertTrue(i < text.length(), "a quoted field is never closed");
                    char c = text.charAt(i++);
                    if (c == '"') {
                        if (i < text.length() && text.charAt(i) == '"') {
                            field.append('"');
                            i++;
                            continue;
                        }
                        break;
                    }
                    field.append(c);
                }
            } else {
                while (i < text.length() && text.charAt(i) != ',' && text.charAt(i) != '\r') {
                    char c = text.charAt(i++);
                    assertTrue(c != '"' && c != '\n', () -> "unquoted field holds a quote or LF at " + field);
                    field.append(c);
                }
            }
            assertTrue(i < text.length(), "the last record ends with CRLF");
            record.add(field.toString());
            field.setLength(0);
            if (text.charAt(i) == ',') {
                i++;
                continue;
            }
            assertTrue(text.startsWith("\r\n", i), () -> "a record ends with CRLF, found " + (int) text.charAt(0));
            i += 2;
            records.add(record);
            record = new ArrayList<>();
        }
        return records;
    }
}
