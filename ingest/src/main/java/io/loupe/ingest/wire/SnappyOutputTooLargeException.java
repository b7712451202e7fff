package io.loupe.ingest.wire;

/**
 * A snappy block whose preamble declares more uncompressed bytes than the caller allows. Thrown before
 * anything is allocated, so a small body cannot make the server reserve a large buffer. Callers map
 * it to their own limit (for ingest bodies: 413 naming {@code ingest.max_body_bytes}).
 */
public final class SnappyOutputTooLargeException extends SnappyFormatException {
    private final long declaredLength;
    private final int limit;

    public SnappyOutputTooLargeException(long declaredLength, int limit) {
        super("declared uncompressed length " + declaredLength + " bytes is more than the limit of " + limit + " bytes", 0);
        this.declaredLength = declaredLength;
        this.limit = limit;
    }

    public long declaredLength() {
        return declaredLength;
    }

    public int limit() {
        return limit;
    }
}
