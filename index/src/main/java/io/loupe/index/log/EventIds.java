package io.loupe.index.log;

/**
 * Event ids: the write-ahead-log sequence number of the event's batch in the high bits and the
 * event's position in the batch in the low {@value #POSITION_BITS} bits. Unique, stable across
 * restarts, and ordered by arrival.
 */
final class EventIds {
    static final int POSITION_BITS = 16;
    static final int MAX_BATCH_EVENTS = 1 << POSITION_BITS;

    private EventIds() {
    }

    static long of(long seq, int position) {
        return (seq << POSITION_BITS) | position;
    }

    static long firstIdOf(long seq) {
        return seq << POSITION_BITS;
    }

    static long seqOf(long eventId) {
        return eventId >>> POSITION_BITS;
    }
}
