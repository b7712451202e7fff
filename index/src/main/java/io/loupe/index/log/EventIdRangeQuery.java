package io.loupe.index.log;

import io.loupe.index.api.IndexedFields;
import java.io.IOException;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;

/**
 * Events whose id is in {@code [from, to]}, from the {@code _id} doc values. A segment whose
 * {@link SegmentEventIdBounds} lie outside the range is skipped without reading a document, one
 * wholly inside it matches every event without a per-document check; only the segments that
 * straddle a bound are checked document by document. That makes "the events after the last one a
 * tail sent" and "the event with this id" cheap on partitions of millions of events.
 */
final class EventIdRangeQuery extends Query {
    private final long from;
    private final long to;
    private final SegmentEventIdBounds bounds;

    EventIdRangeQuery(long from, long to, SegmentEventIdBounds bounds) {
        this.from = from;
        this.to = to;
        this.bounds = bounds;
    }

    @Override
    public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
        return new ConstantScoreWeight(this, boost) {
            @Override
            public ScorerSupplier scorerSupplier(LeafReaderContext context) throws IOException {
                SegmentEventIdBounds.Bounds segment = bounds.of(context.reader());
                if (!segment.overlaps(from, to)) {
                    return null;
                }
                NumericDocValues ids = DocValues.getNumeric(context.reader(), IndexedFields.EVENT_ID);
                if (segment.within(from, to)) {
                    return new DefaultScorerSupplier(new ConstantScoreScorer(score(), scoreMode, ids));
                }
                TwoPhaseIterator inRange = new TwoPhaseIterator(ids) {
                    @Override
                    public boolean matches() throws IOException {
                        long id = ids.longValue();
                        return id >= from && id <= to;
                    }

                    @Override
                    public float matchCost() {
                        return 2;
                    }
                };
                return new DefaultScorerSupplier(new ConstantScoreScorer(score(), scoreMode, inRange));
            }

            @Override
            public boolean isCacheable(LeafReaderContext context) {
                return false; // each tail poll asks for a new range: caching would only evict useful entries
            }
        };
    }

    @Override
    public String toString(String field) {
        return IndexedFields.EVENT_ID + ":[" + from + " TO " + to + "]";
    }

    @Override
    public void visit(QueryVisitor visitor) {
        if (visitor.acceptField(IndexedFields.EVENT_ID)) {
            visitor.visitLeaf(this);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EventIdRangeQuery that && from == that.from && to == that.to && bounds == that.bounds;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(from) * 31 + Long.hashCode(to);
    }
}
