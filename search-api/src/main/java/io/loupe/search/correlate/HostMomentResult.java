package io.loupe.search.correlate;

import io.loupe.index.api.LogSearchResult.LogHit;
import io.loupe.search.metric.HostSignal;
import java.util.List;
import java.util.Map;

/**
 * The answer to a {@link HostMomentRequest}: one host around one moment. Arrays are shared, not copied.
 *
 * @param request   what was asked
 * @param total     the host's events in the window
 * @param histogram the host's events per bucket
 * @param errors    the host's events of level error or fatal per bucket
 * @param levels    events per level, most first (events without a level are {@code total} minus their sum)
 * @param signals   per requested signal, its value per bucket; NaN where the bucket has no point
 * @param lines     the host's log lines, errors (error, fatal) first, then warnings, then the rest; newest first within each
 */
public record HostMomentResult(HostMomentRequest request, long total, long[] histogram, long[] errors, Map<String, Long> levels,
                               Map<HostSignal, double[]> signals, List<LogHit> lines) {
    public HostMomentResult {
        lines = List.copyOf(lines);
    }
}
