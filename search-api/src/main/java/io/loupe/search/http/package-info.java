/**
 * Vert.x handlers of the read API: {@code /api/v1/search} (logs) and {@code /api/v1/metrics/query},
 * {@code /series}, {@code /labels}, {@code /labels/{name}/values}, with the JSON rendering of their
 * answers ({@code SearchResponseWriter}, {@code MetricsResponseWriter}); and, mounted by
 * {@link io.loupe.search.http.CorrelationRoutes}, {@code /api/v1/correlate},
 * {@code /api/v1/correlate/host/{host}} and {@code /api/v1/users/{user_id}/timeline}
 * ({@code CorrelationResponseWriter}, {@code TimelineResponseWriter}; events rendered as search
 * renders hits); and, mounted by {@code ExploreRoutes}, the live tail ({@code TailHandler},
 * server-sent events), the field listing and top values ({@code FieldsHandler}) and an event's
 * context ({@code EventContextHandler}); and, mounted by {@link io.loupe.search.http.AuditRoutes},
 * {@code /api/v1/audit/search}, the streamed {@code /api/v1/audit/export} ({@code AuditCsvWriter}) and
 * {@code /api/v1/audit/verify}.
 *
 * <p>Invariant: every handler goes through {@code ReadEndpoint}: 503 while its store replays the
 * write-ahead log, parameters read on the event loop, store reads and rendering on the search worker
 * pool, never on the event loop. The live tail and the audit export, streams rather than one answer,
 * keep the same rules themselves: their reads run on the search worker pool, and they buffer at most
 * {@code search.tail_max_buffer_bytes} plus one poll (a tail) or one page (an export) for a client.
 */
package io.loupe.search.http;
