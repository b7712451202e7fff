package io.loupe.ops.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every request an id (from {@code X-Request-Id} when the client sent one), returns it in the
 * response header, and logs one line per request at debug level when the response ends.
 */
public final class RequestLogHandler implements Handler<RoutingContext> {
    public static final String REQUEST_ID = "request_id";
    private static final String HEADER = "X-Request-Id";
    private static final Logger LOG = LoggerFactory.getLogger("io.loupe.ops.http.access");

    @Override
    public void handle(RoutingContext ctx) {
        String supplied = ctx.request().getHeader(HEADER);
        String id = supplied != null && !supplied.isBlank() && supplied.length() <= 128 ? supplied : UUID.randomUUID().toString();
        ctx.put(REQUEST_ID, id);
        ctx.response().putHeader(HEADER, id);
        long started = System.nanoTime();
        ctx.addEndHandler(done -> {
            if (LOG.isDebugEnabled()) {
                LOG.debug("{} {} {} {} {}ms", id, ctx.request().method(), ctx.request().uri(),
                        ctx.response().getStatusCode(), (System.nanoTime() - started) / 1_000_000);
            }
        });
        ctx.next();
    }
}
