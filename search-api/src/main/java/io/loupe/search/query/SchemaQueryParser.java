package io.loupe.search.query;

import io.loupe.index.api.IndexedFields;
import io.loupe.index.api.LogFields;
import java.util.Locale;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.index.Term;

/**
 * Lucene's classic parser taught the log schema. A field that is neither {@code message},
 * {@code kind} nor a first-class keyword is an attribute: {@code status:500} and
 * {@code attributes.status:500} are the same query. Attribute terms match string values and, when
 * the text is a number, numeric values too; a range with number bounds ({@code code:>40},
 * {@code code:[1 TO 5]}) compares numeric values only, one with a text bound compares strings, and
 * {@code code:[* TO *]} matches every type. {@code level} and {@code kind} values are
 * matched case-insensitively (they are stored lowercased). {@code *} and {@code *:*} match every
 * event. {@code source_ip} takes an address or a CIDR block ({@code source_ip:10.1.2.3},
 * {@code source_ip:"10.0.0.0/8"}, {@code source_ip:"2001:db8::/32"}; quoted, as {@code /} and
 * {@code :} are syntax) and matches it by address ({@link IpQueries}); other values match the
 * keyword exactly. Not thread-safe: one per parse.
 */
final class SchemaQueryParser extends QueryParser {

    SchemaQueryParser() {
        super(LogFields.MESSAGE, IndexedFields.analyzer());
        setAllowLeadingWildcard(true);
        setDefaultOperator(Operator.AND);
        setSplitOnWhitespace(true);
    }

    /** The attribute key a query field names, or null when it names a schema field. */
    static String attributeKey(String field) {
        if (field.startsWith(LogFields.ATTRIBUTE_PREFIX)) {
            return field.substring(LogFields.ATTRIBUTE_PREFIX.length());
        }
        if (field.equals(LogFields.MESSAGE) || field.equals(LogFields.KIND) || LogFields.isKeyword(field)) {
            return null;
        }
        return field;
    }

    private static void rejectInternal(String field) throws ParseException {
        if (field.equals(LogFields.TIMESTAMP) || field.startsWith("_")) {
            throw new ParseException("field '" + field + "' cannot be queried here; use the from and to parameters for time");
        }
    }

    private static String indexField(String field) {
        String key = attributeKey(field);
        return key == null ? field : IndexedFields.keywordAttribute(key);
    }

    private static String normalizeValue(String field, String text) {
        return field.equals(LogFields.LEVEL) || field.equals(LogFields.KIND) ? text.toLowerCase(Locale.ROOT) : text;
    }

    @Override
    protected Query getFieldQuery(String field, String queryText, boolean quoted) throws ParseException {
        rejectInternal(field);
        if (IndexedFields.IP_FIELDS.contains(field) && IpQueries.looksLikeAddressOrBlock(queryText)) {
            try {
                return IpQueries.addressOrBlock(field, queryText);
            } catch (IllegalArgumentException e) {
                throw new ParseException(e.getMessage());
            }
        }
        if (!quoted) {
            Query comparison = comparison(field, queryText);
            if (comparison != null) {
                return comparison;
            }
        }
        String key = attributeKey(field);
        if (key == null) {
            return super.getFieldQuery(field, normalizeValue(field, queryText), quoted);
        }
        BooleanQuery.Builder anyType = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexedFields.keywordAttribute(key), queryText)), BooleanClause.Occur.SHOULD);
        Long whole = parseLong(queryText);
        if (whole != null) {
            anyType.add(LongPoint.newExactQuery(IndexedFields.longAttribute(key), whole), BooleanClause.Occur.SHOULD);
        }
        Double number = parseDouble(queryText);
        if (number != null) {
            anyType.add(DoublePoint.newExactQuery(IndexedFields.doubleAttribute(key), number), BooleanClause.Occur.SHOULD);
        }
        return anyType.build();
    }

    @Override
    protected Query getRangeQuery(String field, String part1, String part2, boolean startInclusive, boolean endInclusive)
            throws ParseException {
        rejectInternal(field);
        String key = attributeKey(field);
        if (key == null) {
            return super.getRangeQuery(field, part1 == null ? null : normalizeValue(field, part1),
                    part2 == null ? null : normalizeValue(field, part2), startInclusive, endInclusive);
        }
        Double low = open(part1) == null ? Double.valueOf(Double.NEGATIVE_INFINITY) : parseDouble(part1);
        Double high = open(part2) == null ? Double.valueOf(Double.POSITIVE_INFINITY) : parseDouble(part2);
        boolean numeric = low != null && high != null;
        BooleanQuery.Builder anyType = new BooleanQuery.Builder();
        if (!numeric || (open(part1) == null && open(part2) == null)) {
            // Strings compare as strings only when a bound is text (or for [* TO *]): "5" and "abc" are not above 40.
            anyType.add(TermRangeQuery.newStringRange(IndexedFields.keywordAttribute(key), open(part1), open(part2),
                    startInclusive, endInclusive), BooleanClause.Occur.SHOULD);
        }
        if (numeric) {
            double lo = startInclusive ? low : Math.nextUp(low);
            double hi = endInclusive ? high : Math.nextDown(high);
            anyType.add(DoublePoint.newRangeQuery(IndexedFields.doubleAttribute(key), lo, hi), BooleanClause.Occur.SHOULD);
            long longLow = low.isInfinite() ? Long.MIN_VALUE : (long) Math.ceil(lo);
            long longHigh = high.isInfinite() ? Long.MAX_VALUE : (long) Math.floor(hi);
            if (longLow <= longHigh) {
                anyType.add(LongPoint.newRangeQuery(IndexedFields.longAttribute(key), longLow, longHigh), BooleanClause.Occur.SHOULD);
            }
        }
        return anyType.build();
    }

    /** {@code field:>10}, {@code field:>=10}, {@code field:<10}, {@code field:<=10} as open-ended ranges. */
    private Query comparison(String field, String text) throws ParseException {
        if (text.startsWith(">=") && text.length() > 2) {
            return getRangeQuery(field, text.substring(2), null, true, true);
        }
        if (text.startsWith("<=") && text.length() > 2) {
            return getRangeQuery(field, null, text.substring(2), true, true);
        }
        if (text.startsWith(">") && text.length() > 1) {
            return getRangeQuery(field, text.substring(1), null, false, true);
        }
        if (text.startsWith("<") && text.length() > 1) {
            return getRangeQuery(field, null, text.substring(1), true, false);
        }
        return null;
    }

    private static String open(String bound) {
        return bound == null || bound.equals("*") ? null : bound;
    }

    @Override
    protected Query getWildcardQuery(String field, String termStr) throws ParseException {
        if (termStr.equals("*") && (field.equals("*") || field.equals(LogFields.MESSAGE))) {
            // a bare * (read as message:*) and *:* are every event, not only those with a word in their message
            return new MatchAllDocsQuery();
        }
        rejectInternal(field);
        return super.getWildcardQuery(indexField(field), normalizeValue(field, termStr));
    }

    @Override
    protected Query getPrefixQuery(String field, String termStr) throws ParseException {
        rejectInternal(field);
        return super.getPrefixQuery(indexField(field), normalizeValue(field, termStr));
    }

    @Override
    protected Query getRegexpQuery(String field, String termStr) throws ParseException {
        rejectInternal(field);
        return super.getRegexpQuery(indexField(field), termStr);
    }

    @Override
    protected Query getFuzzyQuery(String field, String termStr, float minSimilarity) throws ParseException {
        rejectInternal(field);
        return super.getFuzzyQuery(indexField(field), normalizeValue(field, termStr), minSimilarity);
    }

    private static Long parseLong(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Double parseDouble(String text) {
        try {
            double value = Double.parseDouble(text);
            return Double.isNaN(value) ? null : value;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
