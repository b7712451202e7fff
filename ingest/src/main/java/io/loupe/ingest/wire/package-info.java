/**
 * Binary wire formats shared by the binary ingest protocols (Prometheus remote write, OTLP, Loki push):
 * a hand-written protobuf reader and writer and a snappy block decompressor, over byte arrays, with no
 * generated code and no native library.
 *
 * <p>Key types: {@link io.loupe.ingest.wire.ProtobufReader} (one field at a time, skipping unknown
 * fields), {@link io.loupe.ingest.wire.ProtobufWriter} (responses, test messages),
 * {@link io.loupe.ingest.wire.SnappyDecompressor} (raw block format), {@link io.loupe.ingest.wire.Utf8}.
 *
 * <p><b>Invariants:</b> every read is bounds-checked; malformed input ends only in
 * {@link io.loupe.ingest.wire.WireFormatException} or {@link io.loupe.ingest.wire.SnappyFormatException}
 * (with the offset), never in an index or arithmetic exception, an unbounded allocation or a loop that
 * does not consume input. These exceptions know nothing of HTTP: each protocol decoder maps them to a
 * {@code LoupeException} with its own wording.
 */
package io.loupe.ingest.wire;
