package io.loupe.index.log;

import io.loupe.index.testing.CrashImage;

import io.loupe.index.testing.MutableClock;

import static io.loupe.index.log.LogEventAssertions.assertSameEvent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loupe.index.api.IndexedFields;
import io.loupe.index.api.LogEvent;
import io.loupe.index.api.LogFields;
import io.loupe.index.api.LogKind;
import io.loupe.index.api.LogSearch;
import io.loupe.index.api.LogSearchResult;
import io.loupe.index.api.LogSearchResult.FacetValue;
import io.loupe.index.api.LogSearchResult.HistogramBucket;
import io.loupe.index.api.LogSearchResult.LogHit;
import io.loupe.index.api.TimeRange;
import io.loupe.index.wal.WalConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableLogStoreTest {
    private static final Instant NOW = Instant.parse("2026-03-15T12:00:00Z");
    private static final Instant DAY1 = Instant.parse("2026-03-14T00:00:00Z");
    private static final Instant DAY2 = Instant.parse("2026-03-15T00:00:00Z");
    private static final TimeRange ALL_TIME = new TimeRange(0, Long.MAX_VALUE);
    private static final Set<LogKind> ALL_KINDS = EnumSet.allOf(LogKind.class);
    private static final Query ALL = new MatchAllDocsQuery();

    @TempDir
    Path tempDir;

    private final MutableClock clock = new MutableClock(NOW);
    private final List<DurableLogStore> opened = new ArrayList<>();
    private int nextMessage;

    @AfterEach
    void closeStores() throws IOException {
        for (DurableLogStore store : opened) {
            if (store.ready()) {
                store.close();
            }
        }
    }

    @Test
    void searchFindsAppendedEventsNewestFirstWithExactTotal() throws IOException {
        DurableLogStore store = open(tempDir);
        LogEvent system1 = event(LogKind.SYSTEM, DAY1.plusSeconds(3600), "disk full on /var", "db-1");
        LogEvent app1 = event(LogKind.APPLICATION, DAY1.plusSeconds(7200), "user login ok", "web-1");
        LogEvent audit1 = event(LogKind.AUDIT, DAY1.plusSeconds(10800), "user deleted account", "web-1");
        LogEvent system2 = event(LogKind.SYSTEM, DAY2.plusSeconds(3600), "disk ok again", "web-2");
        LogEvent app2 = event(LogKind.APPLICATION, DAY2.plusSeconds(7200), "checkout failed", "web-1");
        LogEvent audit2 = event(LogKind.AUDIT, DAY2.plusSeconds(10800), "role granted", "db-1");
        store.append(List.of(system1, app2, audit1));
        store.append(List.of(audit2, system2, app1));
        store.refresh();

        LogSearchResult all = store.search(search(ALL, ALL_TIME, ALL_KINDS, 100, null));
        assertEquals(6, all.total());
        assertHits(List.of(audit2, app2, system2, audit1, app1, system1), all);
        assertNull(all.next(), "one page holds everything");
        assertEquals(6, all.hits().stream().map(LogHit::eventId).distinct().count(), "event ids are unique");

        assertHits(List.of(app2, audit1, app1), store.search(search(term("host", "web-1"), ALL_TIME, ALL_KINDS, 100, null)));
        assertHits(List.of(system2, system1), store.search(search(term(LogFields.MESSAGE, "disk"), ALL_TIME, ALL_KINDS, 100, null)));
        assertHits(List.of(audit2, audit1), store.search(search(ALL, ALL_TIME, Set.of(LogKind.AUDIT), 100, null)));
        assertHits(List.of(app2, system2, app1, system1),
                store.search(search(ALL, ALL_TIME, Set.of(LogKind.SYSTEM, LogKind.APPLICATION), 100, null)));

        LogSearchResult firstTwo = store.search(search(ALL, ALL_TIME, ALL_KINDS, 2, null));
        assertEquals(6, firstTwo.total(), "total counts all pages");
        assertHits(List.of(audit2, app2), firstTwo.hits().stream().map(LogHit::event).toList());
        assertNotNull(firstTwo.next());
    }

    @Test
    void pagingReturnsEveryEventExactlyOnceAlsoWhenManyShareATimestamp() throws IOException {
        DurableLogStore store = open(tempDir);
        Instant shared = DAY2.plusSeconds(5 * 3600);
        Map<String, LogEvent> appended = new HashMap<>();
        List<LogEvent> batch = new ArrayList<>();
        int[] batchSizes = {1, 7, 50, 3, 120, 2, 17, 100};
        int sizeIndex = 0;
        for (int i = 0; i < 300; i++) {
            Instant at = i % 5 < 2 ? shared : (i % 2 == 0 ? DAY1 : DAY2).plusSeconds(i * 37L % 86_400);
            LogEvent event = event(i % 3 == 0 ? LogKind.SYSTEM : LogKind.APPLICATION, at, null, "host-" + i % 4);
            appended.put(event.message(), event);
            batch.add(event);
            if (batch.size() == batchSizes[sizeIndex % batchSizes.length] || i == 299) {
                store.append(batch);
                batch = new ArrayList<>();
                sizeIndex++;
            }
        }
        store.refresh();

        for (int pageSize : new int[] {10, 7, 1000}) {
            List<LogHit> seen = new ArrayList<>();
            LogSearch.SearchAfter after = null;
            int pages = 0;
            do {
                LogSearchResult page = store.search(search(ALL, ALL_TIME, ALL_KINDS, pageSize, after));
                assertEquals(300, page.total());
                assertFalse(page.hits().isEmpty(), "no empty page is ever handed out");
                assertTrue(page.hits().size() <= pageSize);
                seen.addAll(page.hits());
                after = page.next();
                pages++;
            } while (after != null);

            assertEquals((300 + pageSize - 1) / pageSize, pages, "pages of " + pageSize);
            assertEquals(300, seen.size(), "pages of " + pageSize);
            assertEquals(300, seen.stream().map(LogHit::eventId).distinct().count(), "no event twice");
            for (int i = 1; i < seen.size(); i++) {
                LogEvent newer = seen.get(i - 1).event();
                LogEvent older = seen.get(i).event();
                assertTrue(newer.timestampNanos() > older.timestampNanos()
                                || newer.timestampNanos() == older.timestampNanos() && seen.get(i - 1).eventId() > seen.get(i).eventId(),
                        "newest first, ties by descending event id, at position " + i);
            }
            for (LogHit hit : seen) {
                assertSameEvent(appended.get(hit.event().message()), hit.event(), "hit " + hit.event().message());
            }
            assertEquals(appended.keySet(), new HashSet<>(seen.stream().map(hit -> hit.event().message()).toList()));
        }
    }

    @Test
    void histogramCountsEveryMatchInItsBucket() throws IOException {
        DurableLogStore store = open(tempDir);
        long start = nanos(DAY2);
        long hour = Duration.ofHours(1).toNanos();
        long[] inside = {start + Duration.ofMinutes(10).toNanos(), start + Duration.ofMinutes(20).toNanos(),
                start + 3 * hour - 1, start + 3 * hour, start + 6 * hour - 1};
        long[] outside = {start - 1, start + 6 * hour};
        List<LogEvent> events = new ArrayList<>();
        for (long at : inside) {
            events.add(eventAtNanos(LogKind.APPLICATION, at));
        }
        for (long at : outside) {
            events.add(eventAtNanos(LogKind.APPLICATION, at));
        }
        store.append(events);
        store.refresh();

        LogSearch histogram = new LogSearch(ALL, new TimeRange(start, start + 6 * hour), ALL_KINDS, 0, null,
                Duration.ofHours(1), List.of(), 0);
        LogSearchResult result = store.search(histogram);
        assertEquals(5, result.total());
        assertEquals(List.of(new HistogramBucket(start, 2), new HistogramBucket(start + hour, 0),
                new HistogramBucket(start + 2 * hour, 1), new HistogramBucket(start + 3 * hour, 1),
                new HistogramBucket(start + 4 * hour, 0), new HistogramBucket(start + 5 * hour, 1)), result.histogram());
        assertTrue(result.hits().isEmpty(), "limit 0 asks for counts only");

        LogSearch unaligned = new LogSearch(ALL, new TimeRange(start + 15 * Duration.ofMinutes(1).toNanos(), start + 3 * hour + 1),
                ALL_KINDS, 10, null, Duration.ofHours(1), List.of(), 0);
        LogSearchResult partial = store.search(unaligned);
        assertEquals(3, partial.total(), "20 min, 3h - 1ns and 3h");
        assertEquals(partial.total(), partial.histogram().stream().mapToLong(HistogramBucket::count).sum());
        assertEquals(List.of(start, start + hour, start + 2 * hour, start + 3 * hour),
                partial.histogram().stream().map(HistogramBucket::startNanos).toList(), "buckets are aligned to the interval");
    }

    @Test
    void facetsCountTheValuesOfMatchingEvents() throws IOException {
        DurableLogStore store = open(tempDir);
        List<LogEvent> events = new ArrayList<>();
        String[][] hostAndLevel = {{"web-1", "info"}, {"web-1", "error"}, {"web-1", "info"}, {"web-2", "error"},
                {"web-2", "info"}, {"db-1", "warn"}, {"db-1", "error"}};
        for (int i = 0; i < hostAndLevel.length; i++) {
            events.add(new LogEvent(nanos(DAY2) + i, false, LogKind.SYSTEM, "m" + i,
                    Map.of("host", hostAndLevel[i][0], LogFields.LEVEL, hostAndLevel[i][1]), Map.of(), new byte[0]));
        }
        store.append(events);
        store.refresh();

        LogSearchResult all = store.search(new LogSearch(ALL, ALL_TIME, ALL_KINDS, 0, null, null, List.of("host", LogFields.LEVEL, "user_id"), 2));
        assertEquals(7, all.total());
        assertEquals(List.of(new FacetValue("web-1", 3), new FacetValue("db-1", 2)), all.facets().get("host"),
                "most frequent first, ties by value, cut at the facet size");
        assertEquals(List.of(new FacetValue("error", 3), new FacetValue("info", 3)), all.facets().get(LogFields.LEVEL));
        assertEquals(List.of(), all.facets().get("user_id"), "a field no event has gives an empty facet");

        LogSearchResult errors = store.search(new LogSearch(term(LogFields.LEVEL, "error"), ALL_TIME, ALL_KINDS, 10, null,
                Duration.ofDays(1), List.of("host"), 10));
        assertEquals(3, errors.total());
        assertEquals(List.of(new FacetValue("db-1", 1), new FacetValue("web-1", 1), new FacetValue("web-2", 1)), errors.facets().get("host"));
    }

    @Test
    void attributeIsFoundByTheTypeItHadInEachEvent() throws IOException {
        DurableLogStore store = open(tempDir);
        LogEvent asLong = withAttributes(1, Map.of("k", 42L));
        LogEvent asString = withAttributes(2, Map.of("k", "42"));
        LogEvent asDouble = withAttributes(3, Map.of("k", 42.5));
        LogEvent asBoolean = withAttributes(4, Map.of("k", true));
        LogEvent otherLong = withAttributes(5, Map.of("k", 7L));
        store.append(List.of(asLong, asString, asDouble, asBoolean, otherLong));
        store.refresh();

        assertHits(List.of(asLong), find(store, LongPoint.newExactQuery(IndexedFields.longAttribute("k"), 42)));
        assertHits(List.of(asString), find(store, term(IndexedFields.keywordAttribute("k"), "42")));
        assertHits(List.of(asDouble), find(store, DoublePoint.newRangeQuery(IndexedFields.doubleAttribute("k"), 42.0, 43.0)));
        assertHits(List.of(asBoolean), find(store, term(IndexedFields.keywordAttribute("k"), "true")));
        assertHits(List.of(otherLong, asLong), find(store, LongPoint.newRangeQuery(IndexedFields.longAttribute("k"), 0, 100)));
        assertEquals(42L, find(store, LongPoint.newExactQuery(IndexedFields.longAttribute("k"), 42)).hits().getFirst().event().attributes().get("k"));
    }

    @Test
    void timeRangeIsHalfOpenAndMayCrossMidnight() throws IOException {
        DurableLogStore store = open(tempDir);
        long from = nanos(DAY1.plusSeconds(23 * 3600));
        long to = nanos(DAY2.plusSeconds(3600));
        LogEvent before = eventAtNanos(LogKind.SYSTEM, from - 1);
        LogEvent first = eventAtNanos(LogKind.SYSTEM, from);
        LogEvent last = eventAtNanos(LogKind.APPLICATION, to - 1);
        LogEvent atEnd = eventAtNanos(LogKind.APPLICATION, to);
        store.append(List.of(before, first, last, atEnd));
        store.refresh();

        assertHits(List.of(last, first), store.search(search(ALL, new TimeRange(from, to), ALL_KINDS, 10, null)));
        assertEquals(0, store.search(search(ALL, new TimeRange(from, from), ALL_KINDS, 10, null)).total());
        assertHits(List.of(first), store.search(search(ALL, new TimeRange(from, from + 1), ALL_KINDS, 10, null)));
    }

    @Test
    void onlyPartitionsOverlappingTheRangeAreSearched() throws IOException {
        DurableLogStore store = open(tempDir);
        store.append(List.of(event(LogKind.SYSTEM, DAY1.plusSeconds(60), "a", "h"), event(LogKind.SYSTEM, DAY2.plusSeconds(60), "b", "h"),
                event(LogKind.APPLICATION, DAY2.plusSeconds(60), "c", "h")));
        long day1 = nanos(DAY1);
        long day2 = nanos(DAY2);
        long day3 = nanos(DAY2.plus(Duration.ofDays(1)));

        assertEquals(List.of("system/2026-03-15"), store.partitionsFor(Set.of(LogKind.SYSTEM), day2, day3));
        assertEquals(Set.of("system/2026-03-14", "system/2026-03-15", "application/2026-03-15"),
                Set.copyOf(store.partitionsFor(ALL_KINDS, day1, day3)));
        assertEquals(List.of("system/2026-03-14"), store.partitionsFor(ALL_KINDS, day1, day2), "a range ending at midnight leaves the next day out");
        assertEquals(List.of("application/2026-03-15"), store.partitionsFor(Set.of(LogKind.APPLICATION), day2 + 1, day2 + 2));
        assertEquals(List.of(), store.partitionsFor(ALL_KINDS, day3, day3 + 1000));
        assertEquals(List.of(), store.partitionsFor(Set.of(LogKind.AUDIT), day1, day3));
    }

    @Test
    void closeThenReopenKeepsEveryEventExactlyOnce() throws IOException {
        Path dir = tempDir.resolve("store");
        DurableLogStore store = open(dir);
        List<LogEvent> appended = mixedEvents(40);
        store.append(appended.subList(0, 25));
        store.append(appended.subList(25, 40));
        store.refresh();
        LogSearchResult before = store.search(search(ALL, ALL_TIME, ALL_KINDS, 100, null));
        store.close();

        for (int restart = 0; restart < 3; restart++) {
            DurableLogStore reopened = open(dir);
            assertEquals(0, reopened.recoveryReport().eventsReplayed(), "a clean close leaves nothing to replay");
            LogSearchResult after = reopened.search(search(ALL, ALL_TIME, ALL_KINDS, 100, null));
            assertEquals(40, after.total(), "restart " + restart);
            assertEquals(before.hits().stream().map(LogHit::eventId).toList(), after.hits().stream().map(LogHit::eventId).toList(),
                    "event ids are stable across restarts");
            assertHits(before.hits().stream().map(LogHit::event).toList(), after);
            reopened.close();
        }

        DurableLogStore writable = open(dir);
        writable.append(List.of(event(LogKind.SYSTEM, DAY2.plusSeconds(1), "after restarts", "h")));
        writable.refresh();
        LogSearchResult grown = writable.search(search(ALL, ALL_TIME, ALL_KINDS, 100, null));
        assertEquals(41, grown.total());
        assertEquals(41, grown.hits().stream().map(LogHit::eventId).distinct().count());
    }

    @Test
    void losingTheWalDirectoryNeverReusesSequenceNumbersCommitsCover() throws IOException {
        Path dir = tempDir.resolve("store");
        DurableLogStore store = open(dir);
        List<LogEvent> appended = mixedEvents(30);
        store.append(appended.subList(0, 10));
        store.append(appended.subList(10, 20));
        store.close();
        deleteRecursively(dir.resolve("wal"));

        DurableLogStore reopened = open(dir);
        reopened.append(appended.subList(20, 30));
        Path crashed = CrashImage.copyOf(dir, tempDir.resolve("crashed"));
        DurableLogStore recovered = open(crashed);
        assertEquals(10, recovered.recoveryReport().eventsReplayed(), "the batch after the lost log is replayed, not skipped as covered");
        assertExactlyOnce(appended, recovered);
    }

    @Test
    void attributeKeysThatLookLikeInternalNamesCannotBreakIndexingOrRecovery() throws IOException {
        DurableLogStore store = open(tempDir.resolve("store"));
        List<LogEvent> appended = List.of(
                withAttributes(1, Map.of("x#long", "text", "attributes#long.x", "more text")),
                withAttributes(2, Map.of("x", 5L)),
                withAttributes(3, Map.of("#double.x", 1.5, "x", "five")));
        for (LogEvent event : appended) {
            store.append(List.of(event));
        }
        DurableLogStore recovered = open(CrashImage.copyOf(tempDir.resolve("store"), tempDir.resolve("crashed")));
        assertEquals(3, recovered.recoveryReport().eventsReplayed());
        assertEquals(1, find(recovered, LongPoint.newExactQuery(IndexedFields.longAttribute("x"), 5)).total());
        assertEquals(1, find(recovered, term(IndexedFields.keywordAttribute("x#long"), "text")).total());
        assertEquals(1, find(recovered, term(IndexedFields.keywordAttribute("x"), "five")).total());
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Test
    void anIdlePartitionIsNotCommittedAgainButAChangedOneIs() throws IOException {
        Path dir = tempDir.resolve("store");
        DurableLogStore store = open(dir);
        store.append(List.of(event(LogKind.SYSTEM, DAY1.plusSeconds(5), null, "h"), event(LogKind.AUDIT, DAY2.plusSeconds(5), null, "h")));
        store.commit();
        store.commit();
        Path system = dir.resolve("logs/system/2026-03-14");
        Path audit = dir.resolve("logs/audit/2026-03-15");
        long systemGeneration = commitGeneration(system);
        long auditGeneration = commitGeneration(audit);
        store.commit();
        store.commit();
        assertEquals(systemGeneration, commitGeneration(system), "nothing changed, no new commit");
        store.append(List.of(event(LogKind.AUDIT, DAY2.plusSeconds(6), null, "h")));
        store.commit();
        assertEquals(systemGeneration, commitGeneration(system));
        assertTrue(commitGeneration(audit) > auditGeneration, "the changed partition is committed");
        DurableLogStore recovered = open(CrashImage.copyOf(dir, tempDir.resolve("crashed")));
        assertEquals(0, recovered.recoveryReport().eventsReplayed());
        assertEquals(3, find(recovered, ALL).total());
    }

    private static long commitGeneration(Path partition) throws IOException {
        try (var directory = org.apache.lucene.store.FSDirectory.open(partition)) {
            return org.apache.lucene.index.SegmentInfos.readLatestCommit(directory).getGeneration();
        }
    }

    @Test
    void crashWithoutCloseLosesNothingAndDuplicatesNothing() throws IOException {
        DurableLogStore store = open(tempDir.resolve("store"));
        List<LogEvent> appended = mixedEvents(60);
        store.append(appended.subList(0, 1));
        store.append(appended.subList(1, 30));
        store.append(appended.subList(30, 60));

        Path crashed = CrashImage.copyOf(tempDir.resolve("store"), tempDir.resolve("crashed"));
        DurableLogStore recovered = open(crashed);
        assertEquals(60, recovered.recoveryReport().eventsReplayed());
        assertExactlyOnce(appended, recovered);
    }

    @Test
    void crashAfterACommitReplaysOnlyWhatTheCommitDidNotCover() throws IOException {
        DurableLogStore store = open(tempDir.resolve("store"));
        List<LogEvent> appended = mixedEvents(90);
        store.append(appended.subList(0, 20));
        store.append(appended.subList(20, 40));
        store.commit();
        store.append(appended.subList(40, 55));
        store.refresh();
        store.append(appended.subList(55, 60));

        DurableLogStore recovered = open(CrashImage.copyOf(tempDir.resolve("store"), tempDir.resolve("crashed-1")));
        assertEquals(20, recovered.recoveryReport().eventsReplayed(), "only the batches after the commit are indexed again");
        assertExactlyOnce(appended.subList(0, 60), recovered);

        recovered.append(appended.subList(60, 90));
        DurableLogStore recoveredTwice = open(CrashImage.copyOf(tempDir.resolve("crashed-1"), tempDir.resolve("crashed-2")));
        assertExactlyOnce(appended, recoveredTwice);
    }

    @Test
    void concurrentAppendsAndCommitsSurviveACrashExactlyOnce() throws Exception {
        DurableLogStore store = open(tempDir.resolve("store"));
        int threads = 4;
        int batchesPerThread = 25;
        List<List<LogEvent>> perThread = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            perThread.add(mixedEvents(batchesPerThread * 3));
        }
        List<Thread> writers = new ArrayList<>();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < threads; t++) {
            List<LogEvent> mine = perThread.get(t);
            writers.add(Thread.ofPlatform().start(() -> {
                try {
                    for (int b = 0; b < batchesPerThread; b++) {
                        store.append(mine.subList(b * 3, b * 3 + 3));
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        Thread committer = Thread.ofPlatform().start(() -> {
            try {
                while (writers.stream().anyMatch(Thread::isAlive)) {
                    store.commit();
                    store.refresh();
                }
            } catch (Throwable e) {
                failures.add(e);
            }
        });
        for (Thread writer : writers) {
            writer.join();
        }
        committer.join();
        assertEquals(List.of(), failures);

        List<LogEvent> all = perThread.stream().flatMap(List::stream).toList();
        DurableLogStore recovered = open(CrashImage.copyOf(tempDir.resolve("store"), tempDir.resolve("crashed")));
        assertExactlyOnce(all, recovered);
        store.refresh();
        assertExactlyOnce(all, store);
    }

    @Test
    void retentionDeletesExpiredPartitionsAndTheirEventsStayGone() throws IOException {
        Path dir = tempDir.resolve("store");
        DurableLogStore store = open(dir);
        List<LogEvent> old = List.of(event(LogKind.SYSTEM, DAY1.plusSeconds(10), "old system", "h"),
                event(LogKind.APPLICATION, DAY1.plusSeconds(20), "old app", "h"),
                event(LogKind.SYSTEM, DAY2.plusSeconds(30), "old system 2", "h"),
                event(LogKind.AUDIT, DAY2.plusSeconds(40), "old audit", "h"));
        store.append(old);
        store.commit();

        clock.set(NOW.plus(Duration.ofDays(40)));
        LogEvent recent = event(LogKind.SYSTEM, NOW.plus(Duration.ofDays(25)), "recent, 15 days old", "h");
        LogEvent fresh = event(LogKind.AUDIT, NOW.plus(Duration.ofDays(40)).minusSeconds(60), "fresh", "h");
        store.append(List.of(recent, fresh));

        assertEquals(4, store.applyRetention(), "system and application of day 1, system and audit of day 2");
        store.refresh();
        assertHits(List.of(fresh, recent), store.search(search(ALL, ALL_TIME, ALL_KINDS, 100, null)));
        assertEquals(Set.of("system/2026-04-09", "audit/2026-04-24"), Set.copyOf(store.partitionsFor(ALL_KINDS, 0, Long.MAX_VALUE)));
        assertFalse(Files.exists(dir.resolve("logs").resolve("system").resolve("2026-03-14")), "the partition directory is deleted");
        assertEquals(0, store.applyRetention(), "nothing left to delete");

        DurableLogStore crashed = open(CrashImage.copyOf(dir, tempDir.resolve("crashed")));
        assertHits(List.of(fresh, recent), crashed.search(search(ALL, ALL_TIME, ALL_KINDS, 100, null)));

        store.close();
        DurableLogStore reopened = open(dir);
        assertHits(List.of(fresh, recent), reopened.search(search(ALL, ALL_TIME, ALL_KINDS, 100, null)));
    }

    @Test
    void reopeningLateDeletesExpiredPartitionsAtOpen() throws IOException {
        Path dir = tempDir.resolve("store");
        DurableLogStore store = open(dir);
        LogEvent old = event(LogKind.SYSTEM, DAY1.plusSeconds(10), "old", "h");
        store.append(List.of(old));
        store.close();

        clock.set(NOW.plus(Duration.ofDays(40)));
        DurableLogStore reopened = open(dir);
        assertEquals(0, reopened.search(search(ALL, ALL_TIME, ALL_KINDS, 100, null)).total());
        assertEquals(List.of(), reopened.partitionsFor(ALL_KINDS, 0, Long.MAX_VALUE));
    }

    // --- helpers -------------------------------------------------------------------------------

    private DurableLogStore open(Path dir) throws IOException {
        DurableLogStore store = DurableLogStore.open(dir, LogStoreConfig.defaults(), WalConfig.defaults(), clock);
        opened.add(store);
        assertTrue(store.ready());
        return store;
    }

    private static LogSearch search(Query query, TimeRange range, Set<LogKind> kinds, int limit, LogSearch.SearchAfter after) {
        return new LogSearch(query, range, kinds, limit, after, null, List.of(), 0);
    }

    private static LogSearchResult find(DurableLogStore store, Query query) {
        return store.search(search(query, ALL_TIME, ALL_KINDS, 100, null));
    }

    private static Query term(String field, String value) {
        return new TermQuery(new Term(field, value));
    }

    private static void assertHits(List<LogEvent> expected, LogSearchResult result) {
        assertEquals(expected.size(), result.total(), "total");
        assertHits(expected, result.hits().stream().map(LogHit::event).toList());
    }

    private static void assertHits(List<LogEvent> expected, List<LogEvent> actual) {
        assertEquals(expected.stream().map(LogEvent::message).toList(), actual.stream().map(LogEvent::message).toList());
        for (int i = 0; i < expected.size(); i++) {
            assertSameEvent(expected.get(i), actual.get(i), "hit " + i);
        }
    }

    /** Every appended event is found once, with its content; nothing else is found. */
    private static void assertExactlyOnce(List<LogEvent> appended, DurableLogStore store) {
        LogSearchResult result = store.search(search(ALL, ALL_TIME, ALL_KINDS, appended.size() + 10, null));
        assertEquals(appended.size(), result.total());
        assertEquals(appended.size(), result.hits().stream().map(LogHit::eventId).distinct().count(), "event ids");
        Map<String, LogEvent> byMessage = new HashMap<>();
        for (LogEvent event : appended) {
            byMessage.put(event.message(), event);
        }
        Set<String> found = new HashSet<>();
        for (LogHit hit : result.hits()) {
            String message = hit.event().message();
            assertTrue(found.add(message), "found twice: " + message);
            assertNotNull(byMessage.get(message), "never appended: " + message);
            assertSameEvent(byMessage.get(message), hit.event(), message);
        }
    }

    /** Events of all kinds over both days, each with a unique message and attributes of every type. */
    private List<LogEvent> mixedEvents(int count) {
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            LogKind kind = LogKind.values()[i % 3];
            Instant at = (i % 2 == 0 ? DAY1 : DAY2).plusSeconds(i * 61L % 86_400);
            events.add(event(kind, at, null, "host-" + i % 5));
        }
        return events;
    }

    /** A unique message when none is given, so every event can be told apart in the results. */
    private LogEvent event(LogKind kind, Instant at, String message, String host) {
        String text = message != null ? message : "event " + nextMessage++;
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("host", host);
        fields.put(LogFields.LEVEL, "info");
        fields.put("service", "checkout");
        Map<String, Object> attributes = Map.of("bytes", (long) text.length(), "ratio", 0.25, "cached", true, "path", "/var/" + text);
        byte[] original = ("{\"message\":\"" + text + "\"}\u00ff").getBytes(StandardCharsets.UTF_8);
        return new LogEvent(nanos(at), false, kind, text, fields, attributes, original);
    }

    private static LogEvent eventAtNanos(LogKind kind, long nanos) {
        String text = "at " + nanos;
        return new LogEvent(nanos, true, kind, text, Map.of("host", "h"), Map.of(), text.getBytes(StandardCharsets.UTF_8));
    }

    private static LogEvent withAttributes(int second, Map<String, Object> attributes) {
        String text = "attributes " + attributes;
        return new LogEvent(nanos(DAY2.plusSeconds(second)), false, LogKind.APPLICATION, text, Map.of(), attributes, new byte[] {1, 2});
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
