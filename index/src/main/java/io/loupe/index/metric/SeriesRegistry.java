package io.loupe.index.metric;

import io.loupe.index.api.LabelMatcher;
import io.loupe.index.api.Labels;
import io.loupe.index.api.SeriesKey;
import io.loupe.index.api.SeriesRef;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * Series id ↔ series key, persisted in a small Lucene index that also resolves label matchers.
 *
 * <p>Every known series is held in memory (key → ref, id → ref) for the append path; the Lucene
 * index under {@code data/metrics/series} stores one document per series (its id, its encoded key,
 * the metric name, one keyword field per label, and the list of label names) and answers matchers.
 *
 * <p><b>Invariant:</b> ids are stable: an id is assigned once, never reused, and a segment file
 * refers only to ids that were {@link #commit() committed} before the file was written.
 * Thread-safe.
 */
final class SeriesRegistry implements Closeable {
    static final String ID = "id";
    static final String KEY = "key";
    static final String NAME = LabelMatcher.METRIC_NAME;
    static final String LABEL_NAMES = "label_names";
    static final String LABEL_PREFIX = "label.";

    private final FSDirectory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final ConcurrentHashMap<SeriesKey, SeriesRef> byKey = new ConcurrentHashMap<>();
    private volatile SeriesRef[] byId;
    private int nextId;
    private volatile boolean dirty;

    private SeriesRegistry(FSDirectory directory, IndexWriter writer) throws IOException {
        this.directory = directory;
        this.writer = writer;
        this.searchers = new SearcherManager(writer, null);
        this.byId = new SeriesRef[1024];
        load();
    }

    static SeriesRegistry open(Path dir) throws IOException {
        Files.createDirectories(dir);
        FSDirectory directory = FSDirectory.open(dir);
        IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(new KeywordAnalyzer())
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setCommitOnClose(false));
        try {
            return new SeriesRegistry(directory, writer);
        } catch (IOException | RuntimeException e) {
            writer.rollback();
            directory.close();
            throw e;
        }
    }

    private void load() throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
                StoredFields stored = leaf.reader().storedFields();
                NumericDocValues ids = leaf.reader().getNumericDocValues(ID);
                for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
                    if (ids == null || !ids.advanceExact(doc)) {
                        throw new IOException("series index document " + doc + " has no id; the series index under "
                                + directory.getDirectory() + " is damaged");
                    }
                    int id = (int) ids.longValue();
                    SeriesKey key = SeriesKeyCodec.decode(stored.document(doc).getBinaryValue(KEY));
                    register(new SeriesRef(id, key));
                    nextId = Math.max(nextId, id + 1);
                }
            }
        } finally {
            searchers.release(searcher);
        }
    }

    private void register(SeriesRef ref) {
        byKey.put(ref.key(), ref);
        SeriesRef[] table = byId;
        if (ref.id() >= table.length) {
            table = Arrays.copyOf(table, Math.max(table.length * 2, ref.id() + 1));
        }
        table[ref.id()] = ref;
        byId = table;
    }

    /** The series with this key, created (with the next id) if it is new. */
    SeriesRef getOrCreate(SeriesKey key) throws IOException {
        SeriesRef known = byKey.get(key);
        if (known != null) {
            return known;
        }
        synchronized (this) {
            known = byKey.get(key);
            if (known != null) {
                return known;
            }
            SeriesRef created = new SeriesRef(nextId++, key);
            writer.addDocument(toDocument(created));
            register(created);
            dirty = true;
            return created;
        }
    }

    SeriesRef byId(int id) {
        SeriesRef[] table = byId;
        return id >= 0 && id < table.length ? table[id] : null;
    }

    int size() {
        return byKey.size();
    }

    private static Document toDocument(SeriesRef ref) {
        Document doc = new Document();
        doc.add(new NumericDocValuesField(ID, ref.id()));
        doc.add(new StoredField(KEY, new BytesRef(SeriesKeyCodec.encode(ref.key()))));
        doc.add(new StringField(NAME, ref.key().name(), Field.Store.NO));
        Labels labels = ref.key().labels();
        for (int i = 0; i < labels.size(); i++) {
            doc.add(new StringField(LABEL_PREFIX + labels.name(i), labels.value(i), Field.Store.NO));
            doc.add(new StringField(LABEL_NAMES, labels.name(i), Field.Store.NO));
        }
        return doc;
    }

    /** Ids of the series matching every matcher, ascending. */
    int[] match(List<LabelMatcher> matchers) throws IOException {
        if (dirty) {
            dirty = false;
            searchers.maybeRefreshBlocking();
        }
        IndexSearcher searcher = searchers.acquire();
        try {
            Query query = LabelMatcherQuery.build(searcher.getIndexReader(), matchers);
            IdCollector collector = new IdCollector();
            searcher.search(query, collector);
            int[] ids = Arrays.copyOf(collector.ids, collector.size);
            Arrays.sort(ids);
            return ids;
        } finally {
            searchers.release(searcher);
        }
    }

    /** Makes every series created so far durable. Call before writing a segment that refers to them. */
    synchronized void commit() throws IOException {
        if (writer.hasUncommittedChanges()) {
            writer.commit();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            commit();
            searchers.close();
            writer.close();
        } finally {
            directory.close();
        }
    }

    /** Collects the id doc value of every hit. */
    private static final class IdCollector extends SimpleCollector {
        int[] ids = new int[64];
        int size;
        private NumericDocValues values;

        @Override
        protected void doSetNextReader(LeafReaderContext context) throws IOException {
            values = context.reader().getNumericDocValues(ID);
        }

        @Override
        public void collect(int doc) throws IOException {
            if (values == null || !values.advanceExact(doc)) {
                throw new IOException("series index document " + doc + " has no id");
            }
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, size * 2);
            }
            ids[size++] = (int) values.longValue();
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }
    }
}
