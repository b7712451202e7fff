package io.loupe.search.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.loupe.index.api.EpochNanos;
import io.loupe.index.api.LogSearch;
import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class TimeExpressionTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00.5Z");

    @Test
    void readsEveryForm() {
        long now = EpochNanos.of(NOW);
        assertEquals(now, TimeExpression.parse("now", NOW));
        assertEquals(now - 15 * 60_000_000_000L, TimeExpression.parse("now-15m", NOW));
        assertEquals(now - 2 * 86_400_000_000_000L, TimeExpression.parse("now-2d", NOW));
        assertEquals(now + 3_600_000_000_000L, TimeExpression.parse("now+1h", NOW));
        assertEquals(now - 7 * 86_400_000_000_000L, TimeExpression.parse("now-1w", NOW));
        assertEquals(1_795_341_600_000_000_000L, TimeExpression.parse("1795341600000", NOW));
        assertEquals(1_795_341_600_123_456_789L, TimeExpression.parse("2026-11-22T10:00:00.123456789Z", NOW));
        assertEquals(TimeExpression.parse("2026-11-22T10:00:00Z", NOW), TimeExpression.parse("2026-11-22T11:00:00+01:00", NOW));
        assertThrows(IllegalArgumentException.class, () -> TimeExpression.parse("now-5y", NOW));
        assertThrows(IllegalArgumentException.class, () -> TimeExpression.parse("last tuesday", NOW));
    }

    @Test
    void intervals() {
        assertEquals(Duration.ofSeconds(30), DurationExpression.parse("30s"));
        assertEquals(Duration.ofDays(1), DurationExpression.parse("1d"));
        assertThrows(IllegalArgumentException.class, () -> DurationExpression.parse("0m"));
        assertThrows(IllegalArgumentException.class, () -> DurationExpression.parse("1 minute"));
    }

    @Property(tries = 200)
    void cursorsRoundTrip(@ForAll long timestamp, @ForAll long eventId) {
        LogSearch.SearchAfter after = new LogSearch.SearchAfter(timestamp, eventId);
        assertEquals(after, Cursor.decode(Cursor.encode(after)));
    }
}
