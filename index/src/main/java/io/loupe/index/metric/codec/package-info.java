/**
 * The on-disk format of stored metrics: immutable segment files, each holding one block of time of
 * many series at one resolution ({@link io.loupe.index.metric.codec.MetricSegmentFormat}, the
 * grammar), written by {@link io.loupe.index.metric.codec.MetricSegmentWriter} and read by
 * {@link io.loupe.index.metric.codec.MetricSegmentReader}; and the column codecs inside them:
 * delta-of-delta timestamps ({@code TimestampColumnCodec}) and values as a constant, scaled
 * decimals ({@code DecimalColumnCodec}) or Gorilla XOR ({@code GorillaXorCodec}), whichever is
 * smallest per column ({@code ValueColumnCodec}).
 *
 * <p><b>Invariants:</b> every double round-trips bit for bit (NaN payloads such as the stale
 * marker, -0.0, infinities, subnormals); a segment file is complete or absent (written to
 * {@code .tmp}, fsynced, renamed); series with equal timestamps share one stored timestamp column;
 * any single bit flip or truncation of a file raises
 * {@link io.loupe.index.metric.codec.MetricSegmentCorruptException} naming the file, never wrong
 * data.
 */
package io.loupe.index.metric.codec;
