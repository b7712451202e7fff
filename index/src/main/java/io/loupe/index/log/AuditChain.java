package io.loupe.index.log;

import io.loupe.index.api.LogEvent;
import io.loupe.index.api.LogKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The heads of the audit hash chains, one per audit partition, and the lock that orders audit appends.
 *
 * <p>Each audit event stores an {@link AuditChainLink} to the event before it in its partition; the
 * chain's order is the order of event ids. An append that holds audit events takes {@link #lock()}
 * from before it links them until they are indexed, so no two audit appends interleave and the chain
 * order is the write-ahead-log order. Heads advance only once the record is fsynced, so a failed
 * write leaves the chain as it was. Heads start from what each partition's last commit recorded and
 * are brought forward by recovery from the records it replays.
 */
final class AuditChain {
    private final LogPartitions partitions;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<PartitionKey, AuditChainHead> heads = new HashMap<>(); // guarded by lock

    AuditChain(LogPartitions partitions) {
        this.partitions = partitions;
    }

    static boolean holdsAudit(List<LogEvent> events) {
        for (LogEvent event : events) {
            if (event.kind() == LogKind.AUDIT) {
                return true;
            }
        }
        return false;
    }

    ReentrantLock lock() {
        return lock;
    }

    /** The batch's events linked into their chains, and the heads they would make; the lock must be held. */
    Linked link(List<LogEvent> events) {
        requireLock();
        Map<PartitionKey, AuditChainHead> advanced = new HashMap<>();
        List<byte[]> stored = new ArrayList<>(events.size());
        for (LogEvent event : events) {
            if (event.kind() != LogKind.AUDIT) {
                stored.add(LogEventCodec.encodeStored(event));
                continue;
            }
            PartitionKey key = PartitionKey.of(event.kind(), event.timestampNanos());
            AuditChainLink link = advanced.getOrDefault(key, head(key)).nextLink();
            byte[] bytes = LogEventCodec.encodeStored(event, link);
            stored.add(bytes);
            advanced.put(key, AuditChainHead.after(link, bytes, 0, bytes.length));
        }
        return new Linked(stored, advanced);
    }

    /** The stored events of a batch and the chain heads they make. */
    record Linked(List<byte[]> stored, Map<PartitionKey, AuditChainHead> heads) {
    }

    /** Makes the heads current: their record {@code seq} is fsynced. The lock must be held, or recovery be running. */
    void advance(long seq, Map<PartitionKey, AuditChainHead> advanced) {
        for (Map.Entry<PartitionKey, AuditChainHead> entry : advanced.entrySet()) {
            heads.put(entry.getKey(), entry.getValue());
            partitions.get(entry.getKey()).chainAdvanced(seq, entry.getValue());
        }
    }

    /** The current head of the partition's chain; the lock must be held, or recovery be running. */
    AuditChainHead head(PartitionKey key) {
        return heads.computeIfAbsent(key, k -> partitions.get(k).chainHeadAtOpen());
    }

    /** Forgets the heads of partitions that retention deleted. */
    void forgetEndedBefore(Instant cutoff) {
        lock.lock();
        try {
            heads.keySet().removeIf(key -> !key.end().isAfter(cutoff));
        } finally {
            lock.unlock();
        }
    }

    private void requireLock() {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("linking audit events needs the audit chain lock");
        }
    }
}
