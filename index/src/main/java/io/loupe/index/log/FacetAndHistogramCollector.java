package io.loupe.index.log;

import io.loupe.index.api.IndexedFields;
import io.loupe.index.api.LogFields;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.util.NumericUtils;

/**
 * Counts matching events per time bucket (from the timestamp doc values) and per value of the
 * requested keyword fields (from their sorted-set doc values; for an attribute also its whole and
 * decimal numbers, counted by their decimal text, so {@code 42} and {@code "42"} are one value), in
 * one pass. Not thread-safe: one instance per search slice, merged with {@link #mergeFrom}.
 */
final class FacetAndHistogramCollector implements Collector {
    private final long bucketStart;
    private final long interval;
    private final long[] buckets;
    private final List<String> facetFields;
    private final List<Map<String, Long>> facetCounts = new ArrayList<>();

    /** @param interval bucket width in nanos, or 0 for no histogram */
    FacetAndHistogramCollector(long bucketStart, long interval, int bucketCount, List<String> facetFields) {
        this.bucketStart = bucketStart;
        this.interval = interval;
        this.buckets = new long[interval > 0 ? bucketCount : 0];
        this.facetFields = facetFields;
        for (int i = 0; i < facetFields.size(); i++) {
            facetCounts.add(new HashMap<>());
        }
    }

    long[] buckets() {
        return buckets;
    }

    Map<String, Long> facetCounts(int field) {
        return facetCounts.get(field);
    }

    void mergeFrom(FacetAndHistogramCollector other) {
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] += other.buckets[i];
        }
        for (int f = 0; f < facetCounts.size(); f++) {
            Map<String, Long> into = facetCounts.get(f);
            other.facetCounts.get(f).forEach((value, count) -> into.merge(value, count, Long::sum));
        }
    }

    @Override
    public ScoreMode scoreMode() {
        return ScoreMode.COMPLETE_NO_SCORES;
    }

    @Override
    public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
        NumericDocValues timestamps = buckets.length > 0
                ? DocValues.getNumeric(context.reader(), IndexedFields.TIMESTAMP) : null;
        TimeBucketCursor bucketCursor = buckets.length > 0 ? new TimeBucketCursor(bucketStart, interval, buckets.length) : null;
        SortedSetDocValues[] values = new SortedSetDocValues[facetFields.size()];
        long[][] ordinalCounts = new long[facetFields.size()][];
        for (int f = 0; f < values.length; f++) {
            values[f] = DocValues.getSortedSet(context.reader(), facetFields.get(f));
            ordinalCounts[f] = new long[(int) Math.min(values[f].getValueCount(), Integer.MAX_VALUE - 8)];
        }
        SortedNumericDocValues[] longs = new SortedNumericDocValues[facetFields.size()];
        SortedNumericDocValues[] doubles = new SortedNumericDocValues[facetFields.size()];
        for (int f = 0; f < values.length; f++) {
            String field = facetFields.get(f);
            if (field.startsWith(LogFields.ATTRIBUTE_PREFIX)) {
                String key = field.substring(LogFields.ATTRIBUTE_PREFIX.length());
                longs[f] = DocValues.getSortedNumeric(context.reader(), IndexedFields.longAttribute(key));
                doubles[f] = DocValues.getSortedNumeric(context.reader(), IndexedFields.doubleAttribute(key));
            }
        }
        return new LeafCollector() {
            @Override
            public void setScorer(Scorable scorer) {
            }

            @Override
            public void collect(int doc) throws IOException {
                if (timestamps != null && timestamps.advanceExact(doc)) {
                    long index = bucketCursor.bucketOf(timestamps.longValue());
                    if (index >= 0) {
                        buckets[(int) index]++;
                    }
                }
                for (int f = 0; f < values.length; f++) {
                    SortedSetDocValues dv = values[f];
                    if (dv.advanceExact(doc)) {
                        for (int i = 0; i < dv.docValueCount(); i++) {
                            ordinalCounts[f][(int) dv.nextOrd()]++;
                        }
                    }
                    if (longs[f] != null && longs[f].advanceExact(doc)) {
                        for (int i = 0; i < longs[f].docValueCount(); i++) {
                            facetCounts.get(f).merge(Long.toString(longs[f].nextValue()), 1L, Long::sum);
                        }
                    }
                    if (doubles[f] != null && doubles[f].advanceExact(doc)) {
                        for (int i = 0; i < doubles[f].docValueCount(); i++) {
                            double value = NumericUtils.sortableLongToDouble(doubles[f].nextValue());
                            facetCounts.get(f).merge(Double.toString(value), 1L, Long::sum);
                        }
                    }
                }
            }

            @Override
            public void finish() throws IOException {
                for (int f = 0; f < values.length; f++) {
                    Map<String, Long> into = facetCounts.get(f);
                    long[] counts = ordinalCounts[f];
                    for (int ord = 0; ord < counts.length; ord++) {
                        if (counts[ord] > 0) {
                            into.merge(values[f].lookupOrd(ord).utf8ToString(), counts[ord], Long::sum);
                        }
                    }
                }
            }
        };
    }
}
