package io.loupe.ops;

import io.loupe.index.log.DurableLogStore;
import io.loupe.ingest.http.LogIngestHandler;
import io.loupe.ops.config.LoupeConfig;
import io.loupe.ops.config.ServerConfig;
import io.loupe.ops.housekeeping.HousekeepingScheduler;
import io.loupe.ops.http.ErrorHandler;
import io.loupe.ops.http.HealthHandlers;
import io.loupe.ops.http.RequestLogHandler;
import io.loupe.search.http.SearchHandler;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: opens the log store (replaying its write-ahead log), wires the HTTP routes
 * of every module behind one error handler, and schedules housekeeping. {@link #stop()} is
 * graceful: stop accepting, let in-flight requests finish, commit, close.
 */
public final class LoupeServer {
    private static final Logger LOG = LoggerFactory.getLogger(LoupeServer.class);

    private final LoupeConfig config;
    private final DurableLogStore store;
    private final Vertx vertx;
    private final HttpServer http;
    private final HousekeepingScheduler housekeeping;
    private boolean stopped;

    private LoupeServer(LoupeConfig config, DurableLogStore store, Vertx vertx, HttpServer http, HousekeepingScheduler housekeeping) {
        this.config = config;
        this.store = store;
        this.vertx = vertx;
        this.http = http;
        this.housekeeping = housekeeping;
    }

    public static LoupeServer start(LoupeConfig config, Clock clock) throws Exception {
        ServerConfig server = config.server();
        DurableLogStore store = DurableLogStore.open(server.dataDir(), config.logStore(), config.wal(), clock);
        Vertx vertx = Vertx.vertx();
        try {
            WorkerExecutor ingestWorkers = vertx.createSharedWorkerExecutor("loupe-ingest",
                    config.ingest().workerThreads(), 10, TimeUnit.MINUTES);
            WorkerExecutor searchWorkers = vertx.createSharedWorkerExecutor("loupe-search",
                    config.search().workerThreads(), 10, TimeUnit.MINUTES);
            Router router = Router.router(vertx);
            ErrorHandler errors = new ErrorHandler();
            router.route().handler(new RequestLogHandler());
            HealthHandlers.mount(router, store);
            new LogIngestHandler(store, config.ingest(), ingestWorkers, clock).mount(router);
            new SearchHandler(store, config.search(), searchWorkers, clock).mount(router);
            router.route().failureHandler(errors);
            router.errorHandler(404, errors);
            router.errorHandler(405, errors);
            router.errorHandler(500, errors);
            HttpServer http = vertx.createHttpServer(new HttpServerOptions().setHost(server.host()).setPort(server.port()))
                    .requestHandler(router)
                    .listen()
                    .await();
            HousekeepingScheduler housekeeping = new HousekeepingScheduler();
            housekeeping.every("refresh", Duration.ofMillis(server.refreshMillis()), store::refresh);
            housekeeping.every("commit", Duration.ofSeconds(server.commitSeconds()), store::commit);
            housekeeping.every("retention", Duration.ofMinutes(server.retentionMinutes()), store::applyRetention);
            housekeeping.start();
            LoupeServer started = new LoupeServer(config, store, vertx, http, housekeeping);
            started.banner();
            return started;
        } catch (Exception | Error e) {
            vertx.close();
            store.close();
            throw e;
        }
    }

    private void banner() {
        DurableLogStore.RecoveryReport recovery = store.recoveryReport();
        LOG.info("Loupe listening on http://{}:{} with data in {}", config.server().host(), port(),
                config.server().dataDir().toAbsolutePath().normalize());
        LOG.info("write-ahead log replayed in {} ms: {} record(s), {} event(s) re-indexed, {} skipped as past retention{}",
                recovery.took().toMillis(), recovery.walRecords(), recovery.eventsReplayed(), recovery.eventsSkippedAsExpired(),
                recovery.bytesCut() > 0 ? "; cut " + recovery.bytesCut() + " byte(s) of torn tail (" + recovery.cutReason() + ")" : "");
    }

    public int port() {
        return http.actualPort();
    }

    public DurableLogStore store() {
        return store;
    }

    /** Stops accepting requests, waits for in-flight ones, then commits and closes the store. Idempotent. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        LOG.info("stopping: no new requests, waiting up to {} s for in-flight ones", config.server().shutdownSeconds());
        try {
            http.shutdown(config.server().shutdownSeconds(), TimeUnit.SECONDS).await();
        } catch (RuntimeException e) {
            LOG.warn("HTTP server did not shut down cleanly: {}", e.toString());
        }
        try {
            housekeeping.close();
        } catch (Exception e) {
            LOG.warn("housekeeping scheduler did not stop cleanly: {}", e.toString());
        }
        try {
            store.close();
        } catch (Exception e) {
            LOG.error("closing the log store failed; the write-ahead log will be replayed at next start", e);
        }
        vertx.close().await();
        LOG.info("stopped");
    }
}
