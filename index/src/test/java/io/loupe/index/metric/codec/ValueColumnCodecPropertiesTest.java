package io.loupe.index.metric.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;

/** Every column of doubles comes back bit for bit, whichever encoding is chosen, and the decoder stops exactly at its end. */
class ValueColumnCodecPropertiesTest {

    @Property(tries = 600)
    void everyColumnRoundTripsBitForBit(@ForAll("columns") double[] values) {
        ColumnOutput out = new ColumnOutput();
        out.writeByte(0xAB);
        ValueEncoding encoding = ValueColumnCodec.encode(values, values.length, out);
        int end = out.size();
        out.writeLong(0x5555_5555_5555_5555L);

        ColumnInput in = new ColumnInput(out.buffer(), 1, out.size() - 1);
        double[] decoded = ValueColumnCodec.decode(in, values.length);

        assertSameBits(values, decoded, encoding.name());
        assertEquals(end, in.position(), encoding + " decoder must stop at the column's end");
    }

    @Property(tries = 300)
    void decimalEncodingRoundTripsWhereverItApplies(@ForAll("columns") double[] values) {
        ColumnOutput out = new ColumnOutput();
        if (DecimalColumnCodec.tryEncode(values, values.length, out)) {
            ColumnInput in = new ColumnInput(out.buffer(), 0, out.size());
            assertSameBits(values, DecimalColumnCodec.decode(in, values.length), "decimal");
            assertEquals(0, in.remaining());
        }
    }

    @Property(tries = 300)
    void gorillaRoundTripsAnyColumn(@ForAll("columns") double[] values) {
        ColumnOutput out = new ColumnOutput();
        GorillaXorCodec.encode(values, values.length, out);
        ColumnInput in = new ColumnInput(out.buffer(), 0, out.size());
        assertSameBits(values, GorillaXorCodec.decode(in, values.length), "gorilla");
        assertEquals(0, in.remaining());
    }

    @Provide
    Arbitrary<double[]> columns() {
        return Combinators.combine(
                        Arbitraries.of(ValueShape.class),
                        Arbitraries.integers().between(1, 5000).withDistribution(RandomDistribution.biased()),
                        Arbitraries.longs())
                .as((shape, count, seed) -> shape.generate(new Random(seed), count));
    }

    static void assertSameBits(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": value count");
        for (int i = 0; i < expected.length; i++) {
            long expectedBits = Double.doubleToRawLongBits(expected[i]);
            long actualBits = Double.doubleToRawLongBits(actual[i]);
            if (expectedBits != actualBits) {
                throw new AssertionError(String.format("%s: value %d is %s (0x%016X) but %s (0x%016X) was written", what, i,
                        actual[i], actualBits, expected[i], expectedBits));
            }
        }
    }
}
