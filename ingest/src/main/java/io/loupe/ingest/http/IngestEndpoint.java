package io.loupe.ingest.http;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LoupeException;
import io.loupe.ingest.IngestConfig;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;

/**
 * The way an ingest endpoint (logs, or every metric protocol together) goes through a request once
 * its headers are checked:
 * <ol>
 *   <li>503 {@code NOT_READY} while its store replays the write-ahead log;</li>
 *   <li>429 {@code OVERLOADED} with {@code Retry-After: 1} past {@code ingest.max_in_flight_requests}
 *       requests of this endpoint in flight;</li>
 *   <li>the body collected on the event loop within {@code ingest.max_body_bytes} (413 past it, and the
 *       connection closed, since the rest of the body is not read);</li>
 *   <li>the work (decoding, parsing, the WAL write) on the ingest worker pool, the answer back on the
 *       event loop, or the failure handed to the one error handler.</li>
 * </ol>
 * Thread-safe.
 */
final class IngestEndpoint {
    private final String storeName;
    private final String requestName;
    private final BooleanSupplier storeReady;
    private final IngestConfig config;
    private final WorkerExecutor workers;
    private final Clock clock;
    private final Semaphore inFlight;

    /**
     * @param storeName   "log" or "metric", as the 503 message names the store
     * @param requestName "ingest" or "metric ingest", as the 429 message names the requests
     */
    IngestEndpoint(String storeName, String requestName, BooleanSupplier storeReady, IngestConfig config, WorkerExecutor workers,
                   Clock clock) {
        this.storeName = storeName;
        this.requestName = requestName;
        this.storeReady = storeReady;
        this.config = config;
        this.workers = workers;
        this.clock = clock;
        this.inFlight = new Semaphore(config.maxInFlightRequests());
    }

    IngestConfig config() {
        return config;
    }

    /**
     * @param work   the raw body and the time the request was admitted, to the result; runs on a worker thread
     * @param answer sends the result; runs on the event loop
     */
    <T> void run(RoutingContext ctx, BiFunction<Buffer, Instant, T> work, BiConsumer<RoutingContext, T> answer) {
        if (!storeReady.getAsBoolean()) {
            ctx.fail(new LoupeException(ErrorCode.NOT_READY,
                    "the " + storeName + " store is still replaying its write-ahead log; retry shortly"));
            return;
        }
        if (!inFlight.tryAcquire()) {
            ctx.response().putHeader(HttpHeaders.RETRY_AFTER, "1");
            ctx.fail(new LoupeException(ErrorCode.OVERLOADED, "more than " + config.maxInFlightRequests() + " " + requestName
                    + " requests in flight (ingest.max_in_flight_requests); retry after 1 second"));
            return;
        }
        Instant received = clock.instant();
        RequestBody.collect(ctx.request(), config.maxBodyBytes())
                .compose(raw -> workers.<T>executeBlocking(() -> work.apply(raw, received), false))
                .onComplete(result -> {
                    inFlight.release();
                    if (result.succeeded()) {
                        answer.accept(ctx, result.result());
                    } else {
                        if (result.cause() instanceof LoupeException e && e.code() == ErrorCode.BODY_TOO_LARGE) {
                            ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
                        }
                        ctx.fail(result.cause());
                    }
                });
    }
}
