package io.loupe.search.pipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loupe.index.api.LogEvent;
import io.loupe.index.api.LogFields;
import io.loupe.index.api.LogKind;
import io.loupe.index.log.DurableLogStore;
import io.loupe.index.log.LogStoreConfig;
import io.loupe.index.wal.WalConfig;
import io.loupe.search.PipeConfig;
import io.loupe.search.SearchConfig;
import io.loupe.search.request.SearchRequest;
import io.loupe.search.request.SearchRequestReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Searches with pipe stages, as text through {@link SearchRequestReader} and {@link PipelineExecutor}
 * on a real store, against a brute-force evaluation of the same text over the same events: random
 * events over two days (several partitions), random aggregating stages (stats, timechart, top, rare,
 * or none), and random where, sort and head stages after them.
 */
class PipelinePropertiesTest {
    private static final Instant DAY1 = Instant.parse("2026-03-14T00:00:00Z");
    private static final long SECOND = 1_000_000_000L;
    private static final long HOUR = 3600 * SECOND;
    private static final List<String> GROUP_FIELDS = List.of("host", "level", "s", "d");
    private static final List<String> AGGREGATES = List.of("count()", "count(host)", "sum(d)", "min(d)", "max(d)", "avg(d)",
            "p50(d)", "p99(d)", "dc(host)", "dc(d)", "min(timestamp)", "max(timestamp)", "p50(timestamp)", "avg(timestamp)",
            "count(timestamp)");

    /** A generated search: its text and how to compute its rows by brute force. */
    private record Case(String text, java.util.function.Function<List<LogEvent>, List<List<Object>>> expected) {
    }

    @Property(tries = 40)
    void pipelinesEqualBruteForce(@ForAll long seed) throws IOException {
        Random random = new Random(seed);
        Path dir = Files.createTempDirectory("pipes");
        Instant now = DAY1.plusSeconds(2 * 86_400);
        try (DurableLogStore store = DurableLogStore.open(dir, LogStoreConfig.defaults(), WalConfig.defaults(),
                Clock.fixed(now, ZoneOffset.UTC))) {
            List<LogEvent> events = new ArrayList<>();
            for (int b = 0; b < 1 + random.nextInt(3); b++) {
                List<LogEvent> batch = new ArrayList<>();
                for (int i = 0; i < 1 + random.nextInt(150); i++) {
                    batch.add(randomEvent(random));
                }
                store.append(batch);
                events.addAll(batch);
                store.refresh();
            }
            SearchRequestReader reader = new SearchRequestReader(SearchConfig.defaults());
            PipelineExecutor executor = new PipelineExecutor(store, PipeConfig.defaults());
            for (int q = 0; q < 6; q++) {
                long from = DAY1.getEpochSecond() * SECOND + (long) (random.nextDouble() * 86_400 * SECOND);
                long to = from + 1 + (long) (random.nextDouble() * 1.2 * 86_400 * SECOND);
                Case c = randomCase(random, from, to);
                Map<String, String> params = Map.of("q", c.text(), "from", Long.toString(from / 1_000_000), "to",
                        Long.toString(to / 1_000_000));
                SearchRequest request = reader.read(params::get, now);
                long fromNanos = request.search().range().fromNanos();
                long toNanos = request.search().range().toNanos();
                PipeResult result = executor.run(request.pipeline(), request.search());
                List<LogEvent> inRange = events.stream().filter(e -> e.timestampNanos() >= fromNanos && e.timestampNanos() < toNanos)
                        .filter(e -> !c.text().startsWith("level:error") || "error".equals(e.field(LogFields.LEVEL))).toList();
                assertRows(c.text(), c.expected().apply(inRange), result.table());
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private static LogEvent randomEvent(Random random) {
        long timestamp = DAY1.getEpochSecond() * SECOND + (long) (random.nextDouble() * 2 * 86_400 * SECOND);
        Map<String, String> fields = new LinkedHashMap<>();
        if (random.nextInt(5) > 0) {
            fields.put("host", "h" + random.nextInt(4));
        }
        fields.put(LogFields.LEVEL, List.of("info", "warn", "error").get(random.nextInt(3)));
        Map<String, Object> attributes = new HashMap<>();
        switch (random.nextInt(5)) {
            case 0 -> attributes.put("d", (long) random.nextInt(20) - 5);
            case 1 -> attributes.put("d", random.nextInt(40) / 4.0);
            case 2 -> attributes.put("d", Long.toString(random.nextInt(3)));
            case 3 -> attributes.put("d", (double) Math.round(random.nextGaussian() * 1e4) / 8);
            default -> {
            }
        }
        if (random.nextBoolean()) {
            attributes.put("s", List.of("a", "b", "c").get(random.nextInt(3)));
        }
        return new LogEvent(timestamp, false, LogKind.APPLICATION, "m", fields, attributes, "{}".getBytes(StandardCharsets.UTF_8));
    }

    private static Case randomCase(Random random, long from, long to) {
        StringBuilder text = new StringBuilder(random.nextBoolean() ? "*" : "level:error");
        List<java.util.function.Function<List<LogEvent>, List<LogEvent>>> eventFilters = new ArrayList<>();
        if (random.nextInt(3) == 0) {
            double bound = random.nextInt(20) - 5;
            text.append(" | where d >= ").append(bound);
            eventFilters.add(list -> list.stream().filter(e -> eventNumber(e, "d") != null && eventNumber(e, "d") >= bound).toList());
        }
        java.util.function.Function<List<LogEvent>, List<Map<String, Object>>> rows;
        List<String> columns = new ArrayList<>();
        List<String> numericColumns = new ArrayList<>();
        List<String> timeColumns = new ArrayList<>();
        int kind = random.nextInt(5);
        switch (kind) {
            case 0, 1 -> {
                List<String> by = pick(random, GROUP_FIELDS, random.nextInt(3));
                List<String> aggregates = pick(random, AGGREGATES, 1 + random.nextInt(3));
                text.append(" | stats ").append(String.join(", ", aggregates));
                if (!by.isEmpty()) {
                    text.append(" by ").append(String.join(", ", by));
                }
                columns.addAll(by);
                columns.addAll(aggregates);
                aggregates.forEach(a -> (isTime(a) ? timeColumns : numericColumns).add(a));
                rows = list -> stats(list, by, aggregates);
            }
            case 2 -> {
                long width = random.nextBoolean() ? HOUR : 7 * HOUR;
                String by = random.nextBoolean() ? List.of("host", "level").get(random.nextInt(2)) : null;
                List<String> aggregates = pick(random, AGGREGATES, 1 + random.nextInt(2));
                text.append(" | timechart ").append(width / HOUR).append("h ").append(String.join(", ", aggregates));
                columns.add("_time");
                if (by != null) {
                    text.append(" by ").append(by);
                    columns.add(by);
                }
                columns.addAll(aggregates);
                timeColumns.add("_time");
                aggregates.forEach(a -> (isTime(a) ? timeColumns : numericColumns).add(a));
                long fromMillisNanos = from / 1_000_000 * 1_000_000;
                long toMillisNanos = to / 1_000_000 * 1_000_000;
                rows = list -> timechart(list, width, fromMillisNanos, toMillisNanos, by, aggregates);
            }
            case 3 -> {
                boolean rare = random.nextBoolean();
                int n = 1 + random.nextInt(4);
                String field = GROUP_FIELDS.get(random.nextInt(GROUP_FIELDS.size()));
                text.append(rare ? " | rare " : " | top ").append(n).append(' ').append(field);
                columns.addAll(List.of(field, "count", "percent"));
                numericColumns.addAll(List.of("count", "percent"));
                rows = list -> top(list, field, n, rare);
            }
            default -> {
                columns.addAll(List.of("_time", "host", "level", "d"));
                numericColumns.add("d");
                timeColumns.add("_time");
                rows = list -> list.stream().sorted(Comparator.comparingLong(LogEvent::timestampNanos).reversed())
                        .map(PipelinePropertiesTest::eventRow).toList();
            }
        }
        List<java.util.function.Function<List<Map<String, Object>>, List<Map<String, Object>>>> rowStages = new ArrayList<>();
        boolean headed = false;
        for (int i = 0; i < random.nextInt(3); i++) {
            switch (random.nextInt(3)) {
                case 0 -> {
                    List<String> comparable = new ArrayList<>(numericColumns);
                    comparable.addAll(timeColumns);
                    String column = comparable.get(random.nextInt(comparable.size()));
                    boolean time = timeColumns.contains(column);
                    // on a time column the number is epoch milliseconds: a bound inside the range, sometimes with a fraction
                    double bound = time ? from / 1_000_000 + random.nextInt((int) ((to - from) / 1_000_000) + 1) + random.nextInt(2) / 2.0
                            : random.nextInt(10);
                    boolean below = random.nextBoolean();
                    if (kind == 4 && !headed) {
                        break; // a where over events before any head narrows the query: tested above
                    }
                    text.append(" | where ").append(column).append(below ? " < " : " > ").append(time ? new java.math.BigDecimal(bound).toPlainString() : bound);
                    rowStages.add(list -> list.stream().filter(row -> {
                        if (time) {
                            if (!(row.get(column) instanceof Long nanos)) {
                                return false;
                            }
                            int c = java.math.BigDecimal.valueOf(nanos).compareTo(new java.math.BigDecimal(bound).movePointRight(6));
                            return below ? c < 0 : c > 0;
                        }
                        Double v = rowNumber(row.get(column));
                        return v != null && (below ? v < bound : v > bound);
                    }).toList());
                }
                case 1 -> {
                    String column = columns.get(random.nextInt(columns.size()));
                    boolean descending = random.nextBoolean();
                    text.append(" | sort ").append(descending ? "-" : "").append(column);
                    rowStages.add(list -> {
                        List<Map<String, Object>> sorted = new ArrayList<>(list);
                        sorted.sort((a, b) -> sortOrder(a.get(column), b.get(column), descending));
                        return sorted;
                    });
                }
                default -> {
                    int n = 1 + random.nextInt(8);
                    headed = true;
                    text.append(" | head ").append(n);
                    rowStages.add(list -> list.subList(0, Math.min(n, list.size())));
                }
            }
        }
        if (kind == 4) {
            text.append(" | fields _time, host, level, d");
        }
        boolean cap = kind == 4 && !headed;
        return new Case(text.toString(), events -> {
            List<LogEvent> matching = events;
            for (var filter : eventFilters) {
                matching = filter.apply(matching);
            }
            List<Map<String, Object>> table = rows.apply(matching);
            for (var stage : rowStages) {
                table = stage.apply(table);
            }
            if (cap && table.size() > 100) {
                table = table.subList(0, 100);
            }
            return table.stream().map(row -> columns.stream().map(row::get).toList()).toList();
        });
    }

    private static List<String> pick(Random random, List<String> from, int n) {
        List<String> shuffled = new ArrayList<>(from);
        java.util.Collections.shuffle(shuffled, random);
        return List.copyOf(shuffled.subList(0, n));
    }

    private static List<Map<String, Object>> stats(List<LogEvent> events, List<String> by, List<String> aggregates) {
        Map<List<String>, List<LogEvent>> groups = new TreeMap<>(PipelinePropertiesTest::compareKeys);
        for (LogEvent event : events) {
            List<String> keys = by.stream().map(f -> text(event, f)).toList();
            if (!keys.contains(null)) {
                groups.computeIfAbsent(keys, k -> new ArrayList<>()).add(event);
            }
        }
        if (by.isEmpty() && groups.isEmpty()) {
            groups.put(List.of(), List.of());
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        groups.forEach((keys, members) -> {
            Map<String, Object> row = new HashMap<>();
            for (int i = 0; i < by.size(); i++) {
                row.put(by.get(i), keys.get(i));
            }
            for (String aggregate : aggregates) {
                row.put(aggregate, compute(aggregate, members));
            }
            rows.add(row);
        });
        return rows;
    }

    private static List<Map<String, Object>> timechart(List<LogEvent> events, long width, long from, long to, String by,
                                                       List<String> aggregates) {
        Set<String> series = new java.util.TreeSet<>((a, b) -> compareKeys(List.of(a), List.of(b)));
        Map<String, List<LogEvent>> cells = new HashMap<>();
        for (LogEvent event : events) {
            String key = by == null ? "" : text(event, by);
            if (key == null) {
                continue;
            }
            series.add(key);
            cells.computeIfAbsent(Math.floorDiv(event.timestampNanos(), width) * width + "/" + key, k -> new ArrayList<>()).add(event);
        }
        if (by == null) {
            series = Set.of("");
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (long start = Math.floorDiv(from, width) * width; start <= Math.floorDiv(to - 1, width) * width; start += width) {
            for (String key : series) {
                Map<String, Object> row = new HashMap<>();
                row.put("_time", start);
                if (by != null) {
                    row.put(by, key);
                }
                List<LogEvent> members = cells.getOrDefault(start + "/" + key, List.of());
                for (String aggregate : aggregates) {
                    row.put(aggregate, compute(aggregate, members));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static List<Map<String, Object>> top(List<LogEvent> events, String field, int n, boolean rare) {
        Map<String, Long> counts = new HashMap<>();
        for (LogEvent event : events) {
            String value = text(event, field);
            if (value != null) {
                counts.merge(value, 1L, Long::sum);
            }
        }
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
        entries.sort((a, b) -> {
            int c = rare ? Long.compare(a.getValue(), b.getValue()) : Long.compare(b.getValue(), a.getValue());
            return c != 0 ? c : compareKeys(List.of(a.getKey()), List.of(b.getKey()));
        });
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map.Entry<String, Long> entry : entries.subList(0, Math.min(n, entries.size()))) {
            rows.add(Map.of(field, entry.getKey(), "count", entry.getValue(), "percent", 100.0 * entry.getValue() / total));
        }
        return rows;
    }

    /** An aggregate whose value is a point in time: min, max, avg or a percentile of timestamp. */
    private static boolean isTime(String aggregate) {
        return aggregate.endsWith("(timestamp)") && !aggregate.startsWith("count") && !aggregate.startsWith("dc");
    }

    private static Object compute(String aggregate, List<LogEvent> members) {
        String function = aggregate.substring(0, aggregate.indexOf('('));
        String field = aggregate.substring(aggregate.indexOf('(') + 1, aggregate.length() - 1);
        if (function.equals("count")) {
            return field.isEmpty() || field.equals(LogFields.TIMESTAMP) ? (long) members.size()
                    : members.stream().filter(e -> text(e, field) != null).count();
        }
        if (isTime(aggregate)) {
            // times are exact epoch nanos, as Long; the average rounded down to a whole nanosecond
            long[] times = members.stream().mapToLong(LogEvent::timestampNanos).sorted().toArray();
            if (times.length == 0) {
                return null;
            }
            java.math.BigInteger sum = java.math.BigInteger.ZERO;
            for (long t : times) {
                sum = sum.add(java.math.BigInteger.valueOf(t));
            }
            return switch (function) {
                case "min" -> times[0];
                case "max" -> times[times.length - 1];
                case "avg" -> sum.divide(java.math.BigInteger.valueOf(times.length)).longValueExact();
                case "p50" -> times[Math.max(1, (int) Math.ceil(0.5 * times.length)) - 1];
                default -> throw new IllegalStateException(function);
            };
        }
        if (function.equals("dc")) {
            Set<String> distinct = new HashSet<>();
            members.stream().map(e -> text(e, field)).filter(v -> v != null).forEach(distinct::add);
            return (long) distinct.size();
        }
        double[] numbers = members.stream().map(e -> eventNumber(e, field)).filter(v -> v != null)
                .mapToDouble(Double::doubleValue).sorted().toArray();
        if (numbers.length == 0) {
            return null;
        }
        return switch (function) {
            case "sum" -> java.util.Arrays.stream(numbers).sum();
            case "avg" -> java.util.Arrays.stream(numbers).sum() / numbers.length;
            case "min" -> numbers[0];
            case "max" -> numbers[numbers.length - 1];
            case "p50", "p99" -> numbers[Math.max(1, (int) Math.ceil(Double.parseDouble(function.substring(1)) / 100 * numbers.length)) - 1];
            default -> throw new IllegalStateException(function);
        };
    }

    private static Map<String, Object> eventRow(LogEvent event) {
        Map<String, Object> row = new HashMap<>();
        row.put("_time", event.timestampNanos());
        row.put("host", event.field("host"));
        row.put("level", event.field(LogFields.LEVEL));
        row.put("d", event.attributes().get("d"));
        return row;
    }

    private static String text(LogEvent event, String field) {
        if (LogFields.isKeyword(field)) {
            return event.field(field);
        }
        Object value = event.attributes().get(field);
        return value == null ? null : value.toString();
    }

    /** A number attribute (a numeric-looking string is text to the index). */
    private static Double eventNumber(LogEvent event, String field) {
        Object value = event.attributes().get(field);
        return value instanceof Long l ? (double) l : value instanceof Double d ? d : null;
    }

    /** A row value read as a number, as where and sort read group keys and values. */
    private static Double rowNumber(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof String s && !s.isEmpty() && (Character.isDigit(s.charAt(0)) || s.charAt(0) == '-')) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static int compareValues(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y); // times in epoch nanos are exact, closer than a double tells apart
        }
        Double x = rowNumber(a);
        Double y = rowNumber(b);
        if (x != null && y != null) {
            return Double.compare(x, y);
        }
        if (x != null || y != null) {
            return x != null ? -1 : 1;
        }
        return a.toString().compareTo(b.toString());
    }

    private static int sortOrder(Object a, Object b, boolean descending) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        return descending ? -compareValues(a, b) : compareValues(a, b);
    }

    private static int compareKeys(List<String> a, List<String> b) {
        for (int i = 0; i < a.size(); i++) {
            int c = compareValues(a.get(i), b.get(i));
            if (c == 0) {
                c = a.get(i).compareTo(b.get(i));
            }
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static void assertRows(String text, List<List<Object>> expected, Table table) {
        List<List<Object>> actual = table.rows().stream().map(row -> table.columns().stream().map(c -> row.get(c.name())).toList()).toList();
        assertEquals(expected.size(), actual.size(), "rows of '" + text + "'\nexpected " + expected + "\nactual   " + actual);
        for (int r = 0; r < expected.size(); r++) {
            for (int c = 0; c < expected.get(r).size(); c++) {
                Object want = expected.get(r).get(c);
                Object got = actual.get(r).get(c);
                String where = "row " + r + " column " + table.columns().get(c).name() + " of '" + text + "'\nexpected " + expected
                        + "\nactual   " + actual;
                if (want instanceof Double w && got instanceof Number g) {
                    assertTrue(Math.abs(w - g.doubleValue()) <= 1e-9 * Math.max(1, Math.abs(w)), where);
                } else {
                    assertEquals(want, got, where);
                }
            }
        }
    }
}
