package io.loupe.ingest.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.Labels;
import io.loupe.index.api.MetricAppendResult;
import io.loupe.index.api.MetricSample;
import io.loupe.ingest.parse.LineError;
import io.loupe.ingest.parse.ParsedSamples;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricIngestOutcomeTest {

    private static List<MetricSample> samples(int count) {
        List<MetricSample> samples = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            samples.add(new MetricSample("m", Labels.of(Map.of("i", Integer.toString(i))), 1000L + i, i));
        }
        return samples;
    }

    private static MetricAppendResult refused(int accepted, int... positions) {
        BitSet refused = new BitSet();
        List<MetricAppendResult.SampleReject> rejects = new ArrayList<>();
        for (int position : positions) {
            refused.set(position);
            rejects.add(new MetricAppendResult.SampleReject(position, "late " + position));
        }
        return new MetricAppendResult(accepted, positions.length, rejects, refused);
    }

    @Test
    void aUnitWhoseSamplesTheStoreRefusedCountsOnceAndIsListedAtItsOwnPlaceAmongTheDecoderRejects() {
        // unit 1 -> samples 0..3, unit 2 rejected by the decoder, unit 3 -> sample 4, unit 4 -> samples 5..6
        ParsedSamples parsed = new ParsedSamples(samples(7), 1,
                List.of(new LineError(2, ErrorCode.INVALID_SAMPLE, "bad point")), new int[] {1, 1, 1, 1, 3, 4, 4});
        MetricIngestOutcome outcome = new MetricIngestOutcome(parsed, refused(2, 0, 1, 2, 3, 5, 6));

        ParsedSamples byUnit = outcome.byUnit();

        assertEquals(3, byUnit.rejected());
        assertEquals(List.of(new LineError(1, ErrorCode.INVALID_SAMPLE, "late 0"), new LineError(2, ErrorCode.INVALID_SAMPLE, "bad point"),
                new LineError(4, ErrorCode.INVALID_SAMPLE, "late 5")), byUnit.errors());
    }

    @Test
    void withoutOriginsEachRefusedSampleIsItsOwnUnit() {
        ParsedSamples parsed = new ParsedSamples(samples(3), 0, List.of());
        ParsedSamples byUnit = new MetricIngestOutcome(parsed, refused(1, 0, 2)).byUnit();
        assertEquals(2, byUnit.rejected());
        assertEquals(List.of(1, 3), byUnit.errors().stream().map(LineError::line).toList());
    }
}
