package io.loupe.index.api;

/** A half-open range of event time, {@code [fromNanos, toNanos)}, in epoch nanoseconds. */
public record TimeRange(long fromNanos, long toNanos) {
    public TimeRange {
        if (toNanos < fromNanos) {
            throw new IllegalArgumentException("time range ends before it starts: " + fromNanos + " > " + toNanos);
        }
    }

    public boolean contains(long nanos) {
        return nanos >= fromNanos && nanos < toNanos;
    }
}
