package io.loupe.index.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loupe.index.api.IndexedFields;
import io.loupe.index.api.IpLiteral;
import io.loupe.index.api.LogEvent;
import io.loupe.index.api.LogFieldInfo;
import io.loupe.index.api.LogKind;
import io.loupe.index.api.LogSearch;
import io.loupe.index.api.LogSearchResult;
import io.loupe.index.api.LogSearchResult.LogHit;
import io.loupe.index.api.TimeRange;
import io.loupe.index.testing.MutableClock;
import io.loupe.index.wal.WalConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.InetAddressPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit side of the log store: {@code source_ip} literals as address points beside the keyword,
 * and searches that page without counting ({@link LogSearch#countTotal()} false), as an export does.
 */
class AddressPointsAndUncountedPagesTest {
    private static final Instant NOW = Instant.parse("2026-03-15T12:00:00Z");
    private static final TimeRange TODAY = new TimeRange(nanos(Instant.parse("2026-03-15T00:00:00Z")), nanos(NOW.plusSeconds(1)));
    private static final String SOURCE_IP = "source_ip";

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
    void sourceIpLiteralsAreFoundByAddressAndPrefixOtherValuesByKeywordOnly() throws IOException {
        List<String> values = List.of("10.1.2.3", "10.200.0.9", "192.168.1.5", "11.0.0.1", "2001:db8::7", "2001:DB8:ffff::1",
                "2001:dba::1", "::ffff:10.9.9.9", "unknown", "bastion.internal", "010.1.1.1", "10.1.2.3/8");
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            events.add(audit(i, values.get(i)));
        }
        store.append(events);
        store.refresh();

        assertEquals(Set.of("10.1.2.3", "10.200.0.9", "::ffff:10.9.9.9"), sourceIps(prefix("10.0.0.0", 8)));
        assertEquals(Set.of("2001:db8::7", "2001:DB8:ffff::1"), sourceIps(prefix("2001:db8::", 32)));
        assertEquals(Set.of("10.1.2.3"), sourceIps(prefix("10.1.2.3", 32)));
        assertEquals(Set.of("2001:db8::7"), sourceIps(InetAddressPoint.newExactQuery(point(), IpLiteral.parse("2001:0db8:0:0::7"))));
        assertEquals(Set.of("192.168.1.5", "11.0.0.1", "10.1.2.3", "10.200.0.9", "2001:db8::7", "2001:DB8:ffff::1", "2001:dba::1",
                "::ffff:10.9.9.9"), sourceIps(prefix("::", 0)), "every literal has a point, and only literals");
        assertEquals(Set.of("unknown"), sourceIps(new TermQuery(new Term(SOURCE_IP, "unknown"))), "the keyword stays");
        assertEquals(Set.of("2001:DB8:ffff::1"), sourceIps(new TermQuery(new Term(SOURCE_IP, "2001:DB8:ffff::1"))),
                "the keyword is the value as sent");

        Map<LogFieldInfo.Type, Long> sourceIpTypes = new HashMap<>();
        for (LogFieldInfo field : store.fields(TODAY, Set.of(LogKind.AUDIT))) {
            assertTrue(!field.name().contains("#"), () -> "internal index name listed: " + field);
            if (field.name().equals(SOURCE_IP)) {
                sourceIpTypes.put(field.type(), field.documents());
            }
        }
        assertEquals(Map.of(LogFieldInfo.Type.KEYWORD, 12L, LogFieldInfo.Type.IP, 8L), sourceIpTypes);
    }

    @Test
    void pagesWithoutATotalVisitEveryEventOnceInBothOrders() throws IOException {
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            // a quarter share one timestamp, so pages end inside runs of ties
            long at = i % 4 == 0 ? nanos(NOW.minusSeconds(100)) : nanos(NOW.minusSeconds(i * 13L % 3000));
            events.add(new LogEvent(at, false, LogKind.AUDIT, "event " + i, Map.of("actor", "a-" + i % 3),
                    Map.of(), ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8)));
            if (events.size() == 60) {
                store.append(events);
                events = new ArrayList<>();
            }
        }
        store.append(events);
        store.refresh();

        Query actor = new TermQuery(new Term("actor", "a-1"));
        for (LogSearch.Order order : LogSearch.Order.values()) {
            LogSearchResult counted = store.search(new LogSearch(actor, TODAY, Set.of(LogKind.AUDIT), 1000, null, null, List.of(), 0,
                    order));
            assertEquals(83, counted.total());
            List<Long> oneSearch = counted.hits().stream().map(LogHit::eventId).toList();

            List<Long> paged = new ArrayList<>();
            LogSearch page = new LogSearch(actor, TODAY, Set.of(LogKind.AUDIT), 7, null, null, List.of(), 0, order, false);
            int pages = 0;
            while (true) {
                LogSearchResult result = store.search(page);
                pages++;
                assertEquals(LogSearchResult.NOT_COUNTED, result.total(), "a page that was not asked to count says so");
                result.hits().forEach(hit -> paged.add(hit.eventId()));
                if (result.next() == null) {
                    break;
                }
                page = page.continuingAfter(result.next());
            }
            assertEquals(12, pages, order + ": 83 hits in pages of 7");
            assertEquals(oneSearch, paged, order + ": the same events in the same order as one search");
            assertEquals(83, new HashSet<>(paged).size());
        }
    }

    @Test
    void anUncountedSearchWithNothingToFindEndsAtOnce() {
        LogSearchResult result = store.search(new LogSearch(new MatchAllDocsQuery(), TODAY, Set.of(LogKind.AUDIT), 10, null, null,
                List.of(), 0, LogSearch.Order.NEWEST_FIRST, false));
        assertEquals(Collections.emptyList(), result.hits());
        assertNull(result.next());
    }

    private Set<String> sourceIps(Query query) {
        Set<String> found = new HashSet<>();
        for (LogHit hit : store.search(new LogSearch(query, TODAY, Set.of(LogKind.AUDIT), 100, null, null, List.of(), 0)).hits()) {
            found.add(hit.event().field(SOURCE_IP));
        }
        return found;
    }

    private static String point() {
        return IndexedFields.ipPoint(SOURCE_IP);
    }

    private static Query prefix(String address, int bits) {
        return InetAddressPoint.newPrefixQuery(point(), IpLiteral.parse(address), bits);
    }

    private static LogEvent audit(int second, String sourceIp) {
        String text = "login from " + sourceIp;
        return new LogEvent(nanos(NOW.minusSeconds(second)), false, LogKind.AUDIT, text,
                Map.of("actor", "alice", "action", "login", SOURCE_IP, sourceIp), Map.of(), text.getBytes(StandardCharsets.UTF_8));
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
