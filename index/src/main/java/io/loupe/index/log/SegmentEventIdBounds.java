package io.loupe.index.log;

import io.loupe.index.api.IndexedFields;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.DocIdSetIterator;

/**
 * The lowest and highest event id of each segment, computed once per segment (one pass over its
 * {@code _id} doc values) and kept until the segment is closed, so that a search for event ids in a
 * range skips every segment that cannot hold one. Deleted documents count: the bounds stay true
 * when a segment's deletions change, which is why they are keyed by the segment core. Thread-safe.
 */
final class SegmentEventIdBounds {
    /** Inclusive event id bounds of one segment; {@code min > max} for a segment without events. */
    record Bounds(long min, long max) {
        static final Bounds EMPTY = new Bounds(Long.MAX_VALUE, Long.MIN_VALUE);

        boolean overlaps(long from, long to) {
            return min <= to && max >= from;
        }

        boolean within(long from, long to) {
            return min >= from && max <= to;
        }
    }

    private final Map<IndexReader.CacheKey, Bounds> bySegmentCore = new ConcurrentHashMap<>();

    Bounds of(LeafReader segment) throws IOException {
        IndexReader.CacheHelper core = segment.getCoreCacheHelper();
        if (core == null) {
            return compute(segment);
        }
        Bounds known = bySegmentCore.get(core.getKey());
        if (known != null) {
            return known;
        }
        Bounds computed = compute(segment);
        if (bySegmentCore.putIfAbsent(core.getKey(), computed) == null) {
            core.addClosedListener(bySegmentCore::remove);
        }
        return computed;
    }

    /** Segments whose bounds are held (for tests: closed segments must not stay). */
    int size() {
        return bySegmentCore.size();
    }

    private static Bounds compute(LeafReader segment) throws IOException {
        NumericDocValues ids = segment.getNumericDocValues(IndexedFields.EVENT_ID);
        if (ids == null) {
            return Bounds.EMPTY;
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int doc = ids.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = ids.nextDoc()) {
            long id = ids.longValue();
            min = Math.min(min, id);
            max = Math.max(max, id);
        }
        return new Bounds(min, max);
    }
}
