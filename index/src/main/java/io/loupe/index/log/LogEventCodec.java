package io.loupe.index.log;

import io.loupe.index.api.LogEvent;
import io.loupe.index.api.LogFields;
import io.loupe.index.api.LogKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.store.ByteArrayDataInput;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.store.DataInput;
import org.apache.lucene.store.DataOutput;

/**
 * The binary form of log events, used for write-ahead-log payloads and for the event stored with
 * each Lucene document. Integers use Lucene's variable-length encodings.
 *
 * <pre>
 * Batch      --&gt; Version(byte), Count(vint), Event^Count
 * Stored     --&gt; Version(byte), Event
 * Event      --&gt; Timestamp(zlong), Flags(byte), Kind(byte), Message?, KeywordCount(vint),
 *                (KeywordIndex(byte), Value(string))^KeywordCount,
 *                AttributeCount(vint), (Key(string), Type(byte), Value)^AttributeCount,
 *                OriginalLength(vint), Original(bytes)
 * Flags      --&gt; bit 0: timestamp was defaulted to receive time; bit 1: Message is present
 * Kind       --&gt; ordinal of {@link LogKind}
 * KeywordIndex --&gt; position of the field in {@link LogFields#KEYWORDS} (append-only list)
 * Type       --&gt; 0 string(string), 1 long(zlong), 2 double(long bits), 3 boolean(byte)
 * </pre>
 */
public final class LogEventCodec {
    public static final byte VERSION_START = 1;
    public static final byte VERSION_CURRENT = VERSION_START;

    private static final int FLAG_DEFAULTED = 1;
    private static final int FLAG_MESSAGE = 2;
    private static final byte TYPE_STRING = 0;
    private static final byte TYPE_LONG = 1;
    private static final byte TYPE_DOUBLE = 2;
    private static final byte TYPE_BOOLEAN = 3;
    private static final Map<String, Integer> KEYWORD_INDEX = new HashMap<>();

    static {
        for (int i = 0; i < LogFields.KEYWORDS.size(); i++) {
            KEYWORD_INDEX.put(LogFields.KEYWORDS.get(i), i);
        }
    }

    private LogEventCodec() {
    }

    /**
     * The batch of events already encoded with {@link #encodeStored} (each event is encoded once and
     * its bytes serve both the write-ahead log and the stored field).
     */
    public static byte[] batchOfStored(List<byte[]> storedEvents) {
        ByteBuffersDataOutput out = new ByteBuffersDataOutput();
        try {
            out.writeByte(VERSION_CURRENT);
            out.writeVInt(storedEvents.size());
            for (byte[] stored : storedEvents) {
                if (stored[0] != VERSION_CURRENT) {
                    throw new IllegalArgumentException("stored event of version " + stored[0] + " in a batch of version " + VERSION_CURRENT);
                }
                out.writeBytes(stored, 1, stored.length - 1);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toArrayCopy();
    }

    public static List<LogEvent> decodeBatch(byte[] bytes) {
        ByteArrayDataInput in = new ByteArrayDataInput(bytes);
        checkVersion(in.readByte());
        int count = in.readVInt();
        List<LogEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(readEvent(in));
        }
        return events;
    }

    public static byte[] encodeStored(LogEvent event) {
        ByteBuffersDataOutput out = new ByteBuffersDataOutput();
        try {
            out.writeByte(VERSION_CURRENT);
            writeEvent(out, event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toArrayCopy();
    }

    public static LogEvent decodeStored(byte[] bytes, int offset, int length) {
        ByteArrayDataInput in = new ByteArrayDataInput(bytes, offset, length);
        checkVersion(in.readByte());
        return readEvent(in);
    }

    private static void checkVersion(byte version) {
        if (version < VERSION_START || version > VERSION_CURRENT) {
            throw new IllegalArgumentException("unsupported log event encoding version " + version
                    + " (this build reads " + VERSION_START + " to " + VERSION_CURRENT + ")");
        }
    }

    private static void writeEvent(DataOutput out, LogEvent event) throws IOException {
        out.writeZLong(event.timestampNanos());
        int flags = (event.timestampDefaulted() ? FLAG_DEFAULTED : 0) | (event.message() != null ? FLAG_MESSAGE : 0);
        out.writeByte((byte) flags);
        out.writeByte((byte) event.kind().ordinal());
        if (event.message() != null) {
            out.writeString(event.message());
        }
        out.writeVInt(event.fields().size());
        for (Map.Entry<String, String> field : event.fields().entrySet()) {
            Integer index = KEYWORD_INDEX.get(field.getKey());
            if (index == null) {
                throw new IllegalArgumentException("not a schema keyword field: " + field.getKey());
            }
            out.writeByte(index.byteValue());
            out.writeString(field.getValue());
        }
        out.writeVInt(event.attributes().size());
        for (Map.Entry<String, Object> attribute : event.attributes().entrySet()) {
            out.writeString(attribute.getKey());
            writeValue(out, attribute.getValue());
        }
        out.writeVInt(event.original().length);
        out.writeBytes(event.original(), event.original().length);
    }

    private static void writeValue(DataOutput out, Object value) throws IOException {
        switch (value) {
            case String s -> {
                out.writeByte(TYPE_STRING);
                out.writeString(s);
            }
            case Long l -> {
                out.writeByte(TYPE_LONG);
                out.writeZLong(l);
            }
            case Double d -> {
                out.writeByte(TYPE_DOUBLE);
                out.writeLong(Double.doubleToRawLongBits(d));
            }
            case Boolean b -> {
                out.writeByte(TYPE_BOOLEAN);
                out.writeByte((byte) (b ? 1 : 0));
            }
            default -> throw new IllegalArgumentException("unsupported attribute value type " + value.getClass().getName());
        }
    }

    private static LogEvent readEvent(DataInput in) {
        try {
            long timestamp = in.readZLong();
            int flags = in.readByte();
            LogKind kind = LogKind.values()[in.readByte()];
            String message = (flags & FLAG_MESSAGE) != 0 ? in.readString() : null;
            int keywordCount = in.readVInt();
            Map<String, String> fields = new LinkedHashMap<>();
            for (int i = 0; i < keywordCount; i++) {
                String name = LogFields.KEYWORDS.get(in.readByte());
                fields.put(name, in.readString());
            }
            int attributeCount = in.readVInt();
            Map<String, Object> attributes = new LinkedHashMap<>();
            for (int i = 0; i < attributeCount; i++) {
                String key = in.readString();
                attributes.put(key, readValue(in));
            }
            byte[] original = new byte[in.readVInt()];
            in.readBytes(original, 0, original.length);
            return new LogEvent(timestamp, (flags & FLAG_DEFAULTED) != 0, kind, message, fields, attributes, original);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object readValue(DataInput in) throws IOException {
        byte type = in.readByte();
        return switch (type) {
            case TYPE_STRING -> in.readString();
            case TYPE_LONG -> in.readZLong();
            case TYPE_DOUBLE -> Double.longBitsToDouble(in.readLong());
            case TYPE_BOOLEAN -> in.readByte() != 0;
            default -> throw new IllegalArgumentException("unknown attribute type " + type);
        };
    }
}
