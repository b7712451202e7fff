package io.loupe.search.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.loupe.index.api.LogFieldInfo;
import io.loupe.index.api.LogSearchResult.FacetValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Renders the fields API: {@code {"fields":[{"name","type","documents","cardinality"?,
 * "cardinality_capped"?,"aggregatable"}],"took_ms"}} ({@code cardinality} only where it was
 * counted, {@code cardinality_capped} only when true) and {@code {"field","total","values":[{"value","count"}],"took_ms"}}.
 */
final class FieldsResponseWriter {
    private static final JsonFactory JSON = new JsonFactory();

    private FieldsResponseWriter() {
    }

    static byte[] renderFields(List<LogFieldInfo> fields, long tookMillis) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + fields.size() * 96);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeArrayFieldStart("fields");
            for (LogFieldInfo field : fields) {
                json.writeStartObject();
                json.writeStringField("name", field.name());
                json.writeStringField("type", field.type().wireName());
                json.writeNumberField("documents", field.documents());
                if (field.cardinality() >= 0) {
                    json.writeNumberField("cardinality", field.cardinality());
                }
                if (field.cardinalityCapped()) {
                    json.writeBooleanField("cardinality_capped", true);
                }
                json.writeBooleanField("aggregatable", field.aggregatable());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeNumberField("took_ms", tookMillis);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] renderValues(String field, long total, List<FacetValue> values, long tookMillis) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + values.size() * 48);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("field", field);
            json.writeNumberField("total", total);
            json.writeArrayFieldStart("values");
            for (FacetValue value : values) {
                json.writeStartObject();
                json.writeStringField("value", value.value());
                json.writeNumberField("count", value.count());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeNumberField("took_ms", tookMillis);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
