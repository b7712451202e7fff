package io.loupe.ops.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void defaultsAreThoseOfTheDocumentedCommands() {
        BenchOptions ingest = BenchOptions.parse("ingest");
        assertEquals(new BenchOptions("ingest", 1_000_000, 4, 2_000, 42, 500, IngestProtocol.NATIVE), ingest);
        assertEquals("./loupe bench ingest --events 1000000 --connections 4", ingest.command(Map.of()));
        assertEquals("./loupe bench search --events 1000000", BenchOptions.parse("search").command(Map.of()));
        assertEquals(50, BenchOptions.parse("search").fullScanQueries());
    }

    @Test
    void theCommandRepeatsWhatWasChangedIncludingTheEnvironment() {
        BenchOptions options = BenchOptions.parse("search", "--events", "10_000_000", "--queries", "1,000", "--seed", "7");
        assertEquals(10_000_000, options.events());
        assertEquals(1_000, options.queries());
        assertEquals("LOUPE_JAVA_OPTS='-Xms2g -Xmx2g' ./loupe bench search --events 10000000 --queries 1000 --seed 7",
                options.command(Map.of("LOUPE_JAVA_OPTS", "-Xms2g -Xmx2g")));
    }

    @Test
    void aProtocolOtherThanNativeIsPartOfTheCommand() {
        BenchOptions options = BenchOptions.parse("ingest", "--protocol", "syslog", "--events", "1000");
        assertEquals(IngestProtocol.SYSLOG, options.protocol());
        assertEquals("./loupe bench ingest --events 1000 --connections 4 --protocol syslog", options.command(Map.of()));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("ingest", "--protocol", "gelf"))
                .getMessage().contains("native, bulk, otlp and syslog"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("search", "--protocol", "bulk"))
                .getMessage().contains("ingest"));
    }

    @Test
    void badCommandLinesAreRefusedWithTheReason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("index")).getMessage().contains("'index'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("ingest", "--events"))
                .getMessage().contains("needs a value"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("ingest", "--events", "many"))
                .getMessage().contains("'many'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("ingest", "--batch", "100000"))
                .getMessage().contains("65536"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("ingest", "--queries", "10"))
                .getMessage().contains("search"));
    }
}
