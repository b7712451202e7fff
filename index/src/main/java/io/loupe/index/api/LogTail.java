package io.loupe.index.api;

import java.util.Objects;
import java.util.Set;
import org.apache.lucene.search.Query;

/**
 * One poll of a live tail: the matching events that arrived after a position, newest {@code limit}
 * of them. Event ids are ordered by arrival, so "after a position" is "with a greater event id".
 *
 * @param query        the parsed query (without the time range: the store adds it)
 * @param range        the event-time window searched: events outside it are never tailed, which
 *                     keeps a poll to the newest partitions
 * @param kinds        the kinds to tail
 * @param afterEventId the last event id already consumed, or {@link #NOW} to start at the newest searchable event
 * @param limit        most events to return; more matching ones are counted in {@link LogTailResult#dropped()}
 */
public record LogTail(Query query, TimeRange range, Set<LogKind> kinds, long afterEventId, int limit) {
    /** Start at the newest event that is searchable now: the first poll returns nothing, only a position. */
    public static final long NOW = -1;

    public LogTail {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(range, "range");
        kinds = Set.copyOf(kinds);
        if (afterEventId < NOW) {
            throw new IllegalArgumentException("afterEventId must be an event id or NOW, got " + afterEventId);
        }
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, got " + limit);
        }
    }
}
