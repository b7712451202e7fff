/**
 * Vert.x handlers of the ingest endpoints. Bodies are collected on the event loop within their size
 * limit; decoding, parsing, the WAL write and indexing run on the ingest worker pool; a bounded
 * number of requests is in flight, more are answered 429.
 */
package io.loupe.ingest.http;
