package io.loupe.ingest.parse;

import java.nio.charset.StandardCharsets;

/**
 * At most {@value #MAX_CHARS} characters (text) or bytes (a body range) of the input, with {@code ...}
 * when cut, so an error message can quote what it refuses without echoing a megabyte back.
 */
public final class InputExcerpt {
    public static final int MAX_CHARS = 64;

    private InputExcerpt() {
    }

    public static String of(String text) {
        return text.length() <= MAX_CHARS ? text : text.substring(0, MAX_CHARS) + "...";
    }

    /** The bytes {@code [from, to)} as UTF-8 (a cut character becomes U+FFFD). */
    public static String of(byte[] input, int from, int to) {
        int end = Math.min(to, from + MAX_CHARS);
        String text = new String(input, from, end - from, StandardCharsets.UTF_8);
        return end < to ? text + "..." : text;
    }
}
