package io.loupe.index.api;

import java.util.Map;
import java.util.Set;
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
 *   <li>{@code kind}: an untokenised term (no doc values: each partition holds one kind).</li>
 *   <li>the {@link LogFields#KEYWORDS}: untokenised terms + sorted-set doc values, except the
 *       {@link #LOOKUP_ONLY} ids, which are random, looked up and never counted: terms only.</li>
 *   <li>{@code message}: tokens of the standard analyzer (lowercased, no stop words, no stemming).</li>
 *   <li>{@code attributes.K}: string and boolean values as untokenised terms + sorted-set doc values;
 *       whole numbers as a long point + doc values {@code attributes#long.K}, other numbers as a
 *       double point + doc values {@code attributes#double.K}. The prefixes differ, so no key can
 *       collide with another type's field; a key seen with several types keeps each, and a query
 *       finds it either way.</li>
 *   <li>the {@link #IP_FIELDS} ({@code source_ip}): besides the keyword, a value that is an IPv4 or
 *       IPv6 literal ({@link IpLiteral}) is also an {@code InetAddressPoint} named {@code source_ip#ip}
 *       ({@link #ipPoint}), for address and CIDR queries; other values ({@code unknown}, a host
 *       name) are keywords only. No keyword or attribute name contains {@code #}, so it collides with
 *       none.</li>
 * </ul>
 */
public final class IndexedFields {
    public static final String TIMESTAMP = LogFields.TIMESTAMP;
    public static final String EVENT_ID = "_id";
    public static final String STORED_EVENT = "_event";
    private static final String LONG_PREFIX = LogFields.ATTRIBUTES + "#long.";
    private static final String DOUBLE_PREFIX = LogFields.ATTRIBUTES + "#double.";
    private static final String IP_SUFFIX = "#ip";
    /** Longer keyword and attribute values are kept in the stored event but not indexed (as Elasticsearch's ignore_above). */
    public static final int MAX_INDEXED_KEYWORD_CHARS = 1024;

    /** Keyword fields indexed for exact lookup only, without doc values: they cannot be faceted. */
    public static final Set<String> LOOKUP_ONLY = Set.of("trace_id", "span_id", "request_id", "session_id");

    /** Keyword fields whose IP-literal values are also indexed as an address point, {@link #ipPoint}. */
    public static final Set<String> IP_FIELDS = Set.of("source_ip");

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
        return LONG_PREFIX + key;
    }

    public static String doubleAttribute(String key) {
        return DOUBLE_PREFIX + key;
    }

    /** The address point of one of the {@link #IP_FIELDS}: {@code source_ip#ip}. */
    public static String ipPoint(String field) {
        return field + IP_SUFFIX;
    }

    /** The field an {@link #ipPoint} name belongs to, or null when the name is not an address point. */
    public static String ipPointField(String indexName) {
        if (!indexName.endsWith(IP_SUFFIX)) {
            return null;
        }
        String field = indexName.substring(0, indexName.length() - IP_SUFFIX.length());
        return IP_FIELDS.contains(field) ? field : null;
    }
}
