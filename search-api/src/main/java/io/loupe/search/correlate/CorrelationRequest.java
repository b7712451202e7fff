package io.loupe.search.correlate;

import io.loupe.index.api.LogKind;
import io.loupe.index.api.TimeRange;
import io.loupe.search.metric.BucketGrid;
import io.loupe.search.metric.HostSignal;
import java.util.List;
import java.util.Set;
import org.apache.lucene.search.Query;

/**
 * A parsed {@code POST /api/v1/correlate}.
 *
 * @param queryText the {@code q} as written ("" for everything)
 * @param query     the parsed query
 * @param range     the window, {@code [from, to)}
 * @param kinds     the kinds searched
 * @param grid      the buckets every series of the answer shares
 * @param signals   the host signals to read, in the order asked
 * @param topHosts  how many hosts (most hits first) to look at
 */
public record CorrelationRequest(String queryText, Query query, TimeRange range, Set<LogKind> kinds, BucketGrid grid,
                                 List<HostSignal> signals, int topHosts) {
    public CorrelationRequest {
        kinds = Set.copyOf(kinds);
        signals = List.copyOf(signals);
    }
}
