package io.loupe.index.metric.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import org.junit.jupiter.api.Test;

class TimestampColumnCodecPropertiesTest {

    enum Spacing { REGULAR, JITTERED, IRREGULAR, EXTREME }

    @Property(tries = 500)
    void timestampsRoundTripAndTheDecoderStopsAtTheColumnEnd(@ForAll("timestampColumns") long[] timestamps) {
        ColumnOutput out = new ColumnOutput();
        out.writeByte(7);
        TimestampColumnCodec.encode(timestamps, timestamps.length, out);
        int end = out.size();
        out.writeInt(-1);

        ColumnInput in = new ColumnInput(out.buffer(), 1, out.size() - 1);
        assertArrayEquals(timestamps, TimestampColumnCodec.decode(in));
        assertEquals(end, in.position());
    }

    @Test
    void twoHoursOfRegularScrapesTakeAFewBytes() {
        long[] timestamps = new long[720];
        for (int i = 0; i < timestamps.length; i++) {
            timestamps[i] = 1_700_000_000_000L + 10_000L * i;
        }
        ColumnOutput out = new ColumnOutput();
        TimestampColumnCodec.encode(timestamps, timestamps.length, out);
        assertTrue(out.size() <= 25, "720 regular timestamps took " + out.size() + " bytes");
    }

    @Provide
    Arbitrary<long[]> timestampColumns() {
        return Combinators.combine(
                        Arbitraries.of(Spacing.class),
                        Arbitraries.integers().between(1, 5000).withDistribution(RandomDistribution.biased()),
                        Arbitraries.longs())
                .as((spacing, count, seed) -> timestamps(spacing, count, new Random(seed)));
    }

    private static long[] timestamps(Spacing spacing, int count, Random random) {
        long[] timestamps = new long[count];
        if (spacing == Spacing.EXTREME) {
            long step = Long.MAX_VALUE / count;
            timestamps[0] = Long.MIN_VALUE + random.nextInt(1000);
            for (int i = 1; i < count; i++) {
                timestamps[i] = timestamps[i - 1] + 1 + (long) (random.nextDouble() * step);
            }
            return timestamps;
        }
        long interval = 1 + random.nextInt(60_000);
        timestamps[0] = random.nextLong() >> 2;
        for (int i = 1; i < count; i++) {
            long step = switch (spacing) {
                case REGULAR -> interval;
                case JITTERED -> Math.max(1, interval + random.nextInt(21) - 10);
                default -> 1 + random.nextInt(random.nextBoolean() ? 10 : 1_000_000);
            };
            timestamps[i] = timestamps[i - 1] + step;
        }
        return timestamps;
    }
}
