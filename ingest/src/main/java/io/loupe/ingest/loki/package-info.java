/**
 * The Loki push API ({@code POST /loki/api/v1/push}, as Promtail, Grafana Alloy, Vector and Fluent Bit
 * send it): JSON or snappy-compressed protobuf streams of entries to log events.
 *
 * <p>Key types: {@link io.loupe.ingest.loki.LokiPushDecoder} (body to
 * {@link io.loupe.ingest.loki.LokiPushOutcome}; the label-to-field table is in its javadoc),
 * {@link io.loupe.ingest.loki.LokiPushFormat} (Content-Type and Content-Encoding),
 * {@code LokiJsonPushReader} and {@code LokiProtobufPushReader} (one per encoding, both feeding
 * {@code LokiPushCollector}), {@code LokiLabelsParser} (the {@code {job="api"}} label set string),
 * {@code LokiStreamLabels} (a stream's labels resolved once for all its entries).
 *
 * <p><b>Invariants:</b> an entry that cannot be stored is rejected on its own with its position
 * ({@code streams[i].values[j]}) and reason, a stream whose labels cannot be read with all of its
 * entries, and the rest of the request is kept; the reject count is exact; entries are counted against
 * {@code ingest.max_events_per_request} as they are read, so an oversized request is refused before it
 * is held in memory; decompression never allocates more than {@code ingest.max_body_bytes}; a malformed
 * body ends only in a {@link io.loupe.index.api.LoupeException}.
 */
package io.loupe.ingest.loki;
