/**
 * The Prometheus text exposition format 0.0.4 and OpenMetrics 1.0 text, parsed into metric samples:
 * the body of a scrape or of a push.
 *
 * <p>Key types: {@link io.loupe.ingest.prometheus.PrometheusTextParser} (the grammar is in its javadoc)
 * and its {@code Format}; inside, {@code SampleLineReader} reads one sample line from the body bytes
 * and {@code ExpositionNumbers} its value and timestamp.
 *
 * <p>Invariants: a parse is a pure function of its arguments (bytes in, samples out) and thread-safe;
 * a bad line becomes one {@link io.loupe.ingest.parse.LineError} and the other lines are kept; the only
 * exception is the request limit (TOO_MANY_EVENTS); work and memory are linear in the body size. This
 * is the scrape hot path, so lines are read as bytes without regexes and without a String per line.
 */
package io.loupe.ingest.prometheus;
