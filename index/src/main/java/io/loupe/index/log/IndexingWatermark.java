package io.loupe.index.log;

import java.util.concurrent.ConcurrentSkipListSet;

/**
 * Tracks which write-ahead-log records are fully indexed. {@link #value()} is the highest sequence
 * number S such that every record up to S has been added to its partitions: a commit started after
 * reading S covers all of them. Thread-safe.
 */
final class IndexingWatermark {
    private final ConcurrentSkipListSet<Long> inFlight = new ConcurrentSkipListSet<>();
    private volatile long highestAssigned;

    IndexingWatermark(long lastSeq) {
        this.highestAssigned = lastSeq;
    }

    /** Records up to {@code lastSeq} exist and are indexed (recovery continues numbering after them). */
    void continueAfter(long lastSeq) {
        highestAssigned = Math.max(highestAssigned, lastSeq);
    }

    /** Called in sequence order, before the record is written. */
    void assigned(long seq) {
        inFlight.add(seq);
        highestAssigned = seq;
    }

    /** The record is fully indexed. A record never marked done holds the watermark below it. */
    void done(long seq) {
        inFlight.remove(seq);
    }

    long value() {
        long assigned = highestAssigned;
        var iterator = inFlight.iterator();
        Long oldestInFlight = iterator.hasNext() ? iterator.next() : null;
        return oldestInFlight == null ? assigned : Math.min(assigned, oldestInFlight - 1);
    }
}
