package io.loupe.index.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loupe.index.api.LogEvent;
import io.loupe.index.api.LogKind;
import io.loupe.index.api.LogSearchResult.LogHit;
import io.loupe.index.api.LogTail;
import io.loupe.index.api.LogTailResult;
import io.loupe.index.api.TimeRange;
import io.loupe.index.testing.MutableClock;
import io.loupe.index.wal.WalConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link DurableLogStore#tail}: events after a position, in arrival order, never skipped nor repeated. */
class LogTailTest {
    private static final Instant NOW = Instant.parse("2026-03-15T12:00:00Z");
    private static final Set<LogKind> ALL_KINDS = EnumSet.allOf(LogKind.class);
    private static final Query ALL = new MatchAllDocsQuery();
    private static final TimeRange LAST_HOUR = new TimeRange(nanos(NOW.minus(Duration.ofHours(1))), nanos(NOW.plusSeconds(60)));

    @TempDir
    Path dataDir;
    private DurableLogStore store;

    @BeforeEach
    void open() throws IOException {
        store = DurableLogStore.open(dataDir, LogStoreConfig.defaults(), WalConfig.defaults(), new MutableClock(NOW));
    }

    @AfterEach
    void close() throws IOException {
        store.close();
    }

    @Test
    void startingNowSkipsWhatIsThereAndThenReturnsNewMatchingEventsInArrivalOrder() throws IOException {
        store.append(List.of(event("old", "web-1", 10)));
        store.refresh();
        LogTailResult start = store.tail(tail(ALL, LogTail.NOW, 100));
        assertEquals(List.of(), start.hits(), "a tail shows only what arrives after it starts");

        // arrival order, not time order: the second batch is older by its timestamps
        store.append(List.of(event("a", "web-1", 30), event("b", "web-2", 31)));
        store.append(List.of(event("c", "web-1", 5)));
        store.refresh();
        LogTailResult next = store.tail(tail(term("host", "web-1"), start.position(), 100));
        assertEquals(List.of("a", "c"), messages(next), "matching events only, oldest arrival first");
        assertEquals(0, next.dropped());
        assertTrue(next.hits().get(0).eventId() < next.hits().get(1).eventId());

        LogTailResult again = store.tail(tail(term("host", "web-1"), next.position(), 100));
        assertEquals(List.of(), again.hits(), "nothing new: nothing is repeated");
        assertEquals(next.position(), again.position());
    }

    @Test
    void eventsNotYetRefreshedAreNeitherReturnedNorSkipped() throws IOException {
        long position = store.tail(tail(ALL, LogTail.NOW, 10)).position();
        store.append(List.of(event("pending", "web-1", 1)));
        LogTailResult before = store.tail(tail(ALL, position, 10));
        assertEquals(List.of(), before.hits());
        assertEquals(position, before.position(), "the position does not pass a record that is not searchable yet");
        store.refresh();
        assertEquals(List.of("pending"), messages(store.tail(tail(ALL, before.position(), 10))));
    }

    @Test
    void moreMatchesThanTheLimitReturnTheNewestAndCountTheRestAsDropped() throws IOException {
        long position = store.tail(tail(ALL, LogTail.NOW, 10)).position();
        List<LogEvent> batch = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            batch.add(event("e" + i, "web-1", i));
        }
        store.append(batch);
        store.refresh();
        LogTailResult result = store.tail(tail(ALL, position, 3));
        assertEquals(List.of("e7", "e8", "e9"), messages(result));
        assertEquals(7, result.dropped());
        assertEquals(List.of(), store.tail(tail(ALL, result.position(), 3)).hits(), "the dropped ones are behind the position");
    }

    @Test
    void eventsOutsideTheWindowOrOfOtherKindsAreNotTailed() throws IOException {
        long position = store.tail(tail(ALL, LogTail.NOW, 10)).position();
        store.append(List.of(event("two hours ago", "web-1", -7200), event("inside", "web-1", -60),
                new LogEvent(nanos(NOW), false, LogKind.AUDIT, "audit line", Map.of("host", "web-1"), Map.of(), new byte[] {1})));
        store.refresh();
        LogTailResult result = store.tail(new LogTail(ALL, LAST_HOUR, Set.of(LogKind.APPLICATION), position, 10));
        assertEquals(List.of("inside"), messages(result));
    }

    @Test
    void resumingAfterAnEventIdContinuesRightAfterIt() throws IOException {
        long position = store.tail(tail(ALL, LogTail.NOW, 10)).position();
        store.append(List.of(event("one", "h", 1), event("two", "h", 2), event("three", "h", 3)));
        store.refresh();
        List<LogHit> all = store.tail(tail(ALL, position, 10)).hits();
        assertEquals(List.of("two", "three"), messages(store.tail(tail(ALL, all.get(0).eventId(), 10))));
    }

    /** Concurrent appends index out of order; polling between refreshes must still see each event exactly once. */
    @Test
    void concurrentAppendsAreEachTailedExactlyOnce() throws Exception {
        long position = store.tail(tail(ALL, LogTail.NOW, 10)).position();
        int writers = 4;
        int batchesPerWriter = 60;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> appends = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            appends.add(pool.submit(() -> {
                for (int b = 0; b < batchesPerWriter; b++) {
                    store.append(List.of(event(writer + "-" + b + "-0", "h", b % 50), event(writer + "-" + b + "-1", "h", b % 50)));
                }
                return null;
            }));
        }
        List<String> received = new ArrayList<>();
        boolean writing = true;
        while (writing) {
            writing = appends.stream().anyMatch(f -> !f.isDone());
            store.refresh();
            LogTailResult poll = store.tail(tail(ALL, position, 1_000_000));
            assertEquals(0, poll.dropped());
            received.addAll(messages(poll));
            position = poll.position();
        }
        for (Future<?> append : appends) {
            append.get();
        }
        store.refresh();
        received.addAll(messages(store.tail(tail(ALL, position, 1_000_000))));
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        assertEquals(writers * batchesPerWriter * 2, received.size(), "every event once");
        assertEquals(received.size(), new HashSet<>(received).size(), "no event twice");
    }

    private static LogTail tail(Query query, long after, int limit) {
        return new LogTail(query, LAST_HOUR, ALL_KINDS, after, limit);
    }

    private static Query term(String field, String value) {
        return new TermQuery(new Term(field, value));
    }

    private static List<String> messages(LogTailResult result) {
        return result.hits().stream().map(hit -> hit.event().message()).toList();
    }

    /** An application event {@code secondsFromNow} away from the clock's now. */
    private static LogEvent event(String message, String host, int secondsFromNow) {
        return new LogEvent(nanos(NOW.plusSeconds(secondsFromNow)), false, LogKind.APPLICATION, message, Map.of("host", host),
                Map.of(), message.getBytes(StandardCharsets.UTF_8));
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
