/**
 * The Lucene log store: one index per (kind, UTC day) under {@code data/logs/<kind>/<yyyy-mm-dd>},
 * sorted newest first; {@link io.loupe.index.log.DurableLogStore} puts the write-ahead log in front
 * of them, recovers exactly once after a crash, commits and truncates, applies retention.
 *
 * <p><b>Invariant:</b> a partition commit records the WAL sequence number up to which every record
 * is in it; documents of later records are discarded and replayed at recovery, so every
 * acknowledged event is searchable exactly once.
 */
package io.loupe.index.log;
