package io.loupe.index.metric.codec;

import java.util.Arrays;

/**
 * A growable byte array that column encoders append to: bytes, big-endian fixed-width integers and
 * LEB128 varints (unsigned, or zigzag for signed values). Not thread-safe.
 */
final class ColumnOutput {
    private byte[] bytes;
    private int size;

    ColumnOutput() {
        this(256);
    }

    ColumnOutput(int initialCapacity) {
        bytes = new byte[Math.max(16, initialCapacity)];
    }

    int size() {
        return size;
    }

    /** The backing array; only the first {@link #size()} bytes are written. */
    byte[] buffer() {
        return bytes;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    void reset() {
        size = 0;
    }

    void writeByte(int value) {
        ensureRoom(1);
        bytes[size++] = (byte) value;
    }

    void writeBytes(byte[] source, int offset, int length) {
        ensureRoom(length);
        System.arraycopy(source, offset, bytes, size, length);
        size += length;
    }

    void writeInt(int value) {
        ensureRoom(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            bytes[size++] = (byte) (value >>> shift);
        }
    }

    void writeLong(long value) {
        ensureRoom(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            bytes[size++] = (byte) (value >>> shift);
        }
    }

    /** LEB128: seven bits per byte, least significant group first, high bit set on all but the last byte. */
    void writeUnsignedVarLong(long value) {
        ensureRoom(10);
        while ((value & ~0x7FL) != 0) {
            bytes[size++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        bytes[size++] = (byte) value;
    }

    void writeSignedVarLong(long value) {
        writeUnsignedVarLong(ZigZag.encode(value));
    }

    private void ensureRoom(int extra) {
        if (size + extra > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + extra));
        }
    }

    /** Bytes an unsigned varint of {@code value} takes. */
    static int unsignedVarLongSize(long value) {
        int bits = 64 - Long.numberOfLeadingZeros(value | 1);
        return (bits + 6) / 7;
    }
}
