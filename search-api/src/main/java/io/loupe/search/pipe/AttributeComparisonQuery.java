package io.loupe.search.pipe;

import io.loupe.index.api.IndexedFields;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;

/**
 * A numeric comparison on an attribute as a Lucene query over its points, whole and decimal alike
 * ({@code attributes#long.K} and {@code attributes#double.K}): events without a number for the key
 * never match, as in a {@code where} over rows.
 */
final class AttributeComparisonQuery {

    private AttributeComparisonQuery() {
    }

    static Query of(Stage.Comparison comparison) {
        String key = comparison.field().name();
        double v = comparison.value();
        return switch (comparison.operator()) {
            case GT -> anyType(key, Math.nextUp(v), Double.POSITIVE_INFINITY);
            case GE -> anyType(key, v, Double.POSITIVE_INFINITY);
            case LT -> anyType(key, Double.NEGATIVE_INFINITY, Math.nextDown(v));
            case LE -> anyType(key, Double.NEGATIVE_INFINITY, v);
            case EQ -> anyType(key, v, v);
            case NE -> new BooleanQuery.Builder()
                    .add(anyType(key, Double.NEGATIVE_INFINITY, Math.nextDown(v)), BooleanClause.Occur.SHOULD)
                    .add(anyType(key, Math.nextUp(v), Double.POSITIVE_INFINITY), BooleanClause.Occur.SHOULD)
                    .build();
        };
    }

    /** Values in [low, high] in either type. */
    private static Query anyType(String key, double low, double high) {
        BooleanQuery.Builder either = new BooleanQuery.Builder();
        either.add(DoublePoint.newRangeQuery(IndexedFields.doubleAttribute(key), low, high), BooleanClause.Occur.SHOULD);
        either.add(longRange(key, low, high), BooleanClause.Occur.SHOULD);
        return either.build();
    }

    /** The whole numbers in [low, high]. */
    private static Query longRange(String key, double low, double high) {
        double ceilLow = Math.ceil(low);
        double floorHigh = Math.floor(high);
        if (ceilLow > floorHigh || ceilLow >= 0x1p63 || floorHigh < -0x1p63) {
            return new MatchNoDocsQuery("no whole number in [" + low + ", " + high + "]");
        }
        long lo = ceilLow <= -0x1p63 ? Long.MIN_VALUE : (long) ceilLow;
        long hi = floorHigh >= 0x1p63 ? Long.MAX_VALUE : (long) floorHigh;
        return LongPoint.newRangeQuery(IndexedFields.longAttribute(key), lo, hi);
    }
}
