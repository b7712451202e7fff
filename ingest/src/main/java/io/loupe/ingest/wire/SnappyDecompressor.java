package io.loupe.ingest.wire;

/**
 * Decompresses one snappy block (the raw format Prometheus remote write uses; not the framing format
 * with its {@code sNaPpY} stream identifier and CRCs).
 *
 * <pre>
 * block    --&gt; preamble, element*
 * preamble --&gt; varint                     uncompressed length, at most 32 bits (1..5 bytes)
 * element  --&gt; tag, ...                   kind = tag &amp; 3
 *   literal   kind 0: n = tag &gt;&gt;&gt; 2; n &lt; 60: length n + 1
 *                     n = 60..63: length = (next n - 59 bytes, little-endian) + 1; then length bytes
 *   copy-1    kind 1: length 4 + (tag &gt;&gt;&gt; 2 &amp; 7), offset (tag &gt;&gt;&gt; 5) &lt;&lt; 8 | next byte
 *   copy-2    kind 2: length 1 + (tag &gt;&gt;&gt; 2), offset = next 2 bytes little-endian
 *   copy-4    kind 3: length 1 + (tag &gt;&gt;&gt; 2), offset = next 4 bytes little-endian
 * </pre>
 * A copy repeats {@code length} bytes starting {@code offset} bytes back in the output (it may overlap
 * what it writes, which repeats a pattern); offset 0 or an offset before the start is invalid.
 *
 * <p><b>Invariants:</b> the output array is allocated once, after the declared length is checked
 * against the caller's limit and against the most that the input could expand to (a copy-2 element
 * turns 3 bytes into at most 64), so a tiny body cannot reserve a large buffer; every element
 * consumes at least one input byte, so the loop ends; any malformed input ends in
 * {@link SnappyFormatException}, never in another exception. Stateless and thread-safe.
 */
public final class SnappyDecompressor {
    private static final byte[] FRAMING_STREAM_IDENTIFIER = {(byte) 0xff, 0x06, 0x00, 0x00, 's', 'N', 'a', 'P', 'p', 'Y'};
    private static final int MAX_OUTPUT_PER_INPUT_BYTE_NUMERATOR = 64;
    private static final int MAX_OUTPUT_PER_INPUT_BYTE_DENOMINATOR = 3;

    private SnappyDecompressor() {
    }

    public static byte[] decompress(byte[] in, int maxOutputBytes) {
        return decompress(in, 0, in.length, maxOutputBytes);
    }

    /**
     * @param maxOutputBytes the most uncompressed bytes the caller accepts
     * @throws SnappyOutputTooLargeException when the block declares more than {@code maxOutputBytes}
     * @throws SnappyFormatException         when the input is not a valid snappy block
     */
    public static byte[] decompress(byte[] in, int offset, int length, int maxOutputBytes) {
        if (offset < 0 || length < 0 || offset > in.length - length) {
            throw new IndexOutOfBoundsException("range " + offset + "+" + length + " outside an array of " + in.length);
        }
        int inEnd = offset + length;
        if (startsWithFramingIdentifier(in, offset, length)) {
            throw new SnappyFormatException("input is in the snappy framing format (stream identifier sNaPpY);"
                    + " only the raw block format is accepted", 0);
        }
        int inPos = offset;
        long declared = 0;
        for (int shift = 0; ; shift += 7) {
            if (inPos >= inEnd) {
                throw new SnappyFormatException("truncated length preamble", inPos - offset);
            }
            if (shift > 28) {
                throw new SnappyFormatException("length preamble longer than 5 bytes", 0);
            }
            int b = in[inPos++] & 0xff;
            declared |= (long) (b & 0x7f) << shift;
            if (b < 0x80) {
                break;
            }
        }
        if (declared > 0xffffffffL) {
            throw new SnappyFormatException("declared uncompressed length " + declared + " exceeds 32 bits", 0);
        }
        if (declared > maxOutputBytes) {
            throw new SnappyOutputTooLargeException(declared, maxOutputBytes);
        }
        long mostPossible = (long) (inEnd - inPos) * MAX_OUTPUT_PER_INPUT_BYTE_NUMERATOR / MAX_OUTPUT_PER_INPUT_BYTE_DENOMINATOR;
        if (declared > mostPossible) {
            throw new SnappyFormatException("declared uncompressed length " + declared + " is more than the "
                    + (inEnd - inPos) + " compressed bytes can hold (at most " + mostPossible + ")", 0);
        }
        byte[] out = new byte[(int) declared];
        int outPos = 0;
        while (inPos < inEnd) {
            int elementOffset = inPos - offset;
            int tag = in[inPos++] & 0xff;
            int kind = tag & 3;
            if (kind == 0) {
                long literalLength = tag >>> 2;
                if (literalLength >= 60) {
                    int extraBytes = (int) literalLength - 59;
                    if (inEnd - inPos < extraBytes) {
                        throw new SnappyFormatException("truncated literal length", elementOffset);
                    }
                    literalLength = 0;
                    for (int i = 0; i < extraBytes; i++) {
                        literalLength |= (long) (in[inPos++] & 0xff) << (8 * i);
                    }
                }
                literalLength += 1;
                if (literalLength > inEnd - inPos) {
                    throw new SnappyFormatException("literal of " + literalLength + " bytes runs past the end of the input ("
                            + (inEnd - inPos) + " bytes left)", elementOffset);
                }
                if (literalLength > out.length - outPos) {
                    throw overrun(literalLength, outPos, out.length, elementOffset);
                }
                System.arraycopy(in, inPos, out, outPos, (int) literalLength);
                inPos += (int) literalLength;
                outPos += (int) literalLength;
            } else {
                int copyLength;
                long copyOffset;
                if (kind == 1) {
                    if (inEnd - inPos < 1) {
                        throw new SnappyFormatException("truncated copy offset", elementOffset);
                    }
                    copyLength = 4 + ((tag >>> 2) & 7);
                    copyOffset = ((long) (tag >>> 5) << 8) | (in[inPos++] & 0xff);
                } else if (kind == 2) {
                    if (inEnd - inPos < 2) {
                        throw new SnappyFormatException("truncated copy offset", elementOffset);
                    }
                    copyLength = 1 + (tag >>> 2);
                    copyOffset = (in[inPos] & 0xff) | (in[inPos + 1] & 0xff) << 8;
                    inPos += 2;
                } else {
                    if (inEnd - inPos < 4) {
                        throw new SnappyFormatException("truncated copy offset", elementOffset);
                    }
                    copyLength = 1 + (tag >>> 2);
                    copyOffset = (in[inPos] & 0xffL) | (in[inPos + 1] & 0xffL) << 8 | (in[inPos + 2] & 0xffL) << 16
                            | (in[inPos + 3] & 0xffL) << 24;
                    inPos += 4;
                }
                if (copyOffset == 0 || copyOffset > outPos) {
                    throw new SnappyFormatException("copy offset " + copyOffset + " reaches outside the " + outPos
                            + " bytes written so far", elementOffset);
                }
                if (copyLength > out.length - outPos) {
                    throw overrun(copyLength, outPos, out.length, elementOffset);
                }
                int from = outPos - (int) copyOffset;
                if (copyOffset >= copyLength) {
                    System.arraycopy(out, from, out, outPos, copyLength);
                    outPos += copyLength;
                } else {
                    for (int i = 0; i < copyLength; i++) {
                        out[outPos++] = out[from + i];
                    }
                }
            }
        }
        if (outPos != out.length) {
            throw new SnappyFormatException("input ends after " + outPos + " of the " + out.length
                    + " declared uncompressed bytes", length);
        }
        return out;
    }

    private static SnappyFormatException overrun(long elementLength, int outPos, int declared, int elementOffset) {
        return new SnappyFormatException("element of " + elementLength + " bytes would write past the declared length "
                + declared + " (" + outPos + " bytes written)", elementOffset);
    }

    private static boolean startsWithFramingIdentifier(byte[] in, int offset, int length) {
        if (length < FRAMING_STREAM_IDENTIFIER.length) {
            return false;
        }
        for (int i = 0; i < FRAMING_STREAM_IDENTIFIER.length; i++) {
            if (in[offset + i] != FRAMING_STREAM_IDENTIFIER[i]) {
                return false;
            }
        }
        return true;
    }
}
