package io.loupe.ops.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

    @Test
    void percentilesAreNearestRankInMilliseconds() {
        LatencyRecorder recorder = new LatencyRecorder();
        for (int i = 1000; i >= 1; i--) {
            recorder.record(i * 1_000_000L);
        }
        assertEquals(1000, recorder.count());
        assertEquals(500.0, recorder.percentileMillis(50));
        assertEquals(990.0, recorder.percentileMillis(99));
        assertEquals(1000.0, recorder.maxMillis());
        assertEquals(1.0, recorder.percentileMillis(0.01));
    }

    @Test
    void aSingleRecordingIsEveryPercentile() {
        LatencyRecorder recorder = new LatencyRecorder();
        recorder.record(2_500_000);
        assertEquals(2.5, recorder.percentileMillis(50));
        assertEquals(2.5, recorder.percentileMillis(99));
    }

    @Test
    void noRecordingHasNoPercentile() {
        assertThrows(IllegalStateException.class, () -> new LatencyRecorder().percentileMillis(50));
    }
}
