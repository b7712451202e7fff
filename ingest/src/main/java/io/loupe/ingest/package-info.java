/** Ingest: wire formats to log events, and the limits that guard the endpoints ({@link io.loupe.ingest.IngestConfig}). */
package io.loupe.ingest;
