package io.loupe.search.correlate;

import io.loupe.index.api.LogSearch;
import io.loupe.index.api.LogSearchResult;
import io.loupe.index.api.LogSearchResult.FacetValue;
import io.loupe.index.api.LogStore;
import io.loupe.search.metric.BucketGrid;
import io.loupe.search.metric.HostSignal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.search.Query;

/**
 * Runs a correlation: the hosts behind a query's hits (a facet on {@code host}, top N), each host's
 * hit and error histograms (two counting searches per host), its host signals on the same buckets
 * ({@link HostSignalAlignment}), and the {@link FindingDetector findings}. Every series shares the
 * request's grid. Blocking (it reads both stores); call it from a worker thread. Thread-safe.
 */
public final class Correlator {
    private static final String HOST = "host";

    private final LogStore logs;
    private final HostSignalAlignment signals;

    public Correlator(LogStore logs, HostSignalAlignment signals) {
        this.logs = logs;
        this.signals = signals;
    }

    public CorrelationResult correlate(CorrelationRequest request) {
        BucketGrid grid = request.grid();
        LogSearchResult overview = logs.search(new LogSearch(request.query(), request.range(), request.kinds(), 0, null, null,
                List.of(HOST), request.topHosts()));
        List<FacetValue> top = overview.facets().getOrDefault(HOST, List.of());
        Map<String, Map<HostSignal, double[]>> signalsByHost = signals.read(top.stream().map(FacetValue::value).toList(),
                request.signals(), grid);
        List<HostSeries> hosts = new ArrayList<>(top.size());
        for (FacetValue host : top) {
            Query onHost = HostLogQueries.onHost(request.query(), host.value());
            long[] histogram = LogHistogram.counts(logs, onHost, request.range(), request.kinds(), grid);
            long[] errors = LogHistogram.counts(logs, HostLogQueries.and(onHost, HostLogQueries.errors()), request.range(),
                    request.kinds(), grid);
            hosts.add(new HostSeries(host.value(), host.count(), histogram, errors, signalsByHost.get(host.value())));
        }
        return new CorrelationResult(request, overview.total(), hosts, FindingDetector.detect(grid, hosts));
    }
}
