package io.loupe.index.log;

import io.loupe.index.api.IndexedFields;
import io.loupe.index.api.LogFields;
import java.io.IOException;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.NumericUtils;

/**
 * The values an aggregate reads from one segment: numbers (an attribute's whole or decimal numbers,
 * or the timestamp, also given exactly as a long), keywords (for presence and distinct counts), and a
 * 64-bit hash of each value's text for distinct counts, so {@code 42} and {@code "42"} are one value
 * as in facets. Documents come in increasing order. Not thread-safe.
 */
final class AggregateFieldValues {
    private final NumericDocValues timestamps;
    private final SortedSetDocValues keywords;
    private final SortedNumericDocValues longs;
    private final SortedNumericDocValues doubles;
    private long[] ordinalHashes;
    private boolean numberPresent;
    private double number;
    private long time;

    private AggregateFieldValues(NumericDocValues timestamps, SortedSetDocValues keywords,
                                 SortedNumericDocValues longs, SortedNumericDocValues doubles) {
        this.timestamps = timestamps;
        this.keywords = keywords;
        this.longs = longs;
        this.doubles = doubles;
    }

    static AggregateFieldValues of(LeafReader reader, String field) throws IOException {
        if (field.equals(LogFields.TIMESTAMP)) {
            return new AggregateFieldValues(reader.getNumericDocValues(IndexedFields.TIMESTAMP), null, null, null);
        }
        SortedNumericDocValues longs = null;
        SortedNumericDocValues doubles = null;
        if (field.startsWith(LogFields.ATTRIBUTE_PREFIX)) {
            String key = field.substring(LogFields.ATTRIBUTE_PREFIX.length());
            longs = reader.getSortedNumericDocValues(IndexedFields.longAttribute(key));
            doubles = reader.getSortedNumericDocValues(IndexedFields.doubleAttribute(key));
        }
        return new AggregateFieldValues(null, reader.getSortedSetDocValues(field), longs, doubles);
    }

    /** True when the document has a number; {@link #number()} is then its value. */
    boolean advanceToNumber(int doc) throws IOException {
        numberPresent = false;
        if (timestamps != null && timestamps.advanceExact(doc)) {
            time = timestamps.longValue();
            number = time;
            numberPresent = true;
        } else if (longs != null && longs.advanceExact(doc)) {
            number = longs.nextValue();
            numberPresent = true;
        } else if (doubles != null && doubles.advanceExact(doc)) {
            number = NumericUtils.sortableLongToDouble(doubles.nextValue());
            numberPresent = true;
        }
        return numberPresent;
    }

    double number() {
        return number;
    }

    /** The timestamp in epoch nanos, exactly, when this reads {@code timestamp} and {@link #advanceToNumber} found it. */
    long time() {
        return time;
    }

    /** True when the document has any value of the field. */
    boolean present(int doc) throws IOException {
        return (keywords != null && keywords.advanceExact(doc)) || advanceToNumber(doc);
    }

    /** The hash of the document's value's text, or 0 when it has no value. */
    long valueHash(int doc) throws IOException {
        if (keywords != null && keywords.advanceExact(doc)) {
            long ord = keywords.nextOrd();
            if (ordinalHashes == null) {
                ordinalHashes = new long[(int) keywords.getValueCount()];
            }
            long hash = ordinalHashes[(int) ord];
            if (hash == 0) {
                hash = ValueHash.of(keywords.lookupOrd(ord));
                ordinalHashes[(int) ord] = hash;
            }
            return hash;
        }
        if (timestamps != null && timestamps.advanceExact(doc)) {
            return ValueHash.of(new BytesRef(Long.toString(timestamps.longValue())));
        }
        if (longs != null && longs.advanceExact(doc)) {
            return ValueHash.of(new BytesRef(Long.toString(longs.nextValue())));
        }
        if (doubles != null && doubles.advanceExact(doc)) {
            return ValueHash.of(new BytesRef(Double.toString(NumericUtils.sortableLongToDouble(doubles.nextValue()))));
        }
        return 0;
    }
}
