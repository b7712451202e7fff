package io.loupe.index.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loupe.index.api.LogAggregation;
import io.loupe.index.api.LogAggregation.Aggregate;
import io.loupe.index.api.LogAggregation.Function;
import io.loupe.index.api.LogAggregationResult;
import io.loupe.index.api.LogEvent;
import io.loupe.index.api.LogFields;
import io.loupe.index.api.LogKind;
import io.loupe.index.api.TimeRange;
import io.loupe.index.testing.MutableClock;
import io.loupe.index.wal.WalConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * {@link io.loupe.index.api.LogStore#aggregate} against a brute-force computation over the same
 * events: random events over two days and three kinds (so several partitions and segments), with
 * keywords and attributes that are missing, whole, decimal or numeric-looking text, and random
 * group fields, buckets, aggregates, ranges and queries.
 */
class LogAggregationPropertiesTest {
    private static final Instant DAY1 = Instant.parse("2026-03-14T00:00:00Z");
    private static final long SECOND = 1_000_000_000L;
    private static final List<String> GROUP_FIELDS = List.of("host", LogFields.LEVEL, LogFields.KIND, "attributes.d", "attributes.s");
    private static final List<String> NUMBER_FIELDS = List.of("attributes.d", LogFields.TIMESTAMP, "host");

    @Property(tries = 60)
    void aggregationEqualsBruteForce(@ForAll long seed) throws IOException {
        Random random = new Random(seed);
        Path dir = Files.createTempDirectory("aggregation");
        try (DurableLogStore store = DurableLogStore.open(dir, LogStoreConfig.defaults(), WalConfig.defaults(),
                new MutableClock(DAY1.plus(Duration.ofDays(2))))) {
            List<LogEvent> events = new ArrayList<>();
            int batches = 1 + random.nextInt(4);
            for (int b = 0; b < batches; b++) {
                List<LogEvent> batch = new ArrayList<>();
                int size = random.nextInt(120);
                for (int i = 0; i < size; i++) {
                    batch.add(randomEvent(random));
                }
                if (!batch.isEmpty()) {
                    store.append(batch);
                    events.addAll(batch);
                }
                store.refresh();
                if (random.nextBoolean()) {
                    store.commit();
                }
            }
            for (int q = 0; q < 5; q++) {
                LogAggregation aggregation = randomAggregation(random);
                Map<AggregationCollector.GroupKey, List<LogEvent>> groups = groups(events, aggregation);
                LogAggregationResult result = store.aggregate(aggregation);
                assertMatches(bruteForce(groups, aggregation), result, aggregation);
                assertTimesExact(groups, result, aggregation);
            }
        } finally {
            deleteRecursively(dir);
        }
    }

    @Example
    void groupsAndPercentileValuesBeyondTheirLimitsAreReported() throws IOException {
        Path dir = Files.createTempDirectory("aggregation-limits");
        try (DurableLogStore store = DurableLogStore.open(dir, LogStoreConfig.defaults(), WalConfig.defaults(),
                new MutableClock(DAY1.plus(Duration.ofDays(2))))) {
            List<LogEvent> events = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                events.add(new LogEvent(DAY1.getEpochSecond() * SECOND + i, false, LogKind.APPLICATION, "m",
                        Map.of("host", "h" + i), Map.of("d", (long) i), new byte[0]));
            }
            store.append(events);
            store.refresh();
            TimeRange day = new TimeRange(DAY1.getEpochSecond() * SECOND, (DAY1.getEpochSecond() + 86_400) * SECOND);
            Set<LogKind> kinds = EnumSet.allOf(LogKind.class);
            LogAggregationResult byHost = store.aggregate(new LogAggregation(new MatchAllDocsQuery(), day, kinds, List.of("host"),
                    null, List.of(Aggregate.count()), 3, 100));
            assertEquals(LogAggregationResult.Limit.GROUPS, byHost.exceeded());
            assertEquals(3, byHost.groups().size());
            assertEquals(10, byHost.matched());
            LogAggregationResult p99 = store.aggregate(new LogAggregation(new MatchAllDocsQuery(), day, kinds, List.of(),
                    null, List.of(Aggregate.percentile("attributes.d", 99)), 3, 5));
            assertEquals(LogAggregationResult.Limit.PERCENTILE_VALUES, p99.exceeded());
            LogAggregationResult fits = store.aggregate(new LogAggregation(new MatchAllDocsQuery(), day, kinds, List.of(),
                    null, List.of(Aggregate.percentile("attributes.d", 50)), 1, 10));
            assertEquals(LogAggregationResult.Limit.NONE, fits.exceeded());
            assertEquals(4.0, fits.groups().getFirst().values()[0]);
        } finally {
            deleteRecursively(dir);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
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
            case 3 -> attributes.put("d", random.nextGaussian() * 1e6);
            default -> {
            }
        }
        if (random.nextBoolean()) {
            attributes.put("s", List.of("a", "b", "c").get(random.nextInt(3)));
        }
        LogKind kind = LogKind.values()[random.nextInt(3)];
        return new LogEvent(timestamp, false, kind, "m", fields, attributes, "{}".getBytes(StandardCharsets.UTF_8));
    }

    private static LogAggregation randomAggregation(Random random) {
        List<String> groupBy = new ArrayList<>(GROUP_FIELDS);
        Collections.shuffle(groupBy, random);
        groupBy = groupBy.subList(0, random.nextInt(3));
        Duration bucket = switch (random.nextInt(3)) {
            case 0 -> Duration.ofHours(1);
            case 1 -> Duration.ofHours(7);
            default -> null;
        };
        List<Aggregate> aggregates = new ArrayList<>(List.of(Aggregate.count()));
        for (int i = 0; i < 1 + random.nextInt(4); i++) {
            Function function = Function.values()[random.nextInt(Function.values().length)];
            String field = function == Function.DISTINCT_COUNT || function == Function.COUNT
                    ? GROUP_FIELDS.get(random.nextInt(GROUP_FIELDS.size())).equals(LogFields.KIND) ? "host" : GROUP_FIELDS.get(random.nextInt(2))
                    : NUMBER_FIELDS.get(random.nextInt(NUMBER_FIELDS.size()));
            aggregates.add(function == Function.PERCENTILE
                    ? Aggregate.percentile(field, List.of(50.0, 99.0, 100.0, 0.5, 33.3).get(random.nextInt(5)))
                    : Aggregate.of(function, field));
        }
        long from = DAY1.getEpochSecond() * SECOND + (long) (random.nextDouble() * 86_400 * SECOND);
        long to = from + 1 + (long) (random.nextDouble() * 1.5 * 86_400 * SECOND);
        Query query = random.nextBoolean() ? new MatchAllDocsQuery() : new TermQuery(new Term(LogFields.LEVEL, "error"));
        Set<LogKind> kinds = random.nextBoolean() ? EnumSet.allOf(LogKind.class) : EnumSet.of(LogKind.APPLICATION, LogKind.AUDIT);
        return new LogAggregation(query, new TimeRange(from, to), kinds, groupBy, bucket, aggregates, 100_000, 1_000_000);
    }

    @Example
    void timesAreExactToTheNanosecondAndTheirAverageDoesNotOverflow() throws IOException {
        Path dir = Files.createTempDirectory("aggregation-times");
        try (DurableLogStore store = DurableLogStore.open(dir, LogStoreConfig.defaults(), WalConfig.defaults(),
                new MutableClock(DAY1.plus(Duration.ofDays(2))))) {
            // 1.77e18 and more: a double holds these to 256 ns only, and eight of them add up past Long.MAX_VALUE
            long base = DAY1.getEpochSecond() * SECOND + 123_456_789;
            long[] offsets = {1, 2, 3, 5, 8, 13, 21, 1_000_000_007};
            List<LogEvent> events = new ArrayList<>();
            for (long offset : offsets) {
                events.add(new LogEvent(base + offset, false, LogKind.APPLICATION, "m", Map.of("host", "h"), Map.of(), new byte[0]));
            }
            store.append(events.subList(0, 4));
            store.refresh();
            store.append(events.subList(4, events.size())); // two segments to merge
            store.refresh();
            TimeRange day = new TimeRange(DAY1.getEpochSecond() * SECOND, (DAY1.getEpochSecond() + 86_400) * SECOND);
            List<Aggregate> aggregates = List.of(Aggregate.of(Function.MIN, LogFields.TIMESTAMP), Aggregate.of(Function.MAX, LogFields.TIMESTAMP),
                    Aggregate.percentile(LogFields.TIMESTAMP, 50), Aggregate.of(Function.AVG, LogFields.TIMESTAMP),
                    Aggregate.of(Function.SUM, LogFields.TIMESTAMP), Aggregate.of(Function.COUNT, LogFields.TIMESTAMP));
            LogAggregationResult.Group group = store.aggregate(new LogAggregation(new MatchAllDocsQuery(), day, EnumSet.allOf(LogKind.class),
                    List.of(), null, aggregates, 10, 100)).groups().getFirst();
            long sumOfOffsets = Arrays.stream(offsets).sum();
            assertEquals(List.of(base + 1, base + 1_000_000_007L, base + 5, base + Math.floorDiv(sumOfOffsets, offsets.length), 0L, 0L),
                    Arrays.stream(group.times()).boxed().toList());
            assertTrue(base > Long.MAX_VALUE / offsets.length, "the sum of the times overflows a long");
            assertEquals((double) (base + 1), group.values()[0], "values has the time as a double");
            assertEquals(8.0, group.values()[5], "count(timestamp) is a count");
            assertTrue(group.values()[4] > 8 * 1.7e18, "sum(timestamp) stays a double: " + group.values()[4]);
        } finally {
            deleteRecursively(dir);
        }
    }

    /** The matching events of each group. */
    private static Map<AggregationCollector.GroupKey, List<LogEvent>> groups(List<LogEvent> events, LogAggregation aggregation) {
        long interval = aggregation.bucket() == null ? 0 : aggregation.bucket().toNanos();
        long bucketStart = interval == 0 ? 0 : Math.floorDiv(aggregation.range().fromNanos(), interval) * interval;
        Map<AggregationCollector.GroupKey, List<LogEvent>> groups = new HashMap<>();
        for (LogEvent event : events) {
            if (!matches(event, aggregation)) {
                continue;
            }
            List<String> keys = new ArrayList<>();
            for (String field : aggregation.groupBy()) {
                String value = text(event, field);
                if (value == null) {
                    break;
                }
                keys.add(value);
            }
            if (keys.size() < aggregation.groupBy().size()) {
                continue;
            }
            long start = interval == 0 ? 0 : bucketStart + Math.floorDiv(event.timestampNanos() - bucketStart, interval) * interval;
            groups.computeIfAbsent(new AggregationCollector.GroupKey(keys, start), k -> new ArrayList<>()).add(event);
        }
        return groups;
    }

    /** The expected groups: key -> [count, aggregate values...]. */
    private static Map<AggregationCollector.GroupKey, double[]> bruteForce(Map<AggregationCollector.GroupKey, List<LogEvent>> groups,
                                                                           LogAggregation aggregation) {
        Map<AggregationCollector.GroupKey, double[]> expected = new HashMap<>();
        groups.forEach((key, members) -> {
            double[] values = new double[aggregation.aggregates().size() + 1];
            values[0] = members.size();
            for (int a = 0; a < aggregation.aggregates().size(); a++) {
                values[a + 1] = compute(aggregation.aggregates().get(a), members);
            }
            expected.put(key, values);
        });
        return expected;
    }

    private static boolean matches(LogEvent event, LogAggregation aggregation) {
        return aggregation.kinds().contains(event.kind())
                && event.timestampNanos() >= aggregation.range().fromNanos() && event.timestampNanos() < aggregation.range().toNanos()
                && (aggregation.query() instanceof MatchAllDocsQuery || "error".equals(event.field(LogFields.LEVEL)));
    }

    private static String text(LogEvent event, String field) {
        if (field.equals(LogFields.KIND)) {
            return event.kind().wireName();
        }
        if (field.equals(LogFields.TIMESTAMP)) {
            return Long.toString(event.timestampNanos());
        }
        if (field.startsWith(LogFields.ATTRIBUTE_PREFIX)) {
            Object value = event.attributes().get(field.substring(LogFields.ATTRIBUTE_PREFIX.length()));
            return value == null ? null : value.toString();
        }
        return event.field(field);
    }

    private static Double number(LogEvent event, String field) {
        if (field.equals(LogFields.TIMESTAMP)) {
            return (double) event.timestampNanos();
        }
        if (field.startsWith(LogFields.ATTRIBUTE_PREFIX)) {
            Object value = event.attributes().get(field.substring(LogFields.ATTRIBUTE_PREFIX.length()));
            return value instanceof Long l ? (double) l : value instanceof Double d ? d : null;
        }
        return null;
    }

    private static double compute(Aggregate aggregate, List<LogEvent> members) {
        if (aggregate.function() == Function.COUNT) {
            return aggregate.field() == null ? members.size() : members.stream().filter(e -> text(e, aggregate.field()) != null).count();
        }
        if (aggregate.function() == Function.DISTINCT_COUNT) {
            Set<String> distinct = new HashSet<>();
            members.forEach(e -> {
                String value = text(e, aggregate.field());
                if (value != null) {
                    distinct.add(value);
                }
            });
            return distinct.size();
        }
        double[] numbers = members.stream().map(e -> number(e, aggregate.field())).filter(n -> n != null)
                .mapToDouble(Double::doubleValue).sorted().toArray();
        if (numbers.length == 0) {
            return Double.NaN;
        }
        return switch (aggregate.function()) {
            case SUM -> Arrays.stream(numbers).sum();
            case AVG -> Arrays.stream(numbers).sum() / numbers.length;
            case MIN -> numbers[0];
            case MAX -> numbers[numbers.length - 1];
            case PERCENTILE -> numbers[Math.max(1, (int) Math.ceil(aggregate.percentile() / 100 * numbers.length)) - 1];
            default -> throw new IllegalStateException();
        };
    }

    /** An aggregate that is a time equals, to the nanosecond, the same computed over the events' longs. */
    private static void assertTimesExact(Map<AggregationCollector.GroupKey, List<LogEvent>> groups, LogAggregationResult result,
                                         LogAggregation aggregation) {
        for (LogAggregationResult.Group group : result.groups()) {
            List<LogEvent> members = groups.get(new AggregationCollector.GroupKey(group.keys(), group.bucketStart()));
            long[] sorted = members.stream().mapToLong(LogEvent::timestampNanos).sorted().toArray();
            for (int a = 0; a < aggregation.aggregates().size(); a++) {
                Aggregate aggregate = aggregation.aggregates().get(a);
                if (!aggregate.isTime()) {
                    assertEquals(0, group.times()[a], aggregate + " is not a time");
                    continue;
                }
                java.math.BigInteger sum = java.math.BigInteger.ZERO;
                for (long t : sorted) {
                    sum = sum.add(java.math.BigInteger.valueOf(t));
                }
                long expected = switch (aggregate.function()) {
                    case MIN -> sorted[0];
                    case MAX -> sorted[sorted.length - 1];
                    case AVG -> sum.divide(java.math.BigInteger.valueOf(sorted.length)).longValueExact();
                    case PERCENTILE -> sorted[Math.max(1, (int) Math.ceil(aggregate.percentile() / 100 * sorted.length)) - 1];
                    default -> throw new IllegalStateException(aggregate.toString());
                };
                assertEquals(expected, group.times()[a], aggregate + " of " + group.keys() + " at " + group.bucketStart());
            }
        }
    }

    private static void assertMatches(Map<AggregationCollector.GroupKey, double[]> expected, LogAggregationResult result,
                                      LogAggregation aggregation) {
        assertEquals(LogAggregationResult.Limit.NONE, result.exceeded());
        Map<AggregationCollector.GroupKey, double[]> actual = new HashMap<>();
        for (LogAggregationResult.Group group : result.groups()) {
            double[] values = new double[group.values().length + 1];
            values[0] = group.count();
            System.arraycopy(group.values(), 0, values, 1, group.values().length);
            double[] previous = actual.put(new AggregationCollector.GroupKey(group.keys(), group.bucketStart()), values);
            assertEquals(null, previous, "group returned twice: " + group.keys());
        }
        assertEquals(expected.keySet(), actual.keySet(), "groups of " + aggregation);
        expected.forEach((key, want) -> {
            double[] got = actual.get(key);
            for (int i = 0; i < want.length; i++) {
                String what = (i == 0 ? "events" : aggregation.aggregates().get(i - 1).toString()) + " of " + key;
                Function function = i == 0 ? Function.COUNT : aggregation.aggregates().get(i - 1).function();
                if (function == Function.SUM || function == Function.AVG) {
                    assertTrue(Double.isNaN(want[i]) ? Double.isNaN(got[i]) : Math.abs(want[i] - got[i]) <= 1e-9 * Math.max(1, Math.abs(want[i])),
                            what + ": expected " + want[i] + ", got " + got[i]);
                } else {
                    assertEquals(want[i], got[i], what);
                }
            }
        });
    }
}
