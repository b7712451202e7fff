package io.loupe.index.api;

import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;

/**
 * How schema fields are named and analysed inside the Lucene index, for code that builds queries.
 *
 * <ul>
 *   <li>{@code timestamp}: epoch nanos as numeric doc values; the index is sorted on it, newest first.</li>
 *   <li>{@code _id}: the event id as numeric doc values, the second sort key.</li>
 *   <li>{@code kind} and the {@link LogFields#KEYWORDS}: untokenised terms (+ sorted-set doc values).</li>
 *   <li>{@code message}: tokens of the standard analyzer (lowercased, no stop words, no stemming).</li>
 *   <li>{@code attributes.K}: string and boolean values as untokenised terms; whole numbers as a long
 *       point {@code attributes.K#long}, other numbers as a double point {@code attributes.K#double}.
 *       A key seen with several types keeps each, so a query can find it either way.</li>
 * </ul>
 */
public final class IndexedFields {
    public static final String TIMESTAMP = LogFields.TIMESTAMP;
    public static final String EVENT_ID = "_id";
    public static final String STORED_EVENT = "_event";
    public static final String LONG_SUFFIX = "#long";
    public static final String DOUBLE_SUFFIX = "#double";
    /** Longer keyword and attribute values are kept in the stored event but not indexed (as Elasticsearch's ignore_above). */
    public static final int MAX_INDEXED_KEYWORD_CHARS = 1024;

    private static final Analyzer ANALYZER = new PerFieldAnalyzerWrapper(new KeywordAnalyzer(),
            Map.of(LogFields.MESSAGE, new StandardAnalyzer()));

    private IndexedFields() {
    }

    /** Standard analysis for {@code message}, whole values for everything else. Thread-safe. */
    public static Analyzer analyzer() {
        return ANALYZER;
    }

    public static String keywordAttribute(String key) {
        return LogFields.ATTRIBUTE_PREFIX + key;
    }

    public static String longAttribute(String key) {
        return LogFields.ATTRIBUTE_PREFIX + key + LONG_SUFFIX;
    }

    public static String doubleAttribute(String key) {
        return LogFields.ATTRIBUTE_PREFIX + key + DOUBLE_SUFFIX;
    }
}
