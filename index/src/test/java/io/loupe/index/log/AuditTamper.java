package io.loupe.index.log;

import io.loupe.index.api.IndexedFields;
import io.loupe.index.api.LogEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * What someone with write access to a stopped store's files could do to an audit partition with
 * Lucene's own tools: delete one event, or replace it by an edited copy that keeps its id, time and
 * chain link. Each change is committed the way Lucene commits, keeping the commit's user data.
 */
final class AuditTamper {

    private AuditTamper() {
    }

    static void delete(Path partitionDir, long eventId) throws IOException {
        try (FSDirectory directory = FSDirectory.open(partitionDir);
             IndexWriter writer = new IndexWriter(directory, config())) {
            writer.deleteDocuments(NumericDocValuesField.newSlowExactQuery(IndexedFields.EVENT_ID, eventId));
            writer.commit();
        }
    }

    /** Replaces the event by a copy whose {@code actor} is {@code newActor}, its stored bytes re-encoded with the same link. */
    static void changeActor(Path partitionDir, long eventId, String newActor) throws IOException {
        try (FSDirectory directory = FSDirectory.open(partitionDir);
             IndexWriter writer = new IndexWriter(directory, config())) {
            byte[] stored = storedBytes(directory, eventId);
            LogEvent event = LogEventCodec.decodeStored(stored, 0, stored.length);
            Map<String, String> fields = new LinkedHashMap<>(event.fields());
            fields.put("actor", newActor);
            LogEvent edited = new LogEvent(event.timestampNanos(), event.timestampDefaulted(), event.kind(), event.message(),
                    fields, event.attributes(), event.original());
            byte[] editedStored = LogEventCodec.encodeStored(edited, LogEventCodec.chainLink(stored, 0, stored.length));
            writer.deleteDocuments(NumericDocValuesField.newSlowExactQuery(IndexedFields.EVENT_ID, eventId));
            writer.addDocument(LogDocumentMapper.toDocument(eventId, edited, editedStored));
            writer.commit();
        }
    }

    private static byte[] storedBytes(FSDirectory directory, long eventId) throws IOException {
        try (DirectoryReader reader = DirectoryReader.open(directory)) {
            IndexSearcher searcher = new IndexSearcher(reader);
            TopDocs found = searcher.search(NumericDocValuesField.newSlowExactQuery(IndexedFields.EVENT_ID, eventId), 1);
            if (found.scoreDocs.length == 0) {
                throw new IllegalArgumentException("no event " + eventId + " in " + directory.getDirectory());
            }
            Document document = searcher.storedFields().document(found.scoreDocs[0].doc);
            BytesRef bytes = document.getBinaryValue(IndexedFields.STORED_EVENT);
            byte[] copy = new byte[bytes.length];
            System.arraycopy(bytes.bytes, bytes.offset, copy, 0, bytes.length);
            return copy;
        }
    }

    private static IndexWriterConfig config() {
        return new IndexWriterConfig(IndexedFields.analyzer()).setIndexSort(LogPartition.SORT)
                .setOpenMode(IndexWriterConfig.OpenMode.APPEND);
    }
}
