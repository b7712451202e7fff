package io.loupe.ingest.parse;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LoupeException;
import java.io.IOException;

/**
 * The JSON-array form of the native formats ({@code [ {...}, {...} ]}, as opposed to NDJSON): how it
 * is recognised and how its elements are walked. An array that is not closed, or is followed by
 * anything but whitespace, refuses the whole request (INVALID_JSON); what an element holds is the
 * parser's business, one element at a time.
 */
final class JsonArrayBody {

    /** Reads one element; the parser is on its first token and must be left on its last. */
    @FunctionalInterface
    interface ElementReader {
        void read(JsonParser parser, JsonToken first, int position) throws IOException;
    }

    private JsonArrayBody() {
    }

    /** Whether the body's first non-whitespace byte opens an array. */
    static boolean isArray(byte[] body) {
        int i = 0;
        while (i < body.length && Character.isWhitespace(body[i])) {
            i++;
        }
        return i < body.length && body[i] == '[';
    }

    /**
     * Hands each element of the array to {@code reader} with its 1-based position.
     *
     * @param parser a parser over a body for which {@link #isArray} holds, before its first token
     * @throws LoupeException INVALID_JSON when the array is not closed or something follows it
     * @throws IOException    from the parser, for the caller to word
     */
    static void forEachElement(JsonParser parser, ElementReader reader) throws IOException {
        parser.nextToken();
        int position = 0;
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == null) {
                throw new LoupeException(ErrorCode.INVALID_JSON, "the JSON array is not closed");
            }
            reader.read(parser, token, ++position);
        }
        if (parser.nextToken() != null) {
            throw new LoupeException(ErrorCode.INVALID_JSON, "unexpected content after the JSON array at byte "
                    + parser.currentTokenLocation().getByteOffset());
        }
    }
}
