/**
 * Pull: scraping Prometheus/OpenMetrics {@code /metrics} endpoints listed in the {@code scrape}
 * setting ({@link io.loupe.ingest.scrape.ScrapeConfig}). {@link io.loupe.ingest.scrape.Scrapers}
 * runs one {@link io.loupe.ingest.scrape.TargetScraper} per target on a fixed tick; each scrape is
 * parsed by {@link io.loupe.ingest.prometheus.PrometheusTextParser} with the target labels
 * ({@code job}, {@code instance}, configured ones) and stored with the same durability as a push.
 *
 * <p><b>Invariants:</b> one scrape per target at a time (a tick that finds the previous scrape
 * running is skipped); samples are stamped with the tick time, so a target's timestamps are evenly
 * spaced; a series missing from a scrape, and every series of a failed scrape, gets Prometheus's
 * staleness marker; {@code up}, {@code scrape_duration_seconds} and {@code scrape_samples_scraped}
 * are written for every scrape.
 */
package io.loupe.ingest.scrape;
