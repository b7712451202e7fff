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
 * Event      --&gt; Timestamp(zlong), Flags(byte), Kind(byte), ChainLink?, Message?, KeywordCount(vint),
 *                (KeywordIndex(byte), Value(string))^KeywordCount,
 *                AttributeCount(vint), (Key(string), Type(byte), Value)^AttributeCount,
 *                OriginalLength(vint), Original(bytes)
 * Flags      --&gt; bit 0: timestamp was defaulted to receive time; bit 1: Message is present;
 *                bit 2 (version 2 on): ChainLink is present
 * ChainLink  --&gt; Position(vlong), PreviousHash(32 bytes): the event's place in its partition's
 *                audit hash chain ({@link AuditChainLink})
 * Kind       --&gt; ordinal of {@link LogKind}
 * KeywordIndex --&gt; position of the field in {@link LogFields#KEYWORDS} (append-only list)
 * Type       --&gt; 0 string(string), 1 long(zlong), 2 double(long bits), 3 boolean(byte)
 * </pre>
 *
 * <p>Version 1 is version 2 without chain links (bit 2 of Flags never set); both are read. The bytes
 * of a stored event are what the audit hash chain hashes, so they are never re-encoded once written:
 * replay takes each event's bytes out of the batch as they are ({@link #decodeBatchWithStored}).
 */
public final class LogEventCodec {
    public static final byte VERSION_START = 1;
    /** Adds the audit chain link. */
    public static final byte VERSION_CHAIN_LINK = 2;
    public static final byte VERSION_CURRENT = VERSION_CHAIN_LINK;

    private static final int FLAG_DEFAULTED = 1;
    private static final int FLAG_MESSAGE = 2;
    private static final int FLAG_CHAIN_LINK = 4;
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
        return decodeBatchWithStored(bytes).stream().map(StoredEvent::event).toList();
    }

    /** An event of a batch and its bytes in {@link #encodeStored} form, exactly as the batch holds them. */
    public record StoredEvent(LogEvent event, byte[] stored) {
    }

    /** The batch's events, each with its stored form cut out of the batch (never re-encoded). */
    public static List<StoredEvent> decodeBatchWithStored(byte[] bytes) {
        ByteArrayDataInput in = new ByteArrayDataInput(bytes);
        byte version = in.readByte();
        checkVersion(version);
        int count = in.readVInt();
        List<StoredEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int start = in.getPosition();
            LogEvent event = readEvent(in);
            byte[] stored = new byte[1 + in.getPosition() - start];
            stored[0] = version;
            System.arraycopy(bytes, start, stored, 1, stored.length - 1);
            events.add(new StoredEvent(event, stored));
        }
        return events;
    }

    public static byte[] encodeStored(LogEvent event) {
        return encodeStored(event, null);
    }

    /** @param link the event's place in its partition's audit hash chain, or null for none */
    public static byte[] encodeStored(LogEvent event, AuditChainLink link) {
        ByteBuffersDataOutput out = new ByteBuffersDataOutput();
        try {
            out.writeByte(VERSION_CURRENT);
            writeEvent(out, event, link);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toArrayCopy();
    }

    /** The chain link of a stored event, or null when it has none. */
    public static AuditChainLink chainLink(byte[] bytes, int offset, int length) {
        ByteArrayDataInput in = new ByteArrayDataInput(bytes, offset, length);
        checkVersion(in.readByte());
        try {
            in.readZLong();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int flags = in.readByte();
        in.readByte();
        if ((flags & FLAG_CHAIN_LINK) == 0) {
            return null;
        }
        return readChainLink(in);
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

    private static void writeEvent(DataOutput out, LogEvent event, AuditChainLink link) throws IOException {
        out.writeZLong(event.timestampNanos());
        int flags = (event.timestampDefaulted() ? FLAG_DEFAULTED : 0) | (event.message() != null ? FLAG_MESSAGE : 0)
                | (link != null ? FLAG_CHAIN_LINK : 0);
        out.writeByte((byte) flags);
        out.writeByte((byte) event.kind().ordinal());
        if (link != null) {
            out.writeVLong(link.position());
            out.writeBytes(link.previousHash(), AuditChainLink.HASH_BYTES);
        }
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
            if ((flags & FLAG_CHAIN_LINK) != 0) {
                readChainLink(in);
            }
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

    private static AuditChainLink readChainLink(DataInput in) {
        try {
            long position = in.readVLong();
            byte[] previous = new byte[AuditChainLink.HASH_BYTES];
            in.readBytes(previous, 0, previous.length);
            return new AuditChainLink(position, previous);
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
