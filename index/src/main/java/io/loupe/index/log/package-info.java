/**
 * The Lucene log store: one index per (kind, UTC day) under {@code data/logs/<kind>/<yyyy-mm-dd>},
 * sorted newest first; {@link io.loupe.index.log.DurableLogStore} puts the write-ahead log in front
 * of them, recovers exactly once after a crash, commits and truncates, applies retention.
 *
 * <p><b>Invariant:</b> a partition commit records the WAL sequence number up to which every record
 * is in it; documents of later records are discarded and replayed at recovery, so every
 * acknowledged event is searchable exactly once.
 *
 * <p><b>Invariant:</b> audit events are hash-chained per partition in write-ahead-log order
 * ({@link io.loupe.index.log.AuditChain}); their stored bytes are never re-encoded, and each commit
 * keeps the chain head as of what it covers, so {@link io.loupe.index.log.AuditChainVerifier} can
 * tell an altered, a removed or a missing newest event.
 */
package io.loupe.index.log;
