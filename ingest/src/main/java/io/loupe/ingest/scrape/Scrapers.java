package io.loupe.ingest.scrape;

import io.loupe.index.api.MetricStore;
import io.loupe.ingest.parse.MetricLimits;
import io.loupe.ingest.prometheus.PrometheusTextParser;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one {@link TargetScraper} per configured target, sharing one HTTP client. */
public final class Scrapers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Scrapers.class);

    private final HttpClient client;
    private final List<TargetScraper> scrapers = new ArrayList<>();

    private Scrapers(HttpClient client) {
        this.client = client;
    }

    public static Scrapers start(Vertx vertx, WorkerExecutor workers, MetricStore store, ScrapeConfig config, MetricLimits limits) {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setDecompressionSupported(true),
                new PoolOptions().setHttp1MaxSize(8));
        Scrapers scrapers = new Scrapers(client);
        PrometheusTextParser parser = new PrometheusTextParser(limits);
        for (ScrapeTarget target : config.targets()) {
            TargetScraper scraper = new TargetScraper(target, store, client, workers, parser, config.maxBodyBytes());
            scraper.start(vertx);
            scrapers.scrapers.add(scraper);
            LOG.info("scraping {} every {} ms as {}", target.url(), target.interval().toMillis(), target.labels());
        }
        return scrapers;
    }

    @Override
    public void close() {
        for (TargetScraper scraper : scrapers) {
            scraper.stop();
        }
        client.close();
    }
}
