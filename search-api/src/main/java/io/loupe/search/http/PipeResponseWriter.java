package io.loupe.search.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.loupe.search.pipe.PipeResult;
import io.loupe.search.pipe.Table;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Renders the table of a search with pipe stages:
 * {@code {"columns":[{"name":..,"type":"time|string|number"}],"rows":[[..]],"matched":n,"took_ms":t}}.
 * Times are RFC 3339 with nine fraction digits; a whole-valued number is written without a fraction;
 * a missing value is null.
 */
final class PipeResponseWriter {
    private static final JsonFactory JSON = new JsonFactory();
    private static final double EXACT_LONG = 0x1p53;

    private PipeResponseWriter() {
    }

    static byte[] render(PipeResult result, long tookMillis) {
        Table table = result.table();
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + table.rows().size() * 64);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeArrayFieldStart("columns");
            for (Table.Column column : table.columns()) {
                json.writeStartObject();
                json.writeStringField("name", column.name());
                json.writeStringField("type", column.type().wireName());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("rows");
            for (Map<String, Object> row : table.rows()) {
                json.writeStartArray();
                for (Table.Column column : table.columns()) {
                    writeValue(json, column, row.get(column.name()));
                }
                json.writeEndArray();
            }
            json.writeEndArray();
            json.writeNumberField("matched", result.matched());
            json.writeNumberField("took_ms", tookMillis);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void writeValue(JsonGenerator json, Table.Column column, Object value) throws IOException {
        switch (value) {
            case null -> json.writeNull();
            case Long nanos when column.type() == Table.Column.Type.TIME -> json.writeString(SearchResponseWriter.formatTime(nanos));
            case Long l -> json.writeNumber(l);
            case Double d when d.isNaN() || d.isInfinite() -> json.writeNull();
            case Double d when d == Math.rint(d) && Math.abs(d) < EXACT_LONG -> json.writeNumber(d.longValue());
            case Double d -> json.writeNumber(d);
            default -> json.writeString(value.toString());
        }
    }
}
