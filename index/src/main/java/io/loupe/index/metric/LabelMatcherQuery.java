package io.loupe.index.metric;

import io.loupe.index.api.LabelMatcher;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Turns PromQL label matchers into a Lucene query over the series index, with Prometheus's rule that
 * a series lacking a label has the empty value for it. Regex matchers are resolved by testing each
 * indexed value of the label with {@link java.util.regex.Pattern} (label cardinality is small), so
 * their semantics are Java's anchored regexes, not Lucene's regexp syntax.
 */
final class LabelMatcherQuery {
    private LabelMatcherQuery() {
    }

    static Query build(IndexReader reader, List<LabelMatcher> matchers) throws IOException {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        boolean positive = false;
        for (LabelMatcher matcher : matchers) {
            String field = field(matcher.name());
            Query hasLabel = hasLabel(matcher.name());
            switch (matcher.op()) {
                case EQUAL -> {
                    if (matcher.value().isEmpty()) {
                        query.add(hasLabel, Occur.MUST_NOT);
                    } else {
                        query.add(new TermQuery(new Term(field, matcher.value())), Occur.FILTER);
                        positive = true;
                    }
                }
                case NOT_EQUAL -> {
                    if (matcher.value().isEmpty()) {
                        query.add(hasLabel, Occur.FILTER);
                        positive = true;
                    } else {
                        query.add(new TermQuery(new Term(field, matcher.value())), Occur.MUST_NOT);
                    }
                }
                case REGEX -> {
                    Query matching = matchingValues(reader, field, matcher);
                    if (matcher.matchesEmpty()) {
                        query.add(new BooleanQuery.Builder()
                                .add(matching, Occur.SHOULD)
                                .add(new BooleanQuery.Builder().add(new MatchAllDocsQuery(), Occur.FILTER)
                                        .add(hasLabel, Occur.MUST_NOT).build(), Occur.SHOULD)
                                .build(), Occur.FILTER);
                    } else {
                        query.add(matching, Occur.FILTER);
                    }
                    positive = true;
                }
                case NOT_REGEX -> {
                    LabelMatcher excluded = LabelMatcher.of(matcher.name(), LabelMatcher.Op.REGEX, matcher.value());
                    query.add(matchingValues(reader, field, excluded), Occur.MUST_NOT);
                    if (!matcher.matchesEmpty()) {
                        // the regex matches the empty value, so series without the label are excluded too
                        query.add(hasLabel, Occur.FILTER);
                        positive = true;
                    }
                }
            }
        }
        if (!positive) {
            query.add(new MatchAllDocsQuery(), Occur.FILTER);
        }
        return query.build();
    }

    private static String field(String labelName) {
        return LabelMatcher.METRIC_NAME.equals(labelName) ? SeriesRegistry.NAME : SeriesRegistry.LABEL_PREFIX + labelName;
    }

    private static Query hasLabel(String labelName) {
        return LabelMatcher.METRIC_NAME.equals(labelName)
                ? new MatchAllDocsQuery()
                : new TermQuery(new Term(SeriesRegistry.LABEL_NAMES, labelName));
    }

    /** Documents whose value of the label satisfies the (regex) matcher. */
    private static Query matchingValues(IndexReader reader, String field, LabelMatcher matcher) throws IOException {
        Terms terms = MultiTerms.getTerms(reader, field);
        if (terms == null) {
            return new MatchNoDocsQuery();
        }
        List<BytesRef> values = new ArrayList<>();
        TermsEnum iterator = terms.iterator();
        for (BytesRef term = iterator.next(); term != null; term = iterator.next()) {
            if (matcher.matches(term.utf8ToString())) {
                values.add(BytesRef.deepCopyOf(term));
            }
        }
        return values.isEmpty() ? new MatchNoDocsQuery() : new TermInSetQuery(field, values);
    }
}
