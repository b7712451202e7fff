package io.loupe.search.tail;

import io.loupe.index.api.LogKind;
import java.util.Set;
import org.apache.lucene.search.Query;

/**
 * A parsed live tail request.
 *
 * @param query        what to show
 * @param kinds        the kinds to tail
 * @param afterEventId where to resume ({@code Last-Event-ID}), or {@link io.loupe.index.api.LogTail#NOW}
 */
public record TailRequest(Query query, Set<LogKind> kinds, long afterEventId) {
    public TailRequest {
        kinds = Set.copyOf(kinds);
    }
}
