package io.loupe.index.metric;

import io.loupe.index.api.Labels;
import io.loupe.index.api.SeriesKey;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.lucene.store.ByteArrayDataInput;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.store.DataInput;
import org.apache.lucene.store.DataOutput;
import org.apache.lucene.util.BytesRef;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Binary form of a series key, used in the series index and in write-ahead-log records.
 *
 * <pre>
 * SeriesKey --> Name, LabelCount, (LabelName, LabelValue)^LabelCount
 * Name, LabelName, LabelValue --> String (VInt length + UTF-8)
 * LabelCount --> VInt
 * </pre>
 */
final class SeriesKeyCodec {
    private SeriesKeyCodec() {
    }

    static byte[] encode(SeriesKey key) {
        ByteBuffersDataOutput out = new ByteBuffersDataOutput();
        write(key, out);
        return out.toArrayCopy();
    }

    static void write(SeriesKey key, DataOutput out) {
        try {
            out.writeString(key.name());
            Labels labels = key.labels();
            out.writeVInt(labels.size());
            for (int i = 0; i < labels.size(); i++) {
                out.writeString(labels.name(i));
                out.writeString(labels.value(i));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SeriesKey decode(BytesRef bytes) throws IOException {
        return read(new ByteArrayDataInput(bytes.bytes, bytes.offset, bytes.length));
    }

    static SeriesKey read(DataInput in) throws IOException {
        String name = in.readString();
        int count = in.readVInt();
        if (count < 0 || count > 100_000) {
            throw new IOException("series key with " + count + " labels");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            labels.put(in.readString(), in.readString());
        }
        return new SeriesKey(name, Labels.of(labels));
    }
}
