/**
 * Parsers from the native wire formats to {@link io.loupe.index.api.LogEvent}s and metric samples,
 * and what every metric protocol parser (here and in {@code prometheus}, {@code influx},
 * {@code remotewrite}, {@code otlp}) shares.
 *
 * <p>Key types: {@link io.loupe.ingest.parse.NativeLogParser} and
 * {@link io.loupe.ingest.parse.NativeMetricParser} (NDJSON or one JSON array, with timestamp and
 * level normalisation); for every metric decoder, {@link io.loupe.ingest.parse.MetricLimits} (the
 * limits), {@link io.loupe.ingest.parse.SampleCollector} (one request's accepted samples, rejects and
 * limit checks, ending in {@link io.loupe.ingest.parse.ParsedSamples}),
 * {@link io.loupe.ingest.parse.SampleRejectedException}, {@link io.loupe.ingest.parse.TextLines}
 * (the line splitting of the text formats) and {@link io.loupe.ingest.parse.InputExcerpt} (how an
 * error message quotes its input).
 *
 * <p>Invariants: a bad event or sample is rejected on its own with its line (or position) and reason,
 * and the rest of the request is kept; the reject count is exact and at most the first 100 reasons are
 * listed; only a request over a request-wide limit (too many events or samples, a broken JSON array) is
 * refused whole; every limit message names its setting; a parse is a pure function of its arguments.
 */
package io.loupe.ingest.parse;
