package io.loupe.index.log;

import io.loupe.index.api.LogAggregation;
import io.loupe.index.api.LogAggregationResult;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.Query;

/** Runs one {@link LogAggregation} over a set of partitions with an {@link AggregationCollector}. */
final class LogAggregator {
    private LogAggregator() {
    }

    static LogAggregationResult execute(List<LogPartition> partitions, LogAggregation aggregation) throws IOException {
        if (partitions.isEmpty()) {
            return new LogAggregationResult(0, List.of(), LogAggregationResult.Limit.NONE);
        }
        try (PartitionSearcher searcher = PartitionSearcher.acquire(partitions)) {
            Query query = PartitionSearcher.withinRange(aggregation.query(), aggregation.range());
            return searcher.searcher().search(query, new CollectorManager<AggregationCollector, AggregationCollector>() {
                @Override
                public AggregationCollector newCollector() {
                    return new AggregationCollector(aggregation, searcher::kindOf);
                }

                @Override
                public AggregationCollector reduce(Collection<AggregationCollector> collectors) {
                    AggregationCollector merged = newCollector();
                    collectors.forEach(merged::mergeFrom);
                    return merged;
                }
            }).result();
        }
    }
}
