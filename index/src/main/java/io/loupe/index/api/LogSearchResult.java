package io.loupe.index.api;

import java.util.List;
import java.util.Map;

/**
 * What a search found.
 *
 * @param total     exact number of events that match (all pages together), or {@link #NOT_COUNTED}
 *                  when the search did not ask for it ({@link LogSearch#countTotal()} false)
 * @param hits      this page, newest first
 * @param next      where the next page starts, or null when this page is the last
 * @param histogram counts per bucket over the whole range, empty when none was asked for
 * @param facets    top values per requested field, most frequent first
 */
public record LogSearchResult(long total, List<LogHit> hits, LogSearch.SearchAfter next,
                              List<HistogramBucket> histogram, Map<String, List<FacetValue>> facets) {
    /** The {@link #total()} of a search that did not count its matches. */
    public static final long NOT_COUNTED = -1;

    /** One stored event and its stable id. */
    public record LogHit(long eventId, LogEvent event) {
    }

    public record HistogramBucket(long startNanos, long count) {
    }

    public record FacetValue(String value, long count) {
    }
}
