package io.loupe.index.log;

import io.loupe.index.api.IndexedFields;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Lucene index holding the events of one kind and one UTC day, sorted newest first.
 *
 * <p><b>Invariant:</b> each commit records, as {@link #COMMITTED_SEQ}, a write-ahead-log sequence
 * number S such that every record up to S is in the commit. The commit may also hold documents of
 * later records; recovery removes those ({@link #discardAfter}) and replays them from the log.
 * Thread-safe.
 */
final class LogPartition implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(LogPartition.class);
    static final String COMMITTED_SEQ = "loupe.committed_seq";
    static final Sort SORT = new Sort(new SortField(IndexedFields.TIMESTAMP, SortField.Type.LONG, true),
            new SortField(IndexedFields.EVENT_ID, SortField.Type.LONG, true));

    private final PartitionKey key;
    private final FSDirectory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final long committedSeqAtOpen;
    private volatile boolean changedSinceRefresh;
    private volatile long highestSeqAdded;
    private volatile long lastCommittedSeq;

    private LogPartition(PartitionKey key, FSDirectory directory, IndexWriter writer) throws IOException {
        this.key = key;
        this.directory = directory;
        this.writer = writer;
        this.committedSeqAtOpen = readCommittedSeq(writer);
        this.lastCommittedSeq = committedSeqAtOpen;
        this.searchers = new SearcherManager(writer, null);
    }

    static LogPartition open(PartitionKey key, Path dir, LogStoreConfig config) throws IOException {
        FSDirectory directory = FSDirectory.open(dir);
        IndexWriterConfig iwc = new IndexWriterConfig(IndexedFields.analyzer())
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setIndexSort(SORT)
                .setRAMBufferSizeMB(config.ramBufferMb())
                .setCommitOnClose(false)
                .setCodec(new Lucene104Codec(config.storedCompression().equals("size")
                        ? Lucene104Codec.Mode.BEST_COMPRESSION : Lucene104Codec.Mode.BEST_SPEED));
        try {
            return new LogPartition(key, directory, new IndexWriter(directory, iwc));
        } catch (IOException | RuntimeException e) {
            directory.close();
            throw e;
        }
    }

    private static long readCommittedSeq(IndexWriter writer) {
        Iterable<Map.Entry<String, String>> data = writer.getLiveCommitData();
        if (data != null) {
            for (Map.Entry<String, String> entry : data) {
                if (entry.getKey().equals(COMMITTED_SEQ)) {
                    return Long.parseLong(entry.getValue());
                }
            }
        }
        return 0;
    }

    PartitionKey key() {
        return key;
    }

    /** The write-ahead-log sequence number the last commit before this open covered. */
    long committedSeqAtOpen() {
        return committedSeqAtOpen;
    }

    /** Deletes documents of records after {@code seq}: recovery is about to index them again. */
    void discardAfter(long seq) throws IOException {
        writer.deleteDocuments(NumericDocValuesField.newSlowRangeQuery(IndexedFields.EVENT_ID,
                EventIds.firstIdOf(seq + 1), Long.MAX_VALUE));
    }

    /**
     * Adds the documents; one that Lucene refuses (an invalid document, not an I/O failure) is
     * logged with its event id and skipped so it cannot take the others down.
     *
     * @param seq the write-ahead-log record the documents come from
     * @return how many documents were refused
     */
    int add(long seq, List<Document> documents) throws IOException {
        highestSeqAdded = Math.max(highestSeqAdded, seq);
        int refused = 0;
        for (Document document : documents) {
            try {
                writer.addDocument(document);
            } catch (IllegalArgumentException e) {
                refused++;
                LOG.error("partition {}: event {} cannot be indexed and is skipped: {}", key,
                        document.getField(IndexedFields.EVENT_ID).numericValue(), e.getMessage());
            }
        }
        changedSinceRefresh = true;
        return refused;
    }

    /** Makes added documents visible to new searches, when there are any. */
    void refresh() throws IOException {
        if (changedSinceRefresh) {
            changedSinceRefresh = false;
            searchers.maybeRefreshBlocking();
        }
    }

    /** Durably commits everything added so far, recording that records up to {@code seq} are covered. */
    void commit(long seq) throws IOException {
        if (!writer.hasUncommittedChanges() && highestSeqAdded <= lastCommittedSeq) {
            return; // the last commit holds nothing beyond what it says it covers: it is still true
        }
        writer.setLiveCommitData(Map.of(COMMITTED_SEQ, Long.toString(seq)).entrySet());
        writer.commit();
        lastCommittedSeq = seq;
    }

    IndexSearcher acquire() throws IOException {
        return searchers.acquire();
    }

    void release(IndexSearcher searcher) throws IOException {
        searchers.release(searcher);
    }

    long documentCount() {
        return writer.getDocStats().numDocs;
    }

    @Override
    public void close() throws IOException {
        try {
            searchers.close();
            writer.close();
        } finally {
            directory.close();
        }
    }

    /** Closes without committing, for partitions about to be deleted. */
    void abandon() throws IOException {
        try {
            searchers.close();
            writer.rollback();
        } finally {
            directory.close();
        }
    }
}
