package io.loupe.index.metric;

import io.loupe.index.api.EpochNanos;
import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LabelMatcher;
import io.loupe.index.api.LoupeException;
import io.loupe.index.api.MetricAppendResult;
import io.loupe.index.api.MetricResolution;
import io.loupe.index.api.MetricSample;
import io.loupe.index.api.MetricStore;
import io.loupe.index.api.RollupSamples;
import io.loupe.index.api.SeriesRef;
import io.loupe.index.api.SeriesSamples;
import io.loupe.index.api.StaleMarker;
import io.loupe.index.api.TimeRange;
import io.loupe.index.metric.codec.MetricSegmentReader;
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
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeSet;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metric store: a write-ahead log in front of an in-memory head of open blocks, sealed into
 * immutable segment files (raw, plus 5-minute and 1-hour rollups) once no more samples can arrive
 * for a block.
 *
 * <p>Append checks each sample against the open window, writes the accepted ones to the log
 * (fsynced, group commit shared with concurrent appends), then adds them to the head. A block
 * {@code [start, end)} accepts samples until {@code end + metrics.late_sample_minutes}; then
 * {@link #sealReadyBlocks()} writes it out and the log is truncated below the oldest record still
 * needed by an open block. {@link #sealReadyBlocks()}, {@link #commit()} and {@link #applyRetention()}
 * are meant to be scheduled by the caller.
 *
 * <p><b>Invariants:</b> every acknowledged sample is in the log or in a sealed segment; a sample is
 * never in both a sealed segment and the head as seen by a reader (readers prefer the segment of a
 * block); sealing holds the write lock only to move the sealed boundary, never while writing files.
 */
public final class DurableMetricStore implements MetricStore, Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(DurableMetricStore.class);
    private static final int MAX_LISTED_REJECTS = 100;
    private static final List<MetricResolution> ROLLUPS = List.of(MetricResolution.FIVE_MINUTES, MetricResolution.ONE_HOUR);

    /** What recovery did at open, for the startup banner. */
    public record RecoveryReport(long walRecords, long samplesReplayed, long samplesAlreadySealed, int series,
                                 List<String> corruptSegments, Duration took) {
    }

    private final MetricStoreConfig config;
    private final Clock clock;
    private final SeriesRegistry registry;
    private final MetricSegments segments;
    private final WriteAheadLog wal;
    private final ConcurrentSkipListMap<Long, HeadBlock> head = new ConcurrentSkipListMap<>();
    private final ReentrantReadWriteLock sealLock = new ReentrantReadWriteLock();
    private final Object sealing = new Object();
    private volatile long sealedUpTo;
    private volatile boolean ready;
    private volatile RecoveryReport recoveryReport;

    private DurableMetricStore(MetricStoreConfig config, Clock clock, SeriesRegistry registry, MetricSegments segments,
                               WriteAheadLog wal) {
        this.config = config;
        this.clock = clock;
        this.registry = registry;
        this.segments = segments;
        this.wal = wal;
        this.sealedUpTo = segments.sealedUpTo();
    }

    /**
     * Opens the store under {@code dataDir} without replaying its write-ahead log: not
     * {@link #ready()} until {@link #recover()}.
     */
    public static DurableMetricStore openUnrecovered(Path dataDir, MetricStoreConfig config, WalConfig walConfig, Clock clock)
            throws IOException {
        Path root = dataDir.resolve("metrics");
        SeriesRegistry registry = SeriesRegistry.open(root.resolve("series"));
        MetricSegments segments = null;
        try {
            segments = MetricSegments.open(root);
            WriteAheadLog wal = WriteAheadLog.open(dataDir.resolve("wal").resolve("metrics"), walConfig, seq -> {
            });
            return new DurableMetricStore(config, clock, registry, segments, wal);
        } catch (IOException | RuntimeException e) {
            registry.close();
            if (segments != null) {
                segments.close();
            }
            throw e;
        }
    }

    public static DurableMetricStore open(Path dataDir, MetricStoreConfig config, WalConfig walConfig, Clock clock) throws IOException {
        DurableMetricStore store = openUnrecovered(dataDir, config, walConfig, clock);
        try {
            store.recover();
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    /** Replays the write-ahead log into the head, seals what is ready, and opens for appends. Call once. */
    public synchronized void recover() throws IOException {
        if (recoveryReport != null) {
            throw new IllegalStateException("the metric store is already recovered");
        }
        long started = System.nanoTime();
        long[] counts = new long[2];
        long sealedAtOpen = sealedUpTo;
        wal.replay(0, (seq, payload) -> {
            for (MetricSample sample : MetricWalRecord.decode(payload)) {
                if (sample.timestampMillis() < sealedAtOpen) {
                    counts[1]++;
                    continue;
                }
                addToHead(seq, sample);
                counts[0]++;
            }
        });
        wal.startWriting();
        ready = true;
        sealReadyBlocks();
        WriteAheadLog.OpenReport open = wal.openReport();
        recoveryReport = new RecoveryReport(open.records(), counts[0], counts[1], registry.size(), segments.corrupt(),
                Duration.ofNanos(System.nanoTime() - started));
    }

    public RecoveryReport recoveryReport() {
        return recoveryReport;
    }

    @Override
    public boolean ready() {
        return ready;
    }

    private long acceptFrom(long nowMillis) {
        return Math.max(sealedUpTo, config.blockStart(nowMillis - config.lateSampleMinutes() * 60_000L));
    }

    @Override
    public TimeRange acceptedTimeRange() {
        long now = clock.millis();
        return new TimeRange(EpochNanos.ofMillis(acceptFrom(now)), EpochNanos.ofMillis(now + config.maxFutureSeconds() * 1000));
    }

    @Override
    public MetricAppendResult append(List<MetricSample> samples) {
        if (!ready) {
            throw new LoupeException(ErrorCode.NOT_READY, "the metric store is not open for writes");
        }
        sealLock.readLock().lock();
        try {
            long now = clock.millis();
            long from = acceptFrom(now);
            long to = now + config.maxFutureSeconds() * 1000;
            List<MetricSample> accepted = new ArrayList<>(samples.size());
            List<MetricAppendResult.SampleReject> rejects = new ArrayList<>();
            BitSet rejectedSamples = new BitSet();
            for (int i = 0; i < samples.size(); i++) {
                MetricSample sample = samples.get(i);
                String reason = null;
                if (sample.timestampMillis() < from) {
                    reason = "sample of " + sample.series() + " at " + Instant.ofEpochMilli(sample.timestampMillis())
                            + " is older than the open window, which starts at " + Instant.ofEpochMilli(from)
                            + " (a block is sealed " + MetricStoreConfig.LATE_SAMPLE_MINUTES.key() + "="
                            + config.lateSampleMinutes() + " minutes after it ends)";
                } else if (sample.timestampMillis() > to) {
                    reason = "sample of " + sample.series() + " at " + Instant.ofEpochMilli(sample.timestampMillis())
                            + " is more than " + config.maxFutureSeconds() + " seconds in the future ("
                            + MetricStoreConfig.MAX_FUTURE_SECONDS.key() + ")";
                }
                if (reason == null) {
                    accepted.add(sample);
                } else {
                    rejectedSamples.set(i);
                    if (rejects.size() < MAX_LISTED_REJECTS) {
                        rejects.add(new MetricAppendResult.SampleReject(i, reason));
                    }
                }
            }
            if (!accepted.isEmpty()) {
                long seq = writeAheadLog(accepted);
                try {
                    for (MetricSample sample : accepted) {
                        addToHead(seq, sample);
                    }
                } catch (IOException | UncheckedIOException e) {
                    LOG.error("write-ahead log record {} is fsynced but adding it to the head failed; it is replayed at the next start", seq, e);
                    throw new LoupeException(ErrorCode.STORAGE_FAILURE, "samples are in the write-ahead log but the head refused them: "
                            + e.getMessage(), e);
                }
            }
            return new MetricAppendResult(accepted.size(), rejectedSamples.cardinality(), List.copyOf(rejects), rejectedSamples);
        } finally {
            sealLock.readLock().unlock();
        }
    }

    private long writeAheadLog(List<MetricSample> accepted) {
        try {
            return wal.append(MetricWalRecord.encode(accepted)).get();
        } catch (ExecutionException | CompletionException e) {
            throw new LoupeException(ErrorCode.STORAGE_FAILURE, "cannot write the metric write-ahead log: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoupeException(ErrorCode.STORAGE_FAILURE, "interrupted while writing the metric write-ahead log", e);
        }
    }

    private void addToHead(long seq, MetricSample sample) throws IOException {
        SeriesRef ref = registry.getOrCreate(sample.series());
        long start = config.blockStart(sample.timestampMillis());
        HeadBlock block = head.computeIfAbsent(start, s -> new HeadBlock(s, s + config.blockMillis()));
        block.wroteSeq(seq);
        block.add(ref.id(), sample.timestampMillis(), sample.value());
    }

    /**
     * Seals every head block that can no longer receive samples: writes its raw segment and its
     * rollups, then truncates the write-ahead log below the oldest record an open block still needs.
     * Returns how many blocks were sealed.
     */
    public int sealReadyBlocks() throws IOException {
        synchronized (sealing) {
            long lastSeq;
            long boundary;
            sealLock.writeLock().lock();
            try {
                boundary = Math.max(sealedUpTo, config.blockStart(clock.millis() - config.lateSampleMinutes() * 60_000L));
                sealedUpTo = boundary;
                lastSeq = wal.nextSeq() - 1;
            } finally {
                sealLock.writeLock().unlock();
            }
            List<HeadBlock> ready = new ArrayList<>(head.headMap(boundary, false).values());
            ready.removeIf(block -> block.end() > boundary);
            if (ready.isEmpty()) {
                return 0;
            }
            registry.commit();
            for (HeadBlock block : ready) {
                seal(block);
                head.remove(block.start());
            }
            long needed = lastSeq;
            for (HeadBlock open : head.values()) {
                needed = Math.min(needed, open.lowestSeq() - 1);
            }
            wal.truncateUpTo(needed);
            return ready.size();
        }
    }

    private void seal(HeadBlock block) throws IOException {
        List<Integer> ids = new ArrayList<>(new TreeSet<>(block.allSeries().keySet()));
        SegmentSink raw = SegmentSink.create(segments, MetricResolution.RAW, block.start(), block.end());
        List<SegmentSink> rollups = new ArrayList<>();
        for (MetricResolution resolution : ROLLUPS) {
            rollups.add(SegmentSink.create(segments, resolution, block.start(), block.end()));
        }
        long samples = 0;
        for (int id : ids) {
            SampleArrays data = block.series(id).copyAll();
            samples += data.count();
            raw.add(id, data.timestamps(), new double[][] {data.values()}, data.count());
            OptionalDouble predecessor = lastValueBefore(id, block.start());
            for (SegmentSink rollup : rollups) {
                RollupBuilder.Buckets buckets = RollupBuilder.build(data, rollup.resolution().millis(), predecessor);
                rollup.add(id, buckets.bucketStarts(), buckets.columns(), buckets.count());
            }
        }
        long bytes = raw.finish();
        for (SegmentSink rollup : rollups) {
            rollup.finish();
        }
        LOG.info("sealed metric block {}..{}: {} series, {} samples, {} bytes ({} bytes/sample)", Instant.ofEpochMilli(block.start()),
                Instant.ofEpochMilli(block.end()), ids.size(), samples, bytes, samples == 0 ? 0 : String.format("%.3f", (double) bytes / samples));
    }

    /** Writes rollups for raw segments that have none (a crash between the raw and rollup writes). */
    public int rollUpMissing() throws IOException {
        int written = 0;
        synchronized (sealing) {
            for (MetricSegmentReader raw : segments.of(MetricResolution.RAW).values()) {
                for (MetricResolution resolution : ROLLUPS) {
                    if (segments.of(resolution).containsKey(raw.header().minTime())) {
                        continue;
                    }
                    SegmentSink sink = SegmentSink.create(segments, resolution, raw.header().minTime(), raw.header().maxTime());
                    for (int id : raw.seriesIds()) {
                        RollupBuilder.Buckets buckets = RollupBuilder.build(SampleArrays.of(raw.read(id)), resolution.millis(),
                                lastValueBefore(id, raw.header().minTime()));
                        sink.add(id, buckets.bucketStarts(), buckets.columns(), buckets.count());
                    }
                    sink.finish();
                    written++;
                }
            }
        }
        return written;
    }

    @Override
    public List<SeriesRef> series(List<LabelMatcher> matchers, long fromMillis, long toMillis, int limit) {
        try {
            List<SeriesRef> result = new ArrayList<>();
            for (int id : registry.match(matchers)) {
                if (result.size() >= limit) {
                    break;
                }
                if (hasData(id, fromMillis, toMillis)) {
                    result.add(registry.byId(id));
                }
            }
            return result;
        } catch (IOException e) {
            throw new LoupeException(ErrorCode.STORAGE_FAILURE, "series lookup failed: " + e.getMessage(), e);
        }
    }

    private boolean hasData(int id, long from, long to) {
        for (HeadBlock block : head.values()) {
            if (block.overlaps(from, to)) {
                HeadSeries series = block.series(id);
                if (series != null && series.hasSamplesIn(from, to)) {
                    return true;
                }
            }
        }
        for (MetricResolution resolution : MetricResolution.values()) {
            for (MetricSegmentReader reader : overlapping(resolution, from, to).values()) {
                if (reader.contains(id)) {
                    return true;
                }
            }
        }
        return false;
    }

    private Map<Long, MetricSegmentReader> overlapping(MetricResolution resolution, long from, long to) {
        // a block starting at s covers [s, s + block): it overlaps when s <= to and s > from - block
        long firstStart = from <= Long.MIN_VALUE + config.blockMillis() ? Long.MIN_VALUE : config.blockStart(from);
        return segments.of(resolution).subMap(firstStart, true, to, true);
    }

    @Override
    public SeriesSamples samples(SeriesRef series, long fromMillis, long toMillis) {
        try {
            List<SampleArrays> parts = new ArrayList<>();
            Map<Long, MetricSegmentReader> sealed = overlapping(MetricResolution.RAW, fromMillis, toMillis);
            for (MetricSegmentReader reader : sealed.values()) {
                if (reader.contains(series.id())) {
                    parts.add(SampleArrays.of(reader.read(series.id())).slice(fromMillis, toMillis));
                }
            }
            for (HeadBlock block : head.values()) {
                if (block.overlaps(fromMillis, toMillis) && !sealed.containsKey(block.start())) {
                    HeadSeries data = block.series(series.id());
                    if (data != null) {
                        parts.add(data.copy(fromMillis, toMillis));
                    }
                }
            }
            return concat(series, parts);
        } catch (IOException e) {
            throw new LoupeException(ErrorCode.STORAGE_FAILURE, "reading samples of " + series.key() + " failed: " + e.getMessage(), e);
        }
    }

    private static SeriesSamples concat(SeriesRef series, List<SampleArrays> parts) {
        int total = 0;
        for (SampleArrays part : parts) {
            total += part.count();
        }
        long[] timestamps = new long[total];
        double[] values = new double[total];
        int offset = 0;
        for (SampleArrays part : parts) {
            System.arraycopy(part.timestamps(), 0, timestamps, offset, part.count());
            System.arraycopy(part.values(), 0, values, offset, part.count());
            offset += part.count();
        }
        return new SeriesSamples(series, timestamps, values, total);
    }

    @Override
    public RollupSamples rollup(SeriesRef series, MetricResolution resolution, long fromMillis, long toMillis) {
        if (resolution == MetricResolution.RAW) {
            throw new IllegalArgumentException("rollup() takes a rollup resolution; use samples() for raw data");
        }
        long width = resolution.millis();
        long firstBucket = Math.floorDiv(fromMillis, width) * width;
        try {
            Map<Long, MetricSegmentReader> rolled = overlapping(resolution, fromMillis, toMillis);
            Map<Long, MetricSegmentReader> raw = overlapping(MetricResolution.RAW, fromMillis, toMillis);
            TreeSet<Long> blocks = new TreeSet<>(rolled.keySet());
            blocks.addAll(raw.keySet());
            for (HeadBlock block : head.values()) {
                if (block.overlaps(fromMillis, toMillis)) {
                    blocks.add(block.start());
                }
            }
            RollupAccumulator out = new RollupAccumulator(series, resolution);
            for (long blockStart : blocks) {
                RollupBuilder.Buckets buckets = bucketsOf(series.id(), blockStart, resolution, rolled, raw);
                if (buckets != null) {
                    out.append(buckets, firstBucket, toMillis);
                }
            }
            return out.result();
        } catch (IOException e) {
            throw new LoupeException(ErrorCode.STORAGE_FAILURE, "reading rollups of " + series.key() + " failed: " + e.getMessage(), e);
        }
    }

    private RollupBuilder.Buckets bucketsOf(int id, long blockStart, MetricResolution resolution,
                                            Map<Long, MetricSegmentReader> rolled, Map<Long, MetricSegmentReader> raw) throws IOException {
        MetricSegmentReader rollup = rolled.get(blockStart);
        if (rollup != null) {
            return rollup.contains(id) ? RollupBuilder.Buckets.of(rollup.read(id)) : null;
        }
        MetricSegmentReader sealed = raw.get(blockStart);
        if (sealed != null) {
            return sealed.contains(id)
                    ? RollupBuilder.build(SampleArrays.of(sealed.read(id)), resolution.millis(), lastValueBefore(id, blockStart))
                    : null;
        }
        HeadBlock block = head.get(blockStart);
        HeadSeries data = block == null ? null : block.series(id);
        return data == null ? null : RollupBuilder.build(data.copyAll(), resolution.millis(), lastValueBefore(id, blockStart));
    }

    /**
     * The last sample of series {@code id} in the block that ends at {@code blockStart} (sealed or
     * in the head), when it is a value: the predecessor of the block's first counter pair. Empty
     * when no block adjoins, the series has no samples there, or its last sample is a stale marker.
     */
    private OptionalDouble lastValueBefore(int id, long blockStart) throws IOException {
        Map.Entry<Long, MetricSegmentReader> sealed = segments.of(MetricResolution.RAW).lowerEntry(blockStart);
        SampleArrays before = null;
        if (sealed != null && sealed.getValue().header().maxTime() == blockStart) {
            before = sealed.getValue().contains(id) ? SampleArrays.of(sealed.getValue().read(id)) : null;
        } else {
            Map.Entry<Long, HeadBlock> open = head.lowerEntry(blockStart);
            HeadSeries data = open != null && open.getValue().end() == blockStart ? open.getValue().series(id) : null;
            before = data == null ? null : data.copyAll();
        }
        if (before == null || before.count() == 0 || StaleMarker.is(before.values()[before.count() - 1])) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(before.values()[before.count() - 1]);
    }

    @Override
    public List<String> labelNames(List<LabelMatcher> matchers, long fromMillis, long toMillis) {
        TreeSet<String> names = new TreeSet<>();
        for (SeriesRef ref : series(matchers, fromMillis, toMillis, Integer.MAX_VALUE)) {
            names.add(LabelMatcher.METRIC_NAME);
            names.addAll(ref.key().labels().names());
        }
        return List.copyOf(names);
    }

    @Override
    public List<String> labelValues(String name, List<LabelMatcher> matchers, long fromMillis, long toMillis) {
        TreeSet<String> values = new TreeSet<>();
        for (SeriesRef ref : series(matchers, fromMillis, toMillis, Integer.MAX_VALUE)) {
            String value = LabelMatcher.METRIC_NAME.equals(name) ? ref.key().name() : ref.key().labels().get(name);
            if (value != null) {
                values.add(value);
            }
        }
        return List.copyOf(values);
    }

    @Override
    public List<MetricResolution> resolutionsCovering(long fromMillis) {
        long now = clock.millis();
        List<MetricResolution> covering = new ArrayList<>();
        if (fromMillis >= now - Duration.ofDays(config.rawRetentionDays()).toMillis()) {
            covering.add(MetricResolution.RAW);
        }
        if (fromMillis >= now - Duration.ofDays(config.fiveMinuteRetentionDays()).toMillis()) {
            covering.add(MetricResolution.FIVE_MINUTES);
        }
        if (fromMillis >= now - Duration.ofDays(config.oneHourRetentionDays()).toMillis()) {
            covering.add(MetricResolution.ONE_HOUR);
        }
        return covering;
    }

    /** Makes new series durable in the series index. */
    public void commit() throws IOException {
        registry.commit();
    }

    /** Deletes segments past their tier's retention; returns how many. */
    public int applyRetention() throws IOException {
        long now = clock.millis();
        return segments.deleteEndedBefore(MetricResolution.RAW, now - Duration.ofDays(config.rawRetentionDays()).toMillis())
                + segments.deleteEndedBefore(MetricResolution.FIVE_MINUTES, now - Duration.ofDays(config.fiveMinuteRetentionDays()).toMillis())
                + segments.deleteEndedBefore(MetricResolution.ONE_HOUR, now - Duration.ofDays(config.oneHourRetentionDays()).toMillis());
    }

    /** Bytes of sealed segment files of one resolution (for benchmarks and stats). */
    public long segmentBytes(MetricResolution resolution) {
        return segments.sizeBytes(resolution);
    }

    /** Number of known series. */
    public int seriesCount() {
        return registry.size();
    }

    /** Stops writes and closes everything; the head stays in the write-ahead log for the next start. */
    @Override
    public void close() throws IOException {
        ready = false;
        try {
            wal.close();
        } finally {
            try {
                registry.close();
            } finally {
                segments.close();
            }
        }
        LOG.info("metric store closed");
    }
}
