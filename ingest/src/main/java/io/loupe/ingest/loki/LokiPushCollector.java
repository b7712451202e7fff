package io.loupe.ingest.loki;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LogEvent;
import io.loupe.index.api.LoupeException;
import io.loupe.ingest.IngestConfig;
import io.loupe.ingest.parse.EventRejectedException;
import io.loupe.ingest.parse.EventRules;
import io.loupe.ingest.parse.LogEventBuilder;
import io.loupe.ingest.wire.Utf8;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One push request's outcome as its streams are read, whichever the encoding: counts entries against
 * {@code ingest.max_events_per_request} as they are read, maps each finished stream's entries to events
 * (a bad entry, or every entry of a stream with bad labels, is rejected with its position and the others
 * are kept) and ends in {@link LokiPushOutcome}. Not thread-safe; one per request.
 */
final class LokiPushCollector {
    private final EventRules rules;
    private final IngestConfig limits;
    private final List<LogEvent> accepted = new ArrayList<>();
    private final List<LokiEntryError> errors = new ArrayList<>();
    private int rejected;
    private int entries;

    LokiPushCollector(EventRules rules, IngestConfig limits) {
        this.rules = rules;
        this.limits = limits;
    }

    /**
     * Counts one more entry of the request; call it as each entry is read, before keeping it.
     *
     * @throws LoupeException {@link ErrorCode#TOO_MANY_EVENTS} (413) past {@code ingest.max_events_per_request}
     */
    void countEntry() {
        if (++entries > limits.maxEventsPerRequest()) {
            throw new LoupeException(ErrorCode.TOO_MANY_EVENTS, "loki push has more than " + limits.maxEventsPerRequest()
                    + " entries; send smaller batches (batch_size of Alloy's loki.write endpoint, batchsize of a Promtail"
                    + " client) or raise ingest.max_events_per_request");
        }
    }

    /**
     * A stream whose labels came as a label set string ({@link LokiLabelsParser}); labels that do not
     * parse reject all of its entries with one reason.
     *
     * @param streamIndex  0-based position of the stream in the request
     * @param entriesField the name of the stream's entry list in the request ({@code values} or {@code entries})
     */
    void addStream(int streamIndex, String entriesField, String labelsText, List<LokiEntry> streamEntries) {
        if (streamEntries.isEmpty()) {
            return;
        }
        Map<String, String> labels;
        try {
            labels = LokiLabelsParser.parse(labelsText);
        } catch (IllegalArgumentException e) {
            rejectStream(streamIndex, streamEntries.size(), ErrorCode.INVALID_FIELD, e.getMessage());
            return;
        }
        addStream(streamIndex, entriesField, labels, streamEntries);
    }

    /** A stream with its labels as name/value pairs, in the order sent. */
    void addStream(int streamIndex, String entriesField, Map<String, String> labels, List<LokiEntry> streamEntries) {
        if (streamEntries.isEmpty()) {
            return;
        }
        LokiStreamLabels resolved;
        try {
            resolved = LokiStreamLabels.resolve(labels);
        } catch (EventRejectedException e) {
            rejectStream(streamIndex, streamEntries.size(), e.code(), e.getMessage());
            return;
        }
        LokiEntryOriginal original = new LokiEntryOriginal(labels);
        for (int i = 0; i < streamEntries.size(); i++) {
            LokiEntry entry = streamEntries.get(i);
            try {
                accepted.add(event(entry, resolved, original));
            } catch (EventRejectedException e) {
                reject("streams[" + streamIndex + "]." + entriesField + "[" + i + "]", 1, e.code(), e.getMessage());
            }
        }
    }

    private LogEvent event(LokiEntry entry, LokiStreamLabels labels, LokiEntryOriginal original) throws EventRejectedException {
        int lineBytes = Utf8.encodedLength(entry.line());
        if (lineBytes > limits.maxLineBytes()) {
            throw new EventRejectedException(ErrorCode.LINE_TOO_LONG, "line is " + lineBytes + " bytes, more than the limit of "
                    + limits.maxLineBytes() + " (ingest.max_line_bytes)");
        }
        LogEventBuilder event = rules.event().timestamp(entry.timestampNanos()).message(entry.line());
        labels.applyTo(event, entry.structuredMetadata());
        return event.build(original.of(entry));
    }

    private void rejectStream(int streamIndex, int entryCount, ErrorCode code, String message) {
        if (entryCount == 0) {
            return;
        }
        reject("streams[" + streamIndex + "]", entryCount, code, message
                + (entryCount == 1 ? "; the stream's one entry is rejected" : "; all " + entryCount + " entries of the stream are rejected"));
    }

    private void reject(String position, int entryCount, ErrorCode code, String message) {
        rejected += entryCount;
        if (errors.size() < LokiPushDecoder.MAX_LISTED_ERRORS) {
            errors.add(new LokiEntryError(position, code, message));
        }
    }

    LokiPushOutcome result() {
        return new LokiPushOutcome(accepted, rejected, errors);
    }
}
