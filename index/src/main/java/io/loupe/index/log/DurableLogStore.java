package io.loupe.index.log;

import io.loupe.index.api.AuditVerification;
import io.loupe.index.api.EpochNanos;
import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LogAggregation;
import io.loupe.index.api.LogAggregationResult;
import io.loupe.index.api.LogEvent;
import io.loupe.index.api.LogFieldInfo;
import io.loupe.index.api.LogKind;
import io.loupe.index.api.LogSearch;
import io.loupe.index.api.LogSearchResult;
import io.loupe.index.api.LogStore;
import io.loupe.index.api.LogTail;
import io.loupe.index.api.LogTailResult;
import io.loupe.index.api.LoupeException;
import io.loupe.index.api.TimeRange;
import io.loupe.index.wal.WalConfig;
import io.loupe.index.wal.WriteAheadLog;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.lucene.document.Document;
import org.apache.lucene.search.IndexSearcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log store: a write-ahead log in front of the Lucene partitions.
 *
 * <p>Append writes the batch to the log (fsynced, shared with concurrent appends), then indexes it.
 * {@link #commit()} commits every open partition and truncates the log up to what the commits
 * cover; {@link #refresh()} makes new events searchable; {@link #applyRetention()} deletes expired
 * partitions. Those three are meant to be scheduled by the caller; the store never schedules itself.
 *
 * <p><b>Invariant:</b> after {@link #open} returns, every record in the write-ahead log is in the
 * partitions exactly once, however the previous process ended.
 */
public final class DurableLogStore implements LogStore, Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(DurableLogStore.class);

    /** What recovery did at open, for the startup banner. */
    public record RecoveryReport(long walRecords, long eventsReplayed, long eventsSkippedAsExpired,
                                 long bytesCut, String cutReason, Duration took) {
    }

    private final LogStoreConfig config;
    private final Clock clock;
    private final LogPartitions partitions;
    private final IndexingWatermark watermark;
    private final WriteAheadLog wal;
    private volatile RecoveryReport recoveryReport;
    private final Object commitLock = new Object();
    private volatile boolean ready;
    private final Object refreshLock = new Object();
    /** Every record up to this sequence number is visible to any searcher acquired after reading it. */
    private volatile long searchableSeq;
    private final SegmentEventIdBounds segmentEventIds = new SegmentEventIdBounds();
    private final AuditChain auditChain;

    private DurableLogStore(Path dataDir, LogStoreConfig config, WalConfig walConfig, Clock clock) throws IOException {
        this.config = config;
        this.clock = clock;
        this.partitions = new LogPartitions(dataDir.resolve("logs"), config);
        this.auditChain = new AuditChain(partitions);
        IndexingWatermark[] holder = new IndexingWatermark[1];
        this.wal = WriteAheadLog.open(dataDir.resolve("wal").resolve("logs"), walConfig, seq -> holder[0].assigned(seq));
        this.watermark = new IndexingWatermark(wal.nextSeq() - 1);
        holder[0] = watermark;
    }

    /**
     * Opens the store under {@code dataDir} without recovering it: the write-ahead log is verified
     * (a torn tail cut) but not replayed, and the store is not {@link #ready()} until {@link #recover()}.
     * Lets a server answer health checks while a long replay runs.
     */
    public static DurableLogStore openUnrecovered(Path dataDir, LogStoreConfig config, WalConfig walConfig, Clock clock) throws IOException {
        return new DurableLogStore(dataDir, config, walConfig, clock);
    }

    /** Opens the store under {@code dataDir} and replays the write-ahead log before it returns. */
    public static DurableLogStore open(Path dataDir, LogStoreConfig config, WalConfig walConfig, Clock clock) throws IOException {
        DurableLogStore store = openUnrecovered(dataDir, config, walConfig, clock);
        try {
            store.recover();
        } catch (IOException | RuntimeException e) {
            store.partitions.close();
            store.wal.close();
            throw e;
        }
        return store;
    }

    /**
     * Applies retention, replays the write-ahead log into the partitions (exactly once), commits,
     * and opens the log for appends. Call once.
     */
    public synchronized void recover() throws IOException {
        if (recoveryReport != null) {
            throw new IllegalStateException("the log store is already recovered");
        }
        long started = System.nanoTime();
        long[] replayed = new long[2];
        applyRetention();
        replay(replayed);
        long highestCommitted = partitions.highestCommittedSeq();
        if (highestCommitted >= wal.nextSeq()) {
            LOG.warn("the write-ahead log ends before sequence number {} that index commits already cover "
                    + "(was its directory deleted?); numbering continues after {}", highestCommitted, highestCommitted);
            wal.continueAfter(highestCommitted);
            watermark.continueAfter(highestCommitted);
        }
        commit();
        wal.startWriting();
        WriteAheadLog.OpenReport open = wal.openReport();
        recoveryReport = new RecoveryReport(open.records(), replayed[0], replayed[1], open.bytesCut(),
                open.cutReason(), Duration.ofNanos(System.nanoTime() - started));
        ready = true;
    }

    /** What recovery did, or null before {@link #recover()}. */
    public RecoveryReport recoveryReport() {
        return recoveryReport;
    }

    public LogStoreConfig config() {
        return config;
    }

    private void replay(long[] counts) throws IOException {
        Set<PartitionKey> prepared = new HashSet<>();
        Instant cutoff = retentionCutoff();
        wal.replay(0, (seq, payload) -> replayRecord(seq, payload, prepared, cutoff, counts));
        refresh();
    }

    private void replayRecord(long seq, byte[] payload, Set<PartitionKey> prepared, Instant cutoff, long[] counts) throws IOException {
        List<LogEventCodec.StoredEvent> events = LogEventCodec.decodeBatchWithStored(payload);
        Map<PartitionKey, List<Document>> byPartition = new HashMap<>();
        Map<PartitionKey, AuditChainHead> chainHeads = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            LogEvent event = events.get(i).event();
            byte[] stored = events.get(i).stored();
            PartitionKey key = PartitionKey.of(event.kind(), event.timestampNanos());
            if (!key.end().isAfter(cutoff)) {
                counts[1]++;
                continue;
            }
            LogPartition partition = partitions.get(key);
            if (prepared.add(key)) {
                partition.discardAfter(partition.committedSeqAtOpen());
            }
            if (seq > partition.committedSeqAtOpen()) {
                byPartition.computeIfAbsent(key, k -> new ArrayList<>()).add(LogDocumentMapper.toDocument(EventIds.of(seq, i), event, stored));
                AuditChainLink link = LogEventCodec.chainLink(stored, 0, stored.length);
                if (link != null) {
                    chainHeads.put(key, AuditChainHead.after(link, stored, 0, stored.length));
                }
                counts[0]++;
            }
        }
        auditChain.replayed(seq, chainHeads);
        for (Map.Entry<PartitionKey, List<Document>> entry : byPartition.entrySet()) {
            partitions.get(entry.getKey()).add(seq, entry.getValue());
        }
    }

    @Override
    public boolean ready() {
        return ready;
    }

    @Override
    public void append(List<LogEvent> events) {
        if (!ready) {
            throw new LoupeException(ErrorCode.NOT_READY, "the log store is not open for writes");
        }
        if (events.isEmpty()) {
            return;
        }
        if (events.size() > EventIds.MAX_BATCH_EVENTS) {
            throw new IllegalArgumentException("a batch holds at most " + EventIds.MAX_BATCH_EVENTS + " events, got " + events.size());
        }
        byte[][] stored = new byte[events.size()][];
        boolean audit = false;
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).kind() == LogKind.AUDIT) {
                audit = true; // encoded with its chain link below
            } else {
                stored[i] = LogEventCodec.encodeStored(events.get(i));
            }
        }
        CompletableFuture<Long> written;
        Map<PartitionKey, AuditChainHead> chainHeads = Map.of();
        if (audit) {
            AuditChain.Enqueued enqueued = auditChain.linkAndEnqueue(events, stored, batch -> wal.append(LogEventCodec.batchOfStored(batch)));
            written = enqueued.written();
            chainHeads = enqueued.heads();
        } else {
            written = wal.append(LogEventCodec.batchOfStored(Arrays.asList(stored)));
        }
        long seq;
        try {
            seq = written.get();
        } catch (ExecutionException | CompletionException e) {
            throw new LoupeException(ErrorCode.STORAGE_FAILURE, "cannot write the write-ahead log: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoupeException(ErrorCode.STORAGE_FAILURE, "interrupted while writing the write-ahead log", e);
        }
        auditChain.fsynced(seq, chainHeads);
        try {
            index(seq, events, Arrays.asList(stored));
        } catch (IOException | UncheckedIOException e) {
            LOG.error("write-ahead log record {} is fsynced but indexing it failed; it stays in the log and is indexed "
                    + "again at the next start (commits will not cover it until then)", seq, e);
            throw new LoupeException(ErrorCode.STORAGE_FAILURE, "events are in the write-ahead log but indexing failed: " + e.getMessage(), e);
        }
        watermark.done(seq);
    }

    private void index(long seq, List<LogEvent> events, List<byte[]> stored) throws IOException {
        Map<PartitionKey, List<Document>> byPartition = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            LogEvent event = events.get(i);
            byPartition.computeIfAbsent(PartitionKey.of(event.kind(), event.timestampNanos()), k -> new ArrayList<>())
                    .add(LogDocumentMapper.toDocument(EventIds.of(seq, i), event, stored.get(i)));
        }
        for (Map.Entry<PartitionKey, List<Document>> entry : byPartition.entrySet()) {
            partitions.get(entry.getKey()).add(seq, entry.getValue());
        }
    }

    @Override
    public LogSearchResult search(LogSearch search) {
        try {
            List<LogPartition> overlapping = partitions.overlapping(search.kinds(), search.range().fromNanos(), search.range().toNanos());
            return LogSearchExecutor.execute(overlapping, search);
        } catch (IOException e) {
            throw new LoupeException(ErrorCode.STORAGE_FAILURE, "search failed: " + e.getMessage(), e);
        }
    }

    @Override
    public LogAggregationResult aggregate(LogAggregation aggregation) {
        try {
            List<LogPartition> overlapping = partitions.overlapping(aggregation.kinds(), aggregation.range().fromNanos(),
                    aggregation.range().toNanos());
            return LogAggregator.execute(overlapping, aggregation);
        } catch (IOException e) {
            throw new LoupeException(ErrorCode.STORAGE_FAILURE, "aggregation failed: " + e.getMessage(), e);
        }
    }

    /** The partitions a search over this range would open (to show that others are left closed). */
    public List<String> partitionsFor(Set<LogKind> kinds, long fromNanos, long toNanos) throws IOException {
        List<String> names = new ArrayList<>();
        for (PartitionKey key : partitions.onDisk()) {
            if (kinds.contains(key.kind()) && key.overlaps(fromNanos, toNanos)) {
                names.add(key.toString());
            }
        }
        return names;
    }

    /**
     * Makes events appended so far visible to searches. Refreshes run one at a time, so when one
     * ends every record the indexing watermark covered at its start is searchable in every partition.
     */
    public void refresh() throws IOException {
        synchronized (refreshLock) {
            long indexed = watermark.value();
            for (LogPartition partition : partitions.openPartitions()) {
                partition.refresh();
            }
            searchableSeq = Math.max(searchableSeq, indexed);
        }
    }

    /**
     * Commits every open partition that changed, or whose last commit may hold documents beyond the
     * sequence number it records, then deletes the write-ahead-log segments the commits cover.
     */
    public void commit() throws IOException {
        synchronized (commitLock) {
            long covered = watermark.value();
            for (LogPartition partition : partitions.openPartitions()) {
                partition.commit(covered);
            }
            wal.truncateUpTo(covered);
        }
    }

    /** Deletes partitions whose day ended more than the retention period ago; returns how many. */
    public int applyRetention() throws IOException {
        synchronized (commitLock) {
            Instant cutoff = retentionCutoff();
            int deleted = partitions.deleteEndedBefore(cutoff);
            auditChain.forgetEndedBefore(cutoff);
            return deleted;
        }
    }

    private Instant retentionCutoff() {
        return clock.instant().minus(Duration.ofDays(config.retentionDays()));
    }

    @Override
    public TimeRange acceptedTimeRange() {
        return new TimeRange(EpochNanos.of(retentionCutoff()), EpochNanos.of(clock.instant().plusSeconds(config.maxFutureSeconds())));
    }

    /** Stops writes, commits what was written and closes everything. */
    @Override
    public void close() throws IOException {
        ready = false;
        wal.close();
        commit();
        partitions.close();
        LOG.info("log store closed");
    }

    @Override
    public LogTailResult tail(LogTail tail) {
        long searchable = searchableSeq; // read before any searcher is acquired: they are at least this fresh
        try {
            return LogTailExecutor.execute(partitions, tail, searchable, segmentEventIds);
        } catch (IOException e) {
            throw new LoupeException(ErrorCode.STORAGE_FAILURE, "tail failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<LogSearchResult.LogHit> event(long eventId) {
        try {
            List<LogPartition> all = partitions.overlapping(EnumSet.allOf(LogKind.class), Long.MIN_VALUE, Long.MAX_VALUE);
            return EventLookup.find(all, eventId, segmentEventIds);
        } catch (IOException e) {
            throw new LoupeException(ErrorCode.STORAGE_FAILURE, "event lookup failed: " + e.getMessage(), e);
        }
    }

    @Override
    public AuditVerification verifyAudit(TimeRange range) {
        List<AuditChainVerifier.PartitionSnapshot> snapshots = new ArrayList<>();
        List<LogPartition> acquiredFrom = new ArrayList<>();
        List<IndexSearcher> acquired = new ArrayList<>();
        try {
            List<LogPartition> audit = partitions.overlapping(EnumSet.of(LogKind.AUDIT), range.fromNanos(), range.toNanos()).reversed();
            synchronized (commitLock) { // a commit would forget the heads of records before the ones it covers
                long indexed = watermark.value(); // every record up to here is indexed, and its chain head known
                for (LogPartition partition : audit) {
                    partition.refreshNow();
                    IndexSearcher searcher = partition.acquire();
                    acquiredFrom.add(partition);
                    acquired.add(searcher);
                    snapshots.add(new AuditChainVerifier.PartitionSnapshot(partition.key(), searcher.getIndexReader(), indexed,
                            partition.chainHeadAt(indexed)));
                }
            }
            return AuditChainVerifier.verify(snapshots);
        } catch (IOException e) {
            throw new LoupeException(ErrorCode.STORAGE_FAILURE, "audit verification failed: " + e.getMessage(), e);
        } finally {
            for (int i = 0; i < acquired.size(); i++) {
                try {
                    acquiredFrom.get(i).release(acquired.get(i));
                } catch (IOException e) {
                    LOG.warn("releasing a searcher of {} failed", acquiredFrom.get(i).key(), e);
                }
            }
        }
    }

    @Override
    public List<LogFieldInfo> fields(TimeRange range, Set<LogKind> kinds) {
        try {
            return LogFieldCatalog.list(partitions.overlapping(kinds, range.fromNanos(), range.toNanos()));
        } catch (IOException e) {
            throw new LoupeException(ErrorCode.STORAGE_FAILURE, "listing fields failed: " + e.getMessage(), e);
        }
    }
}
