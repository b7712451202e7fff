package io.loupe.ingest.loki;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LoupeException;
import java.util.Locale;

/**
 * The two encodings of a Loki push, told by {@code Content-Type}, and the {@code Content-Encoding}s
 * each takes. As in Loki, a push without {@code Content-Type} is protobuf.
 * <pre>
 * Content-Type                       body                            Content-Encoding
 * application/json                   JSON                            none, identity or gzip
 * application/x-protobuf, or none    snappy block of a PushRequest   none, identity or snappy (the block itself), or gzip around it
 * </pre>
 */
public enum LokiPushFormat {
    JSON, PROTOBUF;

    /**
     * @param mediaType the {@code Content-Type} without parameters, lowercased; "" when absent
     * @throws LoupeException {@link ErrorCode#UNSUPPORTED_MEDIA_TYPE} (415) for any other type
     */
    public static LokiPushFormat ofMediaType(String mediaType) {
        return switch (mediaType) {
            case "application/json" -> JSON;
            case "application/x-protobuf", "" -> PROTOBUF;
            default -> throw new LoupeException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "content-type '" + mediaType
                    + "' is not a loki push; send application/x-protobuf (snappy-compressed) or application/json");
        };
    }

    /**
     * Whether the body must be gunzipped before it is decoded.
     *
     * @param contentEncoding the {@code Content-Encoding} header, or null
     * @throws LoupeException {@link ErrorCode#UNSUPPORTED_ENCODING} (415) for an encoding this format does not take
     */
    public boolean gzipped(String contentEncoding) {
        String encoding = contentEncoding == null ? "" : contentEncoding.trim().toLowerCase(Locale.ROOT);
        return switch (encoding) {
            case "gzip" -> true;
            case "", "identity" -> false;
            case "snappy" -> {
                if (this == JSON) {
                    throw new LoupeException(ErrorCode.UNSUPPORTED_ENCODING, "content-encoding 'snappy' is not supported for"
                            + " a JSON loki push; send it uncompressed or gzip");
                }
                yield false;
            }
            default -> throw new LoupeException(ErrorCode.UNSUPPORTED_ENCODING, "content-encoding '" + contentEncoding.trim()
                    + "' is not supported for a loki push; send " + (this == JSON ? "gzip or identity" : "snappy or gzip"));
        };
    }
}
