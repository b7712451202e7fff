package io.loupe.index.log;

import io.loupe.index.api.IndexedFields;
import io.loupe.index.api.LogFields;
import java.io.IOException;
import java.util.BitSet;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.internal.hppc.LongArrayList;
import org.apache.lucene.internal.hppc.LongIntHashMap;
import org.apache.lucene.util.NumericUtils;

/**
 * The values of one group field in one segment as dense codes: the keyword ordinals
 * {@code [0, valueCount)} first, then a code per distinct whole number, then per distinct decimal
 * number, handed out as they are met. {@link #text} turns a code back into the value as facets show
 * it (numbers as their decimal text). Codes stay below {@link #radix()}. Not thread-safe.
 */
final class GroupFieldValues {
    private final SortedSetDocValues keywords;
    private final SortedNumericDocValues longs;
    private final SortedNumericDocValues doubles;
    private final long keywordCount;
    private final long radix;
    private final LongIntHashMap longCodes = new LongIntHashMap();
    private final LongIntHashMap doubleCodes = new LongIntHashMap();
    private final LongArrayList numbers = new LongArrayList();
    private final BitSet numberIsDouble = new BitSet();

    private GroupFieldValues(SortedSetDocValues keywords, SortedNumericDocValues longs, SortedNumericDocValues doubles, int maxDoc) {
        this.keywords = keywords;
        this.longs = longs;
        this.doubles = doubles;
        this.keywordCount = keywords == null ? 0 : keywords.getValueCount();
        long numeric = (longs == null ? 0 : maxDoc) + (doubles == null ? 0 : maxDoc);
        this.radix = Math.max(1, keywordCount + numeric);
    }

    /** The field's values in the segment; a field the segment lacks has only missing values. */
    static GroupFieldValues of(LeafReader reader, String field) throws IOException {
        SortedSetDocValues keywords = reader.getSortedSetDocValues(field);
        SortedNumericDocValues longs = null;
        SortedNumericDocValues doubles = null;
        if (field.startsWith(LogFields.ATTRIBUTE_PREFIX)) {
            String key = field.substring(LogFields.ATTRIBUTE_PREFIX.length());
            longs = reader.getSortedNumericDocValues(IndexedFields.longAttribute(key));
            doubles = reader.getSortedNumericDocValues(IndexedFields.doubleAttribute(key));
        }
        return new GroupFieldValues(keywords, longs, doubles, reader.maxDoc());
    }

    long radix() {
        return radix;
    }

    /** The code of the document's value, or -1 when it has none. Documents come in increasing order. */
    long code(int doc) throws IOException {
        if (keywords != null && keywords.advanceExact(doc)) {
            return keywords.nextOrd();
        }
        if (longs != null && longs.advanceExact(doc)) {
            return numberCode(longCodes, longs.nextValue(), false);
        }
        if (doubles != null && doubles.advanceExact(doc)) {
            return numberCode(doubleCodes, doubles.nextValue(), true);
        }
        return -1;
    }

    private long numberCode(LongIntHashMap codes, long bits, boolean isDouble) {
        int index = codes.indexOf(bits);
        if (index >= 0) {
            return keywordCount + codes.indexGet(index);
        }
        int code = numbers.size();
        codes.indexInsert(index, bits, code);
        numbers.add(bits);
        numberIsDouble.set(code, isDouble);
        return keywordCount + code;
    }

    String text(long code) throws IOException {
        if (code < keywordCount) {
            return keywords.lookupOrd(code).utf8ToString();
        }
        int number = (int) (code - keywordCount);
        long bits = numbers.get(number);
        return numberIsDouble.get(number)
                ? Double.toString(NumericUtils.sortableLongToDouble(bits))
                : Long.toString(bits);
    }
}
