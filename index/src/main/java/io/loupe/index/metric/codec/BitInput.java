package io.loupe.index.metric.codec;

/**
 * Reads bit fields written by {@link BitOutput} from a {@link ColumnInput}, consuming whole bytes
 * as it needs them: once the last field is read, the input stands just past the padded last byte.
 * A read past the input's end throws {@link MalformedColumnException}. Not thread-safe.
 */
final class BitInput {
    private final ColumnInput in;
    private long buffered;
    private int bufferedBits;

    BitInput(ColumnInput in) {
        this.in = in;
    }

    boolean readBit() {
        return readBits(1) != 0;
    }

    /** Reads {@code count} bits, 0 ≤ count ≤ 64, as the low bits of the result. */
    long readBits(int count) {
        if (count > 32) {
            long high = readBits(count - 32);
            return (high << 32) | readBits(32);
        }
        if (count == 0) {
            return 0;
        }
        while (bufferedBits < count) {
            buffered = (buffered << 8) | in.readByte();
            bufferedBits += 8;
        }
        bufferedBits -= count;
        return (buffered >>> bufferedBits) & (-1L >>> (64 - count));
    }
}
