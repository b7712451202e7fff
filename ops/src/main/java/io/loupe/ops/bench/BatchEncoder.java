package io.loupe.ops.bench;

/** Turns one NDJSON batch of generated events into the request body of another ingest protocol. */
@FunctionalInterface
interface BatchEncoder {
    byte[] encode(byte[] ndjsonBatch);
}
