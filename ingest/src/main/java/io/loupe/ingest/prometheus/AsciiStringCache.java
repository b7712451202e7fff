package io.loupe.ingest.prometheus;

import java.nio.charset.StandardCharsets;

/**
 * Turns short ASCII byte ranges into Strings, handing back the same String for the same bytes: an
 * exposition repeats its metric names, label names and most label values on every line, so one
 * String each is made instead of one per line. A direct-mapped table of fixed size: a collision
 * replaces the slot, so memory stays bounded whatever the input. One per parse call, not thread-safe.
 */
final class AsciiStringCache {
    private static final int SLOTS = 2048;
    private static final int LONGEST_CACHED = 64;

    private final String[] slots = new String[SLOTS];

    /** The String of {@code bytes[from, to)}, which must all be ASCII. */
    String get(byte[] bytes, int from, int to) {
        int length = to - from;
        if (length > LONGEST_CACHED) {
            return new String(bytes, from, length, StandardCharsets.ISO_8859_1);
        }
        int hash = 0;
        for (int i = from; i < to; i++) {
            hash = 31 * hash + bytes[i];
        }
        int slot = (hash ^ (hash >>> 11)) & (SLOTS - 1);
        String cached = slots[slot];
        if (cached != null && sameAscii(cached, bytes, from, to)) {
            return cached;
        }
        String made = new String(bytes, from, length, StandardCharsets.ISO_8859_1);
        slots[slot] = made;
        return made;
    }

    private static boolean sameAscii(String text, byte[] bytes, int from, int to) {
        if (text.length() != to - from) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (text.charAt(i - from) != bytes[i]) {
                return false;
            }
        }
        return true;
    }
}
