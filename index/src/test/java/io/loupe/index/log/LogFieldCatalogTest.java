package io.loupe.index.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loupe.index.api.LogEvent;
import io.loupe.index.api.LogFieldInfo;
import io.loupe.index.api.LogFieldInfo.Type;
import io.loupe.index.api.LogKind;
import io.loupe.index.api.TimeRange;
import io.loupe.index.testing.MutableClock;
import io.loupe.index.wal.WalConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link DurableLogStore#fields}: names as queried, types, counts and cardinality from the index metadata. */
class LogFieldCatalogTest {
    private static final Instant NOW = Instant.parse("2026-03-15T12:00:00Z");
    private static final Instant YESTERDAY = NOW.minusSeconds(86_400);
    private static final TimeRange TODAY = new TimeRange(nanos(Instant.parse("2026-03-15T00:00:00Z")), nanos(NOW.plusSeconds(1)));
    private static final TimeRange BOTH_DAYS = new TimeRange(nanos(YESTERDAY.minusSeconds(3600)), nanos(NOW.plusSeconds(1)));

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
    void listsEachFieldAsUsersQueryItWithTypeDocumentsAndCardinality() throws IOException {
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Map<String, Object> attributes = new HashMap<>();
            attributes.put("http.status", i % 2 == 0 ? (Object) (long) (200 + i % 3) : "20" + i % 3); // a key with two types
            if (i < 10) {
                attributes.put("duration", i * 0.5);
            }
            events.add(event(NOW.minusSeconds(i), Map.of("host", "web-" + i % 3, "level", "info", "trace_id", "t" + i), attributes));
        }
        store.append(events.subList(0, 15));
        store.refresh();
        store.append(events.subList(15, 30)); // two segments: counts add up, distinct values do not double
        store.refresh();

        Map<String, LogFieldInfo> fields = byNameAndType(store.fields(TODAY, EnumSet.allOf(LogKind.class)));
        assertEquals(Set.of("timestamp/timestamp", "kind/keyword", "message/text", "host/keyword", "level/keyword",
                "trace_id/keyword", "attributes.http.status/long", "attributes.http.status/keyword",
                "attributes.duration/double"), fields.keySet(), "no internal field (_id, _event) is listed");

        assertField(fields.get("host/keyword"), 30, 3, true);
        assertField(fields.get("level/keyword"), 30, 1, true);
        assertField(fields.get("kind/keyword"), 30, 1, false);
        assertField(fields.get("trace_id/keyword"), 30, 30, false);
        assertField(fields.get("attributes.http.status/keyword"), 15, 3, true);
        assertField(fields.get("attributes.http.status/long"), 15, -1, true);
        assertField(fields.get("attributes.duration/double"), 10, -1, true);
        assertField(fields.get("message/text"), 30, -1, false);
        assertField(fields.get("timestamp/timestamp"), 30, -1, true);
    }

    @Test
    void cardinalityIsCappedAndOnlyOverlappingPartitionsOfTheKindsCount() throws IOException {
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < LogFieldInfo.CARDINALITY_CAP + 50; i++) {
            events.add(event(YESTERDAY.plusSeconds(i), Map.of("user_id", "u-" + i), Map.of()));
        }
        store.append(events);
        store.append(List.of(new LogEvent(nanos(NOW), false, LogKind.AUDIT, "login", Map.of("actor", "alice"), Map.of(), new byte[] {1})));
        store.refresh();

        LogFieldInfo users = byNameAndType(store.fields(BOTH_DAYS, EnumSet.allOf(LogKind.class))).get("user_id/keyword");
        assertEquals(LogFieldInfo.CARDINALITY_CAP, users.cardinality());
        assertTrue(users.cardinalityCapped());
        assertEquals(LogFieldInfo.CARDINALITY_CAP + 50, users.documents());

        Map<String, LogFieldInfo> today = byNameAndType(store.fields(TODAY, EnumSet.allOf(LogKind.class)));
        assertFalse(today.containsKey("user_id/keyword"), "yesterday's partition is not opened for today");
        assertTrue(today.containsKey("actor/keyword"));
        assertFalse(byNameAndType(store.fields(BOTH_DAYS, Set.of(LogKind.APPLICATION))).containsKey("actor/keyword"),
                "audit fields are not listed for application events");
        assertEquals(List.of(), store.fields(new TimeRange(0, 1), EnumSet.allOf(LogKind.class)));
    }

    private static void assertField(LogFieldInfo field, long documents, long cardinality, boolean aggregatable) {
        assertEquals(documents, field.documents(), field.name() + " documents");
        assertEquals(cardinality, field.cardinality(), field.name() + " cardinality");
        assertFalse(field.cardinalityCapped(), field.name() + " capped");
        assertEquals(aggregatable, field.aggregatable(), field.name() + " aggregatable");
    }

    private static Map<String, LogFieldInfo> byNameAndType(List<LogFieldInfo> fields) {
        return fields.stream().collect(Collectors.toMap(f -> f.name() + "/" + f.type().wireName(), f -> f));
    }

    private static LogEvent event(Instant at, Map<String, String> fields, Map<String, Object> attributes) {
        String message = "event at " + at;
        return new LogEvent(nanos(at), false, LogKind.APPLICATION, message, fields, attributes, message.getBytes(StandardCharsets.UTF_8));
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
