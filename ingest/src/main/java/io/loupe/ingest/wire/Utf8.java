package io.loupe.ingest.wire;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8: decoding refuses malformed input (overlong forms, encoded surrogates, truncated
 * sequences) instead of replacing it, as protobuf requires of {@code string} fields; and the encoded
 * length of a string without encoding it, for byte limits on label names and values.
 */
public final class Utf8 {
    private Utf8() {
    }

    /**
     * @throws CharacterCodingException when the bytes are not well-formed UTF-8
     */
    public static String decode(byte[] bytes, int offset, int length) throws CharacterCodingException {
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            if (bytes[i] < 0) {
                CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes, offset, length));
                return chars.toString();
            }
        }
        return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
    }

    /** Bytes {@code text} takes in UTF-8 (a lone surrogate counted as 3, as the decoders that reject it see it). */
    public static int encodedLength(CharSequence text) {
        int length = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                length += 1;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                length += 4;
                i++;
            } else {
                length += 3;
            }
        }
        return length;
    }
}
