package io.loupe.search.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.loupe.index.api.LabelMatcher;
import io.loupe.index.api.Labels;
import io.loupe.index.api.SeriesKey;
import io.loupe.search.metric.MetricQueryResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Renders the answers of the metric endpoints as JSON:
 * {@code {"series":[{"labels":{...},"points":[[t,v],...]}],"resolution":"5m","step_ms":n,"took_ms":t}}
 * for queries, {@code {"series":[{"__name__":"...",...}],"took_ms":t}} for series lookups,
 * {@code {"labels":[...]}} and {@code {"values":[...]}} for label lookups. A point's {@code t} is
 * its bucket start in epoch milliseconds; {@code v} is a JSON number, or the string {@code "NaN"},
 * {@code "+Inf"} or {@code "-Inf"} for a value JSON cannot hold. Public for tests only.
 */
public final class MetricsResponseWriter {
    private static final JsonFactory JSON = new JsonFactory();

    private MetricsResponseWriter() {
    }

    public static byte[] query(MetricQueryResult result, long tookMillis) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + result.series().stream().mapToInt(s -> 64 + s.size() * 32).sum());
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeArrayFieldStart("series");
            for (MetricQueryResult.Series series : result.series()) {
                json.writeStartObject();
                json.writeFieldName("labels");
                writeLabels(json, series.labels());
                json.writeArrayFieldStart("points");
                for (int i = 0; i < series.size(); i++) {
                    json.writeStartArray();
                    json.writeNumber(series.timestamps()[i]);
                    writeValue(json, series.values()[i]);
                    json.writeEndArray();
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeStringField("resolution", result.resolution().wireName());
            json.writeNumberField("step_ms", result.stepMillis());
            json.writeNumberField("took_ms", tookMillis);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] series(List<SeriesKey> keys, long tookMillis) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + keys.size() * 128);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeArrayFieldStart("series");
            for (SeriesKey key : keys) {
                writeLabels(json, key.labels().with(LabelMatcher.METRIC_NAME, key.name()));
            }
            json.writeEndArray();
            json.writeNumberField("took_ms", tookMillis);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** {@code {"<field>":["a","b",...]}}: the answer of the label name and label value lookups. */
    public static byte[] strings(String field, List<String> values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + values.size() * 32);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeArrayFieldStart(field);
            for (String value : values) {
                json.writeString(value);
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void writeLabels(JsonGenerator json, Labels labels) throws IOException {
        json.writeStartObject();
        for (int i = 0; i < labels.size(); i++) {
            json.writeStringField(labels.name(i), labels.value(i));
        }
        json.writeEndObject();
    }

    static void writeValue(JsonGenerator json, double value) throws IOException {
        if (Double.isNaN(value)) {
            json.writeString("NaN");
        } else if (value == Double.POSITIVE_INFINITY) {
            json.writeString("+Inf");
        } else if (value == Double.NEGATIVE_INFINITY) {
            json.writeString("-Inf");
        } else {
            json.writeNumber(value);
        }
    }
}
