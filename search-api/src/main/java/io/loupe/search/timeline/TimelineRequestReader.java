package io.loupe.search.timeline;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LogSearch;
import io.loupe.index.api.LoupeException;
import io.loupe.search.SearchConfig;
import io.loupe.search.request.SearchRequestReader;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.TermQuery;

/**
 * Reads a timeline request: the user from the path, and {@code from, to, kind, limit, cursor} as
 * search reads them ({@link SearchRequestReader}: the last hour, every kind, 100 events per page by
 * default). Bad values answer 400 naming the parameter.
 */
public final class TimelineRequestReader {
    static final String USER_ID = "user_id";
    private static final Set<String> SEARCH_PARAMETERS = Set.of("from", "to", "kind", "limit", "cursor");

    private final SearchRequestReader searchReader;

    public TimelineRequestReader(SearchConfig config) {
        this.searchReader = new SearchRequestReader(config);
    }

    public TimelineRequest read(String userId, Function<String, String> params, Instant now) {
        if (userId == null || userId.isBlank()) {
            throw new LoupeException(ErrorCode.INVALID_PARAMETER, "the path must name a user: /api/v1/users/{user_id}/timeline");
        }
        LogSearch page = searchReader.read(name -> SEARCH_PARAMETERS.contains(name) ? params.apply(name) : null, now).search();
        LogSearch ofUser = new LogSearch(new TermQuery(new Term(USER_ID, userId)),
                page.range(), page.kinds(), page.limit(), page.after(), null, List.of(), 0);
        return new TimelineRequest(userId, ofUser);
    }
}
