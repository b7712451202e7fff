package io.loupe.index.log;

import io.loupe.index.api.IndexedFields;
import io.loupe.index.api.LogFieldInfo;
import io.loupe.index.api.LogFields;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.index.DocValuesType;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.PointValues;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;

/**
 * Lists the fields of a set of partitions from Lucene's per-segment field metadata, never from
 * stored events: the name as users query it ({@code attributes#long.status} is
 * {@code attributes.status} of type long, {@code source_ip#ip} is {@code source_ip} of type ip), the
 * events that have it (summed over segments from the term dictionary or the points), and for
 * keywords the distinct values, counted by walking the merged term dictionary up to
 * {@link LogFieldInfo#CARDINALITY_CAP} terms. Internal fields ({@code _id}, {@code _event}, any name
 * starting with {@code _}) are not listed.
 */
final class LogFieldCatalog {
    private static final String LONG_PREFIX = IndexedFields.longAttribute("");
    private static final String DOUBLE_PREFIX = IndexedFields.doubleAttribute("");
    /** Bytes of an IPv6-mapped address point, as {@code InetAddressPoint} indexes one. */
    private static final int IP_POINT_BYTES = 16;

    /** What is known of one (name, type) so far. */
    private static final class Entry {
        final String name;
        final LogFieldInfo.Type type;
        final String indexField;
        long documents;
        boolean aggregatable;

        Entry(String name, LogFieldInfo.Type type, String indexField) {
            this.name = name;
            this.type = type;
            this.indexField = indexField;
        }
    }

    private LogFieldCatalog() {
    }

    static List<LogFieldInfo> list(List<LogPartition> partitions) throws IOException {
        if (partitions.isEmpty()) {
            return List.of();
        }
        try (PartitionSearcher searcher = PartitionSearcher.acquire(partitions)) {
            IndexReader reader = searcher.searcher().getIndexReader();
            Map<String, Entry> entries = new TreeMap<>();
            for (LeafReaderContext leaf : reader.leaves()) {
                for (FieldInfo field : leaf.reader().getFieldInfos()) {
                    describe(leaf.reader(), field, entries);
                }
            }
            List<LogFieldInfo> fields = new ArrayList<>(entries.size());
            for (Entry entry : entries.values()) {
                long cardinality = -1;
                boolean capped = false;
                if (entry.type == LogFieldInfo.Type.KEYWORD) {
                    cardinality = distinctTerms(reader, entry.indexField);
                    capped = cardinality > LogFieldInfo.CARDINALITY_CAP;
                    cardinality = Math.min(cardinality, LogFieldInfo.CARDINALITY_CAP);
                }
                fields.add(new LogFieldInfo(entry.name, entry.type, entry.documents, cardinality, capped, entry.aggregatable));
            }
            fields.sort(Comparator.comparing(LogFieldInfo::name).thenComparing(LogFieldInfo::type));
            return fields;
        }
    }

    private static void describe(LeafReader segment, FieldInfo field, Map<String, Entry> entries) throws IOException {
        String indexName = field.getName();
        if (indexName.startsWith("_")) {
            return;
        }
        boolean docValues = field.getDocValuesType() != DocValuesType.NONE;
        if (indexName.equals(IndexedFields.TIMESTAMP)) {
            add(entries, LogFields.TIMESTAMP, LogFieldInfo.Type.TIMESTAMP, indexName, segment.numDocs(), docValues);
        } else if (indexName.startsWith(LONG_PREFIX)) {
            add(entries, LogFields.ATTRIBUTE_PREFIX + indexName.substring(LONG_PREFIX.length()), LogFieldInfo.Type.LONG,
                    indexName, pointDocuments(segment, indexName), docValues);
        } else if (IndexedFields.ipPointField(indexName) != null && field.getPointDimensionCount() == 1
                && field.getPointNumBytes() == IP_POINT_BYTES) {
            add(entries, IndexedFields.ipPointField(indexName), LogFieldInfo.Type.IP, indexName,
                    pointDocuments(segment, indexName), false);
        } else if (indexName.startsWith(DOUBLE_PREFIX)) {
            add(entries, LogFields.ATTRIBUTE_PREFIX + indexName.substring(DOUBLE_PREFIX.length()), LogFieldInfo.Type.DOUBLE,
                    indexName, pointDocuments(segment, indexName), docValues);
        } else {
            if (field.getIndexOptions() != IndexOptions.NONE) {
                Terms terms = segment.terms(indexName);
                long documents = terms == null ? 0 : terms.getDocCount();
                LogFieldInfo.Type type = indexName.equals(LogFields.MESSAGE) ? LogFieldInfo.Type.TEXT : LogFieldInfo.Type.KEYWORD;
                add(entries, indexName, type, indexName, documents, docValues && type == LogFieldInfo.Type.KEYWORD);
            }
        }
    }

    private static void add(Map<String, Entry> entries, String name, LogFieldInfo.Type type, String indexField,
                            long documents, boolean aggregatable) {
        Entry entry = entries.computeIfAbsent(name + '\u0000' + type, k -> new Entry(name, type, indexField));
        entry.documents += documents;
        entry.aggregatable |= aggregatable;
    }

    private static long pointDocuments(LeafReader segment, String field) throws IOException {
        PointValues points = segment.getPointValues(field);
        return points == null ? 0 : points.getDocCount();
    }

    /** Distinct terms of the field over every segment, counted up to one past the cap. */
    private static long distinctTerms(IndexReader reader, String field) throws IOException {
        Terms terms = MultiTerms.getTerms(reader, field);
        if (terms == null) {
            return 0;
        }
        TermsEnum values = terms.iterator();
        long count = 0;
        while (count <= LogFieldInfo.CARDINALITY_CAP && values.next() != null) {
            count++;
        }
        return count;
    }
}
