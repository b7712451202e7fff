package io.loupe.ingest.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.Labels;
import io.loupe.index.api.LoupeException;
import io.loupe.index.api.MetricSample;
import java.util.List;
import org.junit.jupiter.api.Test;

class SampleCollectorTest {
    private static final MetricLimits LIMITS = new MetricLimits(3, 2, 8, 60);

    @Test
    void keepsAcceptedSamplesInOrderAndListsRejectsAtTheirPosition() {
        SampleCollector collector = new SampleCollector(LIMITS, SampleCollector.sendSmallerBatches("body"));
        MetricSample up = new MetricSample("up", Labels.EMPTY, 1000, 1);
        MetricSample down = new MetricSample("down", Labels.EMPTY, 1000, 0);
        collector.accept(up);
        collector.reject(2, "bad line");
        collector.reject(3, 4, "bad series");
        collector.accept(down);
        ParsedSamples result = collector.result();
        assertEquals(List.of(up, down), result.accepted());
        assertEquals(5, result.rejected(), "a series' rejection counts each of its samples");
        assertEquals(List.of(new LineError(2, ErrorCode.INVALID_SAMPLE, "bad line"), new LineError(3, ErrorCode.INVALID_SAMPLE, "bad series")),
                result.errors());
    }

    @Test
    void listsAtMostTheFirstHundredRejectsButCountsThemAll() {
        SampleCollector collector = new SampleCollector(MetricLimits.defaults(), SampleCollector.sendSmallerBatches("body"));
        for (int line = 1; line <= 150; line++) {
            collector.reject(line, "line " + line);
        }
        ParsedSamples result = collector.result();
        assertEquals(150, result.rejected());
        assertEquals(ParsedSamples.MAX_LISTED_ERRORS, result.errors().size());
        assertEquals("line 100", result.errors().getLast().message());
    }

    @Test
    void refusesTheRequestOnceMoreSamplesThanTheLimitAreCounted() {
        SampleCollector collector = new SampleCollector(LIMITS, SampleCollector.sendSmallerBatches("body"));
        collector.countSample();
        collector.countSamples(2);
        LoupeException refused = assertThrows(LoupeException.class, collector::countSample);
        assertEquals(ErrorCode.TOO_MANY_EVENTS, refused.code());
        assertEquals("body has more than 3 samples, the limit of ingest.max_events_per_request; send smaller batches or raise the limit",
                refused.getMessage());
        SampleCollector ownWords = new SampleCollector(LIMITS, limit -> "write has more than " + limit + " samples");
        assertEquals("write has more than 3 samples", assertThrows(LoupeException.class, () -> ownWords.countSamples(4)).getMessage());
    }

    @Test
    void phrasesEachPerSampleLimitWithItsSetting() {
        SampleCollector collector = new SampleCollector(LIMITS, SampleCollector.sendSmallerBatches("body"));
        assertFalse(collector.labelTooLong(8));
        assertTrue(collector.labelTooLong(9));
        assertEquals("value of label 'a' is 9 bytes, more than the limit of 8 (ingest.max_label_value_bytes)",
                collector.labelTooLongProblem("value of label 'a'", 9));
        assertFalse(collector.tooManyLabels(2));
        assertTrue(collector.tooManyLabels(3));
        assertEquals("line of measurement 'cpu' has more than 2 tags, the limit of ingest.max_fields_per_event",
                collector.moreLabelsThanTheLimitProblem("line of measurement 'cpu'", "tags"));
        assertEquals("series up has 3 labels, more than the limit of 2 (ingest.max_fields_per_event)",
                collector.labelCountProblem("series up", 3, "labels"));
        assertFalse(collector.lineTooLong(60));
        assertTrue(collector.lineTooLong(61));
        assertEquals("line is 61 bytes, more than the limit of 60 (ingest.max_line_bytes)", collector.lineTooLongProblem("line", 61));
    }
}
