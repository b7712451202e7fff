package io.loupe.search.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LogKind;
import io.loupe.index.api.LogSearch;
import io.loupe.index.api.LoupeException;
import io.loupe.search.SearchConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SearchRequestReaderTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final long NOW_NANOS = NOW.getEpochSecond() * 1_000_000_000L;
    private final SearchRequestReader reader = new SearchRequestReader(SearchConfig.defaults());

    private SearchRequest read(String... pairs) {
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            params.put(pairs[i], pairs[i + 1]);
        }
        return reader.read(params::get, NOW);
    }

    @Test
    void defaultsAreTheLastHourEveryKindAndOneHundredHits() {
        SearchRequest request = read();
        LogSearch search = request.search();
        assertEquals(NOW_NANOS - 3_600_000_000_000L, search.range().fromNanos());
        assertEquals(NOW_NANOS, search.range().toNanos());
        assertEquals(EnumSet.allOf(LogKind.class), search.kinds());
        assertEquals(100, search.limit());
        assertNull(search.after());
        assertNull(search.histogramInterval());
        assertEquals(List.of(), search.facetFields());
        assertEquals(false, request.withOriginal());
    }

    @Test
    void readsEveryField() {
        String cursor = Cursor.encode(new LogSearch.SearchAfter(123, 456));
        SearchRequest request = read("q", "level:error", "from", "now-2d", "to", "2026-11-22T09:00:00Z", "kind", "audit,system",
                "limit", "5", "cursor", cursor, "histogram", "1h", "facets", "host, region", "original", "true");
        LogSearch search = request.search();
        assertEquals(NOW_NANOS - 2 * 86_400_000_000_000L, search.range().fromNanos());
        assertEquals(NOW_NANOS - 3_600_000_000_000L, search.range().toNanos());
        assertEquals(Set.of(LogKind.AUDIT, LogKind.SYSTEM), search.kinds());
        assertEquals(5, search.limit());
        assertEquals(new LogSearch.SearchAfter(123, 456), search.after());
        assertEquals(Duration.ofHours(1), search.histogramInterval());
        assertEquals(List.of("host", "attributes.region"), search.facetFields());
        assertTrue(request.withOriginal());
    }

    @Test
    void timechartIntervalMistakesNameTheSettingAndOfferNoAuto() {
        LoupeException tooFine = assertThrows(LoupeException.class, () -> read("q", "* | timechart 1s count()", "from", "now-1d"));
        assertEquals(ErrorCode.INVALID_QUERY, tooFine.code());
        assertEquals("pipe syntax error at column 15: timechart interval '1s': gives 86401 buckets over this range, more than 10000"
                + " (search.max_buckets); use a wider interval or a shorter range", tooFine.getMessage());
        LoupeException unknown = assertThrows(LoupeException.class, () -> read("q", "* | timechart 1x count()"));
        assertEquals("pipe syntax error at column 15: timechart interval '1x': '1x' is not an interval: use a positive number and a unit"
                + " of s, m, h, d or w (e.g. 1m)", unknown.getMessage());
        assertEquals(Duration.ofMinutes(5), read("q", "* | timechart 5m count()").pipeline().bucket());
    }

    @Test
    void autoHistogramKeepsBucketsFew() {
        assertEquals(Duration.ofMinutes(1), read("histogram", "auto").search().histogramInterval());
        assertEquals(Duration.ofMinutes(30), read("histogram", "auto", "from", "now-24h").search().histogramInterval());
    }

    @Test
    void badValuesNameTheParameterAndLimit() {
        assertMessage(ErrorCode.INVALID_PARAMETER, "limit", "limit", "10001");
        assertMessage(ErrorCode.INVALID_PARAMETER, "search.max_limit", "limit", "10001");
        assertMessage(ErrorCode.INVALID_PARAMETER, "limit", "limit", "many");
        assertMessage(ErrorCode.INVALID_PARAMETER, "from", "from", "yesterday");
        assertMessage(ErrorCode.INVALID_PARAMETER, "before", "from", "now", "to", "now-1h");
        assertMessage(ErrorCode.INVALID_KIND, "nginx", "kind", "nginx");
        assertMessage(ErrorCode.INVALID_CURSOR, "next_cursor", "cursor", "garbage!");
        assertMessage(ErrorCode.INVALID_PARAMETER, "search.max_buckets", "histogram", "1s", "from", "now-7d");
        assertMessage(ErrorCode.INVALID_PARAMETER, "histogram", "histogram", "fortnightly");
        assertMessage(ErrorCode.INVALID_PARAMETER, "facet", "facets", "message");
        assertMessage(ErrorCode.INVALID_PARAMETER, "exact lookup only", "facets", "host,trace_id");
        assertMessage(ErrorCode.INVALID_PARAMETER, "original", "original", "maybe");
    }

    private void assertMessage(ErrorCode code, String expectedText, String... pairs) {
        LoupeException e = assertThrows(LoupeException.class, () -> read(pairs));
        assertEquals(code, e.code());
        assertTrue(e.getMessage().contains(expectedText), e.getMessage());
    }
}
