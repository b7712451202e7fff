package io.loupe.search.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LogKind;
import io.loupe.index.api.LogSearch;
import io.loupe.index.api.LoupeException;
import io.loupe.index.api.TimeRange;
import io.loupe.search.SearchConfig;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FieldRequestReaderTest {
    private static final FieldRequestReader READER = new FieldRequestReader(new SearchRequestReader(SearchConfig.defaults()));
    private static final Instant NOW = Instant.parse("2026-03-15T12:00:00Z");

    @Test
    void aListingTakesRangeAndKindsWithSearchDefaults() {
        FieldRequestReader.Listing listing = READER.readListing(Map.of("kind", "audit", "q", "ignored:(")::get, NOW);
        assertEquals(Set.of(LogKind.AUDIT), listing.kinds());
        assertEquals(new TimeRange(TimeExpression.parse("now-1h", NOW), TimeExpression.parse("now", NOW)), listing.range());
    }

    @Test
    void valuesAreOneFacetWithoutHitsAndAttributesAreNamedAsQueried() {
        LogSearch host = READER.readValues("host", Map.of("q", "level:error", "limit", "25")::get, NOW);
        assertEquals(List.of("host"), host.facetFields());
        assertEquals(25, host.facetSize());
        assertEquals(0, host.limit());
        assertEquals(List.of("attributes.http.status"), READER.readValues("http.status", Map.<String, String>of()::get, NOW).facetFields());
        assertEquals(FieldRequestReader.DEFAULT_VALUES,
                READER.readValues("attributes.http.status", Map.<String, String>of()::get, NOW).facetSize());
    }

    @Test
    void fieldsWithoutValuesToCountAreRefusedWithTheReason() {
        assertRefused("message", "cannot list values of field 'message': it is full text (words, not values); search it with q=message:<word>");
        assertRefused("trace_id", "cannot list values of field 'trace_id': ids (request_id, session_id, span_id, trace_id) are "
                + "indexed for exact lookup only, without values to count; query them with trace_id:<value>");
        assertRefused("timestamp", "cannot list values of field 'timestamp': every event has its own; count events over time "
                + "with /api/v1/search?histogram=auto");
        assertRefused("kind", "cannot list values of field 'kind': it is one of system, application, audit; filter with kind=");
        assertRefused("_id", "cannot list values of field '_id': it is internal to the index");
        LoupeException limit = assertThrows(LoupeException.class, () -> READER.readValues("host", Map.of("limit", "5000")::get, NOW));
        assertEquals("parameter 'limit' must be a whole number from 1 to 1000, got '5000'", limit.getMessage());
    }

    private static void assertRefused(String field, String message) {
        LoupeException refused = assertThrows(LoupeException.class, () -> READER.readValues(field, Map.<String, String>of()::get, NOW));
        assertEquals(ErrorCode.INVALID_PARAMETER, refused.code());
        assertEquals(message, refused.getMessage());
    }
}
