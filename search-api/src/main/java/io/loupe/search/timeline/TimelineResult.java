package io.loupe.search.timeline;

import io.loupe.index.api.LogSearch;
import io.loupe.search.metric.BucketGrid;
import io.loupe.search.metric.HostSignal;
import java.util.List;
import java.util.Map;

/**
 * One page of a user's timeline.
 *
 * @param userId      the user
 * @param total       the user's events over the whole range (all pages)
 * @param groups      the page's events grouped by request, newest group first
 * @param signalGrid  the buckets of {@code hostSignals}, or null when no group failed
 * @param hostSignals per host involved in a failing group, its host signals on {@code signalGrid} (NaN where no point)
 * @param next        where the next page starts, or null on the last page
 */
public record TimelineResult(String userId, long total, List<EventGroup> groups, BucketGrid signalGrid,
                             Map<String, Map<HostSignal, double[]>> hostSignals, LogSearch.SearchAfter next) {
    public TimelineResult {
        groups = List.copyOf(groups);
    }
}
