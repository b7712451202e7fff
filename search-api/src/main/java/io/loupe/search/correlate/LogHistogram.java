package io.loupe.search.correlate;

import io.loupe.index.api.LogKind;
import io.loupe.index.api.LogSearch;
import io.loupe.index.api.LogSearchResult;
import io.loupe.index.api.LogStore;
import io.loupe.index.api.TimeRange;
import io.loupe.search.metric.BucketGrid;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.lucene.search.Query;

/** Counts of matching events per bucket of a {@link BucketGrid}, from the log store's histogram (doc values, no stored events read). */
final class LogHistogram {
    private LogHistogram() {
    }

    /** The counts of {@code query} over {@code range}, one per bucket of {@code grid} (which must be {@link HostSignalAlignment#gridOf} of that range). */
    static long[] counts(LogStore store, Query query, TimeRange range, Set<LogKind> kinds, BucketGrid grid) {
        // the counts come from the histogram alone: counting the total first would be one more pass over the matches
        LogSearch search = new LogSearch(query, range, kinds, 0, null, Duration.ofMillis(grid.stepMillis()), List.of(), 0,
                LogSearch.Order.NEWEST_FIRST, false);
        long[] counts = new long[grid.count()];
        for (LogSearchResult.HistogramBucket bucket : store.search(search).histogram()) {
            int index = grid.indexOf(Math.floorDiv(bucket.startNanos(), 1_000_000L));
            if (index < 0) {
                throw new IllegalStateException("log histogram bucket " + bucket.startNanos() + " is outside the grid " + grid);
            }
            counts[index] = bucket.count();
        }
        return counts;
    }
}
