package io.loupe.index.log;

import io.loupe.index.api.LogAggregation;
import io.loupe.index.api.LogAggregationResult;
import java.util.List;

/** Placeholder until the doc-values aggregation lands (same session). */
final class LogAggregator {
    private LogAggregator() {
    }

    static LogAggregationResult execute(List<LogPartition> partitions, LogAggregation aggregation) {
        throw new UnsupportedOperationException("aggregation is not implemented yet");
    }
}
