/**
 * InfluxDB line protocol (v1 and v2 {@code /write}), parsed into metric samples.
 *
 * <p>Key types: {@link io.loupe.ingest.influx.InfluxLineParser} (the grammar is in its javadoc),
 * {@link io.loupe.ingest.influx.Precision} (the {@code precision} parameter); inside,
 * {@code LineProtocolReader} reads one line, {@code FieldValues} one field value and
 * {@code SeriesNaming} turns measurement, field and tag names into series and label names.
 *
 * <p>Invariants: a parse is a pure function of its arguments and thread-safe; each field of a line
 * is one sample, accepted or rejected on its own, and a line that cannot be read is rejected once;
 * the only exception is the request limit (TOO_MANY_EVENTS); work and memory are linear in the body.
 */
package io.loupe.ingest.influx;
