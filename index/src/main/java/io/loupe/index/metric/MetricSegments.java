package io.loupe.index.metric;

import io.loupe.index.api.MetricResolution;
import io.loupe.index.metric.codec.MetricSegmentReader;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sealed segment files under {@code data/metrics/<raw|5m|1h>/<blockStart>.seg}, open for reading.
 *
 * <p>A file that fails its checks at open (header, index and every group checksum) is reported by name (ERROR log and {@link #corrupt()}),
 * left on disk for inspection, and skipped: the other segments keep serving. Leftover
 * {@code .tmp} files of an interrupted write are deleted. A segment deleted by retention stays
 * open until the next retention run so that reads in flight finish. Thread-safe.
 */
final class MetricSegments implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(MetricSegments.class);
    static final String SUFFIX = ".seg";

    private final Path root;
    private final Map<MetricResolution, ConcurrentSkipListMap<Long, MetricSegmentReader>> byResolution =
            new EnumMap<>(MetricResolution.class);
    private final List<String> corrupt = new CopyOnWriteArrayList<>();
    private final List<MetricSegmentReader> retired = new ArrayList<>();

    private MetricSegments(Path root) {
        this.root = root;
        for (MetricResolution resolution : MetricResolution.values()) {
            byResolution.put(resolution, new ConcurrentSkipListMap<>());
        }
    }

    static MetricSegments open(Path root) throws IOException {
        MetricSegments segments = new MetricSegments(root);
        try {
            for (MetricResolution resolution : MetricResolution.values()) {
                segments.load(resolution);
            }
        } catch (IOException | RuntimeException e) {
            segments.close();
            throw e;
        }
        return segments;
    }

    private void load(MetricResolution resolution) throws IOException {
        Path dir = directory(resolution);
        Files.createDirectories(dir);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.endsWith(".tmp")) {
                    LOG.warn("deleting {}: a segment write that did not finish", file);
                    Files.delete(file);
                    continue;
                }
                if (!name.endsWith(SUFFIX)) {
                    continue;
                }
                try {
                    MetricSegmentReader reader = MetricSegmentReader.open(file);
                    try {
                        reader.verifyChecksums();
                    } catch (IOException e) {
                        reader.close();
                        throw e;
                    }
                    byResolution.get(resolution).put(reader.header().minTime(), reader);
                } catch (IOException e) {
                    LOG.error("metric segment {} cannot be read and is skipped (the other segments keep serving): {}",
                            file, e.getMessage());
                    corrupt.add(file + ": " + e.getMessage());
                }
            }
        }
    }

    Path directory(MetricResolution resolution) {
        return root.resolve(resolution.wireName());
    }

    Path pathFor(MetricResolution resolution, long blockStart) {
        return directory(resolution).resolve(blockStart + SUFFIX);
    }

    void add(MetricResolution resolution, MetricSegmentReader reader) {
        byResolution.get(resolution).put(reader.header().minTime(), reader);
    }

    /** Segments of one resolution by block start. */
    NavigableMap<Long, MetricSegmentReader> of(MetricResolution resolution) {
        return byResolution.get(resolution);
    }

    /** The end of the newest sealed block of any resolution, or {@link Long#MIN_VALUE} when there is none. */
    long sealedUpTo() {
        long end = Long.MIN_VALUE;
        for (ConcurrentSkipListMap<Long, MetricSegmentReader> segments : byResolution.values()) {
            if (!segments.isEmpty()) {
                end = Math.max(end, segments.lastEntry().getValue().header().maxTime());
            }
        }
        return end;
    }

    /** Files that failed their checks at open, with the reason. */
    List<String> corrupt() {
        return Collections.unmodifiableList(corrupt);
    }

    long sizeBytes(MetricResolution resolution) {
        long bytes = 0;
        for (MetricSegmentReader reader : byResolution.get(resolution).values()) {
            bytes += reader.sizeBytes();
        }
        return bytes;
    }

    /** Deletes the segments of a resolution whose block ended before {@code cutoff}; returns how many. */
    synchronized int deleteEndedBefore(MetricResolution resolution, long cutoff) throws IOException {
        for (MetricSegmentReader reader : retired) {
            reader.close();
        }
        retired.clear();
        int deleted = 0;
        ConcurrentSkipListMap<Long, MetricSegmentReader> segments = byResolution.get(resolution);
        for (Map.Entry<Long, MetricSegmentReader> entry : new ArrayList<>(segments.entrySet())) {
            if (entry.getValue().header().maxTime() <= cutoff) {
                segments.remove(entry.getKey());
                retired.add(entry.getValue());
                Files.deleteIfExists(pathFor(resolution, entry.getKey()));
                deleted++;
            }
        }
        return deleted;
    }

    @Override
    public synchronized void close() throws IOException {
        IOException failure = null;
        List<MetricSegmentReader> all = new ArrayList<>(retired);
        for (ConcurrentSkipListMap<Long, MetricSegmentReader> segments : byResolution.values()) {
            all.addAll(segments.values());
            segments.clear();
        }
        retired.clear();
        for (MetricSegmentReader reader : all) {
            try {
                reader.close();
            } catch (IOException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
