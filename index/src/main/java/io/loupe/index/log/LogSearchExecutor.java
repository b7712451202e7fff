package io.loupe.index.log;

import io.loupe.index.api.IndexedFields;
import io.loupe.index.api.LogEvent;
import io.loupe.index.api.LogSearch;
import io.loupe.index.api.LogSearchResult;
import io.loupe.index.api.LogSearchResult.FacetValue;
import io.loupe.index.api.LogSearchResult.HistogramBucket;
import io.loupe.index.api.LogSearchResult.LogHit;
import io.loupe.index.api.TimeRange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BytesRef;

/** Runs one {@link LogSearch} over a set of partitions as a single multi-reader. */
final class LogSearchExecutor {

    private LogSearchExecutor() {
    }

    /** Oldest first: the reverse of the index order {@link LogPartition#SORT}. */
    private static final Sort OLDEST_FIRST = new Sort(new SortField(IndexedFields.TIMESTAMP, SortField.Type.LONG, false),
            new SortField(IndexedFields.EVENT_ID, SortField.Type.LONG, false));

    static LogSearchResult execute(List<LogPartition> partitions, LogSearch search) throws IOException {
        try (PartitionSearcher searcher = PartitionSearcher.acquire(partitions)) {
            return execute(searcher.searcher(), search);
        }
    }

    private static LogSearchResult execute(IndexSearcher searcher, LogSearch search) throws IOException {
        Query query = PartitionSearcher.withinRange(search.query(), search.range());
        long total = search.countTotal() ? searcher.count(query) : LogSearchResult.NOT_COUNTED;
        List<LogHit> hits = new ArrayList<>();
        LogSearch.SearchAfter next = null;
        if (search.limit() > 0 && total != 0) {
            // Lucene rejects an after.doc at or past maxDoc. The last doc id makes the one hit that ties
            // on (timestamp, event id), the previous page's last, count as already returned.
            FieldDoc after = search.after() == null ? null : new FieldDoc(searcher.getIndexReader().maxDoc() - 1, Float.NaN,
                    new Object[] {search.after().timestampNanos(), search.after().eventId()});
            Sort sort = search.order() == LogSearch.Order.NEWEST_FIRST ? LogPartition.SORT : OLDEST_FIRST;
            Query page = search.after() == null ? query : PartitionSearcher.withinRange(search.query(), rangeAfter(search));
            TopDocs top = searcher.searchAfter(after, page, search.limit() + 1, sort);
            StoredFields stored = searcher.storedFields();
            ScoreDoc[] docs = top.scoreDocs;
            for (int i = 0; i < Math.min(docs.length, search.limit()); i++) {
                FieldDoc doc = (FieldDoc) docs[i];
                BytesRef bytes = stored.document(doc.doc).getBinaryValue(IndexedFields.STORED_EVENT);
                LogEvent event = LogEventCodec.decodeStored(bytes.bytes, bytes.offset, bytes.length);
                hits.add(new LogHit((Long) doc.fields[1], event));
            }
            if (docs.length > search.limit()) {
                FieldDoc last = (FieldDoc) docs[search.limit() - 1];
                next = new LogSearch.SearchAfter((Long) last.fields[0], (Long) last.fields[1]);
            }
        }
        List<HistogramBucket> histogram = List.of();
        Map<String, List<FacetValue>> facets = Map.of();
        if (search.histogramInterval() != null || !search.facetFields().isEmpty()) {
            long interval = search.histogramInterval() == null ? 0 : search.histogramInterval().toNanos();
            long bucketStart = interval == 0 ? 0 : Math.floorDiv(search.range().fromNanos(), interval) * interval;
            int bucketCount = interval == 0 ? 0
                    : (int) (Math.floorDiv(search.range().toNanos() - 1 - bucketStart, interval) + 1);
            FacetAndHistogramCollector counts = total == 0
                    ? new FacetAndHistogramCollector(bucketStart, interval, bucketCount, search.facetFields())
                    : searcher.search(query, collectorManager(bucketStart, interval, bucketCount, search.facetFields()));
            if (interval > 0) {
                histogram = new ArrayList<>(bucketCount);
                long[] buckets = counts.buckets();
                for (int i = 0; i < bucketCount; i++) {
                    histogram.add(new HistogramBucket(bucketStart + i * interval, buckets[i]));
                }
            }
            facets = topValues(counts, search.facetFields(), search.facetSize());
        }
        return new LogSearchResult(total, hits, next, histogram, facets);
    }

    /**
     * The part of the range a page after {@link LogSearch#after()} can still hold: up to and including
     * its timestamp (newest first) or from it on (oldest first). The index sort skips the rest in
     * whole blocks, so a page deep into a long stream costs what the first one does, instead of
     * walking past every event of the pages before it.
     */
    private static TimeRange rangeAfter(LogSearch search) {
        TimeRange range = search.range();
        long at = search.after().timestampNanos();
        if (search.order() == LogSearch.Order.NEWEST_FIRST) {
            long to = at == Long.MAX_VALUE ? range.toNanos() : Math.min(range.toNanos(), at + 1);
            return new TimeRange(range.fromNanos(), Math.max(range.fromNanos(), to));
        }
        return new TimeRange(Math.min(range.toNanos(), Math.max(range.fromNanos(), at)), range.toNanos());
    }

    private static CollectorManager<FacetAndHistogramCollector, FacetAndHistogramCollector> collectorManager(
            long bucketStart, long interval, int bucketCount, List<String> facetFields) {
        return new CollectorManager<>() {
            @Override
            public FacetAndHistogramCollector newCollector() {
                return new FacetAndHistogramCollector(bucketStart, interval, bucketCount, facetFields);
            }

            @Override
            public FacetAndHistogramCollector reduce(Collection<FacetAndHistogramCollector> collectors) {
                FacetAndHistogramCollector merged = newCollector();
                collectors.forEach(merged::mergeFrom);
                return merged;
            }
        };
    }

    private static Map<String, List<FacetValue>> topValues(FacetAndHistogramCollector counts, List<String> fields, int size) {
        Map<String, List<FacetValue>> facets = new LinkedHashMap<>();
        for (int f = 0; f < fields.size(); f++) {
            facets.put(fields.get(f), counts.facetCounts(f).entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .limit(size)
                    .map(e -> new FacetValue(e.getKey(), e.getValue()))
                    .toList());
        }
        return facets;
    }
}
