package io.loupe.search.metric;

import io.loupe.index.api.LabelMatcher;
import java.util.List;

/**
 * What the series and label lookups select: the union of the series each selector matches (as
 * Prometheus reads repeated {@code match[]}), with samples in {@code [fromMillis, toMillis)}.
 *
 * @param selectors one matcher list per {@code match}; empty to select every series
 */
public record SeriesSelection(List<List<LabelMatcher>> selectors, long fromMillis, long toMillis) {
    public SeriesSelection {
        selectors = selectors.stream().map(List::copyOf).toList();
    }
}
