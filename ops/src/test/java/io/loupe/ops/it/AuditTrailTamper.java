package io.loupe.ops.it;

import io.loupe.index.api.IndexedFields;
import io.loupe.index.api.LogEvent;
import io.loupe.index.log.AuditChainLink;
import io.loupe.index.log.LogEventCodec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * An attacker with write access to a stopped server's data directory and Lucene's own tools: deletes
 * one audit event, or rewrites one with another actor while keeping its id, time and chain link (so
 * search finds it under the new actor). Lucene keeps the commit's user data, as any such tool would.
 */
final class AuditTrailTamper {
    private static final Sort INDEX_SORT = new Sort(new SortField(IndexedFields.TIMESTAMP, SortField.Type.LONG, true),
            new SortField(IndexedFields.EVENT_ID, SortField.Type.LONG, true));

    private AuditTrailTamper() {
    }

    /** {@code data/logs/audit/<day>}, the partition of the day. */
    static Path partition(Path dataDir, String day) {
        return dataDir.resolve("logs").resolve("audit").resolve(day);
    }

    static void delete(Path partition, long eventId) throws IOException {
        try (FSDirectory directory = FSDirectory.open(partition); IndexWriter writer = new IndexWriter(directory, config())) {
            writer.deleteDocuments(byId(eventId));
            writer.commit();
        }
    }

    static void changeActor(Path partition, long eventId, String actor) throws IOException {
        try (FSDirectory directory = FSDirectory.open(partition); IndexWriter writer = new IndexWriter(directory, config())) {
            byte[] stored = storedEvent(directory, eventId);
            LogEvent event = LogEventCodec.decodeStored(stored, 0, stored.length);
            AuditChainLink link = LogEventCodec.chainLink(stored, 0, stored.length);
            Map<String, String> fields = new LinkedHashMap<>(event.fields());
            fields.put("actor", actor);
            LogEvent edited = new LogEvent(event.timestampNanos(), event.timestampDefaulted(), event.kind(), event.message(),
                    fields, event.attributes(), event.original());
            Document document = new Document();
            document.add(new NumericDocValuesField(IndexedFields.TIMESTAMP, event.timestampNanos()));
            document.add(new NumericDocValuesField(IndexedFields.EVENT_ID, eventId));
            document.add(new StringField("kind", "audit", Field.Store.NO));
            for (Map.Entry<String, String> field : fields.entrySet()) {
                document.add(new StringField(field.getKey(), field.getValue(), Field.Store.NO));
                document.add(new SortedSetDocValuesField(field.getKey(), new BytesRef(field.getValue())));
            }
            document.add(new StoredField(IndexedFields.STORED_EVENT, LogEventCodec.encodeStored(edited, link)));
            writer.deleteDocuments(byId(eventId));
            writer.addDocument(document);
            writer.commit();
        }
    }

    private static byte[] storedEvent(FSDirectory directory, long eventId) throws IOException {
        try (DirectoryReader reader = DirectoryReader.open(directory)) {
            IndexSearcher searcher = new IndexSearcher(reader);
            TopDocs found = searcher.search(byId(eventId), 1);
            if (found.scoreDocs.length == 0) {
                throw new IllegalArgumentException("no event " + eventId + " in " + directory.getDirectory());
            }
            BytesRef bytes = searcher.storedFields().document(found.scoreDocs[0].doc).getBinaryValue(IndexedFields.STORED_EVENT);
            byte[] copy = new byte[bytes.length];
            System.arraycopy(bytes.bytes, bytes.offset, copy, 0, bytes.length);
            return copy;
        }
    }

    private static Query byId(long eventId) {
        return NumericDocValuesField.newSlowExactQuery(IndexedFields.EVENT_ID, eventId);
    }

    private static IndexWriterConfig config() {
        return new IndexWriterConfig(IndexedFields.analyzer()).setIndexSort(INDEX_SORT).setOpenMode(IndexWriterConfig.OpenMode.APPEND);
    }
}
