package io.loupe.ops.bench;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The server's clock in the search benchmark: it first stands in the past, where the benchmark
 * moves it forward while it loads 24 hours of host metrics, so the metric store accepts each sample
 * as if it arrived live and seals blocks as a live server would have; then {@link #catchUp()} joins
 * real time for the rest of the run. Time never goes back. Thread-safe.
 */
final class CatchUpClock extends Clock {
    /** How far behind real time the clock is, in ms; 0 once it caught up. */
    private volatile long behindMillis;

    /** A clock that stands at {@code startMillis} (which must not be in the future) until moved. */
    CatchUpClock(long startMillis) {
        this.behindMillis = System.currentTimeMillis() - startMillis;
        if (behindMillis < 0) {
            throw new IllegalArgumentException("a catch-up clock starts in the past, not at " + Instant.ofEpochMilli(startMillis));
        }
    }

    /**
     * Moves the clock to {@code nowMillis}, which must not lie before what it says now nor after real time.
     */
    synchronized void advanceTo(long nowMillis) {
        long real = System.currentTimeMillis();
        long behind = real - nowMillis;
        if (behind > behindMillis || behind < 0) {
            throw new IllegalArgumentException("a catch-up clock at " + instant() + " cannot move to " + Instant.ofEpochMilli(nowMillis)
                    + ": only forward, and not past real time (" + Instant.ofEpochMilli(real) + ")");
        }
        behindMillis = behind;
    }

    /** From now on, real time. */
    synchronized void catchUp() {
        behindMillis = 0;
    }

    @Override
    public long millis() {
        return System.currentTimeMillis() - behindMillis;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        // the server reads only instants; the zone does not change what this clock says
        return this;
    }
}
