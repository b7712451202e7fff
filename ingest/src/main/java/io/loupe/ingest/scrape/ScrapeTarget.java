package io.loupe.ingest.scrape;

import io.loupe.index.api.Labels;
import java.net.URI;
import java.time.Duration;

/**
 * One endpoint Loupe pulls metrics from.
 *
 * @param url      the {@code /metrics} URL (http or https)
 * @param interval time between scrapes; samples without their own timestamp get the scrape's tick time
 * @param timeout  a scrape that takes longer fails ({@code up} = 0); at most the interval
 * @param labels   target labels added to every sample: {@code job}, {@code instance} (host:port of the
 *                 URL unless configured) and the configured ones; a scraped label of the same name is
 *                 renamed {@code exported_<name>} (Prometheus's honor_labels=false)
 */
public record ScrapeTarget(URI url, Duration interval, Duration timeout, Labels labels) {
    public String instance() {
        return labels.get("instance");
    }

    public String job() {
        return labels.get("job");
    }
}
