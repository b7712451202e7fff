package io.loupe.search.context;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LogEvent;
import io.loupe.index.api.LogSearch;
import io.loupe.index.api.LogSearchResult;
import io.loupe.index.api.LogSearchResult.LogHit;
import io.loupe.index.api.LogStore;
import io.loupe.index.api.LoupeException;
import io.loupe.index.api.TimeRange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Finds an event by id ({@link LogStore#event}) and the lines of the same kind, host and source
 * around it: {@code before} lines older, newest first from the event's sort position (so a line with
 * the same timestamp but an earlier arrival counts as older), and {@code after} lines newer with
 * {@link LogSearch.Order#OLDEST_FIRST}, both from a search cursor at the event itself. The searches
 * look in widening windows, one hour, one day, a week, then everything, and stop as soon as they
 * have enough, so a busy host's context opens only the partitions of the event's day.
 */
public final class EventContextFinder {
    static final List<String> CONTEXT_FIELDS = List.of("host", "source");
    private static final List<Duration> WINDOWS = List.of(Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(7));

    private final LogStore store;

    public EventContextFinder(LogStore store) {
        this.store = store;
    }

    public EventContext find(EventContextRequest request) {
        LogHit hit = store.event(request.eventId()).orElseThrow(() -> new LoupeException(ErrorCode.EVENT_NOT_FOUND,
                "no event has id " + request.eventId() + "; use an id from a search or tail answer (an event past "
                        + "log.retention_days is gone, and a just-ingested one is searchable after the next refresh)"));
        LogEvent event = hit.event();
        List<String> matchedOn = new ArrayList<>();
        BooleanQuery.Builder sameStream = new BooleanQuery.Builder();
        for (String field : CONTEXT_FIELDS) {
            String value = event.field(field);
            if (value != null) {
                matchedOn.add(field);
                sameStream.add(new TermQuery(new Term(field, value)), BooleanClause.Occur.FILTER);
            }
        }
        Query query = matchedOn.isEmpty() ? new MatchAllDocsQuery() : sameStream.build();
        LogSearch.SearchAfter at = new LogSearch.SearchAfter(event.timestampNanos(), hit.eventId());
        List<LogHit> before = collect(query, event, at, request.before(), LogSearch.Order.NEWEST_FIRST);
        Collections.reverse(before);
        List<LogHit> after = collect(query, event, at, request.after(), LogSearch.Order.OLDEST_FIRST);
        return new EventContext(hit, before, after, matchedOn, note(event, matchedOn));
    }

    private List<LogHit> collect(Query query, LogEvent event, LogSearch.SearchAfter at, int wanted, LogSearch.Order order) {
        List<LogHit> hits = new ArrayList<>();
        long t = event.timestampNanos();
        long reached = t;
        for (int window = 0; window <= WINDOWS.size() && hits.size() < wanted; window++) {
            boolean last = window == WINDOWS.size();
            long width = last ? 0 : WINDOWS.get(window).toNanos();
            TimeRange range;
            if (order == LogSearch.Order.NEWEST_FIRST) {
                long from = last ? Long.MIN_VALUE : saturatingSubtract(t, width);
                range = new TimeRange(from, window == 0 ? saturatingAdd(t, 1) : reached);
                reached = from;
            } else {
                long to = last ? Long.MAX_VALUE : saturatingAdd(t, width);
                range = new TimeRange(window == 0 ? t : reached, to);
                reached = to;
            }
            // the cursor skips the event itself and its ties on the side already looked at; later windows need none
            LogSearchResult page = store.search(new LogSearch(query, range, Set.of(event.kind()), wanted - hits.size(),
                    window == 0 ? at : null, null, List.of(), 0, order));
            hits.addAll(page.hits());
        }
        return hits;
    }

    private static String note(LogEvent event, List<String> matchedOn) {
        if (matchedOn.size() == CONTEXT_FIELDS.size()) {
            return null;
        }
        if (matchedOn.isEmpty()) {
            return "the event has neither host nor source; the context is every " + event.kind().wireName() + " event around it";
        }
        String missing = CONTEXT_FIELDS.stream().filter(f -> !matchedOn.contains(f)).findFirst().orElseThrow();
        return "the event has no " + missing + "; the context is the " + event.kind().wireName() + " events of "
                + matchedOn.getFirst() + " " + event.field(matchedOn.getFirst()) + " around it";
    }

    private static long saturatingAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    private static long saturatingSubtract(long a, long b) {
        long difference = a - b;
        return ((a ^ b) & (a ^ difference)) < 0 ? Long.MIN_VALUE : difference;
    }
}
