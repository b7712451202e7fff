package io.loupe.search.http;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LoupeException;
import io.vertx.core.Handler;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;

/**
 * The way every read endpoint of this package (log search, metric query, series, label names and
 * values) goes through a request, around its own reading of it:
 * <ol>
 *   <li>503 {@code NOT_READY} while its store replays the write-ahead log (results would be incomplete);</li>
 *   <li>the request read on the event loop, where a bad parameter fails it at once (400);</li>
 *   <li>the store reads and the JSON rendering on the search worker pool, never the event loop;</li>
 *   <li>the body sent as {@code application/json}, or the failure handed to the one error handler.</li>
 * </ol>
 * Thread-safe.
 */
final class ReadEndpoint {
    /** Largest POST body of an endpoint that takes its parameters as a form or JSON object too. */
    static final long MAX_REQUEST_BYTES = 1 << 20;

    /** One request as a reading sees it: the clock's time at arrival, and the time taken so far. */
    record Request(Instant now, long startedNanos) {
        long tookMillis() {
            return (System.nanoTime() - startedNanos) / 1_000_000;
        }
    }

    /**
     * Reads the request on the event loop (throwing a {@link LoupeException} for a bad one) and
     * returns the work that answers it: store reads and rendering, run on the worker pool.
     */
    @FunctionalInterface
    interface Reading {
        Callable<byte[]> read(Request request);
    }

    private final String storeName;
    private final BooleanSupplier storeReady;
    private final WorkerExecutor workers;
    private final Clock clock;

    /** @param storeName "log" or "metric", as the 503 message names it */
    ReadEndpoint(String storeName, BooleanSupplier storeReady, WorkerExecutor workers, Clock clock) {
        this.storeName = storeName;
        this.storeReady = storeReady;
        this.workers = workers;
        this.clock = clock;
    }

    /** Routes {@code GET path} (query parameters) and {@code POST path} (a body of at most {@link #MAX_REQUEST_BYTES}) to {@code handler}. */
    static void mountGetAndPost(Router router, String path, Handler<RoutingContext> handler) {
        router.get(path).handler(handler);
        router.post(path).handler(BodyHandler.create(false).setBodyLimit(MAX_REQUEST_BYTES)).handler(handler);
    }

    void answer(RoutingContext ctx, Reading reading) {
        long started = System.nanoTime();
        if (!storeReady.getAsBoolean()) {
            ctx.fail(new LoupeException(ErrorCode.NOT_READY, "the " + storeName
                    + " store is still replaying its write-ahead log; results would be incomplete, retry shortly"));
            return;
        }
        Callable<byte[]> work = reading.read(new Request(clock.instant(), started));
        workers.executeBlocking(work, false).onComplete(result -> {
            if (result.failed()) {
                ctx.fail(result.cause());
                return;
            }
            ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(Buffer.buffer(result.result()));
        });
    }
}
