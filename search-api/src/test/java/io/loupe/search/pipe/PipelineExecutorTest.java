package io.loupe.search.pipe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loupe.index.api.LogEvent;
import io.loupe.index.api.LogKind;
import io.loupe.index.log.DurableLogStore;
import io.loupe.index.log.LogStoreConfig;
import io.loupe.index.wal.WalConfig;
import io.loupe.search.PipeConfig;
import io.loupe.search.SearchConfig;
import io.loupe.search.request.SearchRequest;
import io.loupe.search.request.SearchRequestReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Searches with pipe stages through {@link SearchRequestReader} and {@link PipelineExecutor} on a real store. */
class PipelineExecutorTest {
    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
    private static final long T0_NANOS = T0.getEpochSecond() * 1_000_000_000L;

    @TempDir
    Path dir;

    private static LogEvent event(long nanos, String host) {
        return new LogEvent(nanos, false, LogKind.APPLICATION, "m", Map.of("host", host), Map.of(), new byte[0]);
    }

    private PipeResult run(DurableLogStore store, String q) {
        Map<String, String> params = Map.of("q", q, "from", T0.toString(), "to", T0.plusSeconds(600).toString());
        SearchRequest request = new SearchRequestReader(SearchConfig.defaults()).read(params::get, T0.plusSeconds(3600));
        return new PipelineExecutor(store, PipeConfig.defaults()).run(request.pipeline(), request.search());
    }

    private static List<String> columns(Table table) {
        return table.columns().stream().map(c -> c.name() + ":" + c.type().wireName()).toList();
    }

    private static List<List<Object>> rows(Table table) {
        return table.rows().stream().map(row -> table.columns().stream().map(c -> row.get(c.name())).toList()).toList();
    }

    @Test
    void aggregatesOfTimestampThatArePointsInTimeAreExactTimeColumns() throws IOException {
        // nanosecond apart: a double holds epoch nanos to 256 ns only
        long a1 = T0_NANOS + 5_000_000_001L;
        long a2 = T0_NANOS + 5_000_000_002L;
        long a3 = T0_NANOS + 65_000_000_007L;
        long b1 = T0_NANOS + 5_000_000_003L;
        try (DurableLogStore store = DurableLogStore.open(dir, LogStoreConfig.defaults(), WalConfig.defaults(),
                Clock.fixed(T0.plusSeconds(3600), ZoneOffset.UTC))) {
            store.append(List.of(event(a1, "a"), event(b1, "b")));
            store.refresh();
            store.append(List.of(event(a3, "a"), event(a2, "a")));
            store.refresh();

            Table table = run(store, "| stats min(timestamp), max(timestamp) as last, p50(timestamp), avg(timestamp), count(timestamp),"
                    + " dc(timestamp) by host").table();
            assertEquals(List.of("host:string", "min(timestamp):time", "last:time", "p50(timestamp):time", "avg(timestamp):time",
                    "count(timestamp):number", "dc(timestamp):number"), columns(table));
            // the three times add up past Long.MAX_VALUE; their offsets from T0 do not
            long average = T0_NANOS + Math.floorDiv((a1 - T0_NANOS) + (a2 - T0_NANOS) + (a3 - T0_NANOS), 3);
            assertEquals(List.of(List.of("a", a1, a3, a2, average, 3L, 3L), List.of("b", b1, b1, b1, b1, 1L, 1L)), rows(table));

            // sort by a time, and where on it with epoch milliseconds
            long a3Millis = Math.floorDiv(a3, 1_000_000);
            assertEquals(List.of(List.of("a", a3), List.of("b", b1)),
                    rows(run(store, "| stats max(timestamp) as last by host | sort -last | fields host, last").table()));
            assertEquals(List.of(List.of("a", a3)), rows(run(store, "| stats max(timestamp) as last by host | where last > " + a3Millis
                    + " | fields host, last").table()), "a3 is 7 ns past its millisecond");
            assertEquals(List.of(), rows(run(store, "| stats max(timestamp) as last by host | where last > " + (a3Millis + 1)
                    + " | fields host, last").table()));

            // a group without events: times are missing, counts 0
            Table none = run(store, "nosuchword | stats min(timestamp), count(timestamp)").table();
            assertEquals(List.of(Arrays.asList(null, 0L)), rows(none));
            assertEquals(List.of("min(timestamp):time", "count(timestamp):number"), columns(none));

            // timechart: the bucket's newest event
            Table chart = run(store, "| timechart 1m max(timestamp) | head 3").table();
            assertEquals(List.of("_time:time", "max(timestamp):time"), columns(chart));
            assertEquals(List.of(Arrays.asList(T0_NANOS, b1), Arrays.asList(T0_NANOS + 60_000_000_000L, a3),
                    Arrays.asList(T0_NANOS + 120_000_000_000L, null)), rows(chart));
        }
    }
}
