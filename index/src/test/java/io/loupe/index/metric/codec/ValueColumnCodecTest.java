package io.loupe.index.metric.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loupe.index.api.StaleMarker;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Typical columns get the compact encoding meant for them; the sizes are what a user's disk sees. */
class ValueColumnCodecTest {
    private static final int SAMPLES = 720;

    @Test
    void aConstantTakesAFewBytes() {
        double[] ones = new double[SAMPLES];
        Arrays.fill(ones, 1.0);
        assertEncoding(ValueEncoding.CONSTANT, ones, 3);
        double[] stale = new double[SAMPLES];
        Arrays.fill(stale, StaleMarker.VALUE);
        assertEncoding(ValueEncoding.CONSTANT, stale, 11);
    }

    @Test
    void aCounterAtASteadyRateTakesAFewBytes() {
        double[] counter = new double[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            counter[i] = 1_000_000 + 4096.0 * i;
        }
        assertEncoding(ValueEncoding.DECIMAL, counter, 30);
    }

    @Test
    void aNoisyIntegerCounterTakesAboutTheBitsOfItsIncrements() {
        Random random = new Random(1);
        double[] counter = new double[SAMPLES];
        long value = 123_456_789;
        for (int i = 0; i < SAMPLES; i++) {
            value += random.nextInt(256);
            counter[i] = value;
        }
        assertEncoding(ValueEncoding.DECIMAL, counter, SAMPLES * 9 / 8 + 30);
    }

    @Test
    void cpuSecondsWithTwoDecimalsCostAboutTheBitsOfTheirJitter() {
        Random random = new Random(2);
        double[] seconds = new double[SAMPLES];
        long hundredths = 98_765_432;
        for (int i = 0; i < SAMPLES; i++) {
            hundredths += 1000 + random.nextInt(9) - 4;
            seconds[i] = Double.parseDouble(hundredths / 100 + "." + String.format("%02d", hundredths % 100));
        }
        // nine possible increments: at best log2(9) = 3.2 bits a sample; four bits plus a header per 64 samples is allowed
        assertEncoding(ValueEncoding.DECIMAL, seconds, SAMPLES / 2 + 60);
    }

    @Test
    void aStaleMarkerAtTheEndKeepsACounterDecimal() {
        double[] counter = new double[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            counter[i] = 5000 + 10.0 * i;
        }
        counter[SAMPLES - 1] = StaleMarker.VALUE;
        double[] decoded = assertEncoding(ValueEncoding.DECIMAL, counter, 40);
        assertTrue(StaleMarker.is(decoded[SAMPLES - 1]));
    }

    @Test
    void randomBitsFallBackToGorilla() {
        Random random = new Random(3);
        double[] noise = new double[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            noise[i] = Double.longBitsToDouble(random.nextLong());
        }
        assertEncoding(ValueEncoding.GORILLA_XOR, noise, SAMPLES * 9);
    }

    @Test
    void negativeZeroIsNotConfusedWithZero() {
        double[] zeros = {0.0, -0.0, 0.0, 0.0};
        double[] decoded = assertEncoding(ValueEncoding.GORILLA_XOR, zeros, 20);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(decoded[1]));
    }

    private static double[] assertEncoding(ValueEncoding expected, double[] values, int maxBytes) {
        ColumnOutput out = new ColumnOutput();
        assertEquals(expected, ValueColumnCodec.encode(values, values.length, out));
        assertTrue(out.size() <= maxBytes, expected + " column of " + values.length + " values took " + out.size()
                + " bytes, more than " + maxBytes);
        double[] decoded = ValueColumnCodec.decode(new ColumnInput(out.buffer(), 0, out.size()), values.length);
        ValueColumnCodecPropertiesTest.assertSameBits(values, decoded, expected.name());
        return decoded;
    }
}
