package io.loupe.index.log;

import io.loupe.index.api.LogEvent;
import io.loupe.index.api.LogKind;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Links audit events into their partition's hash chain as they are appended.
 *
 * <p>Each audit event stores an {@link AuditChainLink} to the audit event before it in its
 * partition. An append that holds audit events links them and hands the record to the write-ahead
 * log in one step under this object's lock ({@link #linkAndEnqueue}); the log writes records in the
 * order they were handed over, so chain order is sequence-number order without holding the lock
 * through the fsync (group commit keeps working). The heads held here run ahead of what is fsynced:
 * a record the log refused at once leaves them as they were; a write that fails later stops the log
 * for good, and the next start rebuilds the heads from commits and replay. Each partition also learns
 * the head a record made once the record is fsynced ({@link LogPartition#chainAdvanced}), for its
 * commits and for verification. Thread-safe.
 */
final class AuditChain {
    private final LogPartitions partitions;
    private final Map<PartitionKey, AuditChainHead> heads = new HashMap<>(); // guarded by this

    AuditChain(LogPartitions partitions) {
        this.partitions = partitions;
    }

    /** The outcome of {@link #linkAndEnqueue}: the record's future and the chain heads its audit events make. */
    record Enqueued(CompletableFuture<Long> written, Map<PartitionKey, AuditChainHead> heads) {
    }

    /**
     * Encodes the batch's audit events with their links into {@code stored} (where the other events
     * are already encoded), then hands the batch to {@code wal}.
     */
    synchronized Enqueued linkAndEnqueue(List<LogEvent> events, byte[][] stored, Function<List<byte[]>, CompletableFuture<Long>> wal) {
        Map<PartitionKey, AuditChainHead> advanced = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            LogEvent event = events.get(i);
            if (event.kind() != LogKind.AUDIT) {
                continue;
            }
            PartitionKey key = PartitionKey.of(event.kind(), event.timestampNanos());
            AuditChainLink link = advanced.getOrDefault(key, head(key)).nextLink();
            stored[i] = LogEventCodec.encodeStored(event, link);
            advanced.put(key, AuditChainHead.after(link, stored[i], 0, stored[i].length));
        }
        CompletableFuture<Long> written = wal.apply(Arrays.asList(stored));
        if (!written.isCompletedExceptionally()) {
            heads.putAll(advanced);
        }
        return new Enqueued(written, advanced);
    }

    /** Tells each partition the head its record {@code seq} made; call once the record is fsynced (or replayed). */
    void fsynced(long seq, Map<PartitionKey, AuditChainHead> advanced) {
        for (Map.Entry<PartitionKey, AuditChainHead> entry : advanced.entrySet()) {
            partitions.get(entry.getKey()).chainAdvanced(seq, entry.getValue());
        }
    }

    /** Recovery: the record {@code seq} replayed made these heads. */
    synchronized void replayed(long seq, Map<PartitionKey, AuditChainHead> advanced) {
        heads.putAll(advanced);
        fsynced(seq, advanced);
    }

    private AuditChainHead head(PartitionKey key) {
        return heads.computeIfAbsent(key, k -> partitions.get(k).chainHeadAtOpen());
    }

    /** Forgets the heads of partitions that retention deleted. */
    synchronized void forgetEndedBefore(Instant cutoff) {
        heads.keySet().removeIf(key -> !key.end().isAfter(cutoff));
    }
}
