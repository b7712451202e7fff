package io.loupe.ops.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The answer of a search with an aggregating pipe stage,
 * {@code {"columns":[{"name","type"}],"rows":[[..]],"matched","took_ms"}}, over a query that
 * matches every event: exactly the expected columns, {@code matched} equal to every event, the
 * {@code count()} column adding up to every event, and rows shaped as the stage promises — for
 * {@code stats ... by f}, one row per distinct value, at most {@code maxGroups}; for
 * {@code timechart}, one row per bucket of the range (and per series with {@code by}), the buckets
 * consecutive, aligned to the interval, from the one holding {@code from} to the one holding
 * {@code to - 1}.
 */
final class TableAnswerCheck implements AnswerCheck {
    static final String COUNT = "count()";

    private final List<String> columns;
    private final long events;
    private final int maxGroups;
    private final long intervalMillis;
    private final long firstBucketMillis;
    private final long buckets;

    private TableAnswerCheck(List<String> columns, long events, int maxGroups, long intervalMillis, long firstBucketMillis, long buckets) {
        this.columns = columns;
        this.events = events;
        this.maxGroups = maxGroups;
        this.intervalMillis = intervalMillis;
        this.firstBucketMillis = firstBucketMillis;
        this.buckets = buckets;
    }

    /** {@code stats count() by field} over every event: at most {@code maxGroups} distinct values. */
    static TableAnswerCheck statsCountBy(String field, long events, int maxGroups) {
        return new TableAnswerCheck(List.of(field + ":string", COUNT + ":number"), events, maxGroups, 0, 0, 0);
    }

    /**
     * {@code timechart <interval> count() [by field]} over every event of {@code [fromMillis, toMillis)}:
     * at most {@code maxSeries} values of {@code by} (1 without it).
     */
    static TableAnswerCheck timechartCount(Duration interval, long fromMillis, long toMillis, String by, int maxSeries, long events) {
        long width = interval.toMillis();
        long first = Math.floorDiv(fromMillis, width) * width;
        long last = Math.floorDiv(toMillis - 1, width) * width;
        List<String> columns = by == null ? List.of("_time:time", COUNT + ":number")
                : List.of("_time:time", by + ":string", COUNT + ":number");
        return new TableAnswerCheck(columns, events, by == null ? 1 : maxSeries, width, first, (last - first) / width + 1);
    }

    /** Buckets a timechart answer must have (0 for stats). */
    long buckets() {
        return buckets;
    }

    @Override
    public Outcome check(JsonNode answer) {
        List<String> answered = new ArrayList<>();
        for (JsonNode column : AnswerCheck.array(answer, "columns", "the table answer")) {
            answered.add(column.path("name").asText() + ":" + column.path("type").asText());
        }
        if (!answered.equals(columns)) {
            throw new IllegalStateException("the table has columns " + answered + ", expected " + columns);
        }
        long matched = AnswerCheck.wholeNumber(answer, "matched", "the table answer");
        if (matched != events) {
            throw new IllegalStateException("the table says " + matched + " events matched, expected all " + events);
        }
        JsonNode rows = AnswerCheck.array(answer, "rows", "the table answer");
        int countAt = columns.size() - 1;
        long counted = 0;
        for (JsonNode row : rows) {
            if (!row.isArray() || row.size() != columns.size()) {
                throw new IllegalStateException("row " + row + " does not have the " + columns.size() + " columns " + columns);
            }
            if (!row.get(countAt).isIntegralNumber() || row.get(countAt).asLong() < 0) {
                throw new IllegalStateException("row " + row + " has no count");
            }
            counted += row.get(countAt).asLong();
        }
        if (counted != events) {
            throw new IllegalStateException("the rows count " + counted + " events, expected " + events);
        }
        if (intervalMillis == 0) {
            checkGroups(rows);
        } else {
            checkBuckets(rows);
        }
        return new Outcome(matched, rows.size(), answer.path("took_ms").asLong());
    }

    private void checkGroups(JsonNode rows) {
        Set<String> keys = new HashSet<>();
        for (JsonNode row : rows) {
            if (!row.get(0).isTextual() || !keys.add(row.get(0).asText())) {
                throw new IllegalStateException("group " + row.get(0) + " is missing or appears twice");
            }
        }
        if (rows.isEmpty() || rows.size() > maxGroups) {
            throw new IllegalStateException(rows.size() + " groups, expected 1 to " + maxGroups);
        }
    }

    private void checkBuckets(JsonNode rows) {
        TreeSet<Long> times = new TreeSet<>();
        Set<String> series = new HashSet<>();
        for (JsonNode row : rows) {
            try {
                times.add(Instant.parse(row.get(0).asText()).toEpochMilli());
            } catch (DateTimeParseException e) {
                throw new IllegalStateException("row " + row + " has no RFC 3339 time", e);
            }
            if (columns.size() == 3) {
                series.add(row.get(1).asText());
            }
        }
        long seriesCount = Math.max(1, series.size());
        if (times.size() != buckets || rows.size() != buckets * seriesCount || seriesCount > maxGroups) {
            throw new IllegalStateException(rows.size() + " rows over " + times.size() + " buckets and " + seriesCount
                    + " series, expected " + buckets + " buckets and at most " + maxGroups + " series, a row for each pair");
        }
        long expected = firstBucketMillis;
        for (long time : times) {
            if (time != expected) {
                throw new IllegalStateException("bucket " + Instant.ofEpochMilli(time) + " where " + Instant.ofEpochMilli(expected)
                        + " was expected: buckets must be consecutive, " + intervalMillis + " ms apart");
            }
            expected += intervalMillis;
        }
    }
}
