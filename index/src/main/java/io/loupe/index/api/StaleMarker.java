package io.loupe.index.api;

/**
 * Prometheus's staleness marker: a NaN with a specific payload, written when a series disappears
 * from its target. It ends the series for "last value" purposes and is never counted as a value.
 */
public final class StaleMarker {
    public static final long BITS = 0x7ff0000000000002L;
    public static final double VALUE = Double.longBitsToDouble(BITS);

    private StaleMarker() {
    }

    public static boolean is(double value) {
        return Double.doubleToRawLongBits(value) == BITS;
    }
}
