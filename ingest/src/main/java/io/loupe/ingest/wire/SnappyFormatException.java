package io.loupe.ingest.wire;

/**
 * Input that is not a valid snappy block (raw format): a bad preamble, an element past the end of the
 * input, a copy reaching before the start of the output, more or fewer bytes than the preamble
 * declares. The message names the problem and the offset in the compressed input.
 */
public class SnappyFormatException extends RuntimeException {
    private final int offset;

    public SnappyFormatException(String problem, int offset) {
        super(problem + " at offset " + offset + " of the compressed input");
        this.offset = offset;
    }

    /** Byte offset of the bad element in the compressed input. */
    public int offset() {
        return offset;
    }
}
