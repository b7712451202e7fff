package io.loupe.ops.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.loupe.index.api.IndexedFields;
import io.loupe.index.api.LogFields;
import java.io.IOException;
import java.time.Instant;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedNumericDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.NumericUtils;

/**
 * The bare-Lucene baseline's view of one NDJSON line: a Jackson streaming parse straight into a
 * Lucene document with the fields Loupe's document mapper writes ({@link IndexedFields}):
 * {@code timestamp} and {@code _id} as numeric doc values, {@code kind} as a term, {@code message}
 * as text, first-class keywords and string attributes as term + sorted-set doc values, whole
 * numbers as {@code attributes#long.K} point + doc values. The stored field {@code _event} holds
 * the line as received, as the naive schema of the reference measurement stores {@code _source}.
 * Thread-safe.
 */
final class BaselineDocumentBuilder {
    private static final JsonFactory JSON = new JsonFactory();

    private BaselineDocumentBuilder() {
    }

    static Document build(byte[] bytes, int offset, int length, long eventId) throws IOException {
        Document doc = new Document();
        try (JsonParser parser = JSON.createParser(bytes, offset, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("line at byte " + offset + " is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case LogFields.TIMESTAMP -> doc.add(new NumericDocValuesField(IndexedFields.TIMESTAMP, nanos(parser.getText())));
                    case LogFields.KIND -> doc.add(new StringField(LogFields.KIND, parser.getText(), Field.Store.NO));
                    case LogFields.MESSAGE -> doc.add(new TextField(LogFields.MESSAGE, parser.getText(), Field.Store.NO));
                    default -> addOther(doc, name, value, parser);
                }
            }
        }
        doc.add(new NumericDocValuesField(IndexedFields.EVENT_ID, eventId));
        doc.add(new StoredField(IndexedFields.STORED_EVENT, bytes, offset, length));
        return doc;
    }

    private static void addOther(Document doc, String name, JsonToken value, JsonParser parser) throws IOException {
        if (LogFields.isKeyword(name)) {
            keyword(doc, name, parser.getText());
            return;
        }
        switch (value) {
            case VALUE_STRING -> keyword(doc, IndexedFields.keywordAttribute(name), parser.getText());
            case VALUE_NUMBER_INT -> {
                String field = IndexedFields.longAttribute(name);
                long number = parser.getLongValue();
                doc.add(new LongPoint(field, number));
                doc.add(new SortedNumericDocValuesField(field, number));
            }
            case VALUE_NUMBER_FLOAT -> {
                String field = IndexedFields.doubleAttribute(name);
                double number = parser.getDoubleValue();
                doc.add(new DoublePoint(field, number));
                doc.add(new SortedNumericDocValuesField(field, NumericUtils.doubleToSortableLong(number)));
            }
            case VALUE_TRUE, VALUE_FALSE -> keyword(doc, IndexedFields.keywordAttribute(name), parser.getText());
            default -> parser.skipChildren();
        }
    }

    private static void keyword(Document doc, String name, String value) {
        doc.add(new StringField(name, value, Field.Store.NO));
        if (!IndexedFields.LOOKUP_ONLY.contains(name)) {
            doc.add(new SortedSetDocValuesField(name, new BytesRef(value)));
        }
    }

    private static long nanos(String rfc3339) {
        Instant instant = Instant.parse(rfc3339);
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
