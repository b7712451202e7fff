package io.loupe.index.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Whatever order timestamps come in, the cursor answers what the division would. */
class TimeBucketCursorPropertiesTest {

    @Property(tries = 300)
    void answersLikeTheDivisionInAnyOrder(@ForAll @LongRange(min = -1_000_000, max = 1_000_000) long start,
                                          @ForAll @LongRange(min = 1, max = 20) long interval,
                                          @ForAll @IntRange(min = 1, max = 50) int count,
                                          @ForAll("timestamps") List<Long> offsets) {
        TimeBucketCursor cursor = new TimeBucketCursor(start, interval, count);
        for (long offset : offsets) {
            long timestamp = start + offset;
            long expected = Math.floorDiv(timestamp - start, interval);
            assertEquals(expected < 0 || expected >= count ? -1 : expected, cursor.bucketOf(timestamp), "timestamp " + timestamp);
        }
    }

    @Provide
    Arbitrary<List<Long>> timestamps() {
        Arbitrary<Long> first = Arbitraries.longs().between(-100, 1_100);
        Arbitrary<List<Long>> steps = Arbitraries.longs().between(-1, 3).list().ofMaxSize(40);
        Arbitrary<List<Long>> run = first.flatMap(at -> steps.map(gaps -> walkFrom(at, gaps)));
        return run.list().ofMaxSize(10).map(TimeBucketCursorPropertiesTest::concatenated);
    }

    /** Timestamps moving from {@code first} by small steps, mostly down as a segment sorted newest first gives them, crossing bucket edges often. */
    private static List<Long> walkFrom(long first, List<Long> gaps) {
        List<Long> run = new ArrayList<>();
        long at = first;
        for (long gap : gaps) {
            at -= gap;
            run.add(at);
        }
        return run;
    }

    private static List<Long> concatenated(List<List<Long>> runs) {
        List<Long> all = new ArrayList<>();
        runs.forEach(all::addAll);
        return all;
    }
}
