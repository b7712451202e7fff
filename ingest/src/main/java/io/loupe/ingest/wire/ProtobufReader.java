package io.loupe.ingest.wire;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.util.Objects;
import java.util.function.DoubleConsumer;
import java.util.function.LongConsumer;

/**
 * Reads protobuf wire format from a range of a byte array, one field at a time, with every read
 * bounds-checked. Only what Loupe's protocols need: varints (plain and zigzag), fixed32/64, doubles,
 * length-delimited fields (strings, bytes, embedded messages, packed repeated scalars) and skipping
 * unknown fields. Groups (wire types 3 and 4, deprecated since proto2) are refused.
 *
 * <pre>
 * message  --&gt; field*
 * field    --&gt; tag, payload            tag = varint (field number &lt;&lt; 3 | wire type), field number &gt; 0
 * payload  --&gt; varint                  wire type 0: 1..10 bytes, 7 bits each, least significant first
 *            | fixed64                 wire type 1: 8 bytes little-endian
 *            | length, byte^length     wire type 2: length a varint, within the enclosing message
 *            | fixed32                 wire type 5: 4 bytes little-endian
 * </pre>
 *
 * <p>Use: {@code while (reader.hasRemaining()) { int tag = reader.readTag(); switch (fieldNumber(tag)) { ... default -> reader.skipField(tag); } }}.
 * A reader for an embedded message ({@link #readMessage()}) shares the array, so offsets in errors are
 * always offsets in the outermost buffer.
 *
 * <p><b>Invariant:</b> a read never looks outside {@code [offset, offset + length)}; any malformed
 * input ends in {@link WireFormatException} naming the offset, never in another exception. Not
 * thread-safe (one position).
 */
public final class ProtobufReader {
    public static final int WIRE_TYPE_VARINT = 0;
    public static final int WIRE_TYPE_FIXED64 = 1;
    public static final int WIRE_TYPE_LENGTH_DELIMITED = 2;
    public static final int WIRE_TYPE_FIXED32 = 5;

    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[] buffer;
    private final int end;
    private int position;
    private int lastTagOffset = -1;

    public ProtobufReader(byte[] buffer) {
        this(buffer, 0, buffer.length);
    }

    public ProtobufReader(byte[] buffer, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        this.buffer = buffer;
        this.position = offset;
        this.end = offset + length;
    }

    public static int fieldNumber(int tag) {
        return tag >>> 3;
    }

    public static int wireType(int tag) {
        return tag & 7;
    }

    public boolean hasRemaining() {
        return position < end;
    }

    /** Offset of the next byte to read, in the outermost buffer. */
    public int position() {
        return position;
    }

    /**
     * Reads the next field's tag.
     *
     * @throws WireFormatException for field number 0, a tag beyond 32 bits, or a wire type other than 0, 1, 2, 5
     */
    public int readTag() {
        int start = position;
        long tag = readVarint64();
        if ((tag >>> 32) != 0 || (tag >>> 3) == 0) {
            throw new WireFormatException("invalid field tag " + Long.toUnsignedString(tag) + " (field number must be 1 or more)", start);
        }
        int wireType = (int) tag & 7;
        if (wireType != WIRE_TYPE_VARINT && wireType != WIRE_TYPE_FIXED64 && wireType != WIRE_TYPE_LENGTH_DELIMITED
                && wireType != WIRE_TYPE_FIXED32) {
            throw new WireFormatException("field " + (tag >>> 3) + " has wire type " + wireType
                    + ", expected 0 (varint), 1 (fixed64), 2 (length-delimited) or 5 (fixed32); groups are not supported", start);
        }
        lastTagOffset = start;
        return (int) tag;
    }

    /**
     * Refuses a known field sent with the wrong wire type (e.g. a string field as a varint).
     *
     * @throws WireFormatException naming the field, both wire types and the tag's offset
     */
    public void expectWireType(int tag, int expectedWireType) {
        if (wireType(tag) != expectedWireType) {
            throw new WireFormatException("field " + fieldNumber(tag) + " has wire type " + wireType(tag)
                    + ", expected " + expectedWireType + " (" + wireTypeName(expectedWireType) + ")", lastTagOffset);
        }
    }

    public long readVarint64() {
        int start = position;
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (position >= end) {
                throw new WireFormatException("truncated varint", start);
            }
            byte b = buffer[position++];
            result |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                if (shift == 63 && b > 1) {
                    throw new WireFormatException("varint overflows 64 bits", start);
                }
                return result;
            }
        }
        throw new WireFormatException("varint longer than 10 bytes", start);
    }

    /** An {@code int32}, {@code uint32} or enum value: the low 32 bits of the varint, as protobuf does. */
    public int readVarint32() {
        return (int) readVarint64();
    }

    /** A zigzag-encoded {@code sint64}. */
    public long readSignedVarint64() {
        long n = readVarint64();
        return (n >>> 1) ^ -(n & 1);
    }

    public boolean readBool() {
        return readVarint64() != 0;
    }

    public long readFixed64() {
        require(8, "fixed64");
        long value = (long) LONG_LE.get(buffer, position);
        position += 8;
        return value;
    }

    public int readFixed32() {
        require(4, "fixed32");
        int value = (int) INT_LE.get(buffer, position);
        position += 4;
        return value;
    }

    /** A {@code double}, bit-exact (NaN payloads such as Prometheus's stale marker survive). */
    public double readDouble() {
        return Double.longBitsToDouble(readFixed64());
    }

    public float readFloat() {
        return Float.intBitsToFloat(readFixed32());
    }

    /**
     * Reads a length-delimited field's length and checks it fits in what is left.
     *
     * @return the payload length; the reader is positioned at the payload
     */
    public int readLength() {
        int start = position;
        long length = readVarint64();
        if (length < 0 || length > end - position) {
            throw new WireFormatException("length " + Long.toUnsignedString(length) + " runs past the end of its message ("
                    + (end - position) + " bytes left)", start);
        }
        return (int) length;
    }

    /** An embedded message: a reader over its bytes (same array, no copy); this reader moves past it. */
    public ProtobufReader readMessage() {
        int length = readLength();
        ProtobufReader message = new ProtobufReader(buffer, position, length);
        position += length;
        return message;
    }

    /** A {@code string} field, which must be well-formed UTF-8. */
    public String readString() {
        int length = readLength();
        int start = position;
        position += length;
        try {
            return Utf8.decode(buffer, start, length);
        } catch (CharacterCodingException e) {
            throw new WireFormatException("string field is not valid UTF-8", start);
        }
    }

    /** A {@code bytes} field, copied. */
    public byte[] readBytes() {
        int length = readLength();
        byte[] bytes = new byte[length];
        System.arraycopy(buffer, position, bytes, 0, length);
        position += length;
        return bytes;
    }

    /** Skips the payload of a field whose tag was just read (the wire type is taken from {@code tag & 7}). */
    public void skipField(int tag) {
        switch (wireType(tag)) {
            case WIRE_TYPE_VARINT -> readVarint64();
            case WIRE_TYPE_FIXED64 -> skip(8, "fixed64");
            case WIRE_TYPE_LENGTH_DELIMITED -> {
                int length = readLength();
                position += length;
            }
            case WIRE_TYPE_FIXED32 -> skip(4, "fixed32");
            default -> throw new WireFormatException("cannot skip wire type " + wireType(tag), lastTagOffset);
        }
    }

    /**
     * A {@code repeated fixed64} field, packed (wire type 2) or one value per tag (wire type 1); parsers
     * must accept both.
     */
    public void readRepeatedFixed64(int tag, LongConsumer values) {
        if (wireType(tag) == WIRE_TYPE_FIXED64) {
            values.accept(readFixed64());
            return;
        }
        expectWireType(tag, WIRE_TYPE_LENGTH_DELIMITED);
        int start = position;
        int length = readLength();
        if (length % 8 != 0) {
            throw new WireFormatException("packed fixed64 field " + fieldNumber(tag) + " is " + length
                    + " bytes long, not a multiple of 8", start);
        }
        int packedEnd = position + length;
        while (position < packedEnd) {
            values.accept(readFixed64());
        }
    }

    /** A {@code repeated double} field, packed or not. */
    public void readRepeatedDouble(int tag, DoubleConsumer values) {
        readRepeatedFixed64(tag, bits -> values.accept(Double.longBitsToDouble(bits)));
    }

    /** A {@code repeated} varint field ({@code int64}, {@code uint64}, ...), packed or not. */
    public void readRepeatedVarint(int tag, LongConsumer values) {
        if (wireType(tag) == WIRE_TYPE_VARINT) {
            values.accept(readVarint64());
            return;
        }
        expectWireType(tag, WIRE_TYPE_LENGTH_DELIMITED);
        int length = readLength();
        int packedEnd = position + length;
        ProtobufReader packed = new ProtobufReader(buffer, position, length);
        while (packed.hasRemaining()) {
            values.accept(packed.readVarint64());
        }
        position = packedEnd;
    }

    private void require(int bytes, String what) {
        if (end - position < bytes) {
            throw new WireFormatException("truncated " + what + " (" + (end - position) + " of " + bytes + " bytes)", position);
        }
    }

    private void skip(int bytes, String what) {
        require(bytes, what);
        position += bytes;
    }

    private static String wireTypeName(int wireType) {
        return switch (wireType) {
            case WIRE_TYPE_VARINT -> "varint";
            case WIRE_TYPE_FIXED64 -> "fixed64";
            case WIRE_TYPE_LENGTH_DELIMITED -> "length-delimited";
            case WIRE_TYPE_FIXED32 -> "fixed32";
            default -> "unknown";
        };
    }
}
