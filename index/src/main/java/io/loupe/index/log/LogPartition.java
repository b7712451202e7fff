package io.loupe.index.log;

import io.loupe.index.api.IndexedFields;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
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
 * An audit partition's commit also records, as {@link #AUDIT_CHAIN_HEAD}, the head of its hash
 * chain as of S (the newest audit event of a record up to S), so a deleted newest event is noticed.
 * Thread-safe.
 */
final class LogPartition implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(LogPartition.class);
    static final String COMMITTED_SEQ = "loupe.committed_seq";
    static final String AUDIT_CHAIN_HEAD = "loupe.audit_chain_head";
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
    private final AuditChainHead chainHeadAtOpen;
    /** Chain heads by the record that made them, from the one the last commit recorded on. */
    private final NavigableMap<Long, AuditChainHead> chainHeadsBySeq = new TreeMap<>();

    private LogPartition(PartitionKey key, FSDirectory directory, IndexWriter writer) throws IOException {
        this.key = key;
        this.directory = directory;
        this.writer = writer;
        this.committedSeqAtOpen = Long.parseLong(commitData(writer, COMMITTED_SEQ, "0"));
        this.lastCommittedSeq = committedSeqAtOpen;
        this.chainHeadAtOpen = readChainHead(writer, directory);
        this.chainHeadsBySeq.put(Long.MIN_VALUE, chainHeadAtOpen);
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

    private static String commitData(IndexWriter writer, String name, String absent) {
        Iterable<Map.Entry<String, String>> data = writer.getLiveCommitData();
        if (data != null) {
            for (Map.Entry<String, String> entry : data) {
                if (entry.getKey().equals(name)) {
                    return entry.getValue();
                }
            }
        }
        return absent;
    }

    private static AuditChainHead readChainHead(IndexWriter writer, FSDirectory directory) {
        String encoded = commitData(writer, AUDIT_CHAIN_HEAD, null);
        if (encoded == null) {
            return AuditChainHead.GENESIS;
        }
        try {
            return AuditChainHead.decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the last commit of " + directory.getDirectory() + " holds an unreadable "
                    + AUDIT_CHAIN_HEAD + " '" + encoded + "': " + e.getMessage(), e);
        }
    }

    PartitionKey key() {
        return key;
    }

    /** The write-ahead-log sequence number the last commit before this open covered. */
    long committedSeqAtOpen() {
        return committedSeqAtOpen;
    }

    /** The head of the audit hash chain the last commit before this open recorded (genesis when none). */
    AuditChainHead chainHeadAtOpen() {
        return chainHeadAtOpen;
    }

    /** Records that the audit events of record {@code seq} made {@code head} the chain's head, for the commits that cover it. */
    void chainAdvanced(long seq, AuditChainHead head) {
        synchronized (chainHeadsBySeq) {
            chainHeadsBySeq.put(seq, head);
        }
    }

    /**
     * The chain head as of record {@code seq}: made by the newest audit event of a record up to it.
     * Only for a {@code seq} at least the last commit's (older heads are forgotten at each commit).
     */
    AuditChainHead chainHeadAt(long seq) {
        synchronized (chainHeadsBySeq) {
            return chainHeadsBySeq.floorEntry(seq).getValue();
        }
    }

    private AuditChainHead chainHeadCoveredBy(long seq) {
        synchronized (chainHeadsBySeq) {
            Map.Entry<Long, AuditChainHead> covered = chainHeadsBySeq.floorEntry(seq);
            chainHeadsBySeq.headMap(covered.getKey(), false).clear();
            return covered.getValue();
        }
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

    /**
     * Makes every document added before the call visible to searchers acquired after it returns,
     * waiting for a refresh already running (which {@link #refresh()} would let pass).
     */
    void refreshNow() throws IOException {
        changedSinceRefresh = false;
        searchers.maybeRefreshBlocking();
    }

    /** Durably commits everything added so far, recording that records up to {@code seq} are covered. */
    void commit(long seq) throws IOException {
        if (!writer.hasUncommittedChanges() && highestSeqAdded <= lastCommittedSeq) {
            return; // the last commit holds nothing beyond what it says it covers: it is still true
        }
        Map<String, String> data = new HashMap<>();
        data.put(COMMITTED_SEQ, Long.toString(seq));
        AuditChainHead chainHead = chainHeadCoveredBy(seq);
        if (chainHead.position() > 0) {
            data.put(AUDIT_CHAIN_HEAD, chainHead.encode());
        }
        writer.setLiveCommitData(data.entrySet());
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
