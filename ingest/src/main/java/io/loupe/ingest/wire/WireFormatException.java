package io.loupe.ingest.wire;

/**
 * A protobuf message that cannot be read: a truncated varint, a length past the end of its message,
 * a wire type the field does not allow, invalid UTF-8 in a string. The message names the problem and
 * the byte offset (in the buffer the {@link ProtobufReader} was built over) where it starts.
 */
public final class WireFormatException extends RuntimeException {
    private final int offset;

    public WireFormatException(String problem, int offset) {
        super(problem + " at offset " + offset);
        this.offset = offset;
    }

    /** Byte offset of the bad element in the buffer the reader was built over. */
    public int offset() {
        return offset;
    }
}
