package io.loupe.index.metric.codec;

/**
 * The general-purpose value encoding of Facebook's Gorilla paper: each value's bits XORed with the
 * previous value's, and only the meaningful middle of the XOR stored. Works on raw bits, so every
 * double round-trips exactly (NaN payloads, -0.0, infinities, subnormals).
 *
 * <pre>
 * GorillaBody --&gt; FirstBits(64 bits), Entry^(Count - 1), zero padding to a byte
 * Entry       --&gt; '0'                                                    XOR is zero: same value
 *               | '1' '0' Meaningful(previous window's length bits)       XOR fits the previous window
 *               | '1' '1' Leading(5 bits) Length(6 bits, 0 means 64) Meaningful(Length bits)
 * </pre>
 *
 * Leading counts the XOR's leading zero bits, capped at 31; the window is Length bits starting after
 * them. Bits are written most significant first.
 */
final class GorillaXorCodec {
    private GorillaXorCodec() {
    }

    static void encode(double[] values, int count, ColumnOutput out) {
        BitOutput bits = new BitOutput(out);
        long previous = Double.doubleToRawLongBits(values[0]);
        bits.writeBits(previous, 64);
        int windowLeading = -1;
        int windowTrailing = 0;
        for (int i = 1; i < count; i++) {
            long current = Double.doubleToRawLongBits(values[i]);
            long xor = current ^ previous;
            previous = current;
            if (xor == 0) {
                bits.writeBit(false);
                continue;
            }
            bits.writeBit(true);
            int leading = Math.min(31, Long.numberOfLeadingZeros(xor));
            int trailing = Long.numberOfTrailingZeros(xor);
            if (windowLeading >= 0 && leading >= windowLeading && trailing >= windowTrailing) {
                bits.writeBit(false);
                bits.writeBits(xor >>> windowTrailing, 64 - windowLeading - windowTrailing);
                continue;
            }
            int length = 64 - leading - trailing;
            bits.writeBit(true);
            bits.writeBits(leading, 5);
            bits.writeBits(length & 63, 6);
            bits.writeBits(xor >>> trailing, length);
            windowLeading = leading;
            windowTrailing = trailing;
        }
        bits.flush();
    }

    static double[] decode(ColumnInput in, int count) {
        BitInput bits = new BitInput(in);
        double[] values = new double[count];
        long previous = bits.readBits(64);
        values[0] = Double.longBitsToDouble(previous);
        int windowLeading = -1;
        int windowTrailing = 0;
        for (int i = 1; i < count; i++) {
            if (bits.readBit()) {
                if (bits.readBit()) {
                    windowLeading = (int) bits.readBits(5);
                    int length = (int) bits.readBits(6);
                    if (length == 0) {
                        length = 64;
                    }
                    windowTrailing = 64 - windowLeading - length;
                    if (windowTrailing < 0) {
                        throw new MalformedColumnException("xor window of " + length + " bits after " + windowLeading
                                + " leading zeros exceeds 64 bits");
                    }
                } else if (windowLeading < 0) {
                    throw new MalformedColumnException("xor entry " + i + " reuses a window before any was set");
                }
                long meaningful = bits.readBits(64 - windowLeading - windowTrailing);
                previous ^= meaningful << windowTrailing;
            }
            values[i] = Double.longBitsToDouble(previous);
        }
        return values;
    }
}
