package io.loupe.ingest.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TargetScraperTest {

    @Test
    void theNextTickIsTheFirstWholeIntervalStrictlyAfterNow() {
        assertEquals(15_000, TargetScraper.nextTick(0, 15_000));
        assertEquals(15_000, TargetScraper.nextTick(1, 15_000));
        assertEquals(15_000, TargetScraper.nextTick(14_999, 15_000));
        assertEquals(30_000, TargetScraper.nextTick(15_000, 15_000), "a timer that fired on its tick schedules the following one");
        assertEquals(1_800_000_010_000L, TargetScraper.nextTick(1_800_000_007_501L, 5_000));
    }
}
