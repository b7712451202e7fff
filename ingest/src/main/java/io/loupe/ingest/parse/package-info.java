/**
 * Parsers from wire formats to {@link io.loupe.index.api.LogEvent}: the native NDJSON / JSON-array
 * format, timestamp and level normalisation. A bad event is rejected on its own with a line number
 * and reason; the rest of the request is kept.
 */
package io.loupe.ingest.parse;
