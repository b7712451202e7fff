/** Quartz scheduling of the index's periodic work: refresh, commit + WAL truncation, retention. */
package io.loupe.ops.housekeeping;
