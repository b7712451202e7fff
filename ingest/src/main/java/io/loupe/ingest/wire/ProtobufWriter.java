package io.loupe.ingest.wire;

import static io.loupe.ingest.wire.ProtobufReader.WIRE_TYPE_FIXED32;
import static io.loupe.ingest.wire.ProtobufReader.WIRE_TYPE_FIXED64;
import static io.loupe.ingest.wire.ProtobufReader.WIRE_TYPE_LENGTH_DELIMITED;
import static io.loupe.ingest.wire.ProtobufReader.WIRE_TYPE_VARINT;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes protobuf wire format into a growing byte array: the counterpart of {@link ProtobufReader},
 * for small responses and for building test messages. Every {@code write*Field} method writes the
 * field even when it holds the default value (proto3 writers leave defaults out; callers that care
 * simply do not call). An embedded message is built in its own writer and added with
 * {@link #writeMessageField}. Not thread-safe.
 */
public final class ProtobufWriter {
    private byte[] buffer = new byte[64];
    private int size;

    public int size() {
        return size;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    public ProtobufWriter writeTag(int fieldNumber, int wireType) {
        if (fieldNumber < 1 || fieldNumber > (1 << 29) - 1) {
            throw new IllegalArgumentException("field number " + fieldNumber + " is outside 1..536870911");
        }
        return writeVarint64(((long) fieldNumber << 3) | wireType);
    }

    public ProtobufWriter writeVarint64(long value) {
        ensureCapacity(10);
        while ((value & ~0x7fL) != 0) {
            buffer[size++] = (byte) ((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        buffer[size++] = (byte) value;
        return this;
    }

    public ProtobufWriter writeFixed64(long value) {
        ensureCapacity(8);
        for (int i = 0; i < 8; i++) {
            buffer[size++] = (byte) (value >>> (8 * i));
        }
        return this;
    }

    public ProtobufWriter writeFixed32(int value) {
        ensureCapacity(4);
        for (int i = 0; i < 4; i++) {
            buffer[size++] = (byte) (value >>> (8 * i));
        }
        return this;
    }

    public ProtobufWriter writeRawBytes(byte[] bytes) {
        ensureCapacity(bytes.length);
        System.arraycopy(bytes, 0, buffer, size, bytes.length);
        size += bytes.length;
        return this;
    }

    /** An {@code int64}, {@code uint64}, {@code int32} (sign-extended, as protobuf does), enum or {@code uint32} field. */
    public ProtobufWriter writeVarintField(int fieldNumber, long value) {
        return writeTag(fieldNumber, WIRE_TYPE_VARINT).writeVarint64(value);
    }

    /** A zigzag-encoded {@code sint64} field. */
    public ProtobufWriter writeSignedVarintField(int fieldNumber, long value) {
        return writeVarintField(fieldNumber, (value << 1) ^ (value >> 63));
    }

    public ProtobufWriter writeBoolField(int fieldNumber, boolean value) {
        return writeVarintField(fieldNumber, value ? 1 : 0);
    }

    /** A {@code fixed64} or {@code sfixed64} field. */
    public ProtobufWriter writeFixed64Field(int fieldNumber, long value) {
        return writeTag(fieldNumber, WIRE_TYPE_FIXED64).writeFixed64(value);
    }

    /** A {@code double} field, bit-exact (NaN payloads kept). */
    public ProtobufWriter writeDoubleField(int fieldNumber, double value) {
        return writeFixed64Field(fieldNumber, Double.doubleToRawLongBits(value));
    }

    public ProtobufWriter writeFixed32Field(int fieldNumber, int value) {
        return writeTag(fieldNumber, WIRE_TYPE_FIXED32).writeFixed32(value);
    }

    public ProtobufWriter writeStringField(int fieldNumber, String value) {
        return writeBytesField(fieldNumber, value.getBytes(StandardCharsets.UTF_8));
    }

    public ProtobufWriter writeBytesField(int fieldNumber, byte[] value) {
        writeTag(fieldNumber, WIRE_TYPE_LENGTH_DELIMITED).writeVarint64(value.length);
        return writeRawBytes(value);
    }

    /** An embedded message field whose content was written into {@code message}. */
    public ProtobufWriter writeMessageField(int fieldNumber, ProtobufWriter message) {
        writeTag(fieldNumber, WIRE_TYPE_LENGTH_DELIMITED).writeVarint64(message.size);
        ensureCapacity(message.size);
        System.arraycopy(message.buffer, 0, buffer, size, message.size);
        size += message.size;
        return this;
    }

    /** A packed {@code repeated double} field. */
    public ProtobufWriter writePackedDoubleField(int fieldNumber, double... values) {
        writeTag(fieldNumber, WIRE_TYPE_LENGTH_DELIMITED).writeVarint64((long) values.length * 8);
        for (double value : values) {
            writeFixed64(Double.doubleToRawLongBits(value));
        }
        return this;
    }

    /** A packed {@code repeated fixed64} field. */
    public ProtobufWriter writePackedFixed64Field(int fieldNumber, long... values) {
        writeTag(fieldNumber, WIRE_TYPE_LENGTH_DELIMITED).writeVarint64((long) values.length * 8);
        for (long value : values) {
            writeFixed64(value);
        }
        return this;
    }

    /** A packed repeated varint field. */
    public ProtobufWriter writePackedVarintField(int fieldNumber, long... values) {
        ProtobufWriter packed = new ProtobufWriter();
        for (long value : values) {
            packed.writeVarint64(value);
        }
        return writeMessageField(fieldNumber, packed);
    }

    private void ensureCapacity(int more) {
        if (buffer.length - size < more) {
            long wanted = Math.max((long) buffer.length * 2, (long) size + more);
            if (wanted > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("protobuf message would exceed " + (Integer.MAX_VALUE - 8) + " bytes");
            }
            buffer = Arrays.copyOf(buffer, (int) wanted);
        }
    }
}
