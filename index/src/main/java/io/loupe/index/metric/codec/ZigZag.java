package io.loupe.index.metric.codec;

/** Maps signed longs to unsigned ones so that values near zero, of either sign, become small: 0, -1, 1, -2 → 0, 1, 2, 3. */
final class ZigZag {
    private ZigZag() {
    }

    static long encode(long value) {
        return (value << 1) ^ (value >> 63);
    }

    static long decode(long encoded) {
        return (encoded >>> 1) ^ -(encoded & 1);
    }
}
