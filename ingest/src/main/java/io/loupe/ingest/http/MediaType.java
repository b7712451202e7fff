package io.loupe.ingest.http;

import java.util.Locale;

/** The media type of a Content-Type header: lowercased, parameters dropped, "" when absent. */
final class MediaType {
    private MediaType() {
    }

    static String of(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }
}
