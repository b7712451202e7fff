package io.loupe.index.log;

import io.loupe.index.api.IndexedFields;
import io.loupe.index.api.LogEvent;
import io.loupe.index.api.LogSearchResult.LogHit;
import io.loupe.index.api.LogTail;
import io.loupe.index.api.LogTailResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.util.BytesRef;

/**
 * Runs one {@link LogTail} poll: the matching events with ids in {@code (afterEventId, position]},
 * where {@code position} is the highest id of the write-ahead-log records known to be searchable
 * in every partition. Within the tail's time window (cheap: the index is sorted by time) the id
 * range skips every segment older than the last poll ({@link EventIdRangeQuery}); the newest
 * {@code limit} by id are loaded and returned in arrival order, the others only counted.
 */
final class LogTailExecutor {
    private static final Sort NEWEST_ARRIVAL_FIRST = new Sort(new SortField(IndexedFields.EVENT_ID, SortField.Type.LONG, true));

    private LogTailExecutor() {
    }

    /**
     * @param partitions     the store's partitions; those overlapping the window are opened only when
     *                       something became searchable since the last poll, so an idle tail costs nothing
     * @param searchableSeq  every write-ahead-log record up to this one is visible to a searcher acquired now
     */
    static LogTailResult execute(LogPartitions partitions, LogTail tail, long searchableSeq,
                                 SegmentEventIdBounds bounds) throws IOException {
        long position = EventIds.firstIdOf(searchableSeq + 1) - 1;
        if (tail.afterEventId() == LogTail.NOW || tail.afterEventId() >= position) {
            return new LogTailResult(List.of(), 0, Math.max(position, tail.afterEventId()));
        }
        List<LogPartition> window = partitions.overlapping(tail.kinds(), tail.range().fromNanos(), tail.range().toNanos());
        if (window.isEmpty()) {
            return new LogTailResult(List.of(), 0, position);
        }
        Query arrived = new BooleanQuery.Builder()
                .add(tail.query(), BooleanClause.Occur.MUST)
                .add(new EventIdRangeQuery(tail.afterEventId() + 1, position, bounds), BooleanClause.Occur.FILTER)
                .build();
        Query query = PartitionSearcher.withinRange(arrived, tail.range());
        try (PartitionSearcher partitionSearcher = PartitionSearcher.acquire(window)) {
            IndexSearcher searcher = partitionSearcher.searcher();
            TopFieldDocs top = searcher.search(query,
                    new TopFieldCollectorManager(NEWEST_ARRIVAL_FIRST, Math.max(1, tail.limit()), null, Integer.MAX_VALUE));
            long matched = top.totalHits.value();
            int returned = Math.min(tail.limit(), top.scoreDocs.length);
            List<LogHit> hits = new ArrayList<>(returned);
            StoredFields stored = searcher.storedFields();
            for (int i = returned - 1; i >= 0; i--) {
                FieldDoc doc = (FieldDoc) top.scoreDocs[i];
                BytesRef bytes = stored.document(doc.doc).getBinaryValue(IndexedFields.STORED_EVENT);
                LogEvent event = LogEventCodec.decodeStored(bytes.bytes, bytes.offset, bytes.length);
                hits.add(new LogHit((Long) doc.fields[0], event));
            }
            return new LogTailResult(hits, matched - returned, position);
        }
    }
}
