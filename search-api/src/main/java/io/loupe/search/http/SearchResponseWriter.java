package io.loupe.search.http;

import io.loupe.index.api.EpochNanos;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.loupe.index.api.LogEvent;
import io.loupe.index.api.LogFields;
import io.loupe.index.api.LogSearchResult;
import io.loupe.index.api.LogSearchResult.FacetValue;
import io.loupe.index.api.LogSearchResult.HistogramBucket;
import io.loupe.index.api.LogSearchResult.LogHit;
import io.loupe.search.request.Cursor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders a search result as JSON: {@code total, hits, next_cursor, took_ms, histogram, facets}.
 * Each hit is the normalised event with {@code id} and an RFC 3339 {@code timestamp} with nine
 * fraction digits; {@code original} is added when asked for, as the JSON that was received.
 */
final class SearchResponseWriter {
    private static final JsonFactory JSON = new JsonFactory();
    private static final DateTimeFormatter RFC3339_NANOS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private SearchResponseWriter() {
    }

    static byte[] render(LogSearchResult result, boolean withOriginal, long tookMillis) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024 + result.hits().size() * 512);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeNumberField("total", result.total());
            json.writeArrayFieldStart("hits");
            for (LogHit hit : result.hits()) {
                writeHit(json, hit, withOriginal);
            }
            json.writeEndArray();
            json.writeFieldName("next_cursor");
            if (result.next() == null) {
                json.writeNull();
            } else {
                json.writeString(Cursor.encode(result.next()));
            }
            json.writeNumberField("took_ms", tookMillis);
            json.writeArrayFieldStart("histogram");
            for (HistogramBucket bucket : result.histogram()) {
                json.writeStartObject();
                json.writeStringField("t", formatTime(bucket.startNanos()));
                json.writeNumberField("count", bucket.count());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeObjectFieldStart("facets");
            for (Map.Entry<String, List<FacetValue>> facet : result.facets().entrySet()) {
                json.writeArrayFieldStart(facet.getKey());
                for (FacetValue value : facet.getValue()) {
                    json.writeStartObject();
                    json.writeStringField("value", value.value());
                    json.writeNumberField("count", value.count());
                    json.writeEndObject();
                }
                json.writeEndArray();
            }
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void writeHit(JsonGenerator json, LogHit hit, boolean withOriginal) throws IOException {
        json.writeStartObject();
        writeHitFields(json, hit, withOriginal);
        json.writeEndObject();
    }

    /**
     * The fields of one hit as search renders it, inside an object the caller opened (and closes,
     * after adding fields of its own): every endpoint that returns events renders them this way.
     */
    static void writeHitFields(JsonGenerator json, LogHit hit, boolean withOriginal) throws IOException {
        LogEvent event = hit.event();
        json.writeStringField("id", Long.toString(hit.eventId()));
        json.writeStringField(LogFields.TIMESTAMP, formatTime(event.timestampNanos()));
        if (event.timestampDefaulted()) {
            json.writeBooleanField("timestamp_defaulted", true);
        }
        json.writeStringField(LogFields.KIND, event.kind().wireName());
        for (String field : LogFields.KEYWORDS) {
            String value = event.field(field);
            if (value != null) {
                json.writeStringField(field, value);
            }
        }
        if (event.message() != null) {
            json.writeStringField(LogFields.MESSAGE, event.message());
        }
        json.writeFieldName(LogFields.ATTRIBUTES);
        writeAttributes(json, event.attributes());
        if (withOriginal) {
            json.writeFieldName("original");
            byte[] original = event.original();
            if (original.length > 0 && (original[0] == '{' || original[0] == '[')) {
                json.writeRawValue(new String(original, StandardCharsets.UTF_8));
            } else {
                json.writeString(new String(original, StandardCharsets.UTF_8));
            }
        }
    }

    /** The attributes as one JSON object, keys sorted, numbers and booleans as themselves. */
    static void writeAttributes(JsonGenerator json, Map<String, Object> attributes) throws IOException {
        json.writeStartObject();
        for (Map.Entry<String, Object> attribute : new TreeMap<>(attributes).entrySet()) {
            json.writeFieldName(attribute.getKey());
            switch (attribute.getValue()) {
                case Long l -> json.writeNumber(l);
                case Double d -> json.writeNumber(d);
                case Boolean b -> json.writeBoolean(b);
                default -> json.writeString(attribute.getValue().toString());
            }
        }
        json.writeEndObject();
    }

    static String formatTime(long nanos) {
        return RFC3339_NANOS.format(EpochNanos.toInstant(nanos));
    }

    /** One hit alone, as {@link #render} writes each of its hits (without the original), for the live tail. */
    static byte[] renderHit(LogHit hit) {
        return renderHits(List.of(hit), false, "");
    }

    /** The hits as {@link #render} writes each, one after the other, each followed by {@code separator} (NDJSON: a newline). */
    static byte[] renderHits(List<LogHit> hits, boolean withOriginal, String separator) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512 * Math.max(1, hits.size()));
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.setRootValueSeparator(null);
            for (LogHit hit : hits) {
                writeHit(json, hit, withOriginal);
                json.writeRaw(separator);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
