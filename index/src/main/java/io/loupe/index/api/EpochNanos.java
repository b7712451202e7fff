package io.loupe.index.api;

import java.time.Instant;

/** Event times are epoch nanoseconds (a long reaches the year 2262). */
public final class EpochNanos {

    private EpochNanos() {
    }

    /** Nanoseconds since the epoch; throws ArithmeticException past the year 2262. */
    /** Milliseconds since the epoch as nanoseconds, saturating at the long range. */
    public static long ofMillis(long millis) {
        if (millis > Long.MAX_VALUE / 1_000_000L) {
            return Long.MAX_VALUE;
        }
        if (millis < Long.MIN_VALUE / 1_000_000L) {
            return Long.MIN_VALUE;
        }
        return millis * 1_000_000L;
    }

    public static long of(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }

    public static Instant toInstant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }
}
