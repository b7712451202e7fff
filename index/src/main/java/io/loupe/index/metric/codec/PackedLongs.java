package io.loupe.index.metric.codec;

import java.util.Arrays;

/**
 * A run of signed longs (deltas or delta-of-deltas) in one of three layouts; which one is stored by
 * the caller, next to the count. The encoder picks whichever is smallest.
 *
 * <pre>
 * PackedLongs --&gt; ZigZagVarLong^Count                   layout 0, VARINT
 *               | ZigZagBlock^ceil(Count / 64)           layout 1, BIT_PACKED
 *               | OffsetBlock^ceil(Count / 64)           layout 2, FRAME_OF_REFERENCE
 *               | NonZeroCount(varint), (Gap(varint), ZigZagVarLong)^NonZeroCount     layout 3, SPARSE
 * ZigZagBlock --&gt; Width(uint8, 0..64), Bits              each zigzag(value) in Width bits
 * OffsetBlock --&gt; Min(zigzag varint), Width(uint8, 0..64), Bits    each value - Min (unsigned) in Width bits
 * Bits        --&gt; the block's fields, most significant bit first, zero-padded to a byte
 * </pre>
 *
 * Varints are byte-aligned, so runs of equal small values stay visible to LZ4. Zigzag bit packing
 * spends only the bits the widest value of a block needs (a block of zeros is one byte). Frame of
 * reference suits values clustered away from zero, such as the deltas of a counter whose rate
 * wobbles around a mean: they cost the bits of the wobble, not of the rate. Sparse stores only the
 * non-zero values, each after the count of zeros before it (Gap), for gauges that rarely change.
 */
final class PackedLongs {
    static final int VARINT = 0;
    static final int BIT_PACKED = 1;
    static final int FRAME_OF_REFERENCE = 2;
    static final int SPARSE = 3;
    static final int LAYOUT_COUNT = 4;
    static final int BLOCK_SIZE = 64;

    private PackedLongs() {
    }

    /** The layout that stores {@code values[from, from + count)} in the fewest bytes (the lower number on a tie). */
    static int smallestLayout(long[] values, int from, int count) {
        int best = VARINT;
        long bestSize = sizeOf(values, from, count, VARINT);
        for (int layout = BIT_PACKED; layout < LAYOUT_COUNT; layout++) {
            long size = sizeOf(values, from, count, layout);
            if (size < bestSize) {
                best = layout;
                bestSize = size;
            }
        }
        return best;
    }

    static long sizeOf(long[] values, int from, int count, int layout) {
        long size = 0;
        if (layout == SPARSE) {
            int nonZero = 0;
            int previous = from - 1;
            for (int i = from; i < from + count; i++) {
                if (values[i] != 0) {
                    size += ColumnOutput.unsignedVarLongSize(i - previous - 1) + ColumnOutput.unsignedVarLongSize(ZigZag.encode(values[i]));
                    previous = i;
                    nonZero++;
                }
            }
            return size + ColumnOutput.unsignedVarLongSize(nonZero);
        }
        if (layout == VARINT) {
            for (int i = from; i < from + count; i++) {
                size += ColumnOutput.unsignedVarLongSize(ZigZag.encode(values[i]));
            }
            return size;
        }
        for (int blockStart = from; blockStart < from + count; blockStart += BLOCK_SIZE) {
            int blockCount = Math.min(BLOCK_SIZE, from + count - blockStart);
            if (layout == BIT_PACKED) {
                size += 1 + BitOutput.bytesFor((long) blockCount * zigZagWidth(values, blockStart, blockCount));
            } else {
                long min = min(values, blockStart, blockCount);
                size += ColumnOutput.unsignedVarLongSize(ZigZag.encode(min)) + 1
                        + BitOutput.bytesFor((long) blockCount * offsetWidth(values, blockStart, blockCount, min));
            }
        }
        return size;
    }

    static void write(long[] values, int from, int count, int layout, ColumnOutput out) {
        if (layout == SPARSE) {
            int nonZero = 0;
            for (int i = from; i < from + count; i++) {
                nonZero += values[i] != 0 ? 1 : 0;
            }
            out.writeUnsignedVarLong(nonZero);
            int previous = from - 1;
            for (int i = from; i < from + count; i++) {
                if (values[i] != 0) {
                    out.writeUnsignedVarLong(i - previous - 1);
                    out.writeSignedVarLong(values[i]);
                    previous = i;
                }
            }
            return;
        }
        if (layout == VARINT) {
            for (int i = from; i < from + count; i++) {
                out.writeSignedVarLong(values[i]);
            }
            return;
        }
        BitOutput bits = new BitOutput(out);
        for (int blockStart = from; blockStart < from + count; blockStart += BLOCK_SIZE) {
            int blockCount = Math.min(BLOCK_SIZE, from + count - blockStart);
            if (layout == BIT_PACKED) {
                int width = zigZagWidth(values, blockStart, blockCount);
                out.writeByte(width);
                for (int i = blockStart; i < blockStart + blockCount; i++) {
                    bits.writeBits(ZigZag.encode(values[i]), width);
                }
            } else {
                long min = min(values, blockStart, blockCount);
                int width = offsetWidth(values, blockStart, blockCount, min);
                out.writeSignedVarLong(min);
                out.writeByte(width);
                for (int i = blockStart; i < blockStart + blockCount; i++) {
                    bits.writeBits(values[i] - min, width);
                }
            }
            bits.flush();
        }
    }

    static void read(ColumnInput in, int layout, long[] into, int from, int count) {
        if (layout == SPARSE) {
            Arrays.fill(into, from, from + count, 0);
            int nonZero = in.readUnsignedVarInt(count, "sparse non-zero count");
            long position = from - 1;
            for (int n = 0; n < nonZero; n++) {
                position += 1 + in.readUnsignedVarInt(count, "sparse gap");
                if (position >= from + count) {
                    throw new MalformedColumnException("sparse value at position " + (position - from) + " is beyond the "
                            + count + " values");
                }
                into[(int) position] = in.readSignedVarLong();
            }
            return;
        }
        if (layout == VARINT) {
            for (int i = from; i < from + count; i++) {
                into[i] = in.readSignedVarLong();
            }
            return;
        }
        if (layout != BIT_PACKED && layout != FRAME_OF_REFERENCE) {
            throw new MalformedColumnException("packed-long layout " + layout + " is not one of 0 (varint), 1 (bit-packed), "
                    + "2 (frame of reference), 3 (sparse)");
        }
        for (int blockStart = from; blockStart < from + count; blockStart += BLOCK_SIZE) {
            int blockCount = Math.min(BLOCK_SIZE, from + count - blockStart);
            long min = layout == FRAME_OF_REFERENCE ? in.readSignedVarLong() : 0;
            int width = in.readByte();
            if (width > 64) {
                throw new MalformedColumnException("bit-packed block width " + width + " exceeds 64");
            }
            BitInput bits = new BitInput(in);
            for (int i = blockStart; i < blockStart + blockCount; i++) {
                long field = bits.readBits(width);
                into[i] = layout == BIT_PACKED ? ZigZag.decode(field) : min + field;
            }
        }
    }

    private static int zigZagWidth(long[] values, int from, int count) {
        long union = 0;
        for (int i = from; i < from + count; i++) {
            union |= ZigZag.encode(values[i]);
        }
        return 64 - Long.numberOfLeadingZeros(union);
    }

    private static long min(long[] values, int from, int count) {
        long min = Long.MAX_VALUE;
        for (int i = from; i < from + count; i++) {
            min = Math.min(min, values[i]);
        }
        return min;
    }

    private static int offsetWidth(long[] values, int from, int count, long min) {
        long union = 0;
        for (int i = from; i < from + count; i++) {
            union |= values[i] - min;
        }
        return 64 - Long.numberOfLeadingZeros(union);
    }
}
