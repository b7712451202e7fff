package io.loupe.search.request;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.IndexedFields;
import io.loupe.index.api.LogFields;
import io.loupe.index.api.LogKind;
import io.loupe.index.api.LogSearch;
import io.loupe.index.api.LoupeException;
import io.loupe.index.api.TimeRange;
import io.loupe.search.SearchConfig;
import io.loupe.search.pipe.PipeSplitter;
import io.loupe.search.pipe.PipelinePlan;
import io.loupe.search.pipe.PipelinePlanner;
import io.loupe.search.query.LogQueryParser;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the fields of a search ({@code q, from, to, kind, limit, cursor, histogram, facets,
 * original}) from query parameters or a JSON body, with defaults: the last hour, every kind,
 * 100 hits. A {@code q} with pipe stages ({@code level:error | stats count() by host}) is planned
 * here too, so a mistake in a stage fails the request before any work. Every bad value answers 400
 * naming the parameter (or the column of {@code q}) and what it accepts.
 */
public final class SearchRequestReader {
    /** Histogram widths {@code auto} chooses from: the narrowest that gives at most {@link #AUTO_BUCKETS} buckets. */
    private static final List<Duration> NICE_INTERVALS = List.of(Duration.ofSeconds(1), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(3),
            Duration.ofHours(12), Duration.ofDays(1), Duration.ofDays(7), Duration.ofDays(30));
    private static final int AUTO_BUCKETS = 120;

    private final SearchConfig config;

    public SearchRequestReader(SearchConfig config) {
        this.config = config;
    }

    public SearchRequest read(Function<String, String> params, Instant now) {
        TimeRange range = range(params, now, "now-1h", "now");
        int limit = limit(params.apply("limit"));
        LogSearch.SearchAfter after = cursor(params.apply("cursor"));
        PipeSplitter.Split split = PipeSplitter.split(params.apply("q"));
        PipelinePlan pipeline = null;
        if (split.hasStages()) {
            if (after != null) {
                throw invalid("parameter 'cursor' pages search hits; a search with pipe stages answers one table (use head, sort and where)");
            }
            pipeline = PipelinePlanner.plan(split.stages(), interval -> timechartInterval(interval, range));
        }
        LogSearch search = new LogSearch(LogQueryParser.parse(split.query()), range, kinds(params.apply("kind")),
                limit, after, histogram(params.apply("histogram"), range), facets(params.apply("facets")), SearchConfig.FACET_SIZE);
        return new SearchRequest(search, bool(params.apply("original"), "original"), pipeline);
    }

    /** The position a {@code cursor} names, or null for the first page. */
    static LogSearch.SearchAfter cursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            return Cursor.decode(cursor);
        } catch (IllegalArgumentException e) {
            throw new LoupeException(ErrorCode.INVALID_CURSOR, e.getMessage());
        }
    }

    /**
     * The {@code from} and {@code to} parameters ({@link TimeExpression}s), each the fallback when
     * absent; 400 {@code INVALID_PARAMETER} naming the parameter for a bad one, or when {@code to} is
     * not after {@code from}.
     */
    public static TimeRange range(Function<String, String> params, Instant now, String fallbackFrom, String fallbackTo) {
        long from = time(params, "from", fallbackFrom, now);
        long to = time(params, "to", fallbackTo, now);
        if (to <= from) {
            throw invalid("'from' must be before 'to'");
        }
        return new TimeRange(from, to);
    }

    static long time(Function<String, String> params, String name, String fallback, Instant now) {
        String value = params.apply(name);
        try {
            return TimeExpression.parse(value == null || value.isBlank() ? fallback : value, now);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw invalid("parameter '" + name + "': " + e.getMessage());
        }
    }

    int limit(String value) {
        if (value == null || value.isBlank()) {
            return SearchConfig.DEFAULT_LIMIT;
        }
        int limit;
        try {
            limit = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw invalid("parameter 'limit' must be a whole number, got '" + value + "'");
        }
        if (limit < 0 || limit > config.maxLimit()) {
            throw invalid("parameter 'limit' must be between 0 and " + config.maxLimit() + " (search.max_limit), got " + limit
                    + "; page through more with next_cursor");
        }
        return limit;
    }

    private static Set<LogKind> kinds(String value) {
        if (value == null || value.isBlank()) {
            return EnumSet.allOf(LogKind.class);
        }
        Set<LogKind> kinds = EnumSet.noneOf(LogKind.class);
        for (String name : value.split(",")) {
            LogKind kind = LogKind.fromWireName(name.trim().toLowerCase(Locale.ROOT));
            if (kind == null) {
                throw new LoupeException(ErrorCode.INVALID_KIND, "kind '" + name.trim() + "' is not one of system, application, audit");
            }
            kinds.add(kind);
        }
        return kinds;
    }

    Duration histogram(String value, TimeRange range) {
        if (value == null || value.isBlank() || value.equals("false")) {
            return null;
        }
        return interval("histogram", value.equals("true") ? "auto" : value, range);
    }

    /**
     * A bucket width over a range, as {@code histogram} reads it: {@code auto} (or blank) for the
     * narrowest nice width (1s, 5s, 10s, 30s, 1m, 5m, ... 30d) giving fewer than {@value #AUTO_BUCKETS}
     * buckets, or an interval such as {@code 1m} giving at most {@code search.max_buckets} buckets.
     *
     * @param parameter the parameter's name, as a bad value's message names it
     * @throws LoupeException {@link ErrorCode#INVALID_PARAMETER} for a bad value or too many buckets
     */
    public Duration interval(String parameter, String value, TimeRange range) {
        long span = range.toNanos() - range.fromNanos();
        if (value == null || value.isBlank() || value.equals("auto")) {
            for (Duration interval : NICE_INTERVALS) {
                if (span / interval.toNanos() < AUTO_BUCKETS) {
                    return interval;
                }
            }
            return NICE_INTERVALS.getLast();
        }
        Duration interval;
        try {
            interval = DurationExpression.parse(value);
        } catch (IllegalArgumentException e) {
            throw invalid("parameter '" + parameter + "' must be auto or an interval: " + e.getMessage());
        }
        long buckets = span / interval.toNanos() + 1;
        if (buckets > config.maxBuckets()) {
            throw invalid("parameter '" + parameter + "' of " + value + " gives " + buckets + " buckets over this range, more than "
                    + config.maxBuckets() + " (search.max_buckets); use a wider interval or auto");
        }
        return interval;
    }

    /** A timechart's interval: like a histogram's, but always given (timechart has no {@code auto}). */
    private Duration timechartInterval(String value, TimeRange range) {
        Duration interval;
        try {
            interval = DurationExpression.parse(value);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
        long buckets = (range.toNanos() - range.fromNanos()) / interval.toNanos() + 1;
        if (buckets > config.maxBuckets()) {
            throw invalid("gives " + buckets + " buckets over this range, more than " + config.maxBuckets()
                    + " (search.max_buckets); use a wider interval or a shorter range");
        }
        return interval;
    }

    static List<String> facets(String value) {
        List<String> fields = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return fields;
        }
        for (String raw : value.split(",")) {
            String field = raw.trim();
            if (field.isEmpty()) {
                continue;
            }
            if (field.equals(LogFields.MESSAGE) || field.equals(LogFields.KIND) || field.equals(LogFields.TIMESTAMP) || field.startsWith("_")) {
                throw invalid("cannot facet on '" + field + "': facets count keyword fields (host, service, level, user_id, ...) and attributes");
            }
            if (IndexedFields.LOOKUP_ONLY.contains(field)) {
                throw invalid("cannot facet on '" + field + "': ids (" + String.join(", ", IndexedFields.LOOKUP_ONLY.stream().sorted().toList())
                        + ") are indexed for exact lookup only; query them with " + field + ":<value>");
            }
            String indexField = LogFields.isKeyword(field) || field.startsWith(LogFields.ATTRIBUTE_PREFIX)
                    ? field : LogFields.ATTRIBUTE_PREFIX + field;
            if (!fields.contains(indexField)) {
                fields.add(indexField);
            }
        }
        return fields;
    }

    static boolean bool(String value, String name) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw invalid("parameter '" + name + "' must be true or false, got '" + value + "'");
        };
    }

    static LoupeException invalid(String message) {
        return new LoupeException(ErrorCode.INVALID_PARAMETER, message);
    }
}
