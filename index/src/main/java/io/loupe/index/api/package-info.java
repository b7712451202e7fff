/**
 * What other modules import from the index: the log event model ({@link io.loupe.index.api.LogEvent},
 * {@link io.loupe.index.api.LogKind}, {@link io.loupe.index.api.LogFields}), the store interface
 * ({@link io.loupe.index.api.LogStore}) with its search request and result, how fields are named in
 * Lucene ({@link io.loupe.index.api.IndexedFields}), the error codes every endpoint answers with, and
 * the small settings abstraction each module uses for its config record.
 */
package io.loupe.index.api;
