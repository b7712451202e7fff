package io.loupe.ops.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsBenchOptionsTest {

    @Test
    void defaultsRecordThreeMinutesAndReplayADayOfFourHosts() {
        MetricsBenchOptions options = MetricsBenchOptions.parse("metrics");
        assertEquals(new MetricsBenchOptions(180, null, null, 4, 15, 24, 50), options);
        assertEquals(5_760, options.ticks());
        assertEquals("./loupe bench metrics --record-seconds 180 --hosts 4 --interval-seconds 15 --hours 24 --queries 50",
                options.command(Map.of()));
    }

    @Test
    void theCommandReplaysSavedScrapesAndRepeatsTheEnvironment() {
        MetricsBenchOptions options = MetricsBenchOptions.parse("metrics", "--scrapes", "/tmp/my scrapes", "--hosts", "1_6",
                "--hours", "2", "--interval-seconds", "10");
        assertEquals(Path.of("/tmp/my scrapes"), options.scrapes());
        assertNull(options.saveScrapes());
        assertEquals(720, options.ticks());
        assertEquals("LOUPE_METRICS_BLOCK_MINUTES=60 ./loupe bench metrics --scrapes '/tmp/my scrapes' --hosts 16 "
                + "--interval-seconds 10 --hours 2 --queries 50", options.command(Map.of("LOUPE_METRICS_BLOCK_MINUTES", "60")));
    }

    @Test
    void badCommandLinesAreRefusedWithTheReason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MetricsBenchOptions.parse("metrics", "--events", "10"))
                .getMessage().contains("--events"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MetricsBenchOptions.parse("metrics", "--hours", "169"))
                .getMessage().contains("168"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MetricsBenchOptions.parse("metrics", "--hosts", "four"))
                .getMessage().contains("'four'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MetricsBenchOptions.parse("metrics", "--queries"))
                .getMessage().contains("needs a value"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> MetricsBenchOptions.parse("metrics", "--scrapes", "dir", "--record-seconds", "60"))
                .getMessage().contains("--record-seconds"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("metric"))
                .getMessage().contains("metrics"));
    }
}
