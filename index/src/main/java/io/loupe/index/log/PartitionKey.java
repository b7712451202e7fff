package io.loupe.index.log;

import io.loupe.index.api.LogKind;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Identifies one partition: a kind and a UTC day. Its directory is {@code logs/<kind>/<yyyy-mm-dd>}. */
record PartitionKey(LogKind kind, LocalDate day) implements Comparable<PartitionKey> {
    private static final long NANOS_PER_DAY = 86_400L * 1_000_000_000L;

    static PartitionKey of(LogKind kind, long timestampNanos) {
        return new PartitionKey(kind, LocalDate.ofEpochDay(Math.floorDiv(timestampNanos, NANOS_PER_DAY)));
    }

    Path directory(Path logsRoot) {
        return logsRoot.resolve(kind.wireName()).resolve(day.toString());
    }

    long startNanos() {
        return day.toEpochDay() * NANOS_PER_DAY;
    }

    long endNanos() {
        return startNanos() + NANOS_PER_DAY;
    }

    boolean overlaps(long fromNanos, long toNanos) {
        return startNanos() < toNanos && endNanos() > fromNanos;
    }

    Instant end() {
        return day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    @Override
    public int compareTo(PartitionKey other) {
        int byDay = day.compareTo(other.day);
        return byDay != 0 ? byDay : kind.compareTo(other.kind);
    }

    @Override
    public String toString() {
        return kind.wireName() + "/" + day;
    }
}
