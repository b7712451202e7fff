package io.loupe.index.log;

import static io.loupe.index.log.LogEventAssertions.assertSameEvent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loupe.index.api.LogEvent;
import io.loupe.index.api.LogKind;
import io.loupe.index.api.LogSearch;
import io.loupe.index.api.LogSearchResult.LogHit;
import io.loupe.index.api.TimeRange;
import io.loupe.index.testing.MutableClock;
import io.loupe.index.wal.WalConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link DurableLogStore#event}: one event by the id search gave it, over partitions and segments, also after a restart. */
class EventLookupTest {
    private static final Instant NOW = Instant.parse("2026-03-15T12:00:00Z");

    @TempDir
    Path dataDir;

    @Test
    void everyEventIsFoundByItsIdAcrossKindsDaysAndSegmentsAndAfterRestart() throws IOException {
        List<LogHit> hits;
        try (DurableLogStore store = open()) {
            for (int batch = 0; batch < 12; batch++) {
                List<LogEvent> events = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    LogKind kind = LogKind.values()[(batch + i) % 3];
                    events.add(event(kind, NOW.minusSeconds(86_400L * (i % 3) + batch), "b" + batch + "-" + i));
                }
                store.append(events);
                store.refresh(); // a segment per batch: lookups must pick the right one
            }
            hits = store.search(new LogSearch(new MatchAllDocsQuery(), new TimeRange(0, Long.MAX_VALUE),
                    EnumSet.allOf(LogKind.class), 100, null, null, List.of(), 0)).hits();
            assertEquals(60, hits.size());
            assertAllFound(store, hits);
            assertEquals(Optional.empty(), store.event(hits.stream().mapToLong(LogHit::eventId).max().orElseThrow() + 1));
            assertEquals(Optional.empty(), store.event(0));
        }
        try (DurableLogStore reopened = open()) {
            assertAllFound(reopened, hits);
        }
    }

    private static void assertAllFound(DurableLogStore store, List<LogHit> hits) {
        for (LogHit hit : hits) {
            Optional<LogHit> found = store.event(hit.eventId());
            assertTrue(found.isPresent(), () -> "event " + hit.eventId() + " (" + hit.event().message() + ") not found");
            assertEquals(hit.eventId(), found.get().eventId());
            assertSameEvent(hit.event(), found.get().event(), hit.event().message());
        }
    }

    private DurableLogStore open() throws IOException {
        return DurableLogStore.open(dataDir, LogStoreConfig.defaults(), WalConfig.defaults(), new MutableClock(NOW));
    }

    private static LogEvent event(LogKind kind, Instant at, String message) {
        return new LogEvent(at.getEpochSecond() * 1_000_000_000L, false, kind, message, Map.of("host", "h"), Map.of(),
                message.getBytes(StandardCharsets.UTF_8));
    }
}
