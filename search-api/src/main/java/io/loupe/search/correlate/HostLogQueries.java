package io.loupe.search.correlate;

import io.loupe.index.api.LogFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * The log queries correlation narrows a query with: one host's events, and its events by level
 * group (error or fatal; warn; everything else, events without a level included). Levels are
 * matched as stored, normalised ({@code error}, {@code fatal}, {@code warn}).
 */
final class HostLogQueries {
    private static final String HOST = "host";

    private HostLogQueries() {
    }

    /** The events of {@code query} written by {@code host}. */
    static Query onHost(Query query, String host) {
        return and(query, new TermQuery(new Term(HOST, host)));
    }

    /** Events of level error or fatal. */
    static Query errors() {
        return levels("error", "fatal");
    }

    /** Events of level warn. */
    static Query warnings() {
        return levels("warn");
    }

    /** Events that are neither errors nor warnings (including those without a level). */
    static Query others() {
        return new BooleanQuery.Builder()
                .add(new MatchAllDocsQuery(), BooleanClause.Occur.MUST)
                .add(levels("error", "fatal", "warn"), BooleanClause.Occur.MUST_NOT)
                .build();
    }

    static Query and(Query first, Query second) {
        if (first instanceof MatchAllDocsQuery) {
            return second;
        }
        return new BooleanQuery.Builder()
                .add(first, BooleanClause.Occur.MUST)
                .add(second, BooleanClause.Occur.MUST)
                .build();
    }

    private static Query levels(String... levels) {
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        for (String level : levels) {
            any.add(new TermQuery(new Term(LogFields.LEVEL, level)), BooleanClause.Occur.SHOULD);
        }
        return any.build();
    }
}
