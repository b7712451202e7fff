package io.loupe.search.timeline;

import io.loupe.index.api.LogEvent;
import io.loupe.index.api.LogFields;
import io.loupe.index.api.LogSearchResult.LogHit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Groups a page of events (newest first) by request: an event with a {@code trace_id} joins that
 * trace's group; one without joins the group of its {@code request_id}, which is the trace's group
 * when another event on the page carries both that request id and a trace id; an event with neither
 * is a group alone. Groups are ordered by their newest event, newest first; events keep the page's
 * order. Pure.
 */
final class TimelineGrouping {
    static final String TRACE_ID = "trace_id";
    static final String REQUEST_ID = "request_id";
    static final String EVENT_ID = "id";
    private static final int UNKNOWN_LEVEL_RANK = -1;

    private TimelineGrouping() {
    }

    private record Key(String field, String value) {
    }

    static List<EventGroup> groups(List<LogHit> page) {
        Map<String, String> traceOfRequest = new HashMap<>();
        for (LogHit hit : page) {
            String trace = hit.event().field(TRACE_ID);
            String request = hit.event().field(REQUEST_ID);
            if (trace != null && request != null) {
                traceOfRequest.putIfAbsent(request, trace);
            }
        }
        Map<Key, List<LogHit>> byKey = new LinkedHashMap<>();
        for (LogHit hit : page) {
            byKey.computeIfAbsent(keyOf(hit, traceOfRequest), key -> new ArrayList<>()).add(hit);
        }
        List<EventGroup> groups = new ArrayList<>(byKey.size());
        for (Map.Entry<Key, List<LogHit>> group : byKey.entrySet()) {
            Set<String> requestIds = new LinkedHashSet<>();
            for (LogHit hit : group.getValue()) {
                String request = hit.event().field(REQUEST_ID);
                if (request != null) {
                    requestIds.add(request);
                }
            }
            groups.add(new EventGroup(group.getKey().value(), group.getKey().field(), List.copyOf(requestIds), group.getValue(),
                    summarize(group.getValue()), false));
        }
        return groups;
    }

    private static Key keyOf(LogHit hit, Map<String, String> traceOfRequest) {
        LogEvent event = hit.event();
        String trace = event.field(TRACE_ID);
        if (trace != null) {
            return new Key(TRACE_ID, trace);
        }
        String request = event.field(REQUEST_ID);
        if (request != null) {
            String linked = traceOfRequest.get(request);
            return linked != null ? new Key(TRACE_ID, linked) : new Key(REQUEST_ID, request);
        }
        return new Key(EVENT_ID, Long.toString(hit.eventId()));
    }

    /** @param events newest first */
    private static GroupSummary summarize(List<LogHit> events) {
        Set<String> services = new LinkedHashSet<>();
        Set<String> hosts = new LinkedHashSet<>();
        String worst = null;
        for (int i = events.size() - 1; i >= 0; i--) {
            LogEvent event = events.get(i).event();
            addIfPresent(services, event.field("service"));
            addIfPresent(hosts, event.field("host"));
            String level = event.field(LogFields.LEVEL);
            if (level != null && (worst == null || rank(level) > rank(worst))) {
                worst = level;
            }
        }
        return new GroupSummary(List.copyOf(services), List.copyOf(hosts), events.getLast().event().timestampNanos(),
                events.getFirst().event().timestampNanos(), worst, events.size(), isError(worst));
    }

    private static void addIfPresent(Set<String> values, String value) {
        if (value != null) {
            values.add(value);
        }
    }

    private static int rank(String level) {
        int rank = LogFields.LEVELS.indexOf(level);
        return rank >= 0 ? rank : UNKNOWN_LEVEL_RANK;
    }

    /** Whether a level is error or fatal. */
    static boolean isError(String level) {
        return "error".equals(level) || "fatal".equals(level);
    }
}
