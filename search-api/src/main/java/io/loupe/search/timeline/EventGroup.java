package io.loupe.search.timeline;

import io.loupe.index.api.LogSearchResult.LogHit;
import java.util.List;

/**
 * The events of one request (or one trace, or one event alone) on a timeline page.
 *
 * @param key        the trace id, else the request id, else the event id of a lone event
 * @param keyField   {@code trace_id}, {@code request_id} or {@code id}: what the key is
 * @param requestIds the request ids its events carry, in the order met (newest first)
 * @param events     its events on this page, newest first
 * @param summary    what they amount to
 * @param continues  true when more events of the group (same trace or request ids) lie on later pages
 */
public record EventGroup(String key, String keyField, List<String> requestIds, List<LogHit> events, GroupSummary summary,
                         boolean continues) {
    public EventGroup {
        requestIds = List.copyOf(requestIds);
        events = List.copyOf(events);
    }

    EventGroup continuing() {
        return new EventGroup(key, keyField, requestIds, events, summary, true);
    }
}
