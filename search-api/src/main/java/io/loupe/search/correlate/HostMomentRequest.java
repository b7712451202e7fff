package io.loupe.search.correlate;

import io.loupe.index.api.LogKind;
import io.loupe.index.api.TimeRange;
import io.loupe.search.metric.BucketGrid;
import io.loupe.search.metric.HostSignal;
import java.util.List;
import java.util.Set;

/**
 * A parsed {@code GET /api/v1/correlate/host/{host}}: one host around one moment.
 *
 * @param host    the host
 * @param atNanos the moment, epoch nanos
 * @param range   {@code [at − window/2, at + window/2)}
 * @param kinds   the kinds of log lines returned
 * @param grid    the buckets of the signals and the host's log histogram
 * @param signals the host signals to read, in the order asked
 * @param limit   at most this many log lines, errors first
 */
public record HostMomentRequest(String host, long atNanos, TimeRange range, Set<LogKind> kinds, BucketGrid grid,
                                List<HostSignal> signals, int limit) {
    public HostMomentRequest {
        kinds = Set.copyOf(kinds);
        signals = List.copyOf(signals);
    }
}
