package io.loupe.search.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.loupe.index.api.EpochNanos;
import io.loupe.index.api.LogFields;
import io.loupe.index.api.LogSearchResult.LogHit;
import io.loupe.search.correlate.CorrelationRequest;
import io.loupe.search.correlate.CorrelationResult;
import io.loupe.search.correlate.Finding;
import io.loupe.search.correlate.HostMomentRequest;
import io.loupe.search.correlate.HostMomentResult;
import io.loupe.search.correlate.HostSeries;
import io.loupe.search.metric.BucketGrid;
import io.loupe.search.metric.HostSignal;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Renders the two correlation answers as JSON (shapes in {@code docs/correlation.md}), and the
 * pieces the timeline shares with them: bucket starts as RFC 3339 times, aligned signal values with
 * {@code null} where a bucket has no point, and events as search renders hits plus
 * {@code "error":true} on events of level error or fatal.
 */
final class CorrelationResponseWriter {
    private static final JsonFactory JSON = new JsonFactory();

    private CorrelationResponseWriter() {
    }

    static byte[] correlation(CorrelationResult result, long tookMillis) {
        CorrelationRequest request = result.request();
        return render(json -> {
            json.writeStringField("query", request.queryText());
            json.writeStringField("from", SearchResponseWriter.formatTime(request.range().fromNanos()));
            json.writeStringField("to", SearchResponseWriter.formatTime(request.range().toNanos()));
            json.writeStringField("interval", request.grid().stepText());
            json.writeNumberField("total", result.total());
            writeBuckets(json, request.grid());
            json.writeArrayFieldStart("hosts");
            for (HostSeries host : result.hosts()) {
                json.writeStartObject();
                json.writeStringField("host", host.host());
                json.writeNumberField("hits", host.hits());
                writeCounts(json, "histogram", host.histogram());
                writeCounts(json, "errors", host.errors());
                json.writeObjectFieldStart("signals");
                writeSignals(json, host.signals());
                json.writeEndObject();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("findings");
            for (Finding finding : result.findings()) {
                writeFinding(json, finding);
            }
            json.writeEndArray();
            json.writeNumberField("took_ms", tookMillis);
        });
    }

    static byte[] hostMoment(HostMomentResult result, long tookMillis) {
        HostMomentRequest request = result.request();
        return render(json -> {
            json.writeStringField("host", request.host());
            json.writeStringField("at", SearchResponseWriter.formatTime(request.atNanos()));
            json.writeStringField("from", SearchResponseWriter.formatTime(request.range().fromNanos()));
            json.writeStringField("to", SearchResponseWriter.formatTime(request.range().toNanos()));
            json.writeStringField("interval", request.grid().stepText());
            writeBuckets(json, request.grid());
            json.writeObjectFieldStart("signals");
            writeSignals(json, result.signals());
            json.writeEndObject();
            writeCounts(json, "histogram", result.histogram());
            writeCounts(json, "errors", result.errors());
            json.writeNumberField("total", result.total());
            json.writeObjectFieldStart("levels");
            for (Map.Entry<String, Long> level : result.levels().entrySet()) {
                json.writeNumberField(level.getKey(), level.getValue());
            }
            json.writeEndObject();
            json.writeArrayFieldStart("lines");
            for (LogHit line : result.lines()) {
                writeEvent(json, line);
            }
            json.writeEndArray();
            json.writeNumberField("took_ms", tookMillis);
        });
    }

    private static void writeFinding(JsonGenerator json, Finding finding) throws IOException {
        json.writeStartObject();
        json.writeStringField("host", finding.host());
        json.writeStringField("signal", finding.signal().metricName());
        json.writeStringField("series", finding.series().wireName());
        json.writeStringField("t", time(finding.bucketMillis()));
        json.writeStringField("from", time(finding.episodeFromMillis()));
        json.writeStringField("to", time(finding.episodeToMillis()));
        json.writeNumberField("log_count", finding.logCount());
        json.writeNumberField("log_baseline", finding.logBaseline());
        writeNumberOrNull(json, "rise", finding.rise());
        json.writeStringField("signal_t", time(finding.signalMillis()));
        writeNumberOrNull(json, "signal_value", finding.signalValue());
        writeNumberOrNull(json, "signal_baseline", finding.signalBaseline());
        json.writeNumberField("correlation", finding.correlation());
        json.writeNumberField("score", finding.score());
        json.writeStringField("summary", finding.summary());
        json.writeEndObject();
    }

    /** {@code "buckets":[t, ...]}: every bucket start of the grid. */
    static void writeBuckets(JsonGenerator json, BucketGrid grid) throws IOException {
        json.writeArrayFieldStart("buckets");
        for (int b = 0; b < grid.count(); b++) {
            json.writeString(time(grid.startOf(b)));
        }
        json.writeEndArray();
    }

    /** One field per signal, {@code "host.cpu.utilization":[0.2, null, ...]}, inside an open object. */
    static void writeSignals(JsonGenerator json, Map<HostSignal, double[]> signals) throws IOException {
        for (HostSignal signal : HostSignal.values()) {
            double[] values = signals.get(signal);
            if (values == null) {
                continue;
            }
            json.writeArrayFieldStart(signal.metricName());
            for (double value : values) {
                if (Double.isFinite(value)) {
                    json.writeNumber(value);
                } else {
                    json.writeNull();
                }
            }
            json.writeEndArray();
        }
    }

    /** An event as search renders a hit, with {@code "error":true} when its level is error or fatal. */
    static void writeEvent(JsonGenerator json, LogHit hit) throws IOException {
        json.writeStartObject();
        SearchResponseWriter.writeHitFields(json, hit, false);
        String level = hit.event().field(LogFields.LEVEL);
        if ("error".equals(level) || "fatal".equals(level)) {
            json.writeBooleanField("error", true);
        }
        json.writeEndObject();
    }

    private static void writeCounts(JsonGenerator json, String field, long[] counts) throws IOException {
        json.writeArrayFieldStart(field);
        for (long count : counts) {
            json.writeNumber(count);
        }
        json.writeEndArray();
    }

    private static void writeNumberOrNull(JsonGenerator json, String field, double value) throws IOException {
        if (Double.isFinite(value)) {
            json.writeNumberField(field, value);
        } else {
            json.writeNullField(field);
        }
    }

    static String time(long millis) {
        return SearchResponseWriter.formatTime(EpochNanos.ofMillis(millis));
    }

    /** The fields of one JSON object. */
    @FunctionalInterface
    interface ObjectBody {
        void write(JsonGenerator json) throws IOException;
    }

    /** One JSON object with the given fields, as bytes. */
    static byte[] render(ObjectBody body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            body.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
