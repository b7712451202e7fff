package io.loupe.index.api;

import java.util.List;

/**
 * What recomputing the audit hash chains found.
 *
 * @param status        intact, or broken at the first mismatch
 * @param events        audit events whose links checked out (all of them when intact)
 * @param partitions    each verified partition's chain, oldest day first (up to the broken one)
 * @param firstBadEvent the first event found altered, or the event that follows missing ones; null
 *                      when intact, or when no event is left to name (every event of a chain deleted)
 * @param partition     the partition of the break, null when intact
 * @param reason        what does not match, in words; null when intact
 */
public record AuditVerification(Status status, long events, List<PartitionChain> partitions,
                                LogSearchResult.LogHit firstBadEvent, String partition, String reason) {

    public AuditVerification {
        partitions = List.copyOf(partitions);
    }

    public enum Status {
        INTACT, BROKEN;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One partition's chain.
     *
     * @param partition    {@code audit/<yyyy-mm-dd>}
     * @param events       audit events verified in it
     * @param headPosition the chain position of its newest event, as Loupe keeps it
     * @param headHash     the SHA-256 (hex) of its newest event's stored bytes, as Loupe keeps it
     */
    public record PartitionChain(String partition, long events, long headPosition, String headHash) {
    }
}
