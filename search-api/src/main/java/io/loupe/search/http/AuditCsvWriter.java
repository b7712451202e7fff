package io.loupe.search.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.loupe.index.api.LogEvent;
import io.loupe.index.api.LogFields;
import io.loupe.index.api.LogSearchResult.LogHit;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Audit events as CSV (RFC 4180): one header row of {@link #COLUMNS}, then one row per event, each
 * line ended by CRLF, UTF-8 without a byte order mark.
 *
 * <ul>
 *   <li>{@code timestamp}: RFC 3339 / ISO-8601 UTC with nine fraction digits, as search answers it;
 *       {@code id}: the stable event id; then the audit fields, where the event came from, the ids
 *       that join it to other logs, {@code level} and {@code message}; {@code attributes}: every other
 *       field as one JSON object, keys sorted. A field the event lacks is an empty cell.</li>
 *   <li>Quoting: a cell holding a comma, a double quote, CR or LF is enclosed in double quotes, and
 *       each double quote inside it doubled; other cells are written as they are.</li>
 *   <li>Formula injection (OWASP "CSV Injection"): a cell that starts with {@code =}, {@code +},
 *       {@code -}, {@code @}, a tab or a carriage return gets a leading {@code '}, so a spreadsheet
 *       shows it as text instead of running it. Such a cell differs from the stored value by that
 *       character; the NDJSON export has the values unchanged.</li>
 * </ul>
 * Thread-safe (stateless).
 */
final class AuditCsvWriter {
    /** The columns, in order. Append only: scripts read them by position. */
    static final List<String> COLUMNS = List.of("timestamp", "id", "actor", "action", "resource", "outcome", "source_ip",
            "host", "service", "source", "user_id", "session_id", "request_id", "trace_id", "level", "message", "attributes");
    /** The keyword fields among the {@link #COLUMNS}, after {@code timestamp} and {@code id}. */
    private static final List<String> KEYWORD_COLUMNS = COLUMNS.subList(2, COLUMNS.indexOf(LogFields.MESSAGE));
    private static final JsonFactory JSON = new JsonFactory();

    private AuditCsvWriter() {
    }

    /** The header row, CRLF included. */
    static byte[] header() {
        StringBuilder row = new StringBuilder();
        appendRow(row, COLUMNS);
        return row.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The rows of these events, in order, each ended by CRLF. */
    static byte[] rows(List<LogHit> hits) {
        StringBuilder rows = new StringBuilder(hits.size() * 320);
        List<String> cells = new ArrayList<>(COLUMNS.size());
        for (LogHit hit : hits) {
            cells.clear();
            LogEvent event = hit.event();
            cells.add(SearchResponseWriter.formatTime(event.timestampNanos()));
            cells.add(Long.toString(hit.eventId()));
            for (String field : KEYWORD_COLUMNS) {
                cells.add(event.field(field));
            }
            cells.add(event.message());
            cells.add(event.attributes().isEmpty() ? null : attributesJson(event.attributes()));
            appendRow(rows, cells);
        }
        return rows.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** One row: the cells separated by commas, then CRLF. A null cell is empty. */
    static void appendRow(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            appendCell(out, cells.get(i));
        }
        out.append("\r\n");
    }

    /** One cell, guarded against formulas and quoted when it must be; null or empty writes nothing. */
    static void appendCell(StringBuilder out, String value) {
        if (value == null || value.isEmpty()) {
            return;
        }
        String cell = startsLikeAFormula(value) ? "'" + value : value;
        if (!needsQuotes(cell)) {
            out.append(cell);
            return;
        }
        out.append('"');
        for (int i = 0; i < cell.length(); i++) {
            char c = cell.charAt(i);
            if (c == '"') {
                out.append('"');
            }
            out.append(c);
        }
        out.append('"');
    }

    /** True when a spreadsheet would read the cell as a formula (OWASP's list). */
    static boolean startsLikeAFormula(String value) {
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }

    private static boolean needsQuotes(String cell) {
        for (int i = 0; i < cell.length(); i++) {
            char c = cell.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                return true;
            }
        }
        return false;
    }

    private static String attributesJson(Map<String, Object> attributes) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(text)) {
            SearchResponseWriter.writeAttributes(json, attributes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
