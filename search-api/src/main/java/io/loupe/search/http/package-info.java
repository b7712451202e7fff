/**
 * Vert.x handlers of the read API: {@code /api/v1/search} (logs) and {@code /api/v1/metrics/query},
 * {@code /series}, {@code /labels}, {@code /labels/{name}/values}, with the JSON rendering of their
 * answers ({@code SearchResponseWriter}, {@code MetricsResponseWriter}); and, mounted by
 * {@link io.loupe.search.http.CorrelationRoutes}, {@code /api/v1/correlate},
 * {@code /api/v1/correlate/host/{host}} and {@code /api/v1/users/{user_id}/timeline}
 * ({@code CorrelationResponseWriter}, {@code TimelineResponseWriter}; events rendered as search
 * renders hits).
 *
 * <p>Invariant: every handler goes through {@code ReadEndpoint}: 503 while its store replays the
 * write-ahead log, parameters read on the event loop, store reads and rendering on the search worker
 * pool, never on the event loop.
 */
package io.loupe.search.http;
