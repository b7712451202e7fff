package io.loupe.search.context;

import io.loupe.index.api.LogSearchResult.LogHit;
import java.util.List;

/**
 * An event and the lines around it from the same host and source.
 *
 * @param event     the event asked for
 * @param before    older lines, oldest first
 * @param after     newer lines, oldest first
 * @param matchedOn the fields the lines share with the event ({@code host}, {@code source}; fewer when the event lacks one)
 * @param note      why the context is wider than host and source, or null when it is not
 */
public record EventContext(LogHit event, List<LogHit> before, List<LogHit> after, List<String> matchedOn, String note) {
    public EventContext {
        before = List.copyOf(before);
        after = List.copyOf(after);
        matchedOn = List.copyOf(matchedOn);
    }
}
