package io.loupe.ingest.http;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LoupeException;
import io.loupe.ingest.otlp.OtlpExportResponse;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * The two encodings of OTLP/HTTP, told by the request's content type ({@code application/x-protobuf}
 * or {@code application/protobuf}; {@code application/json}); the answer goes in the same one.
 */
enum OtlpEncoding {
    PROTOBUF("application/x-protobuf"),
    JSON("application/json");

    private final String contentType;

    OtlpEncoding(String contentType) {
        this.contentType = contentType;
    }

    /** The request's encoding, or null after failing the request with 415 naming what OTLP sends. */
    static OtlpEncoding of(RoutingContext ctx) {
        String mediaType = MediaType.of(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE));
        if (mediaType.equals(PROTOBUF.contentType) || mediaType.equals("application/protobuf")) {
            return PROTOBUF;
        }
        if (mediaType.equals(JSON.contentType)) {
            return JSON;
        }
        ctx.fail(new LoupeException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "content-type '" + mediaType
                + "' is not supported here; OTLP/HTTP sends application/x-protobuf or application/json"));
        return null;
    }

    /** Answers 200 with the export response in this encoding. */
    void respond(RoutingContext ctx, OtlpExportResponse response) {
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, contentType)
                .end(Buffer.buffer(this == PROTOBUF ? response.toProtobuf() : response.toJson()));
    }
}
