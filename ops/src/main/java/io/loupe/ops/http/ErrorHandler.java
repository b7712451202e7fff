package io.loupe.ops.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LoupeException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place failures become responses: {@code {"error":{"code","message","request_id"}}} with
 * the status of the {@link ErrorCode}. Unexpected exceptions are logged with the request id and
 * answered 500 without internals.
 */
public final class ErrorHandler implements Handler<RoutingContext> {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandler.class);
    private static final JsonFactory JSON = new JsonFactory();

    @Override
    public void handle(RoutingContext ctx) {
        String requestId = ctx.get(RequestLogHandler.REQUEST_ID);
        Throwable failure = ctx.failure();
        ErrorCode code;
        String message;
        if (failure instanceof HttpClosedException) {
            LOG.debug("request {}: the client closed the connection before the answer", requestId);
            return;
        }
        if (failure instanceof LoupeException loupe) {
            code = loupe.code();
            message = loupe.getMessage();
            if (code.httpStatus() >= 500) {
                LOG.error("request {} failed: {}", requestId, message, failure);
            }
        } else if (failure == null && ctx.statusCode() == 404) {
            code = ErrorCode.NOT_FOUND;
            message = code.format(ctx.request().method() + " " + ctx.request().path());
        } else if (failure == null && ctx.statusCode() == 405) {
            code = ErrorCode.METHOD_NOT_ALLOWED;
            message = "method " + ctx.request().method() + " is not allowed on " + ctx.request().path();
        } else if (failure == null && ctx.statusCode() == 413) {
            code = ErrorCode.BODY_TOO_LARGE;
            message = "request body is larger than this endpoint accepts";
        } else {
            code = ErrorCode.INTERNAL;
            message = code.format("see the server log for request " + requestId);
            LOG.error("request {} failed with status {}", requestId, ctx.statusCode(), failure);
        }
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        ctx.response().setStatusCode(code.httpStatus())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(render(code, message, requestId));
    }

    static String render(ErrorCode code, String message, String requestId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeObjectFieldStart("error");
            json.writeStringField("code", code.name());
            json.writeStringField("message", message);
            json.writeStringField("request_id", requestId);
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
