package io.loupe.search.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loupe.index.api.LogEvent;
import io.loupe.index.api.LogKind;
import io.loupe.index.api.LogSearchResult.LogHit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Grouping a page of a user's events by request, and what each group's summary says. */
class TimelineGroupingTest {
    private static final long SECOND = 1_000_000_000L;
    private static long nextId = 1;

    /** An event at {@code second}, from alternating field names and values (null values left out). */
    private static LogHit hit(long second, String... namesAndValues) {
        Map<String, String> fields = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                fields.put(namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return new LogHit(nextId++, new LogEvent(second * SECOND, false, LogKind.APPLICATION, "m", fields, Map.of(), new byte[0]));
    }

    @Test
    void eventsGroupByTraceThenRequestThenAlone() {
        LogHit lone = hit(50, "service", "auth", "level", "info");
        LogHit traced2 = hit(40, "trace_id", "t-1", "service", "payments", "host", "web-4", "level", "warn");
        LogHit requestOnly = hit(35, "request_id", "r-9", "service", "search", "level", "info");
        LogHit traced1 = hit(30, "trace_id", "t-1", "service", "checkout", "host", "web-3", "level", "error");
        LogHit linked = hit(20, "request_id", "r-1", "service", "frontend", "host", "web-1", "level", "info");
        LogHit both = hit(25, "trace_id", "t-1", "request_id", "r-1", "service", "gateway", "host", "web-1", "level", "info");
        List<LogHit> page = List.of(lone, traced2, requestOnly, traced1, both, linked);

        List<EventGroup> groups = TimelineGrouping.groups(page);

        assertEquals(List.of("id", "trace_id", "request_id"), groups.stream().map(EventGroup::keyField).toList());
        assertEquals(Long.toString(lone.eventId()), groups.get(0).key());
        EventGroup trace = groups.get(1);
        assertEquals("t-1", trace.key());
        assertEquals(List.of(traced2, traced1, both, linked), trace.events(), "the request id alone joins the trace its other event names");
        assertEquals(List.of("r-1"), trace.requestIds());
        GroupSummary summary = trace.summary();
        assertEquals(List.of("frontend", "gateway", "checkout", "payments"), summary.services(), "in the order the request met them");
        assertEquals(List.of("web-1", "web-3", "web-4"), summary.hosts());
        assertEquals("error", summary.worstLevel());
        assertTrue(summary.error());
        assertEquals(4, summary.events());
        assertEquals(20 * SECOND, summary.firstNanos());
        assertEquals(40 * SECOND, summary.lastNanos());
        assertEquals(20_000.0, summary.durationMillis());
        assertEquals("r-9", groups.get(2).key());
        assertFalse(groups.get(2).summary().error());
        assertFalse(trace.continues(), "grouping alone never knows of later pages");
    }

    @Test
    void worstLevelRanksTheNormalisedLevelsAndUnknownWordsLowest() {
        EventGroup fatal = TimelineGrouping.groups(List.of(hit(3, "trace_id", "a", "level", "error"), hit(2, "trace_id", "a", "level", "fatal"),
                hit(1, "trace_id", "a", "level", "warn"))).get(0);
        EventGroup unknown = TimelineGrouping.groups(List.of(hit(2, "trace_id", "b", "level", "notice"),
                hit(1, "trace_id", "b", "level", "debug"))).get(0);
        EventGroup none = TimelineGrouping.groups(List.of(hit(1, "trace_id", "c"))).get(0);

        assertEquals("fatal", fatal.summary().worstLevel());
        assertTrue(fatal.summary().error());
        assertEquals("debug", unknown.summary().worstLevel());
        assertFalse(unknown.summary().error());
        assertNull(none.summary().worstLevel());
        assertEquals(0.0, none.summary().durationMillis());
    }
}
