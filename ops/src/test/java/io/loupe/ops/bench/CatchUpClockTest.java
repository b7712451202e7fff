package io.loupe.ops.bench;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CatchUpClockTest {
    private static final long DAY = 86_400_000L;

    @Test
    void itStandsInThePastMovesOnlyForwardAndThenFollowsRealTime() {
        long start = System.currentTimeMillis() - DAY;
        CatchUpClock clock = new CatchUpClock(start);
        assertTrue(clock.millis() >= start && clock.millis() < start + 60_000, "clock at " + clock.instant());
        clock.advanceTo(start + DAY / 2);
        assertTrue(clock.millis() >= start + DAY / 2 && clock.millis() < start + DAY / 2 + 60_000, "clock at " + clock.instant());
        assertThrows(IllegalArgumentException.class, () -> clock.advanceTo(start));
        assertThrows(IllegalArgumentException.class, () -> clock.advanceTo(System.currentTimeMillis() + DAY));
        clock.catchUp();
        long real = System.currentTimeMillis();
        assertTrue(Math.abs(clock.millis() - real) < 60_000, "clock at " + clock.instant() + ", real time " + real);
    }

    @Test
    void itCannotStartInTheFuture() {
        assertThrows(IllegalArgumentException.class, () -> new CatchUpClock(System.currentTimeMillis() + DAY));
    }
}
