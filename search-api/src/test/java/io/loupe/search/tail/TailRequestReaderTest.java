package io.loupe.search.tail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LogKind;
import io.loupe.index.api.LogTail;
import io.loupe.index.api.LoupeException;
import io.loupe.search.SearchConfig;
import io.loupe.search.request.SearchRequestReader;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TailRequestReaderTest {
    private static final TailRequestReader READER = new TailRequestReader(new SearchRequestReader(SearchConfig.defaults()));
    private static final Instant NOW = Instant.parse("2026-03-15T12:00:00Z");

    @Test
    void readsQueryKindsAndWhereToResume() {
        TailRequest fresh = READER.read(Map.<String, String>of()::get, null, NOW);
        assertEquals(LogTail.NOW, fresh.afterEventId());
        assertEquals(EnumSet.allOf(LogKind.class), fresh.kinds());

        TailRequest resumed = READER.read(Map.of("q", "level:error", "kind", "system,audit", "last_event_id", "42")::get, null, NOW);
        assertEquals(42, resumed.afterEventId());
        assertEquals(Set.of(LogKind.SYSTEM, LogKind.AUDIT), resumed.kinds());
        assertTrue(resumed.query().toString().contains("level:error"), resumed.query().toString());

        assertEquals(99, READER.read(Map.of("last_event_id", "42")::get, " 99 ", NOW).afterEventId(),
                "the header an EventSource sends on reconnect wins over the parameter it was opened with");
    }

    @Test
    void badValuesAreRefusedNamingWhereTheyCameFrom() {
        LoupeException header = assertThrows(LoupeException.class, () -> READER.read(Map.<String, String>of()::get, "abc", NOW));
        assertEquals(ErrorCode.INVALID_PARAMETER, header.code());
        assertEquals("header Last-Event-ID must be the id of an event a tail or search sent (a whole number), got 'abc'",
                header.getMessage());
        LoupeException negative = assertThrows(LoupeException.class, () -> READER.read(Map.of("last_event_id", "-3")::get, null, NOW));
        assertTrue(negative.getMessage().startsWith("parameter 'last_event_id'"), negative.getMessage());
        assertEquals(ErrorCode.INVALID_QUERY, assertThrows(LoupeException.class,
                () -> READER.read(Map.of("q", "level:(error")::get, null, NOW)).code());
        assertEquals(ErrorCode.INVALID_KIND, assertThrows(LoupeException.class,
                () -> READER.read(Map.of("kind", "metrics")::get, null, NOW)).code());
    }
}
