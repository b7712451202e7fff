package io.loupe.index.log;

import io.loupe.index.api.IndexedFields;
import io.loupe.index.api.LogKind;
import io.loupe.index.api.TimeRange;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.MultiReader;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.IndexSortSortedNumericDocValuesRangeQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;

/**
 * One point-in-time view over several partitions as a single searcher, holding each partition's
 * current reader until {@link #close()}. Not thread-safe; use one per request.
 */
final class PartitionSearcher implements Closeable {
    private final List<LogPartition> partitions;
    private final List<IndexSearcher> acquired;
    private final MultiReader reader;
    private final IndexSearcher searcher;
    private final int[] partitionStarts;

    private PartitionSearcher(List<LogPartition> partitions, List<IndexSearcher> acquired) throws IOException {
        this.partitions = partitions;
        this.acquired = acquired;
        this.reader = new MultiReader(acquired.stream().map(IndexSearcher::getIndexReader).toArray(IndexReader[]::new), false);
        this.searcher = new IndexSearcher(reader);
        this.partitionStarts = new int[acquired.size()];
        int start = 0;
        for (int i = 0; i < acquired.size(); i++) {
            partitionStarts[i] = start;
            start += acquired.get(i).getIndexReader().maxDoc();
        }
    }

    static PartitionSearcher acquire(List<LogPartition> partitions) throws IOException {
        List<IndexSearcher> acquired = new ArrayList<>();
        try {
            for (LogPartition partition : partitions) {
                acquired.add(partition.acquire());
            }
            return new PartitionSearcher(partitions, acquired);
        } catch (IOException | RuntimeException e) {
            release(partitions, acquired);
            throw e;
        }
    }

    IndexSearcher searcher() {
        return searcher;
    }

    /** The kind of the partition a segment of {@link #searcher()} belongs to (each partition holds one kind). */
    LogKind kindOf(LeafReaderContext segment) {
        return partitions.get(ReaderUtil.subIndex(segment.docBase, partitionStarts)).key().kind();
    }

    /** The query restricted to events in the range, by the index sort so whole blocks of documents are skipped. */
    static Query withinRange(Query query, TimeRange range) {
        long from = range.fromNanos();
        long to = range.toNanos() - 1;
        Query time = new IndexSortSortedNumericDocValuesRangeQuery(IndexedFields.TIMESTAMP, from, to,
                NumericDocValuesField.newSlowRangeQuery(IndexedFields.TIMESTAMP, from, to));
        if (query instanceof MatchAllDocsQuery) {
            return time;
        }
        return new BooleanQuery.Builder()
                .add(query, BooleanClause.Occur.MUST)
                .add(time, BooleanClause.Occur.FILTER)
                .build();
    }

    @Override
    public void close() throws IOException {
        try {
            reader.close();
        } finally {
            release(partitions, acquired);
        }
    }

    private static void release(List<LogPartition> partitions, List<IndexSearcher> acquired) throws IOException {
        IOException first = null;
        for (int i = 0; i < acquired.size(); i++) {
            try {
                partitions.get(i).release(acquired.get(i));
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
