package io.loupe.search.correlate;

import io.loupe.index.api.LogFields;
import io.loupe.index.api.LogSearch;
import io.loupe.index.api.LogSearchResult;
import io.loupe.index.api.LogSearchResult.FacetValue;
import io.loupe.index.api.LogSearchResult.LogHit;
import io.loupe.index.api.LogStore;
import io.loupe.search.metric.BucketGrid;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;

/**
 * The reverse of correlation, from a moment on a host to its logs: the host's signals around the
 * moment, its log histogram and error histogram on the same buckets, its events per level, and its
 * log lines in the window with errors first (error and fatal, then warn, then the rest, newest first
 * within each group, at most the request's limit in all: one search per group, each asking only for
 * what the groups before it left of the limit). Blocking; call it from a worker thread. Thread-safe.
 */
public final class HostMoment {
    /** More distinct levels than the six normalised ones can exist (an unknown word is kept as the level). */
    private static final int LEVEL_FACET_SIZE = 20;

    private final LogStore logs;
    private final HostSignalAlignment signals;

    public HostMoment(LogStore logs, HostSignalAlignment signals) {
        this.logs = logs;
        this.signals = signals;
    }

    public HostMomentResult look(HostMomentRequest request) {
        BucketGrid grid = request.grid();
        Query onHost = HostLogQueries.onHost(new MatchAllDocsQuery(), request.host());
        LogSearchResult overview = logs.search(new LogSearch(onHost, request.range(), request.kinds(), 0, null, null,
                List.of(LogFields.LEVEL), LEVEL_FACET_SIZE));
        Map<String, Long> levels = new LinkedHashMap<>();
        for (FacetValue level : overview.facets().getOrDefault(LogFields.LEVEL, List.of())) {
            levels.put(level.value(), level.count());
        }
        long[] histogram = LogHistogram.counts(logs, onHost, request.range(), request.kinds(), grid);
        long[] errors = LogHistogram.counts(logs, HostLogQueries.and(onHost, HostLogQueries.errors()), request.range(),
                request.kinds(), grid);
        List<LogHit> lines = new ArrayList<>();
        for (Query group : List.of(HostLogQueries.errors(), HostLogQueries.warnings(), HostLogQueries.others())) {
            int wanted = request.limit() - lines.size();
            if (wanted <= 0) {
                break;
            }
            lines.addAll(logs.search(new LogSearch(HostLogQueries.and(onHost, group), request.range(), request.kinds(), wanted,
                    null, null, List.of(), 0)).hits());
        }
        return new HostMomentResult(request, overview.total(), histogram, errors, levels,
                signals.read(List.of(request.host()), request.signals(), grid).get(request.host()), lines);
    }
}
