/**
 * The write-ahead log: numbered, checksummed records in segment files ({@link io.loupe.index.wal.WalFormat}),
 * written by one thread with group commit (one fsync per batch of concurrent appends), replayed at
 * start, truncated once index commits cover it.
 *
 * <p><b>Invariants:</b> an append completes only after its record is fsynced; sequence numbers are
 * consecutive and never reused; only the tail of the newest segment may be torn, and it is cut and
 * reported; damage anywhere else stops the start with {@link io.loupe.index.wal.WalCorruptionException}.
 */
package io.loupe.index.wal;
