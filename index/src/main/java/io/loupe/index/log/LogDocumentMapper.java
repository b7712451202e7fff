package io.loupe.index.log;

import io.loupe.index.api.IndexedFields;
import io.loupe.index.api.IpLiteral;
import io.loupe.index.api.LogEvent;
import io.loupe.index.api.LogFields;
import java.net.InetAddress;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.InetAddressPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedNumericDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.NumericUtils;

/** Turns a {@link LogEvent} into the Lucene document described by {@link IndexedFields}. */
final class LogDocumentMapper {

    private LogDocumentMapper() {
    }

    /** @param storedEvent the event in {@link LogEventCodec#encodeStored} form */
    static Document toDocument(long eventId, LogEvent event, byte[] storedEvent) {
        Document doc = new Document();
        doc.add(new NumericDocValuesField(IndexedFields.TIMESTAMP, event.timestampNanos()));
        doc.add(new NumericDocValuesField(IndexedFields.EVENT_ID, eventId));
        doc.add(new StringField(LogFields.KIND, event.kind().wireName(), Field.Store.NO));
        if (event.message() != null) {
            doc.add(new TextField(LogFields.MESSAGE, event.message(), Field.Store.NO));
        }
        for (Map.Entry<String, String> field : event.fields().entrySet()) {
            if (IndexedFields.LOOKUP_ONLY.contains(field.getKey())) {
                addLookupOnly(doc, field.getKey(), field.getValue());
            } else {
                addKeyword(doc, field.getKey(), field.getValue());
            }
            if (IndexedFields.IP_FIELDS.contains(field.getKey())) {
                addAddressPoint(doc, field.getKey(), field.getValue());
            }
        }
        for (Map.Entry<String, Object> attribute : event.attributes().entrySet()) {
            String key = attribute.getKey();
            switch (attribute.getValue()) {
                case String s -> addKeyword(doc, IndexedFields.keywordAttribute(key), s);
                case Boolean b -> addKeyword(doc, IndexedFields.keywordAttribute(key), b.toString());
                case Long l -> {
                    String name = IndexedFields.longAttribute(key);
                    doc.add(new LongPoint(name, l));
                    doc.add(new SortedNumericDocValuesField(name, l));
                }
                case Double d -> {
                    String name = IndexedFields.doubleAttribute(key);
                    doc.add(new DoublePoint(name, d));
                    doc.add(new SortedNumericDocValuesField(name, NumericUtils.doubleToSortableLong(d)));
                }
                default -> throw new IllegalArgumentException("unsupported attribute value type for " + key);
            }
        }
        doc.add(new StoredField(IndexedFields.STORED_EVENT, storedEvent));
        return doc;
    }

    /** An IP literal as an address point beside its keyword; anything else (a host name, "unknown") stays a keyword only. */
    private static void addAddressPoint(Document doc, String field, String value) {
        InetAddress address = IpLiteral.parse(value);
        if (address != null) {
            doc.add(new InetAddressPoint(IndexedFields.ipPoint(field), address));
        }
    }

    private static void addLookupOnly(Document doc, String name, String value) {
        if (value.length() <= IndexedFields.MAX_INDEXED_KEYWORD_CHARS) {
            doc.add(new StringField(name, value, Field.Store.NO));
        }
    }

    private static void addKeyword(Document doc, String name, String value) {
        if (value.length() > IndexedFields.MAX_INDEXED_KEYWORD_CHARS) {
            return;
        }
        doc.add(new StringField(name, value, Field.Store.NO));
        doc.add(new SortedSetDocValuesField(name, new BytesRef(value)));
    }
}
