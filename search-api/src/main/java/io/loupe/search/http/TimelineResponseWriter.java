package io.loupe.search.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.loupe.index.api.LogSearchResult.LogHit;
import io.loupe.search.metric.HostSignal;
import io.loupe.search.request.Cursor;
import io.loupe.search.timeline.EventGroup;
import io.loupe.search.timeline.GroupSummary;
import io.loupe.search.timeline.TimelineResult;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Renders a page of a user's timeline as JSON (shape in {@code docs/correlation.md}). */
final class TimelineResponseWriter {
    private TimelineResponseWriter() {
    }

    static byte[] page(TimelineResult result, long tookMillis) {
        return CorrelationResponseWriter.render(json -> {
            json.writeStringField("user_id", result.userId());
            json.writeNumberField("total", result.total());
            json.writeArrayFieldStart("groups");
            for (EventGroup group : result.groups()) {
                writeGroup(json, group);
            }
            json.writeEndArray();
            json.writeFieldName("interval");
            if (result.signalGrid() == null) {
                json.writeNull();
            } else {
                json.writeString(result.signalGrid().stepText());
            }
            json.writeObjectFieldStart("hosts");
            for (Map.Entry<String, Map<HostSignal, double[]>> host : result.hostSignals().entrySet()) {
                json.writeObjectFieldStart(host.getKey());
                CorrelationResponseWriter.writeBuckets(json, result.signalGrid());
                CorrelationResponseWriter.writeSignals(json, host.getValue());
                json.writeEndObject();
            }
            json.writeEndObject();
            json.writeFieldName("next_cursor");
            if (result.next() == null) {
                json.writeNull();
            } else {
                json.writeString(Cursor.encode(result.next()));
            }
            json.writeNumberField("took_ms", tookMillis);
        });
    }

    private static void writeGroup(JsonGenerator json, EventGroup group) throws IOException {
        GroupSummary summary = group.summary();
        json.writeStartObject();
        json.writeStringField("key", group.key());
        json.writeStringField("key_field", group.keyField());
        writeStrings(json, "request_ids", group.requestIds());
        json.writeBooleanField("error", summary.error());
        json.writeBooleanField("continues", group.continues());
        json.writeObjectFieldStart("summary");
        writeStrings(json, "services", summary.services());
        writeStrings(json, "hosts", summary.hosts());
        json.writeStringField("first", SearchResponseWriter.formatTime(summary.firstNanos()));
        json.writeStringField("last", SearchResponseWriter.formatTime(summary.lastNanos()));
        json.writeNumberField("duration_ms", summary.durationMillis());
        if (summary.worstLevel() == null) {
            json.writeNullField("worst_level");
        } else {
            json.writeStringField("worst_level", summary.worstLevel());
        }
        json.writeNumberField("events", summary.events());
        json.writeBooleanField("error", summary.error());
        json.writeEndObject();
        json.writeArrayFieldStart("events");
        for (LogHit hit : group.events()) {
            CorrelationResponseWriter.writeEvent(json, hit);
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void writeStrings(JsonGenerator json, String field, List<String> values) throws IOException {
        json.writeArrayFieldStart(field);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }
}
