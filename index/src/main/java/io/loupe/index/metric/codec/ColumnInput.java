package io.loupe.index.metric.codec;

/**
 * Reads what {@link ColumnOutput} wrote from a slice of a byte array; every read is bounds-checked
 * and a read past the slice's end, or a varint longer than ten bytes, throws
 * {@link MalformedColumnException}. Not thread-safe.
 */
final class ColumnInput {
    private final byte[] bytes;
    private final int limit;
    private int position;

    ColumnInput(byte[] bytes, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > bytes.length || offset + length < 0) {
            throw new MalformedColumnException("slice [" + offset + ", +" + length + ") lies outside a buffer of "
                    + bytes.length + " bytes");
        }
        this.bytes = bytes;
        this.position = offset;
        this.limit = offset + length;
    }

    ColumnInput(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    int position() {
        return position;
    }

    int remaining() {
        return limit - position;
    }

    byte[] array() {
        return bytes;
    }

    /** Moves past {@code count} bytes that a caller read directly from {@link #array()}. */
    void skip(int count) {
        require(count);
        position += count;
    }

    int readByte() {
        require(1);
        return bytes[position++] & 0xFF;
    }

    int readInt() {
        require(4);
        int value = 0;
        for (int i = 0; i < 4; i++) {
            value = (value << 8) | (bytes[position++] & 0xFF);
        }
        return value;
    }

    long readLong() {
        require(8);
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (bytes[position++] & 0xFF);
        }
        return value;
    }

    long readUnsignedVarLong() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int next = readByte();
            value |= (long) (next & 0x7F) << shift;
            if ((next & 0x80) == 0) {
                return value;
            }
        }
        throw new MalformedColumnException("varint at offset " + position + " is longer than 10 bytes");
    }

    long readSignedVarLong() {
        return ZigZag.decode(readUnsignedVarLong());
    }

    /** An unsigned varint that must lie in [0, max]; {@code what} names it in the error. */
    int readUnsignedVarInt(int max, String what) {
        long value = readUnsignedVarLong();
        if (value < 0 || value > max) {
            throw new MalformedColumnException(what + " " + Long.toUnsignedString(value) + " is outside [0, " + max + "]");
        }
        return (int) value;
    }

    private void require(int count) {
        if (count < 0 || limit - position < count) {
            throw new MalformedColumnException("needs " + count + " bytes at offset " + position + " but only "
                    + (limit - position) + " remain");
        }
    }
}
