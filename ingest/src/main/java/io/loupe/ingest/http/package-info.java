/**
 * Vert.x handlers of the ingest endpoints: logs ({@code LogIngestHandler}) and the metric push
 * protocols, mounted together by {@code MetricIngestRoutes} on one {@code MetricIngestPipeline}.
 *
 * <p>Every endpoint goes through {@code IngestEndpoint}: 503 while its store replays the WAL, at most
 * {@code ingest.max_in_flight_requests} requests in flight (more are answered 429), the body collected
 * on the event loop within its size limit, and decoding, parsing, the WAL write and indexing on the
 * ingest worker pool. The native endpoints answer with {@code IngestResponseBody}; the other
 * protocols in their own shape.
 */
package io.loupe.ingest.http;
