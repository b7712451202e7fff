package io.loupe.index.log;

import io.loupe.index.api.LogKind;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The partitions under {@code data/logs}: opens them on demand, lists them by time, deletes expired ones. */
final class LogPartitions implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(LogPartitions.class);

    private final Path root;
    private final LogStoreConfig config;
    private final Map<PartitionKey, LogPartition> open = new ConcurrentHashMap<>();

    LogPartitions(Path root, LogStoreConfig config) throws IOException {
        this.root = root;
        this.config = config;
        Files.createDirectories(root);
    }

    /** The partition for the key, opened (and created on disk) if needed. */
    LogPartition get(PartitionKey key) {
        LogPartition partition = open.get(key);
        if (partition != null) {
            return partition;
        }
        synchronized (this) {
            return open.computeIfAbsent(key, k -> {
                try {
                    return LogPartition.open(k, k.directory(root), config);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot open log partition " + k.directory(root), e);
                }
            });
        }
    }

    boolean isOpen(PartitionKey key) {
        return open.containsKey(key);
    }

    Collection<LogPartition> openPartitions() {
        return List.copyOf(open.values());
    }

    /** Existing partitions of the given kinds whose day overlaps {@code [fromNanos, toNanos)}, opened, newest first. */
    List<LogPartition> overlapping(Set<LogKind> kinds, long fromNanos, long toNanos) throws IOException {
        List<LogPartition> result = new ArrayList<>();
        for (PartitionKey key : onDisk()) {
            if (kinds.contains(key.kind()) && key.overlaps(fromNanos, toNanos)) {
                result.add(get(key));
            }
        }
        result.sort(Comparator.comparing(LogPartition::key).reversed());
        return result;
    }

    List<PartitionKey> onDisk() throws IOException {
        List<PartitionKey> keys = new ArrayList<>();
        for (LogKind kind : LogKind.values()) {
            Path kindDir = root.resolve(kind.wireName());
            if (!Files.isDirectory(kindDir)) {
                continue;
            }
            try (Stream<Path> days = Files.list(kindDir)) {
                for (Path day : days.toList()) {
                    try {
                        keys.add(new PartitionKey(kind, LocalDate.parse(day.getFileName().toString())));
                    } catch (DateTimeParseException e) {
                        LOG.warn("ignoring {}: not a partition directory (expected yyyy-mm-dd)", day);
                    }
                }
            }
        }
        return keys;
    }

    /** The highest WAL sequence number any partition commit on disk records as covered, or 0. */
    long highestCommittedSeq() throws IOException {
        long highest = 0;
        for (PartitionKey key : onDisk()) {
            try (FSDirectory directory = FSDirectory.open(key.directory(root))) {
                if (DirectoryReader.indexExists(directory)) {
                    String seq = SegmentInfos.readLatestCommit(directory).getUserData().get(LogPartition.COMMITTED_SEQ);
                    if (seq != null) {
                        highest = Math.max(highest, Long.parseLong(seq));
                    }
                }
            }
        }
        return highest;
    }

    /** Deletes every partition whose day ended before {@code cutoff}; returns how many. */
    synchronized int deleteEndedBefore(Instant cutoff) throws IOException {
        int deleted = 0;
        for (PartitionKey key : onDisk()) {
            if (!key.end().isAfter(cutoff)) {
                LogPartition partition = open.remove(key);
                if (partition != null) {
                    partition.abandon();
                }
                deleteRecursively(key.directory(root));
                deleted++;
                LOG.info("retention: deleted log partition {}", key);
            }
        }
        return deleted;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Override
    public synchronized void close() throws IOException {
        IOException first = null;
        for (LogPartition partition : open.values()) {
            try {
                partition.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        open.clear();
        if (first != null) {
            throw first;
        }
    }
}
