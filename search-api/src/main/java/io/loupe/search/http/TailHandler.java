package io.loupe.search.http;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LogStore;
import io.loupe.index.api.LogTail;
import io.loupe.index.api.LogTailResult;
import io.loupe.index.api.LoupeException;
import io.loupe.search.SearchConfig;
import io.loupe.search.TailConfig;
import io.loupe.search.request.SearchRequestReader;
import io.loupe.search.tail.ServerSentEvents;
import io.loupe.search.tail.TailRequest;
import io.loupe.search.tail.TailRequestReader;
import io.loupe.search.tail.TailSession;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/tail?q=&kind=}: new matching events as server-sent events, within a poll
 * interval plus a refresh of their ingest. The response starts (status, headers, a {@code retry}
 * and a comment) once the first poll has fixed where the tail starts, so every matching event
 * ingested after the client sees that start is sent. A periodic timer on the connection's event loop drives a
 * {@link TailSession}; each poll ({@link LogStore#tail}) and its rendering run on the search worker
 * pool. At most {@code search.max_tails} tails are open (more answer 429 {@code OVERLOADED}); a
 * client that stops reading makes its tail stop polling, then ends it with {@code event: closed};
 * a client that goes away stops its tail; a server that stops ends every tail with
 * {@code event: closed} so the graceful stop does not wait for them. Thread-safe.
 */
public final class TailHandler implements Handler<RoutingContext> {
    public static final String PATH = "/api/v1/tail";
    private static final Logger LOG = LoggerFactory.getLogger(TailHandler.class);
    /** How long an {@code EventSource} waits before it reconnects (and resumes with Last-Event-ID). */
    private static final long RECONNECT_MILLIS = 2000;

    private final LogStore store;
    private final TailConfig config;
    private final WorkerExecutor workers;
    private final Clock clock;
    private final TailRequestReader reader;
    private final AtomicInteger openTails = new AtomicInteger();

    public TailHandler(LogStore store, SearchConfig searchConfig, TailConfig config, WorkerExecutor workers, Clock clock) {
        this.store = store;
        this.config = config;
        this.workers = workers;
        this.clock = clock;
        this.reader = new TailRequestReader(new SearchRequestReader(searchConfig));
    }

    public void mount(Router router) {
        router.get(PATH).handler(this);
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (!store.ready()) {
            ctx.fail(new LoupeException(ErrorCode.NOT_READY,
                    "the log store is still replaying its write-ahead log; a tail would miss events, retry shortly"));
            return;
        }
        TailRequest request = reader.read(ctx.request()::getParam, ctx.request().getHeader("Last-Event-ID"), clock.instant());
        if (openTails.incrementAndGet() > config.maxTails()) {
            openTails.decrementAndGet();
            ctx.response().putHeader(HttpHeaders.RETRY_AFTER, "1");
            ctx.fail(new LoupeException(ErrorCode.OVERLOADED, "at most " + config.maxTails()
                    + " live tails are open at once (search.max_tails); close one or retry later"));
            return;
        }
        new LiveTail(ctx, request).start();
    }

    /** One open tail: its connection, its session, its timer. Touched only on the connection's event loop. */
    private final class LiveTail {
        private final RoutingContext ctx;
        private final HttpServerResponse response;
        private final Vertx vertx;
        private final TailSession session;
        private long timer = -1;
        private boolean finished;
        /** Bytes handed to the connection that it has not written to the socket yet: what this tail holds in memory. */
        private long unwrittenBytes;

        LiveTail(RoutingContext ctx, TailRequest request) {
            this.ctx = ctx;
            this.response = ctx.response();
            this.vertx = ctx.vertx();
            this.session = new TailSession(request, config, System.nanoTime());
        }

        void start() {
            response.setChunked(true)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                    .putHeader("X-Accel-Buffering", "no");
            response.closeHandler(closed -> finish());
            response.exceptionHandler(failure -> finish());
            ctx.request().connection().shutdownHandler(stopping -> {
                session.close("server stopping; reconnect with Last-Event-ID to resume");
                end();
            });
            timer = vertx.setPeriodic(config.pollInterval().toMillis(), id -> tick());
            tick();
        }

        private void tick() {
            if (finished) {
                return;
            }
            long now = System.nanoTime();
            boolean queueFull = unwrittenBytes > config.maxBufferBytes() || response.writeQueueFull();
            switch (session.tick(now, queueFull)) {
                case POLL -> poll();
                case HEARTBEAT -> send(session.heartbeat(now));
                case WAIT -> { }
                case CLOSE -> end();
            }
        }

        private void poll() {
            LogTail poll = session.startPoll(clock.instant(), store.acceptedTimeRange());
            workers.executeBlocking(() -> {
                LogTailResult result = store.tail(poll);
                return new Polled(result.position(), TailSession.frames(result, config, SearchResponseWriter::renderHit));
            }, false).onComplete(done -> {
                if (finished) {
                    return;
                }
                if (done.failed() && !response.headWritten()) {
                    finish();
                    ctx.fail(done.cause()); // nothing streamed yet: an ordinary error answer
                    return;
                }
                if (done.failed()) {
                    LOG.error("live tail from {} failed", ctx.request().remoteAddress(), done.cause());
                    session.failed("the tail failed: " + done.cause().getMessage() + "; reconnect with Last-Event-ID to resume");
                    end();
                    return;
                }
                Polled polled = done.result();
                boolean write = polled.frames().length > 0;
                if (!response.headWritten()) {
                    // the first poll fixed where the tail starts: from now on no matching event is missed
                    send(new ServerSentEvents().retry(RECONNECT_MILLIS).comment("loupe live tail").toBytes());
                }
                if (write) {
                    send(polled.frames());
                }
                session.polled(polled.position(), write, System.nanoTime());
            });
        }

        /**
         * Ends the tail with {@code event: closed}. A client that reads gets it; one that does not
         * has the same slow-client time again to take it before the connection is closed under it.
         */
        private void end() {
            if (finished) {
                return;
            }
            finish();
            String reason = session.closeReason();
            LOG.info("live tail from {} closed: {}", ctx.request().remoteAddress(), reason);
            send(TailSession.closedFrame(reason));
            long forceClose = vertx.setTimer(config.slowClientTimeout().toMillis(), id -> ctx.request().connection().close());
            response.end().onComplete(written -> vertx.cancelTimer(forceClose));
        }

        /**
         * Writes to the connection, counting the bytes until they reach the socket. The connection's
         * own queue counts messages, not bytes, so only this count bounds what a tail holds.
         */
        private void send(byte[] bytes) {
            unwrittenBytes += bytes.length;
            response.write(Buffer.buffer(bytes)).onComplete(written -> unwrittenBytes -= bytes.length);
        }

        /** Stops polling and frees the tail's slot; once. */
        private void finish() {
            if (finished) {
                return;
            }
            finished = true;
            vertx.cancelTimer(timer);
            openTails.decrementAndGet();
        }
    }

    /** A poll's new position and its frames, rendered on the worker. */
    private record Polled(long position, byte[] frames) {
    }
}
