package io.loupe.index.api;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.lucene.search.Query;

/**
 * A search over the log store.
 *
 * @param query             the parsed query (without the time range: the store adds it)
 * @param range             the event-time range; only partitions that overlap it are opened
 * @param kinds             the kinds to search
 * @param limit             how many hits to return, newest first
 * @param after             where the previous page ended, or null for the first page
 * @param histogramInterval bucket width of the histogram, or null for none
 * @param facetFields       keyword fields to count the top values of
 * @param facetSize         how many values per facet
 * @param order             newest first (the index order, which ends early) or oldest first
 * @param countTotal        true to count every match ({@link LogSearchResult#total()}); false when
 *                          only the page is wanted, as a stream of pages that counted once, or never,
 *                          needs: counting visits every match, a page only its own
 */
public record LogSearch(Query query, TimeRange range, Set<LogKind> kinds, int limit, SearchAfter after,
                        Duration histogramInterval, List<String> facetFields, int facetSize, Order order,
                        boolean countTotal) {

    public LogSearch {
        kinds = Set.copyOf(kinds);
        facetFields = List.copyOf(facetFields);
        Objects.requireNonNull(order, "order");
    }

    /** A search that counts its total. */
    public LogSearch(Query query, TimeRange range, Set<LogKind> kinds, int limit, SearchAfter after,
                     Duration histogramInterval, List<String> facetFields, int facetSize, Order order) {
        this(query, range, kinds, limit, after, histogramInterval, facetFields, facetSize, order, true);
    }

    /** A search newest first that counts its total. */
    public LogSearch(Query query, TimeRange range, Set<LogKind> kinds, int limit, SearchAfter after,
                     Duration histogramInterval, List<String> facetFields, int facetSize) {
        this(query, range, kinds, limit, after, histogramInterval, facetFields, facetSize, Order.NEWEST_FIRST, true);
    }

    /** The same search from another position: the next page of a stream of pages. */
    public LogSearch continuingAfter(SearchAfter position) {
        return new LogSearch(query, range, kinds, limit, position, histogramInterval, facetFields, facetSize, order, countTotal);
    }

    /** The order of hits: by timestamp, ties broken by event id in the same direction. */
    public enum Order {
        NEWEST_FIRST,
        OLDEST_FIRST
    }

    /** The sort position of the last hit of a page: newest first, ties broken by event id. */
    public record SearchAfter(long timestampNanos, long eventId) {
    }
}
