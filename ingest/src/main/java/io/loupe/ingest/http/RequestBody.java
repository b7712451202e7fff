package io.loupe.ingest.http;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LoupeException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/** Reads a request body without ever holding more than the configured limit, and decompresses it. */
final class RequestBody {

    private RequestBody() {
    }

    /** Collects the raw body on the event loop; fails with 413 as soon as it passes {@code maxBytes}. */
    static Future<Buffer> collect(HttpServerRequest request, long maxBytes) {
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null) {
            try {
                long length = Long.parseLong(declared.trim());
                if (length > maxBytes) {
                    return Future.failedFuture(tooLarge(length + " bytes", maxBytes));
                }
            } catch (NumberFormatException e) {
                return Future.failedFuture(new LoupeException(ErrorCode.INVALID_PARAMETER, "content-length '" + declared + "' is not a number"));
            }
        }
        Promise<Buffer> promise = Promise.promise();
        Buffer body = Buffer.buffer();
        request.handler(chunk -> {
            if (promise.future().isComplete()) {
                return;
            }
            if (body.length() + chunk.length() > maxBytes) {
                promise.tryFail(tooLarge("more than " + maxBytes + " bytes", maxBytes));
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(v -> promise.tryComplete(body));
        request.exceptionHandler(promise::tryFail);
        request.resume();
        return promise.future();
    }

    /** The body as bytes, gunzipped when the request says so; run off the event loop. */
    static byte[] decode(Buffer raw, String contentEncoding, long maxBytes) {
        if (contentEncoding == null || contentEncoding.isBlank() || contentEncoding.equalsIgnoreCase("identity")) {
            return raw.getBytes();
        }
        if (!contentEncoding.trim().toLowerCase(Locale.ROOT).equals("gzip")) {
            throw new LoupeException(ErrorCode.UNSUPPORTED_ENCODING, "content-encoding '" + contentEncoding + "' is not supported; send gzip or identity");
        }
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(raw.getBytes()), 1 << 16)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1024, raw.length() * 4));
            byte[] chunk = new byte[1 << 16];
            long total = 0;
            int read;
            while ((read = in.read(chunk)) > 0) {
                total += read;
                if (total > maxBytes) {
                    throw tooLarge("more than " + maxBytes + " bytes once decompressed", maxBytes);
                }
                out.write(chunk, 0, read);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new LoupeException(ErrorCode.INVALID_PARAMETER, "body is not valid gzip: " + e.getMessage());
        }
    }

    static LoupeException tooLarge(String size, long maxBytes) {
        return new LoupeException(ErrorCode.BODY_TOO_LARGE, "request body is " + size + ", the limit is " + maxBytes
                + " bytes (ingest.max_body_bytes); send smaller batches or raise the limit");
    }
}
