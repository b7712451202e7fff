package io.loupe.index.api;

import io.loupe.index.api.LogSearchResult.LogHit;
import java.util.List;

/**
 * What one {@link LogTail} poll found.
 *
 * <p><b>Invariant:</b> every event with an id in {@code (afterEventId, position]} that matches the
 * tail is either in {@code hits} or counted in {@code dropped}, and no event with an id at or below
 * {@code position} becomes searchable later: the next poll starts at {@code position} and never
 * skips nor repeats an event.
 *
 * @param hits     the newest {@link LogTail#limit()} matching events, in arrival order (ascending event id)
 * @param dropped  matching events older than {@code hits} that were not returned because of the limit
 * @param position the event id the next poll continues after
 */
public record LogTailResult(List<LogHit> hits, long dropped, long position) {
    public LogTailResult {
        hits = List.copyOf(hits);
    }
}
