package io.loupe.search.request;

import io.loupe.index.api.LogSearch;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The opaque {@code next_cursor}: where a page ended, as {@code v1:<timestamp nanos>:<event id>}, base64url. */
public final class Cursor {
    private static final String PREFIX = "v1:";

    private Cursor() {
    }

    public static String encode(LogSearch.SearchAfter after) {
        String plain = PREFIX + after.timestampNanos() + ":" + after.eventId();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }

    public static LogSearch.SearchAfter decode(String cursor) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.US_ASCII);
            if (!plain.startsWith(PREFIX)) {
                throw new IllegalArgumentException("unknown cursor version");
            }
            String[] parts = plain.substring(PREFIX.length()).split(":");
            if (parts.length != 2) {
                throw new IllegalArgumentException("malformed cursor");
            }
            return new LogSearch.SearchAfter(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cursor '" + cursor + "' is not one this server issued; pass next_cursor from the previous page unchanged");
        }
    }
}
