package io.loupe.ingest.http;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LoupeException;
import io.loupe.index.api.MetricAppendResult;
import io.loupe.index.api.MetricStore;
import io.loupe.ingest.IngestConfig;
import io.loupe.ingest.parse.ParsedSamples;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.concurrent.Semaphore;

/**
 * The path every metric ingest endpoint shares: readiness and in-flight checks (503, 429 with
 * Retry-After), the body collected on the event loop within {@code ingest.max_body_bytes}, then
 * decoding, the write-ahead-log write and the head insert on the ingest worker pool, and the
 * protocol's own response once the accepted samples are fsynced. Thread-safe.
 */
public final class MetricIngestPipeline {

    /** Turns a raw (possibly compressed) body into samples; runs on a worker thread. */
    @FunctionalInterface
    public interface Decoder {
        ParsedSamples decode(Buffer rawBody, long receivedMillis);
    }

    /** Writes the protocol's response; runs on the event loop. */
    @FunctionalInterface
    public interface Responder {
        void respond(RoutingContext ctx, MetricIngestOutcome outcome);
    }

    private final MetricStore store;
    private final IngestConfig config;
    private final WorkerExecutor workers;
    private final Clock clock;
    private final Semaphore inFlight;

    public MetricIngestPipeline(MetricStore store, IngestConfig config, WorkerExecutor workers, Clock clock) {
        this.store = store;
        this.config = config;
        this.workers = workers;
        this.clock = clock;
        this.inFlight = new Semaphore(config.maxInFlightRequests());
    }

    public IngestConfig config() {
        return config;
    }

    public void run(RoutingContext ctx, Decoder decoder, Responder responder) {
        if (!store.ready()) {
            ctx.fail(new LoupeException(ErrorCode.NOT_READY, "the metric store is still replaying its write-ahead log; retry shortly"));
            return;
        }
        if (!inFlight.tryAcquire()) {
            ctx.response().putHeader(HttpHeaders.RETRY_AFTER, "1");
            ctx.fail(new LoupeException(ErrorCode.OVERLOADED, "more than " + config.maxInFlightRequests()
                    + " metric ingest requests in flight (ingest.max_in_flight_requests); retry after 1 second"));
            return;
        }
        long receivedMillis = clock.millis();
        RequestBody.collect(ctx.request(), config.maxBodyBytes())
                .compose(raw -> workers.<MetricIngestOutcome>executeBlocking(() -> {
                    ParsedSamples parsed = decoder.decode(raw, receivedMillis);
                    MetricAppendResult stored = store.append(parsed.accepted());
                    return new MetricIngestOutcome(parsed, stored);
                }, false))
                .onComplete(result -> {
                    inFlight.release();
                    if (result.succeeded()) {
                        responder.respond(ctx, result.result());
                    } else {
                        if (result.cause() instanceof LoupeException e && e.code() == ErrorCode.BODY_TOO_LARGE) {
                            ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
                        }
                        ctx.fail(result.cause());
                    }
                });
    }

    /** A gzip or identity body as bytes; the other encodings are refused with 415. */
    public byte[] gunzipped(Buffer raw, String contentEncoding) {
        return RequestBody.decode(raw, contentEncoding, config.maxBodyBytes());
    }
}
