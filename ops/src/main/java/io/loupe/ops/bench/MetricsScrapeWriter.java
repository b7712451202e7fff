package io.loupe.ops.bench;

import io.loupe.index.api.Labels;
import io.loupe.index.api.MetricAppendResult;
import io.loupe.index.api.MetricSample;
import io.loupe.index.api.MetricStore;
import io.loupe.ingest.parse.MetricLimits;
import io.loupe.ingest.parse.ParsedSamples;
import io.loupe.ingest.prometheus.PrometheusTextParser;
import java.time.Instant;
import java.util.List;

/**
 * One scrape into the metric store, as the server's scrape path does it: parse the body (text format
 * 0.0.4) with the target's labels, stamped with the tick, and append the samples in one call. In a
 * benchmark nothing may be lost, so any rejected line or sample fails the run with the first reason.
 * Thread-safe (the parser and the store are).
 */
final class MetricsScrapeWriter {
    private final MetricStore store;
    private final PrometheusTextParser parser;

    MetricsScrapeWriter(MetricStore store, MetricLimits limits) {
        this.store = store;
        this.parser = new PrometheusTextParser(limits);
    }

    /** Parses and appends one scrape; returns the samples stored. */
    List<MetricSample> write(byte[] body, long tickMillis, Labels targetLabels) {
        ParsedSamples parsed = parser.parse(body, PrometheusTextParser.Format.TEXT_0_0_4, tickMillis, targetLabels);
        if (parsed.rejected() > 0) {
            throw new IllegalStateException("the parser rejected " + parsed.rejected() + " lines of the scrape at "
                    + Instant.ofEpochMilli(tickMillis) + " for " + targetLabels + "; first: " + parsed.errors().getFirst());
        }
        MetricAppendResult appended = store.append(parsed.accepted());
        if (appended.rejected() > 0) {
            throw new IllegalStateException("the store rejected " + appended.rejected() + " of " + parsed.accepted().size()
                    + " samples of the scrape at " + Instant.ofEpochMilli(tickMillis) + " for " + targetLabels + "; first: "
                    + appended.rejects().getFirst().reason());
        }
        return parsed.accepted();
    }
}
