/**
 * The lines around one event ({@code GET /api/v1/events/{id}/context}): {@link io.loupe.search.context.EventContextRequest}
 * reads the request, {@link io.loupe.search.context.EventContextFinder} finds the event by id and the
 * older and newer lines of its host and source with search cursors, in widening time windows.
 */
package io.loupe.search.context;
