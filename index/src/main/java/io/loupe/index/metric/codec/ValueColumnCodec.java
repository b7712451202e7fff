package io.loupe.index.metric.codec;

import java.util.Arrays;

/**
 * Encodes one column of doubles with whichever encoding is smallest for it, behind a one-byte tag.
 * Every double round-trips bit for bit.
 *
 * <pre>
 * ValueColumn --&gt; Tag(uint8), Body                             the count is the timestamp column's
 * Body        --&gt; ConstantBits                                 Tag 0, {@link ValueEncoding#CONSTANT}
 *               | DecimalBody                                  Tag 1, {@link DecimalColumnCodec}
 *               | GorillaBody                                  Tag 2, {@link GorillaXorCodec}
 * ConstantBits --&gt; varint of the value's raw bits reversed (round numbers such as 0, 1 or 4096 take 1-2 bytes)
 * </pre>
 *
 * Constant wins whenever all values share their bits; otherwise decimal and Gorilla are both
 * encoded and the smaller kept (decimal on a tie).
 */
final class ValueColumnCodec {
    private ValueColumnCodec() {
    }

    /** Appends the column and returns the encoding it chose. */
    static ValueEncoding encode(double[] values, int count, ColumnOutput out) {
        if (count < 1) {
            throw new IllegalArgumentException("value count " + count + " is below 1");
        }
        long firstBits = Double.doubleToRawLongBits(values[0]);
        if (allBitsEqual(values, count, firstBits)) {
            out.writeByte(ValueEncoding.CONSTANT.tag());
            out.writeUnsignedVarLong(Long.reverse(firstBits));
            return ValueEncoding.CONSTANT;
        }
        ColumnOutput decimal = new ColumnOutput(count * 2);
        boolean decimalFits = DecimalColumnCodec.tryEncode(values, count, decimal);
        ColumnOutput gorilla = new ColumnOutput(count * 2);
        GorillaXorCodec.encode(values, count, gorilla);
        if (decimalFits && decimal.size() <= gorilla.size()) {
            out.writeByte(ValueEncoding.DECIMAL.tag());
            out.writeBytes(decimal.buffer(), 0, decimal.size());
            return ValueEncoding.DECIMAL;
        }
        out.writeByte(ValueEncoding.GORILLA_XOR.tag());
        out.writeBytes(gorilla.buffer(), 0, gorilla.size());
        return ValueEncoding.GORILLA_XOR;
    }

    static double[] decode(ColumnInput in, int count) {
        ValueEncoding encoding = ValueEncoding.ofTag(in.readByte());
        return switch (encoding) {
            case CONSTANT -> {
                double[] values = new double[count];
                Arrays.fill(values, Double.longBitsToDouble(Long.reverse(in.readUnsignedVarLong())));
                yield values;
            }
            case DECIMAL -> DecimalColumnCodec.decode(in, count);
            case GORILLA_XOR -> GorillaXorCodec.decode(in, count);
        };
    }

    private static boolean allBitsEqual(double[] values, int count, long bits) {
        for (int i = 1; i < count; i++) {
            if (Double.doubleToRawLongBits(values[i]) != bits) {
                return false;
            }
        }
        return true;
    }
}
