package io.loupe.ops.http;

import io.loupe.index.api.LogStore;
import io.loupe.index.api.MetricStore;
import io.loupe.ingest.http.MetricIngestPipeline;
import io.loupe.ingest.http.MetricIngestRoutes;
import io.loupe.ingest.parse.MetricLimits;
import io.loupe.ingest.scrape.ScrapeConfig;
import io.loupe.ingest.scrape.Scrapers;
import io.loupe.ingest.http.ElasticRoutes;
import io.loupe.ingest.http.LogIngestPipeline;
import io.loupe.ingest.http.LogIngestRoutes;
import io.loupe.ops.config.LoupeConfig;
import io.loupe.search.http.AuditRoutes;
import io.loupe.search.http.CorrelationRoutes;
import io.loupe.search.http.ExploreRoutes;
import io.loupe.search.http.MetricsLabelValuesHandler;
import io.loupe.search.http.MetricsLabelsHandler;
import io.loupe.search.http.MetricsQueryHandler;
import io.loupe.search.http.MetricsSeriesHandler;
import io.loupe.search.http.SearchHandler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The one HTTP port: every module's routes on one router, behind the request log and the one error
 * handler, with a worker pool for ingest and one for search so the event loop never blocks.
 */
public final class HttpApi {
    private final Vertx vertx;
    private final HttpServer server;
    private final WorkerExecutor ingestWorkers;
    private Scrapers scrapers;

    private HttpApi(Vertx vertx, HttpServer server, WorkerExecutor ingestWorkers) {
        this.vertx = vertx;
        this.server = server;
        this.ingestWorkers = ingestWorkers;
    }

    public static HttpApi start(LoupeConfig config, LogStore store, MetricStore metrics, Clock clock) {
        // no static files are served from the classpath: no file cache directory under /tmp
        Vertx vertx = Vertx.vertx(new VertxOptions().setFileSystemOptions(
                new FileSystemOptions().setFileCachingEnabled(false).setClassPathResolvingEnabled(false)));
        try {
            WorkerExecutor ingestWorkers = vertx.createSharedWorkerExecutor("loupe-ingest",
                    config.ingest().workerThreads(), 10, TimeUnit.MINUTES);
            WorkerExecutor searchWorkers = vertx.createSharedWorkerExecutor("loupe-search",
                    config.search().workerThreads(), 10, TimeUnit.MINUTES);
            Router router = Router.router(vertx);
            ErrorHandler errors = new ErrorHandler();
            router.route().handler(new RequestLogHandler());
            HealthHandlers.mount(router, store, metrics);
            LogIngestPipeline logPipeline = new LogIngestPipeline(store, config.ingest(), ingestWorkers, clock);
            LogIngestRoutes.mount(router, logPipeline);
            new SearchHandler(store, config.search(), config.pipes(), searchWorkers, clock).mount(router);
            ExploreRoutes.mount(router, store, config.search(), config.tail(), searchWorkers, clock);
            MetricIngestRoutes.mount(router, new MetricIngestPipeline(metrics, config.ingest(), ingestWorkers, clock));
            new MetricsQueryHandler(metrics, config.search(), searchWorkers, clock).mount(router);
            new MetricsSeriesHandler(metrics, config.search(), searchWorkers, clock).mount(router);
            new MetricsLabelsHandler(metrics, config.search(), searchWorkers, clock).mount(router);
            new MetricsLabelValuesHandler(metrics, config.search(), searchWorkers, clock).mount(router);
            CorrelationRoutes.mount(router, store, metrics, config.search(), searchWorkers, clock);
            AuditRoutes.mount(router, store, searchWorkers, clock);
            // last: its HEAD|PUT /{index} would otherwise shadow single-segment routes of the other modules
            ElasticRoutes.mount(router, logPipeline, config.elastic());
            router.route().failureHandler(errors);
            router.errorHandler(404, errors);
            router.errorHandler(405, errors);
            router.errorHandler(500, errors);
            HttpServer server = vertx.createHttpServer(new HttpServerOptions()
                            .setHost(config.server().host()).setPort(config.server().port()))
                    .requestHandler(router)
                    .listen()
                    .await();
            return new HttpApi(vertx, server, ingestWorkers);
        } catch (RuntimeException | Error e) {
            vertx.close();
            throw e;
        }
    }

    /** Starts pulling the configured scrape targets into the metric store; stopped by {@link #shutdown}. */
    public void startScrapers(MetricStore metrics, ScrapeConfig config, MetricLimits limits) {
        scrapers = Scrapers.start(vertx, ingestWorkers, metrics, config, limits);
    }

    public int port() {
        return server.actualPort();
    }

    /** Stops accepting connections and waits up to {@code grace} for in-flight requests to finish. */
    public void shutdown(Duration grace) {
        if (scrapers != null) {
            scrapers.close();
        }
        server.shutdown(grace.toMillis(), TimeUnit.MILLISECONDS).await();
    }

    public void close() {
        vertx.close().await();
    }
}
