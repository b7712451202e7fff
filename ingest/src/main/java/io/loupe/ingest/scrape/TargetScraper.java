package io.loupe.ingest.scrape;

import io.loupe.index.api.Labels;
import io.loupe.index.api.MetricSample;
import io.loupe.index.api.MetricStore;
import io.loupe.index.api.SeriesKey;
import io.loupe.index.api.StaleMarker;
import io.loupe.ingest.parse.ParsedSamples;
import io.loupe.ingest.prometheus.PrometheusTextParser;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scrapes one target on a fixed tick: a timer set for each tick ({@code k × interval} since the
 * epoch) starts the scrape, and its samples are stamped with that tick, so timestamps of one target
 * are evenly spaced (they compress to almost nothing) and no later than the scrape itself. A tick
 * missed by a stalled process is skipped, not caught up. Samples are stored with the target labels,
 * and followed by the target's own series as Prometheus records them: {@code up} (1 or 0), {@code scrape_duration_seconds},
 * {@code scrape_samples_scraped}. A series that was in the previous scrape but not in this one,
 * and every series of a failed scrape, gets a staleness marker. A tick that finds the previous
 * scrape still running is skipped. Runs its HTTP I/O on the event loop and parsing and storing on
 * the ingest workers.
 */
final class TargetScraper {
    private static final Logger LOG = LoggerFactory.getLogger(TargetScraper.class);
    static final String ACCEPT = "application/openmetrics-text;version=1.0.0;q=0.9,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    private final ScrapeTarget target;
    private final MetricStore store;
    private final HttpClient client;
    private final WorkerExecutor workers;
    private final PrometheusTextParser parser;
    private final long maxBodyBytes;
    private final AtomicBoolean running = new AtomicBoolean();
    private Set<SeriesKey> previous = Set.of();
    private Vertx vertx;
    private volatile long timer;
    private volatile boolean stopped;

    TargetScraper(ScrapeTarget target, MetricStore store, HttpClient client, WorkerExecutor workers,
                  PrometheusTextParser parser, long maxBodyBytes) {
        this.target = target;
        this.store = store;
        this.client = client;
        this.workers = workers;
        this.parser = parser;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Starts the periodic scrape: the first one at the next tick. */
    void start(Vertx vertx) {
        this.vertx = vertx;
        scheduleAfter(System.currentTimeMillis());
    }

    /** Stops scraping; a scrape under way finishes. */
    void stop() {
        stopped = true;
        vertx.cancelTimer(timer);
    }

    /** The first tick ({@code k × interval} since the epoch) strictly after {@code nowMillis}. */
    static long nextTick(long nowMillis, long intervalMillis) {
        return Math.floorDiv(nowMillis, intervalMillis) * intervalMillis + intervalMillis;
    }

    /** Sets a timer for the next tick, so a scrape starts at the time it is stamped with. */
    private void scheduleAfter(long nowMillis) {
        if (stopped) {
            return;
        }
        long tick = nextTick(nowMillis, target.interval().toMillis());
        timer = vertx.setTimer(Math.max(1, tick - nowMillis), id -> {
            scheduleAfter(Math.max(tick, System.currentTimeMillis()));
            scrape(tick);
        });
    }

    private void scrape(long tick) {
        if (stopped || !store.ready() || !running.compareAndSet(false, true)) {
            return;
        }
        long started = System.nanoTime();
        fetch().onComplete(result -> workers.executeBlocking(() -> {
            double seconds = (System.nanoTime() - started) / 1e9;
            if (result.succeeded()) {
                record(tick, result.result(), seconds);
            } else {
                recordFailure(tick, result.cause().getMessage(), seconds);
            }
            return null;
        }, false).onComplete(done -> {
            running.set(false);
            if (done.failed()) {
                LOG.warn("storing the scrape of {} failed: {}", target.url(), done.cause().toString());
            }
        }));
    }

    private Future<ScrapedBody> fetch() {
        RequestOptions options = new RequestOptions().setAbsoluteURI(target.url().toString()).setMethod(HttpMethod.GET)
                .setTimeout(target.timeout().toMillis())
                .putHeader(HttpHeaders.ACCEPT, ACCEPT)
                .putHeader("X-Prometheus-Scrape-Timeout-Seconds", Double.toString(target.timeout().toMillis() / 1000.0));
        return client.request(options).compose(request -> request.send()).compose(this::body);
    }

    private Future<ScrapedBody> body(HttpClientResponse response) {
        if (response.statusCode() != 200) {
            return Future.failedFuture("HTTP status " + response.statusCode());
        }
        String contentType = response.getHeader(HttpHeaders.CONTENT_TYPE);
        Promise<ScrapedBody> promise = Promise.promise();
        Buffer body = Buffer.buffer();
        response.handler(chunk -> {
            if (body.length() + chunk.length() > maxBodyBytes) {
                promise.tryFail("response larger than " + maxBodyBytes + " bytes (ingest.max_scrape_bytes)");
                response.request().connection().close();
                return;
            }
            body.appendBuffer(chunk);
        });
        response.endHandler(v -> promise.tryComplete(new ScrapedBody(contentType, body.getBytes())));
        response.exceptionHandler(promise::tryFail);
        return promise.future();
    }

    private record ScrapedBody(String contentType, byte[] bytes) {
    }

    private void record(long tick, ScrapedBody body, double seconds) {
        ParsedSamples parsed = parser.parse(body.bytes(), PrometheusTextParser.Format.ofContentType(body.contentType()), tick, target.labels());
        if (parsed.rejected() > 0) {
            LOG.debug("scrape of {}: {} sample(s) rejected, first: {}", target.url(), parsed.rejected(),
                    parsed.errors().isEmpty() ? "" : parsed.errors().getFirst().message());
        }
        List<MetricSample> samples = new ArrayList<>(parsed.accepted().size() + previous.size() + 3);
        samples.addAll(parsed.accepted());
        Set<SeriesKey> seen = new HashSet<>(parsed.accepted().size() * 2);
        for (MetricSample sample : parsed.accepted()) {
            seen.add(sample.series());
        }
        for (SeriesKey gone : previous) {
            if (!seen.contains(gone)) {
                samples.add(new MetricSample(gone, tick, StaleMarker.VALUE));
            }
        }
        previous = seen;
        addTargetSeries(samples, tick, 1, seconds, parsed.accepted().size());
        store.append(samples);
    }

    private void recordFailure(long tick, String reason, double seconds) {
        LOG.warn("scrape of {} failed: {}", target.url(), reason);
        List<MetricSample> samples = new ArrayList<>(previous.size() + 3);
        for (SeriesKey gone : previous) {
            samples.add(new MetricSample(gone, tick, StaleMarker.VALUE));
        }
        previous = Set.of();
        addTargetSeries(samples, tick, 0, seconds, 0);
        store.append(samples);
    }

    private void addTargetSeries(List<MetricSample> samples, long tick, double up, double seconds, int scraped) {
        Labels labels = target.labels();
        samples.add(new MetricSample("up", labels, tick, up));
        samples.add(new MetricSample("scrape_duration_seconds", labels, tick, seconds));
        samples.add(new MetricSample("scrape_samples_scraped", labels, tick, scraped));
    }
}
