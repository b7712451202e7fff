package io.loupe.ops.it;

import static io.loupe.ops.it.LoupeApi.params;
import static io.loupe.ops.it.PipeDataSet.average;
import static io.loupe.ops.it.PipeDataSet.durations;
import static io.loupe.ops.it.PipeDataSet.groupBy;
import static io.loupe.ops.it.PipeDataSet.percentile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.loupe.ops.it.PipeDataSet.Sent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pipe stages on {@code GET|POST /api/v1/search} against the real server: the seeded events of
 * {@link PipeDataSet} (hosts, services, users, levels, a {@code duration_ms} sometimes decimal,
 * sometimes sent as a string, and an {@code http.status} sometimes a string) ingested in three
 * requests through the native API; every expected table is computed from the events sent. A second
 * server with tiny pipe limits checks the 422 answers.
 */
class PipeSearchIT {
    private static final DateTimeFormatter RFC3339_NANOS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
    /** The minute of the ten searched that has no events, so zero-filled buckets show. */
    private static final int EMPTY_MINUTE = 6;

    @TempDir
    static Path dataDir;
    @TempDir
    static Path limitedDataDir;
    private static InProcessLoupe loupe;
    private static InProcessLoupe limited;
    private static LoupeApi api;
    /** A whole minute 30 minutes ago; the events lie in [t0, t0 + 10m), which every search asks for. */
    private static Instant t0;
    private static final List<Sent> SENT = new ArrayList<>();

    @BeforeAll
    static void startServersWithEvents() throws Exception {
        loupe = InProcessLoupe.start(dataDir, Map.of());
        api = loupe.api();
        t0 = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.MINUTES);
        SENT.addAll(PipeDataSet.generate(t0, EMPTY_MINUTE));
        // three requests: several segments (and, with the system events, two partitions) to merge
        int third = SENT.size() / 3;
        for (List<Sent> batch : List.of(SENT.subList(0, third), SENT.subList(third, 2 * third), SENT.subList(2 * third, SENT.size()))) {
            api.ingestAll(batch.stream().map(Sent::json).toArray(String[]::new));
            api.awaitTotal(range(), SENT.indexOf(batch.getLast()) + 1);
        }

        limited = InProcessLoupe.start(limitedDataDir, Map.of("search.max_groups", "3", "search.max_percentile_values", "10",
                "search.max_sort_events", "5"));
        limited.api().ingestAll(SENT.subList(0, 20).stream().map(Sent::json).toArray(String[]::new));
        limited.api().awaitTotal(range(), 20);
    }

    @AfterAll
    static void stopServers() {
        if (loupe != null) {
            loupe.close();
        }
        if (limited != null) {
            limited.close();
        }
    }

    private static int minuteOf(Instant time) {
        return (int) Duration.between(t0, time).toMinutes();
    }

    private static Map<String, String> range(String... more) {
        Map<String, String> params = params("from", t0.toString(), "to", t0.plus(Duration.ofMinutes(10)).toString());
        params.putAll(params(more));
        return params;
    }

    private static JsonNode pipe(String q, String... more) {
        Map<String, String> params = range(more);
        params.put("q", q);
        return api.searchOk(params);
    }

    private static LoupeApi.Response pipeResponse(LoupeApi client, String q) {
        Map<String, String> params = range();
        params.put("q", q);
        return client.search(params);
    }

    // ---- what the answer looks like -------------------------------------------------------------

    private static List<String> columns(JsonNode answer) {
        List<String> columns = new ArrayList<>();
        answer.path("columns").forEach(column -> columns.add(column.path("name").asText() + ":" + column.path("type").asText()));
        return columns;
    }

    /** The rows as lists of texts: numbers as JSON writes them (a whole number without a fraction), null as null. */
    private static List<List<String>> rows(JsonNode answer) {
        List<List<String>> rows = new ArrayList<>();
        answer.path("rows").forEach(row -> {
            List<String> values = new ArrayList<>();
            row.forEach(value -> values.add(value.isNull() ? null : value.asText()));
            rows.add(values);
        });
        return rows;
    }

    /** A column of the rows as numbers (null stays null). */
    private static List<Double> numbers(JsonNode answer, int column) {
        List<Double> values = new ArrayList<>();
        answer.path("rows").forEach(row -> values.add(row.get(column).isNull() ? null : row.get(column).asDouble()));
        return values;
    }

    private static void assertNumbers(List<Double> expected, List<Double> actual, String what) {
        assertEquals(expected.size(), actual.size(), () -> what + ": " + actual);
        for (int i = 0; i < expected.size(); i++) {
            Double e = expected.get(i);
            Double a = actual.get(i);
            if (e == null || a == null) {
                assertEquals(e, a, what + " row " + i);
            } else {
                assertEquals(e, a, Math.abs(e) * 1e-12, what + " row " + i);
            }
        }
    }

    private static String whole(long n) {
        return Long.toString(n);
    }

    private static String time(Instant instant) {
        return RFC3339_NANOS.format(instant);
    }

    // ---- brute force over the events sent ------------------------------------------------------

    private static List<Sent> where(Predicate<Sent> condition) {
        return SENT.stream().filter(condition).toList();
    }

    // ---- tests ----------------------------------------------------------------------------------

    @Test
    void statsCountByHostIsATableOfGroupsInKeyOrder() {
        JsonNode answer = pipe("* | stats count() by host");
        assertEquals(List.of("host:string", "count():number"), columns(answer));
        List<List<String>> expected = new ArrayList<>();
        groupBy(SENT, Sent::host).forEach((host, events) -> expected.add(List.of(host, whole(events.size()))));
        assertEquals(expected, rows(answer));
        assertEquals(SENT.size(), answer.path("matched").asLong());
        assertTrue(answer.path("took_ms").isIntegralNumber(), answer.toString());
        assertEquals(PipeDataSet.HOSTS.size(), expected.size(), "every host has events");
        assertEquals(rows(answer), rows(pipe("*:* | stats count() by host")));
        assertEquals(rows(answer), rows(pipe("| stats count() by host")), "'*', '*:*' and no query all match every event,"
                + " system events without a message too");
        assertTrue(SENT.stream().anyMatch(e -> e.kind().equals("system")), "the data has events without a message");
    }

    @Test
    void severalAggregatesWithAliasesBySeveralFields() {
        JsonNode answer = pipe("| stats count() as events, count(duration_ms), sum(duration_ms) as total_ms, min(duration_ms),"
                + " max(duration_ms) as slowest, avg(duration_ms) as avg_ms by service, level");
        assertEquals(List.of("service:string", "level:string", "events:number", "count(duration_ms):number", "total_ms:number",
                "min(duration_ms):number", "slowest:number", "avg_ms:number"), columns(answer));
        TreeMap<String, List<Sent>> groups = groupBy(SENT, e -> e.service() == null ? null : e.service() + "/" + e.level());
        List<List<String>> keys = rows(answer).stream().map(row -> List.of(row.get(0) + "/" + row.get(1), row.get(2), row.get(3))).toList();
        List<List<String>> expectedKeys = new ArrayList<>();
        List<Double> sums = new ArrayList<>();
        List<Double> mins = new ArrayList<>();
        List<Double> maxs = new ArrayList<>();
        List<Double> avgs = new ArrayList<>();
        groups.forEach((key, events) -> {
            // count(duration_ms) counts the events that have it in any type, strings too
            expectedKeys.add(List.of(key, whole(events.size()), whole(events.stream().filter(e -> e.duration() != null).count())));
            double[] numbers = durations(events);
            sums.add(numbers.length == 0 ? null : Arrays.stream(numbers).sum());
            mins.add(numbers.length == 0 ? null : numbers[0]);
            maxs.add(numbers.length == 0 ? null : numbers[numbers.length - 1]);
            avgs.add(average(events));
        });
        assertEquals(expectedKeys, keys, "groups in order of service, then level, with their counts");
        assertNumbers(sums, numbers(answer, 4), "sum");
        assertNumbers(mins, numbers(answer, 5), "min");
        assertNumbers(maxs, numbers(answer, 6), "max");
        assertNumbers(avgs, numbers(answer, 7), "avg");
        assertTrue(answer.path("rows").get(0).get(2).isIntegralNumber(), "counts are whole numbers: " + answer.path("rows").get(0));
    }

    @Test
    void percentilesAndDistinctCounts() {
        JsonNode answer = pipe("| stats p50(duration_ms), p95(duration_ms) as p95, median(duration_ms) as med, p100(duration_ms),"
                + " dc(user_id) as users, dc(http.status) by host");
        assertEquals(List.of("host:string", "p50(duration_ms):number", "p95:number", "med:number", "p100(duration_ms):number",
                "users:number", "dc(http.status):number"), columns(answer));
        TreeMap<String, List<Sent>> groups = groupBy(SENT, Sent::host);
        assertEquals(List.copyOf(groups.keySet()), rows(answer).stream().map(row -> row.getFirst()).toList());
        List<Double> p50 = new ArrayList<>();
        List<Double> p95 = new ArrayList<>();
        List<Double> p100 = new ArrayList<>();
        List<Double> users = new ArrayList<>();
        List<Double> statuses = new ArrayList<>();
        groups.forEach((host, events) -> {
            p50.add(percentile(events, 50));
            p95.add(percentile(events, 95));
            p100.add(percentile(events, 100));
            users.add((double) events.stream().map(Sent::user).filter(Objects::nonNull).distinct().count());
            // 500 sent as a number and "500" sent as a string are one value
            statuses.add((double) events.stream().map(Sent::statusText).filter(Objects::nonNull).distinct().count());
        });
        assertNumbers(p50, numbers(answer, 1), "p50");
        assertNumbers(p95, numbers(answer, 2), "p95");
        assertNumbers(p50, numbers(answer, 3), "median is p50");
        assertNumbers(p100, numbers(answer, 4), "p100 is the largest number");
        assertNumbers(users, numbers(answer, 5), "dc(user_id)");
        assertNumbers(statuses, numbers(answer, 6), "dc(http.status)");
    }

    private static long epochNanos(Instant time) {
        return time.getEpochSecond() * 1_000_000_000L + time.getNano();
    }

    @Test
    void minMaxMedianAndAverageOfTimestampAreExactTimes() {
        JsonNode answer = pipe("| stats min(timestamp) as first, max(timestamp), p50(timestamp), avg(timestamp), count(timestamp) by host");
        assertEquals(List.of("host:string", "first:time", "max(timestamp):time", "p50(timestamp):time", "avg(timestamp):time",
                "count(timestamp):number"), columns(answer));
        List<List<String>> expected = new ArrayList<>();
        groupBy(SENT, Sent::host).forEach((host, events) -> {
            List<Instant> times = events.stream().map(Sent::time).sorted().toList();
            java.math.BigInteger sum = java.math.BigInteger.ZERO;
            for (Instant t : times) {
                sum = sum.add(java.math.BigInteger.valueOf(epochNanos(t)));
            }
            long average = sum.divide(java.math.BigInteger.valueOf(times.size())).longValueExact(); // rounded down to the nanosecond
            expected.add(List.of(host, time(times.getFirst()), time(times.getLast()), time(times.get((times.size() + 1) / 2 - 1)),
                    time(Instant.ofEpochSecond(0, average)), whole(times.size())));
        });
        assertEquals(expected, rows(answer), "the first, last, median and mean time of each host's events, to the nanosecond");
        assertTrue(SENT.stream().map(e -> epochNanos(e.time())).anyMatch(nanos -> (long) (double) nanos != nanos),
                "the data has times that a double would round");

        String q = "| stats sum(timestamp) by host";
        String refused = pipeResponse(api, q).error(400, "INVALID_QUERY").path("message").asText();
        assertEquals("pipe syntax error at column " + (q.indexOf("timestamp") + 1) + ": sum(timestamp) would add up points in time; use min, max, avg, median or pNN"
                + " of timestamp for a time, or count()", refused);
    }

    @Test
    void sortAndWhereOnATimeColumn() {
        Map<String, Long> lastByHost = new TreeMap<>();
        groupBy(SENT, Sent::host).forEach((host, events) -> lastByHost.put(host,
                events.stream().mapToLong(e -> epochNanos(e.time())).max().orElseThrow()));
        JsonNode sorted = pipe("| stats max(timestamp) as last by host | sort last");
        List<Map.Entry<String, Long>> byLast = lastByHost.entrySet().stream().sorted(Map.Entry.comparingByValue()).toList();
        assertEquals(byLast.stream().map(e -> List.of(e.getKey(), time(Instant.ofEpochSecond(0, e.getValue())))).toList(), rows(sorted),
                "hosts by the time of their last event, earliest first");

        // where on a time column takes epoch milliseconds, as from and to do, and compares them exactly with the nanos
        long cut = byLast.get(byLast.size() / 2).getValue();
        long cutMillis = Math.floorDiv(cut, 1_000_000);
        assertTrue(cut % 1_000_000 != 0, "the cut time is inside its millisecond");
        JsonNode quiet = pipe("| stats max(timestamp) as last by host | where last <= " + cutMillis + " | sort last");
        assertEquals(byLast.stream().filter(e -> e.getValue() <= cutMillis * 1_000_000).map(e -> e.getKey()).toList(),
                rows(quiet).stream().map(row -> row.getFirst()).toList(), "hosts quiet since before the millisecond of the cut");
        JsonNode recent = pipe("| stats max(timestamp) as last by host | where last > " + cutMillis + " | sort -last");
        List<String> recentHosts = byLast.reversed().stream().filter(e -> e.getValue() > cutMillis * 1_000_000).map(e -> e.getKey()).toList();
        assertEquals(recentHosts, rows(recent).stream().map(row -> row.getFirst()).toList());
        assertTrue(recentHosts.contains(byLast.get(byLast.size() / 2).getKey()), "the host of the cut is within its millisecond: after it");

        // over events after head, _time compares the same way
        List<Sent> newest = SENT.stream().sorted(Comparator.comparing(Sent::time).reversed()).limit(10).toList();
        long sixth = epochNanos(newest.get(5).time());
        JsonNode events = pipe("| head 10 | where _time >= " + Math.floorDiv(sixth, 1_000_000) + " | fields _time");
        assertEquals(newest.subList(0, 6).stream().map(e -> List.of(time(e.time()))).toList(), rows(events));
    }

    @Test
    void aNumberAndTheSameNumberSentAsAStringAreOneGroup() {
        JsonNode answer = pipe("| stats count() by http.status");
        List<List<String>> expected = new ArrayList<>();
        TreeMap<Long, List<Sent>> groups = groupBy(SENT, e -> e.status() == null ? null : Long.valueOf(e.statusText()));
        groups.forEach((status, events) -> expected.add(List.of(status.toString(), whole(events.size()))));
        assertEquals(expected, rows(answer), "statuses in numeric order, strings and numbers counted together");
        assertTrue(SENT.stream().anyMatch(e -> e.status() instanceof String) && SENT.stream().anyMatch(e -> e.status() instanceof Long),
                "the data has both");
    }

    @Test
    void timechartHasEveryBucketOfTheRangeForEveryValue() {
        JsonNode answer = pipe("| timechart 1m count() by level");
        assertEquals(List.of("_time:time", "level:string", "count():number"), columns(answer));
        Set<String> levels = new TreeSet<>(SENT.stream().map(Sent::level).toList());
        List<List<String>> expected = new ArrayList<>();
        for (int minute = 0; minute < 10; minute++) {
            for (String level : levels) {
                int m = minute;
                long count = SENT.stream().filter(e -> minuteOf(e.time()) == m && e.level().equals(level)).count();
                expected.add(List.of(time(t0.plus(Duration.ofMinutes(minute))), level, whole(count)));
            }
        }
        assertEquals(expected, rows(answer));
        assertEquals(List.of("0", "0", "0"), rows(answer).stream().filter(row -> row.getFirst().equals(time(t0.plus(Duration.ofMinutes(EMPTY_MINUTE)))))
                .map(row -> row.get(2)).toList(), "the empty minute is zero-filled");

        JsonNode averages = pipe("| timechart span=1m count(), avg(duration_ms) as avg_ms");
        assertEquals(List.of("_time:time", "count():number", "avg_ms:number"), columns(averages));
        List<Double> avgs = new ArrayList<>();
        for (int minute = 0; minute < 10; minute++) {
            int m = minute;
            avgs.add(average(where(e -> minuteOf(e.time()) == m)));
        }
        assertNumbers(avgs, numbers(averages, 2), "avg per minute, null where a minute has no numbers");
        assertEquals(null, avgs.get(EMPTY_MINUTE));
    }

    @Test
    void topAndRareCountValuesWithTheirShare() {
        List<Sent> withUser = where(e -> e.user() != null);
        Map<String, Long> counts = withUser.stream().collect(Collectors.groupingBy(Sent::user, TreeMap::new, Collectors.counting()));
        Comparator<Map.Entry<String, Long>> mostFirst = Map.Entry.<String, Long>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey());
        JsonNode top = pipe("| top 3 user_id");
        assertEquals(List.of("user_id:string", "count:number", "percent:number"), columns(top));
        List<Map.Entry<String, Long>> expected = counts.entrySet().stream().sorted(mostFirst).limit(3).toList();
        assertEquals(expected.stream().map(e -> List.of(e.getKey(), whole(e.getValue()))).toList(),
                rows(top).stream().map(row -> row.subList(0, 2)).toList());
        assertNumbers(expected.stream().map(e -> 100.0 * e.getValue() / withUser.size()).toList(), numbers(top, 2),
                "percent of the events that have a user_id");

        JsonNode rare = pipe("| rare 2 host");
        Map<String, Long> hosts = SENT.stream().collect(Collectors.groupingBy(Sent::host, TreeMap::new, Collectors.counting()));
        assertEquals(hosts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .limit(2).map(e -> List.of(e.getKey(), whole(e.getValue()))).toList(), rows(rare).stream().map(row -> row.subList(0, 2)).toList());
        assertEquals(Math.min(10, counts.size()), rows(pipe("| top user_id")).size(), "top without n: up to 10 rows");
    }

    @Test
    void fieldsSortAndHeadOverEvents() {
        List<Sent> checkout = where(e -> "checkout".equals(e.service()));
        JsonNode answer = pipe("service:checkout | sort -duration_ms | fields _time, host, duration_ms | head 5");
        List<String> cols = columns(answer);
        assertEquals(List.of("_time:time", "host:string"), cols.subList(0, 2));
        // rows come newest first, then sort is stable; a number sent as a string sorts by its value; missing last
        List<Sent> expected = checkout.stream()
                .sorted(Comparator.comparing(Sent::time).reversed())
                .sorted(Comparator.comparing(Sent::rowNumber, Comparator.nullsLast(Comparator.reverseOrder())))
                .limit(5).toList();
        assertEquals(expected.stream().map(e -> Arrays.asList(time(e.time()), e.host(), e.durationText())).toList(), rows(answer));
        assertEquals(checkout.size(), answer.path("matched").asLong());

        JsonNode ascending = pipe("service:checkout | sort host, -_time | fields host, level | head 3");
        assertEquals(List.of("host:string", "level:string"), columns(ascending));
        List<Sent> byHost = checkout.stream().sorted(Comparator.comparing(Sent::host).thenComparing(Sent::time, Comparator.reverseOrder()))
                .limit(3).toList();
        assertEquals(byHost.stream().map(e -> List.of(e.host(), e.level())).toList(), rows(ascending));

        JsonNode newest = pipe("| head");
        assertEquals(List.of("_time:time", "host:string", "service:string", "level:string", "message:string"), columns(newest));
        List<Sent> newestTen = SENT.stream().sorted(Comparator.comparing(Sent::time).reversed()).limit(10).toList();
        assertEquals(newestTen.stream().map(e -> time(e.time())).toList(), rows(newest).stream().map(row -> row.getFirst()).toList(),
                "head without n is the 10 newest events");

        JsonNode capped = pipe("| sort duration_ms | fields duration_ms", "limit", "4");
        assertEquals(4, rows(capped).size(), "without head, at most limit rows");
    }

    @Test
    void whereBeforeAnAggregateNarrowsEventsAndAfterItFiltersRows() {
        // before: numeric attribute values only; a duration sent as a string is text to the index
        List<Sent> slow = where(e -> e.number() != null && e.number() >= 1000);
        Map<String, Long> perHost = slow.stream().collect(Collectors.groupingBy(Sent::host, Collectors.counting()));
        long median = perHost.values().stream().sorted().toList().get(perHost.size() / 2);
        JsonNode answer = pipe("| where duration_ms >= 1000 | stats count() by host | where count() >= " + median + " | sort -count(), host");
        List<List<String>> expected = perHost.entrySet().stream().filter(e -> e.getValue() >= median)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(e -> List.of(e.getKey(), whole(e.getValue()))).toList();
        assertEquals(expected, rows(answer));
        assertTrue(expected.size() < perHost.size(), "the where after stats dropped a group: " + perHost);
        assertEquals(slow.size(), answer.path("matched").asLong(), "matched counts the events the where before stats kept");
        assertTrue(SENT.stream().anyMatch(e -> e.duration() instanceof String s && Long.parseLong(s) >= 1000),
                "the data has slow durations sent as strings, which that where does not see");

        List<Sent> over = where(e -> e.number() != null && e.number() > 1900);
        double excluded = over.getFirst().number();
        over = where(e -> e.number() != null && e.number() > 1900 && e.number() != excluded);
        JsonNode events = pipe("| where attributes.duration_ms > 1900 and duration_ms != " + excluded + " | fields _time, duration_ms");
        assertEquals(over.stream().sorted(Comparator.comparing(Sent::time).reversed()).map(e -> Arrays.asList(time(e.time()), e.durationText())).toList(),
                rows(events));

        // after head, where compares the rows' values: a string that reads as a number is compared as one
        JsonNode afterHead = pipe("| head 60 | where duration_ms > 1000 | fields _time, duration_ms");
        List<Sent> newest60 = SENT.stream().sorted(Comparator.comparing(Sent::time).reversed()).limit(60).toList();
        assertTrue(newest60.stream().anyMatch(e -> e.duration() instanceof String && e.rowNumber() > 1000), "a string above 1000 to keep");
        assertEquals(newest60.stream().filter(e -> e.rowNumber() != null && e.rowNumber() > 1000)
                .map(e -> Arrays.asList(time(e.time()), e.durationText())).toList(), rows(afterHead));

        // after an aggregate, numeric-looking group keys compare as numbers
        JsonNode errors = pipe("| stats count() by http.status | where http.status >= 500");
        assertEquals(List.of("500", "503"), rows(errors).stream().map(row -> row.getFirst()).toList());
    }

    @Test
    void aQueryNarrowsTheEventsThePipesSee() {
        JsonNode answer = pipe("level:error | stats count() by service");
        List<Sent> errors = where(e -> e.level().equals("error"));
        List<List<String>> expected = new ArrayList<>();
        groupBy(errors, Sent::service).forEach((service, events) -> expected.add(List.of(service, whole(events.size()))));
        assertEquals(expected, rows(answer));
        assertEquals(errors.size(), answer.path("matched").asLong(), "matched counts system errors too, which have no service");

        JsonNode narrower = pipe("service:(checkout OR auth) AND NOT host:web-* | stats count() by kind, service");
        List<List<String>> expectedNarrower = new ArrayList<>();
        groupBy(where(e -> ("checkout".equals(e.service()) || "auth".equals(e.service())) && !e.host().startsWith("web-")),
                Sent::service).forEach((service, events) -> expectedNarrower.add(List.of("application", service, whole(events.size()))));
        assertEquals(expectedNarrower, rows(narrower));

        JsonNode kinds = pipe("| stats count() by kind");
        assertEquals(List.of(List.of("application", whole(where(e -> e.kind().equals("application")).size())),
                List.of("system", whole(where(e -> e.kind().equals("system")).size()))), rows(kinds));
        JsonNode system = pipe("| stats count()", "kind", "system");
        assertEquals(List.of(List.of(whole(where(e -> e.kind().equals("system")).size()))), rows(system), "the kind parameter applies");

        JsonNode none = pipe("no_such_word | stats count(), avg(duration_ms), dc(host)");
        assertEquals(List.of(Arrays.asList("0", null, "0")), rows(none), "no events: one row, counts 0 and the rest null");
        assertEquals(0, none.path("matched").asLong());
    }

    @Test
    void postTakesTheSameSearchAsAJsonObject() throws Exception {
        String q = "level:error | stats count(), max(duration_ms) by service | sort -count()";
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("q", q);
        body.put("from", t0.toString());
        body.put("to", t0.plus(Duration.ofMinutes(10)).toString());
        JsonNode posted = api.searchPost(LoupeApi.JSON.writeValueAsString(body)).ok();
        JsonNode got = pipe(q);
        assertEquals(columns(got), columns(posted));
        assertEquals(rows(got), rows(posted));
        assertEquals(got.path("matched"), posted.path("matched"));
        assertTrue(rows(posted).size() >= 2, rows(posted).toString());
    }

    @Test
    void mistakesAnswer400NamingTheColumn() {
        String q = "service:checkout | stats avg(host) by level";
        JsonNode error = pipeResponse(api, q).error(400, "INVALID_QUERY");
        assertEquals("pipe syntax error at column " + (q.indexOf("host") + 1)
                + ": avg needs numbers, but host is a keyword field; use count(), dc(host) or group by it", error.path("message").asText());

        q = "* | stats count() by host | sort -avg(duration_ms)";
        assertEquals("pipe syntax error at column " + (q.indexOf("avg") + 1)
                        + ": sort names 'avg(duration_ms)', which is not a column here; the columns are: host, count()",
                pipeResponse(api, q).error(400, "INVALID_QUERY").path("message").asText());

        q = "* | stat count()";
        assertTrue(pipeResponse(api, q).error(400, "INVALID_QUERY").path("message").asText()
                .startsWith("pipe syntax error at column 5: unknown stage; expected stats, timechart"));

        q = "* | where duration_ms > slow";
        assertEquals("pipe syntax error at column " + (q.indexOf("slow") + 1) + ": expected a number after >, found 'slow'",
                pipeResponse(api, q).error(400, "INVALID_QUERY").path("message").asText());

        q = "* | stats dc(kind)";
        assertTrue(pipeResponse(api, q).error(400, "INVALID_QUERY").path("message").asText()
                .startsWith("pipe syntax error at column " + (q.indexOf("kind") + 1) + ": kind has no values to aggregate"));

        q = "* | stats count() by trace_id";
        assertTrue(pipeResponse(api, q).error(400, "INVALID_QUERY").path("message").asText().contains("trace_id is indexed for exact lookup only"));

        q = "* | timechart 1x count()";
        assertTrue(pipeResponse(api, q).error(400, "INVALID_QUERY").path("message").asText()
                .startsWith("pipe syntax error at column " + (q.indexOf("1x") + 1) + ": timechart interval '1x'"));

        Map<String, String> day = params("q", "* | timechart 1s count()", "from", "now-1d");
        assertTrue(api.search(day).error(400, "INVALID_QUERY").path("message").asText().matches("pipe syntax error at column 15:"
                + " timechart interval '1s': gives 8640[01] buckets over this range, more than 10000 \\(search.max_buckets\\);"
                + " use a wider interval or a shorter range"));

        q = "level:(error | stats count()";
        assertTrue(pipeResponse(api, q).error(400, "INVALID_QUERY").path("message").asText().startsWith("query syntax error at column"));

        Map<String, String> paged = range("q", "* | stats count()", "cursor", "djE6MTc5NjU1MTQyMDAwMDAwMDAwMDo2NTU0Mw");
        assertTrue(api.search(paged).error(400, "INVALID_PARAMETER").path("message").asText().contains("'cursor'"));
    }

    @Test
    void limitsAnswer422NamingTheSetting() {
        LoupeApi small = limited.api();
        List<Sent> first20 = SENT.subList(0, 20);
        assertTrue(first20.stream().map(Sent::user).filter(Objects::nonNull).distinct().count() > 3, "more users than max_groups");
        assertTrue(first20.stream().filter(e -> e.number() != null).count() > 10, "more numbers than max_percentile_values");
        assertTrue(pipeResponse(small, "| stats count() by user_id").error(422, "QUERY_TOO_LARGE").path("message").asText()
                .equals("stats by user_id makes more than 3 groups (search.max_groups); narrow the query, group by fewer fields"
                        + " or use a wider interval"), "stats over the group limit");
        String timechart = pipeResponse(small, "| timechart 1m count()").error(422, "QUERY_TOO_LARGE").path("message").asText();
        assertTrue(timechart.contains("makes 10 rows, more than 3 (search.max_groups)"), timechart);
        String percentiles = pipeResponse(small, "| stats p99(duration_ms)").error(422, "QUERY_TOO_LARGE").path("message").asText();
        assertTrue(percentiles.contains("more than 10 values (search.max_percentile_values)"), percentiles);
        String sort = pipeResponse(small, "| sort -duration_ms").error(422, "QUERY_TOO_LARGE").path("message").asText();
        assertTrue(sort.startsWith("sort over 20 events, more than 5 (search.max_sort_events)"), sort);
        String head = pipeResponse(small, "| head 6").error(422, "QUERY_TOO_LARGE").path("message").asText();
        assertTrue(head.contains("head 6 over events asks for more than 5 events (search.max_sort_events)"), head);

        // within the limits the same server answers
        JsonNode levels = pipeResponse(small, "| stats count() by level").ok();
        Map<String, Long> expected = first20.stream().collect(Collectors.groupingBy(Sent::level, TreeMap::new, Collectors.counting()));
        assertEquals(expected.entrySet().stream().map(e -> List.of(e.getKey(), whole(e.getValue()))).toList(), rows(levels));
        assertEquals(5, rows(pipeResponse(small, "| head 5").ok()).size());
        assertEquals(2, rows(pipeResponse(small, "| head 2 | sort duration_ms").ok()).size(), "head before sort reads only its rows");
        assertEquals(20, pipeResponse(small, "| stats count()").ok().path("matched").asLong());
    }
}
