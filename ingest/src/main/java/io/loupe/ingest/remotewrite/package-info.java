/**
 * Prometheus remote write 1.0: a snappy-compressed protobuf {@code WriteRequest} to metric samples.
 *
 * <p>Key types: {@link io.loupe.ingest.remotewrite.RemoteWriteDecoder} (body to
 * {@link io.loupe.ingest.parse.ParsedSamples}, a pure function of its bytes and the limits) and
 * {@link io.loupe.ingest.remotewrite.RemoteWriteRequestCheck} (the headers the HTTP handler checks
 * before reading the body).
 *
 * <p><b>Invariants:</b> sample values keep their exact bits (the stale marker NaN
 * {@code 0x7ff0000000000002} survives); a series that cannot be stored is rejected on its own with
 * its position and reason and the others are kept; a malformed body is refused whole with the offset
 * of the problem; decompression never allocates more than {@code ingest.max_body_bytes}.
 */
package io.loupe.ingest.remotewrite;
