package io.loupe.index.log;

import io.loupe.index.api.IndexedFields;
import io.loupe.index.api.LogEvent;
import io.loupe.index.api.LogSearchResult.LogHit;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BytesRef;

/**
 * Finds one event by its id. An id holds no time, so the partitions are asked newest first (recent
 * events are the ones people open) and the first hit ends the search; within a partition
 * {@link EventIdRangeQuery} skips every segment whose id bounds exclude the id, so a lookup reads
 * doc values only of the one or two segments that can hold it and no stored event but the one found.
 */
final class EventLookup {

    private EventLookup() {
    }

    /** @param partitions candidate partitions, newest first */
    static Optional<LogHit> find(List<LogPartition> partitions, long eventId, SegmentEventIdBounds bounds) throws IOException {
        EventIdRangeQuery query = new EventIdRangeQuery(eventId, eventId, bounds);
        for (LogPartition partition : partitions) {
            IndexSearcher searcher = partition.acquire();
            try {
                TopDocs top = searcher.search(query, 1);
                if (top.scoreDocs.length > 0) {
                    BytesRef bytes = searcher.storedFields().document(top.scoreDocs[0].doc).getBinaryValue(IndexedFields.STORED_EVENT);
                    LogEvent event = LogEventCodec.decodeStored(bytes.bytes, bytes.offset, bytes.length);
                    return Optional.of(new LogHit(eventId, event));
                }
            } finally {
                partition.release(searcher);
            }
        }
        return Optional.empty();
    }
}
