package io.loupe.index.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loupe.index.api.IndexedFields;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

/** {@link EventIdRangeQuery} and {@link SegmentEventIdBounds}: the same matches as a plain doc-values range, segment by segment. */
class EventIdRangeQueryTest {

    @Test
    void matchesExactlyTheIdsInRangeWhateverTheSegmentsHold() throws IOException {
        Random random = new Random(42);
        SegmentEventIdBounds bounds = new SegmentEventIdBounds();
        List<Long> ids = new ArrayList<>();
        try (ByteBuffersDirectory directory = new ByteBuffersDirectory();
             IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig().setMergePolicy(NoMergePolicy.INSTANCE))) {
            long next = 1000;
            for (int segment = 0; segment < 8; segment++) {
                for (int i = 0; i < 50; i++) {
                    next += 1 + random.nextInt(5);
                    ids.add(next);
                    Document doc = new Document();
                    doc.add(new NumericDocValuesField(IndexedFields.EVENT_ID, next));
                    writer.addDocument(doc);
                }
                writer.commit();
            }
            writer.addDocument(new Document()); // a segment without ids
            writer.commit();
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                searcher.setQueryCache(null);
                long first = ids.getFirst();
                long last = ids.getLast();
                for (int probe = 0; probe < 200; probe++) {
                    long from = first - 10 + random.nextInt((int) (last - first + 20));
                    long to = from + random.nextInt(300);
                    long expected = ids.stream().filter(id -> id >= from && id <= to).count();
                    assertEquals(expected, searcher.count(new EventIdRangeQuery(from, to, bounds)), from + ".." + to);
                    assertEquals(expected, searcher.search(new EventIdRangeQuery(from, to, bounds), 1000).scoreDocs.length);
                }
                assertEquals(1, searcher.count(new EventIdRangeQuery(ids.get(77), ids.get(77), bounds)), "one id");
                assertEquals(0, searcher.count(new EventIdRangeQuery(last + 1, Long.MAX_VALUE, bounds)), "after the newest");
                assertEquals(ids.size(), searcher.count(new EventIdRangeQuery(0, Long.MAX_VALUE, bounds)), "every id");
                assertEquals(reader.leaves().size(), bounds.size(), "bounds are computed once per segment and kept");
            }
            assertEquals(0, bounds.size(), "a closed segment's bounds are forgotten");
        }
    }
}
