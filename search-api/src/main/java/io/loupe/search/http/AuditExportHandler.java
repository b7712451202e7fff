package io.loupe.search.http;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LogSearch;
import io.loupe.index.api.LogSearchResult;
import io.loupe.index.api.LogStore;
import io.loupe.index.api.LoupeException;
import io.loupe.search.AuditConfig;
import io.loupe.search.request.AuditExportRequest;
import io.loupe.search.request.AuditRequestReader;
import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/audit/export?format=csv|ndjson&...}: every audit event matching the filters
 * ({@link AuditRequestReader}), newest first, streamed page by page in constant memory.
 *
 * <ul>
 *   <li>Each page ({@code search.export_page_rows} events) is read with the cursor of the one before
 *       and without a total ({@link LogSearch#countTotal()} false), and rendered, on the search worker
 *       pool; the event loop only writes the rendered bytes.</li>
 *   <li>Backpressure: the next page is read only once every byte written so far has reached the
 *       socket (the connection's own write queue counts messages, not bytes, so the export counts
 *       them) and the write queue is not full; so an export holds at most one page beyond what the
 *       socket buffers.</li>
 *   <li>The status and headers are sent with the first page, so a failure before it is an ordinary
 *       JSON error answer. A failure after it, a client that takes nothing for
 *       {@code search.export_stall_seconds} or a server that stops, cuts the response without its end
 *       (the last chunk is never sent): a client can always tell a cut export from a whole one.</li>
 *   <li>A client that goes away stops the export: no page is read after its connection closes.</li>
 *   <li>At most {@code search.max_exports} exports stream at once; more answer 429 {@code OVERLOADED}.</li>
 * </ul>
 * Thread-safe.
 */
final class AuditExportHandler implements Handler<RoutingContext> {
    static final String PATH = "/api/v1/audit/export";
    private static final Logger LOG = LoggerFactory.getLogger(AuditExportHandler.class);
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final LogStore store;
    private final AuditRequestReader reader;
    private final AuditConfig config;
    private final WorkerExecutor workers;
    private final Clock clock;
    private final AtomicInteger openExports = new AtomicInteger();

    AuditExportHandler(LogStore store, AuditRequestReader reader, AuditConfig config, WorkerExecutor workers, Clock clock) {
        this.store = store;
        this.reader = reader;
        this.config = config;
        this.workers = workers;
        this.clock = clock;
    }

    void mount(Router router) {
        router.get(PATH).handler(this);
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (!store.ready()) {
            ctx.fail(new LoupeException(ErrorCode.NOT_READY,
                    "the log store is still replaying its write-ahead log; an export would be incomplete, retry shortly"));
            return;
        }
        AuditExportRequest request = reader.readExport(ctx.request()::getParam, clock.instant(), config.exportPageRows());
        if (openExports.incrementAndGet() > config.maxExports()) {
            openExports.decrementAndGet();
            ctx.response().putHeader(HttpHeaders.RETRY_AFTER, "1");
            ctx.fail(new LoupeException(ErrorCode.OVERLOADED, "at most " + config.maxExports()
                    + " audit exports stream at once (search.max_exports); retry when one has finished"));
            return;
        }
        new Export(ctx, request).start();
    }

    /** One export in flight. Touched only on its connection's event loop, except {@link #readPage} on a worker. */
    private final class Export {
        private final RoutingContext ctx;
        private final HttpServerResponse response;
        private final Vertx vertx;
        private final AuditExportRequest request;
        private final long startedNanos = System.nanoTime();
        private boolean finished;
        private long rows;
        private int pages;
        private long stallTimer = -1;
        /** Bytes handed to the connection that have not reached the socket yet. */
        private long unwrittenBytes;
        /** The page to read once the client has taken what was written, or null while none waits. */
        private LogSearch waiting;

        Export(RoutingContext ctx, AuditExportRequest request) {
            this.ctx = ctx;
            this.response = ctx.response();
            this.vertx = ctx.vertx();
            this.request = request;
        }

        void start() {
            response.closeHandler(closed -> stop("the client went away"));
            response.exceptionHandler(failure -> stop("the connection failed: " + failure.getMessage()));
            ctx.request().connection().shutdownHandler(stopping -> abort("the server is stopping"));
            fetch(request.firstPage());
        }

        private void fetch(LogSearch page) {
            workers.executeBlocking(() -> readPage(page), false).onComplete(this::write);
        }

        /** On a worker: one page read and rendered. */
        private Page readPage(LogSearch page) {
            LogSearchResult result = store.search(page);
            byte[] bytes = switch (request.format()) {
                case CSV -> AuditCsvWriter.rows(result.hits());
                case NDJSON -> SearchResponseWriter.renderHits(result.hits(), request.withOriginal(), "\n");
            };
            return new Page(bytes, result.hits().size(), result.next());
        }

        private void write(AsyncResult<Page> done) {
            if (finished) {
                return; // the client went away (or the export was cut) while the page was read: nothing more is read
            }
            if (response.closed()) {
                stop("the client went away"); // before its close handler ran
                return;
            }
            if (done.failed()) {
                if (!response.headWritten()) {
                    finish();
                    ctx.fail(done.cause()); // nothing streamed yet: an ordinary error answer
                    return;
                }
                LOG.error("audit export to {} failed after {} rows", ctx.request().remoteAddress(), rows, done.cause());
                abort("reading page " + (pages + 1) + " failed: " + done.cause().getMessage());
                return;
            }
            Page page = done.result();
            if (!response.headWritten()) {
                response.setChunked(true)
                        .putHeader(HttpHeaders.CONTENT_TYPE, request.format().contentType())
                        .putHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit-"
                                + FILE_TIME.format(Instant.now(clock)) + "." + request.format().extension() + "\"")
                        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
                if (request.format() == AuditExportRequest.Format.CSV) {
                    send(AuditCsvWriter.header());
                }
            }
            pages++;
            rows += page.rows();
            if (page.bytes().length > 0) {
                send(page.bytes());
            }
            if (page.next() == null) {
                finish();
                LOG.info("audit export to {}: {} rows in {} pages, {} ms", ctx.request().remoteAddress(), rows, pages,
                        (System.nanoTime() - startedNanos) / 1_000_000);
                response.end();
                return;
            }
            waiting = request.firstPage().continuingAfter(page.next());
            response.drainHandler(drained -> readNextIfTaken());
            readNextIfTaken();
        }

        /** Reads the waiting page once the client has taken everything written; until then, watches for a stall. */
        private void readNextIfTaken() {
            if (finished || waiting == null) {
                return;
            }
            vertx.cancelTimer(stallTimer);
            if (unwrittenBytes > 0 || response.writeQueueFull()) {
                stallTimer = vertx.setTimer(config.stallTimeout().toMillis(), id -> abort("the client took nothing for "
                        + config.stallTimeout().toSeconds() + " s (search.export_stall_seconds)"));
                return;
            }
            LogSearch next = waiting;
            waiting = null;
            fetch(next);
        }

        /** Writes to the connection, counting the bytes until they reach the socket; each write that does is progress. */
        private void send(byte[] bytes) {
            unwrittenBytes += bytes.length;
            response.write(Buffer.buffer(bytes)).onComplete(written -> {
                unwrittenBytes -= bytes.length;
                readNextIfTaken();
            });
        }

        /** The client is gone: read nothing more. */
        private void stop(String reason) {
            if (finished) {
                return;
            }
            finish();
            LOG.info("audit export to {} stopped after {} rows: {}", ctx.request().remoteAddress(), rows, reason);
        }

        /** Cuts the response without its end, so the client sees an incomplete transfer rather than a short export. */
        private void abort(String reason) {
            if (finished) {
                return;
            }
            finish();
            LOG.warn("audit export to {} cut after {} rows: {}", ctx.request().remoteAddress(), rows, reason);
            if (!response.headWritten()) {
                ctx.fail(new LoupeException(ErrorCode.NOT_READY, "the export could not start: " + reason));
                return;
            }
            response.reset();
            ctx.request().connection().close();
        }

        /** Frees the export's slot; once. */
        private void finish() {
            if (finished) {
                return;
            }
            finished = true;
            vertx.cancelTimer(stallTimer);
            openExports.decrementAndGet();
        }
    }

    /** One page rendered on a worker: its bytes, how many events, and where the next page starts (null: none). */
    private record Page(byte[] bytes, int rows, LogSearch.SearchAfter next) {
    }
}
