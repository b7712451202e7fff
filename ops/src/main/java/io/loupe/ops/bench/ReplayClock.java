package io.loupe.ops.bench;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that stands still until the replay moves it: the metric store judges each sample against
 * this "now", so recorded or simulated history is accepted as if it were arriving live. Time only
 * moves forward. Thread-safe: readers see the last {@link #advanceTo} of any thread.
 */
final class ReplayClock extends Clock {
    private volatile long millis;

    ReplayClock(long startMillis) {
        this.millis = startMillis;
    }

    /** @throws IllegalArgumentException when {@code nowMillis} lies before the current time */
    void advanceTo(long nowMillis) {
        if (nowMillis < millis) {
            throw new IllegalArgumentException("a replay clock only moves forward: at " + Instant.ofEpochMilli(millis)
                    + ", asked to go back to " + Instant.ofEpochMilli(nowMillis));
        }
        millis = nowMillis;
    }

    @Override
    public long millis() {
        return millis;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        // the store reads only instants; the zone does not change what this clock says
        return this;
    }
}
