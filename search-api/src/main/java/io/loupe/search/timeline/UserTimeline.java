package io.loupe.search.timeline;

import io.loupe.index.api.LogSearch;
import io.loupe.index.api.LogSearchResult;
import io.loupe.index.api.LogStore;
import io.loupe.index.api.TimeRange;
import io.loupe.search.SearchConfig;
import io.loupe.search.correlate.HostSignalAlignment;
import io.loupe.search.metric.BucketGrid;
import io.loupe.search.metric.HostSignal;
import io.loupe.search.request.SearchRequestReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * A page of one user's timeline: the page of the user's events (one search, newest first), grouped
 * by request ({@link TimelineGrouping}); for each group with a trace or request id, when a next page
 * exists, one search of at most one hit tells whether more of its events lie beyond the page
 * ({@code continues}); and the host signals of the hosts involved in the failing groups (at most
 * {@value #MAX_SIGNAL_HOSTS}, newest group first) over the page's time span widened by
 * {@link #SIGNAL_PADDING} on each side, on buckets chosen as {@code histogram=auto} chooses them.
 * Blocking; call it from a worker thread. Thread-safe.
 */
public final class UserTimeline {
    static final Duration SIGNAL_PADDING = Duration.ofMinutes(5);
    static final int MAX_SIGNAL_HOSTS = 10;

    private final LogStore logs;
    private final HostSignalAlignment signals;
    private final SearchRequestReader intervals;

    public UserTimeline(LogStore logs, HostSignalAlignment signals, SearchConfig config) {
        this.logs = logs;
        this.signals = signals;
        this.intervals = new SearchRequestReader(config);
    }

    public TimelineResult page(TimelineRequest request) {
        LogSearchResult page = logs.search(request.search());
        List<EventGroup> groups = new ArrayList<>();
        for (EventGroup group : TimelineGrouping.groups(page.hits())) {
            groups.add(page.next() != null && continuesLater(request.search(), group, page.next()) ? group.continuing() : group);
        }
        Set<String> failingHosts = new LinkedHashSet<>();
        for (EventGroup group : groups) {
            if (group.summary().error()) {
                for (String host : group.summary().hosts()) {
                    if (failingHosts.size() < MAX_SIGNAL_HOSTS) {
                        failingHosts.add(host);
                    }
                }
            }
        }
        if (failingHosts.isEmpty()) {
            return new TimelineResult(request.userId(), page.total(), groups, null, Map.of(), page.next());
        }
        long newest = page.hits().getFirst().event().timestampNanos();
        long oldest = page.hits().getLast().event().timestampNanos();
        TimeRange span = new TimeRange(oldest - SIGNAL_PADDING.toNanos(), newest + SIGNAL_PADDING.toNanos() + 1);
        BucketGrid grid = HostSignalAlignment.gridOf(span, intervals.interval("interval", "auto", span));
        return new TimelineResult(request.userId(), page.total(), groups, grid,
                signals.read(failingHosts, List.of(HostSignal.values()), grid), page.next());
    }

    /** Whether the user has an event of the group's trace or request ids after the page's end. */
    private boolean continuesLater(LogSearch pageSearch, EventGroup group, LogSearch.SearchAfter next) {
        BooleanQuery.Builder ids = new BooleanQuery.Builder();
        if (group.keyField().equals(TimelineGrouping.TRACE_ID)) {
            ids.add(new TermQuery(new Term(TimelineGrouping.TRACE_ID, group.key())), BooleanClause.Occur.SHOULD);
        }
        for (String request : group.requestIds()) {
            ids.add(new TermQuery(new Term(TimelineGrouping.REQUEST_ID, request)), BooleanClause.Occur.SHOULD);
        }
        BooleanQuery anyId = ids.build();
        if (anyId.clauses().isEmpty()) {
            return false;
        }
        Query sameGroup = new BooleanQuery.Builder()
                .add(pageSearch.query(), BooleanClause.Occur.MUST)
                .add(anyId, BooleanClause.Occur.MUST)
                .build();
        // only whether a hit exists matters: counting every match (one more pass) was a third of this search's time
        LogSearch beyond = new LogSearch(sameGroup, pageSearch.range(), pageSearch.kinds(), 1, next, null, List.of(), 0,
                LogSearch.Order.NEWEST_FIRST, false);
        return !logs.search(beyond).hits().isEmpty();
    }
}
