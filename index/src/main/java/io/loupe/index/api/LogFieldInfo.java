package io.loupe.index.api;

import java.util.Locale;

/**
 * One field as users query it, as the partitions of a time range hold it (from Lucene's field
 * metadata and term dictionaries; no stored event is read). A key seen with several types appears
 * once per type.
 *
 * @param name               the name in queries: {@code host}, {@code message}, {@code attributes.http.status}
 * @param type               how it is indexed
 * @param documents          events with the field (approximate: deleted events not merged away yet count)
 * @param cardinality        distinct values across the partitions, counted exactly up to
 *                           {@link #CARDINALITY_CAP}; -1 when not counted (numbers, text, timestamps)
 * @param cardinalityCapped  true when there are more than {@code cardinality} distinct values
 * @param aggregatable       true when the field has doc values, so facets, top values and stats work on it
 */
public record LogFieldInfo(String name, Type type, long documents, long cardinality, boolean cardinalityCapped,
                           boolean aggregatable) {
    /** Distinct values are counted up to this many; beyond it the count says "at least". */
    public static final int CARDINALITY_CAP = 1000;

    /** How a field is indexed, as the fields API names it. */
    public enum Type {
        KEYWORD, TEXT, LONG, DOUBLE, IP, TIMESTAMP;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
