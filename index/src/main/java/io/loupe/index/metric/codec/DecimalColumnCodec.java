package io.loupe.index.metric.codec;

/**
 * Values that are decimals, or within a few ulps of decimals, with at most 15 fraction digits,
 * stored as integers: each value v is approximated by {@code (double) m / 10^k} for one scale k per
 * column and an integer m, and the difference between v's raw bits and the approximation's raw bits
 * (the correction, in ulps) is stored beside, usually as nothing at all. The integers are stored as
 * deltas, delta-of-deltas or offsets from the first, divided by their greatest common divisor, the
 * corrections as their own run; both as {@link PackedLongs} in whichever order and layout is smallest. Counters and integer gauges
 * become a few bits per sample, memory sizes (multiples of 1024 or 4096) lose their zero low bits
 * to the divisor, and values a program computed as {@code micros / 1000.0 / 1000.0} (off the
 * nearest decimal by an ulp) cost a bit or two more, not a fallback to XOR.
 *
 * <pre>
 * DecimalBody --&gt; Params(uint8), Extras(uint8), [Divisor(varint, &ge; 2)], First(zigzag varint), Run,
 *                 [CorrectionLayout(uint8), PackedLongs^Count]    the corrections, if present
 * Params      --&gt; bits 0-3: Scale k (0..15); bits 4-5: Order; bits 6-7: Layout of the Run's PackedLongs
 *                 (0 varint, 1 zigzag bit-packed, 2 frame of reference, 3 sparse)
 * Extras      --&gt; bit 0: Divisor present; bit 1: Corrections present; other bits 0
 * Run         --&gt; PackedLongs^(Count - 1) of d(i) = (m(i) - m(i - 1)) / Divisor              Order 0, delta
 *               | [FirstDelta(zigzag varint), PackedLongs^(Count - 2) of d(i) - d(i - 1)]   Order 1, delta of delta
 *               | PackedLongs^(Count - 1) of (m(i) - First) / Divisor                      Order 2, offset
 * </pre>
 *
 * Delta suits counters, delta-of-delta counters at a steady rate, offset gauges that jump around a
 * level (their deltas span twice the range of the values).
 *
 * <p>A value decodes to {@code longBitsToDouble(doubleToRawLongBits((double) m / 10^k) + correction)}
 * (for k = 0 just {@code (double) m}). Arithmetic wraps modulo 2^64, so every double round-trips,
 * including those no scale approximates (NaN such as the stale marker, ±Inf, -0.0): their m repeats
 * the previous m (0 at position 0) and the correction carries their bits. The encoder tries two
 * scales and keeps the smaller result: the smallest at which all values are exact decimals (a
 * quarter of them may be misfits), and the smallest at which three quarters are within
 * {@value #NEAR_ULPS} ulps of one; a column with neither does not qualify.
 */
final class DecimalColumnCodec {
    static final int MAX_SCALE = 15;
    static final int NEAR_ULPS = 3;
    private static final int ORDER_DELTA = 0;
    private static final int ORDER_DELTA_OF_DELTA = 1;
    private static final int ORDER_OFFSET = 2;
    private static final int ORDER_COUNT = 3;
    private static final int EXTRA_DIVISOR = 1;
    private static final int EXTRA_CORRECTIONS = 1 << 1;
    private static final long NOT_REPRESENTABLE = Long.MIN_VALUE;
    private static final double[] POWERS_OF_TEN = new double[MAX_SCALE + 1];

    static {
        double power = 1;
        for (int k = 0; k <= MAX_SCALE; k++) {
            POWERS_OF_TEN[k] = power;
            power *= 10;
        }
    }

    private DecimalColumnCodec() {
    }

    /**
     * Writes the smallest decimal body for the values and returns true, or writes nothing and
     * returns false when no scale fits.
     */
    static boolean tryEncode(double[] values, int count, ColumnOutput out) {
        int maxMisfits = count / 4;
        int exactScale = exactScale(values, count, maxMisfits);
        int nearScale = nearScale(values, count, maxMisfits, exactScale < 0 ? MAX_SCALE : exactScale - 1);
        if (exactScale < 0 && nearScale < 0) {
            return false;
        }
        if (exactScale < 0 || nearScale < 0) {
            writeBody(values, count, Math.max(exactScale, nearScale), out);
            return true;
        }
        ColumnOutput exact = new ColumnOutput(count * 2);
        writeBody(values, count, exactScale, exact);
        ColumnOutput near = new ColumnOutput(count * 2);
        writeBody(values, count, nearScale, near);
        ColumnOutput smaller = near.size() < exact.size() ? near : exact;
        out.writeBytes(smaller.buffer(), 0, smaller.size());
        return true;
    }

    private static void writeBody(double[] values, int count, int scale, ColumnOutput out) {
        long[] integers = new long[count];
        long[] corrections = new long[count];
        boolean corrected = false;
        long previous = 0;
        for (int i = 0; i < count; i++) {
            long integer = approximation(values[i], scale);
            if (integer == NOT_REPRESENTABLE) {
                integer = previous;
            }
            integers[i] = integer;
            corrections[i] = Double.doubleToRawLongBits(values[i]) - Double.doubleToRawLongBits(unscaled(integer, scale));
            corrected |= corrections[i] != 0;
            previous = integer;
        }
        writeSmallestBody(integers, corrected ? corrections : null, count, scale, out);
    }

    /**
     * The largest of the values' smallest exact scales, or -1 when more than {@code maxMisfits}
     * values are exact at no scale or not at the chosen one.
     */
    private static int exactScale(double[] values, int count, int maxMisfits) {
        int scale = 0;
        int misfits = 0;
        for (int i = 0; i < count; i++) {
            double value = values[i];
            if (isExact(value, scale)) {
                continue;
            }
            int needed = scale + 1;
            while (needed <= MAX_SCALE && !isExact(value, needed)) {
                needed++;
            }
            if (needed <= MAX_SCALE) {
                scale = needed;
            } else if (++misfits > maxMisfits) {
                return -1;
            }
        }
        misfits = 0;
        for (int i = 0; i < count; i++) {
            if (!isExact(values[i], scale) && ++misfits > maxMisfits) {
                return -1;
            }
        }
        return scale;
    }

    /**
     * The smallest scale up to {@code maxScale} at which all but {@code maxMisfits} values lie
     * within {@link #NEAR_ULPS} ulps of a decimal, or -1.
     */
    private static int nearScale(double[] values, int count, int maxMisfits, int maxScale) {
        for (int scale = 0; scale <= maxScale; scale++) {
            int misfits = 0;
            for (int i = 0; i < count && misfits <= maxMisfits; i++) {
                long integer = approximation(values[i], scale);
                long ulps = integer == NOT_REPRESENTABLE ? Long.MAX_VALUE
                        : Double.doubleToRawLongBits(values[i]) - Double.doubleToRawLongBits(unscaled(integer, scale));
                if (Math.abs(ulps) > NEAR_ULPS) {
                    misfits++;
                }
            }
            if (misfits <= maxMisfits) {
                return scale;
            }
        }
        return -1;
    }

    private static boolean isExact(double value, int scale) {
        long integer = approximation(value, scale);
        return integer != NOT_REPRESENTABLE
                && Double.doubleToRawLongBits(unscaled(integer, scale)) == Double.doubleToRawLongBits(value);
    }

    /**
     * The integer m nearest to {@code value * 10^scale}, or {@link #NOT_REPRESENTABLE} when the
     * value is not finite or m would exceed ±2^63 (scale 0) or ±2^53 (so that {@code (double) m} is exact).
     */
    private static long approximation(double value, int scale) {
        if (scale == 0) {
            return Math.abs(value) < 0x1p63 ? Math.round(value) : NOT_REPRESENTABLE;
        }
        double product = value * POWERS_OF_TEN[scale];
        return Math.abs(product) <= 0x1p53 ? Math.round(product) : NOT_REPRESENTABLE;
    }

    private static double unscaled(long integer, int scale) {
        return scale == 0 ? (double) integer : (double) integer / POWERS_OF_TEN[scale];
    }

    private static void writeSmallestBody(long[] integers, long[] corrections, int count, int scale, ColumnOutput out) {
        long divisor = divisorOfDeltas(integers, count);
        int runLength = Math.max(0, count - 1);
        long[][] runs = new long[ORDER_COUNT][runLength];
        for (int i = 1; i < count; i++) {
            runs[ORDER_DELTA][i - 1] = (integers[i] - integers[i - 1]) / divisor;
            runs[ORDER_DELTA_OF_DELTA][i - 1] = i == 1 ? runs[ORDER_DELTA][0] : runs[ORDER_DELTA][i - 1] - runs[ORDER_DELTA][i - 2];
            runs[ORDER_OFFSET][i - 1] = (integers[i] - integers[0]) / divisor;
        }
        int bestOrder = ORDER_DELTA;
        int bestLayout = PackedLongs.VARINT;
        long bestSize = Long.MAX_VALUE;
        for (int order = 0; order < ORDER_COUNT; order++) {
            int from = order == ORDER_DELTA_OF_DELTA && runLength > 0 ? 1 : 0;
            int layout = PackedLongs.smallestLayout(runs[order], from, runLength - from);
            long size = PackedLongs.sizeOf(runs[order], from, runLength - from, layout)
                    + (from == 1 ? ColumnOutput.unsignedVarLongSize(ZigZag.encode(runs[order][0])) : 0);
            if (size < bestSize) {
                bestOrder = order;
                bestLayout = layout;
                bestSize = size;
            }
        }
        out.writeByte(scale | bestOrder << 4 | bestLayout << 6);
        out.writeByte((divisor > 1 ? EXTRA_DIVISOR : 0) | (corrections != null ? EXTRA_CORRECTIONS : 0));
        if (divisor > 1) {
            out.writeUnsignedVarLong(divisor);
        }
        out.writeSignedVarLong(integers[0]);
        long[] run = runs[bestOrder];
        if (bestOrder == ORDER_DELTA_OF_DELTA && runLength > 0) {
            out.writeSignedVarLong(run[0]);
            PackedLongs.write(run, 1, runLength - 1, bestLayout, out);
        } else {
            PackedLongs.write(run, 0, runLength, bestLayout, out);
        }
        if (corrections != null) {
            int correctionLayout = PackedLongs.smallestLayout(corrections, 0, count);
            out.writeByte(correctionLayout);
            PackedLongs.write(corrections, 0, count, correctionLayout, out);
        }
    }

    /** The greatest common divisor of all deltas; 1 when there are none, all are zero, or one is -2^63. */
    private static long divisorOfDeltas(long[] integers, int count) {
        long divisor = 0;
        for (int i = 1; i < count && divisor != 1; i++) {
            long delta = integers[i] - integers[i - 1];
            if (delta == Long.MIN_VALUE) {
                return 1;
            }
            divisor = greatestCommonDivisor(divisor, Math.abs(delta));
        }
        return divisor == 0 ? 1 : divisor;
    }

    private static long greatestCommonDivisor(long a, long b) {
        while (b != 0) {
            long remainder = a % b;
            a = b;
            b = remainder;
        }
        return a;
    }

    static double[] decode(ColumnInput in, int count) {
        int params = in.readByte();
        int scale = params & 0x0F;
        int order = (params >>> 4) & 0x03;
        int layout = params >>> 6;
        if (order >= ORDER_COUNT) {
            throw new MalformedColumnException("decimal order " + order + " is not one of 0 (delta), 1 (delta of delta), 2 (offset)");
        }
        int extras = in.readByte();
        if ((extras & ~(EXTRA_DIVISOR | EXTRA_CORRECTIONS)) != 0) {
            throw new MalformedColumnException("decimal extras flags 0x" + Integer.toHexString(extras) + " are not valid");
        }
        long divisor = 1;
        if ((extras & EXTRA_DIVISOR) != 0) {
            divisor = in.readUnsignedVarLong();
            if (divisor < 2) {
                throw new MalformedColumnException("decimal divisor " + Long.toUnsignedString(divisor) + " is below 2");
            }
        }
        long[] integers = new long[count];
        long first = in.readSignedVarLong();
        integers[0] = first;
        if (order == ORDER_DELTA_OF_DELTA) {
            if (count > 1) {
                long delta = in.readSignedVarLong();
                integers[1] = first + delta * divisor;
                PackedLongs.read(in, layout, integers, 2, count - 2);
                for (int i = 2; i < count; i++) {
                    delta += integers[i];
                    integers[i] = integers[i - 1] + delta * divisor;
                }
            }
        } else {
            PackedLongs.read(in, layout, integers, 1, count - 1);
            for (int i = 1; i < count; i++) {
                integers[i] = (order == ORDER_DELTA ? integers[i - 1] : first) + integers[i] * divisor;
            }
        }
        long[] corrections = null;
        if ((extras & EXTRA_CORRECTIONS) != 0) {
            corrections = new long[count];
            PackedLongs.read(in, in.readByte(), corrections, 0, count);
        }
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            long bits = Double.doubleToRawLongBits(unscaled(integers[i], scale));
            values[i] = Double.longBitsToDouble(corrections == null ? bits : bits + corrections[i]);
        }
        return values;
    }
}
