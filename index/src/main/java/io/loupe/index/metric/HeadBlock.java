package io.loupe.index.metric;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The open samples of one block window {@code [start, end)}, per series id, and the lowest
 * write-ahead-log sequence number that wrote into it (the log can be truncated below it once the
 * blocks before are sealed).
 */
final class HeadBlock {
    private final long start;
    private final long end;
    private final ConcurrentHashMap<Integer, HeadSeries> series = new ConcurrentHashMap<>();
    private final AtomicLong lowestSeq = new AtomicLong(Long.MAX_VALUE);

    HeadBlock(long start, long end) {
        this.start = start;
        this.end = end;
    }

    long start() {
        return start;
    }

    long end() {
        return end;
    }

    void add(int seriesId, long timestamp, double value) {
        series.computeIfAbsent(seriesId, id -> new HeadSeries()).add(timestamp, value);
    }

    void wroteSeq(long seq) {
        lowestSeq.accumulateAndGet(seq, Math::min);
    }

    /** Lowest sequence number that wrote into this block, or {@link Long#MAX_VALUE} if none (replayed data only). */
    long lowestSeq() {
        return lowestSeq.get();
    }

    HeadSeries series(int seriesId) {
        return series.get(seriesId);
    }

    Map<Integer, HeadSeries> allSeries() {
        return series;
    }

    boolean overlaps(long from, long to) {
        return start <= to && end > from;
    }
}
