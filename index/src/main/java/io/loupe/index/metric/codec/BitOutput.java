package io.loupe.index.metric.codec;

/**
 * Appends bit fields, most significant bit first, to a {@link ColumnOutput}; {@link #flush()} pads
 * the last byte with zero bits. Not thread-safe.
 */
final class BitOutput {
    private final ColumnOutput out;
    private long pending;
    private int pendingBits;

    BitOutput(ColumnOutput out) {
        this.out = out;
    }

    void writeBit(boolean bit) {
        writeBits(bit ? 1 : 0, 1);
    }

    /** Writes the low {@code count} bits of {@code value}, 0 ≤ count ≤ 64. */
    void writeBits(long value, int count) {
        if (count > 32) {
            writeBits(value >>> 32, count - 32);
            writeBits(value, 32);
            return;
        }
        if (count == 0) {
            return;
        }
        long masked = value & (-1L >>> (64 - count));
        pending = (pending << count) | masked;
        pendingBits += count;
        while (pendingBits >= 8) {
            pendingBits -= 8;
            out.writeByte((int) (pending >>> pendingBits));
        }
    }

    /** Writes the partial last byte, if any, padded with zero bits. */
    void flush() {
        if (pendingBits > 0) {
            out.writeByte((int) (pending << (8 - pendingBits)));
            pendingBits = 0;
        }
        pending = 0;
    }

    /** Bytes that {@code bitCount} bits take once flushed. */
    static int bytesFor(long bitCount) {
        return (int) ((bitCount + 7) >>> 3);
    }
}
