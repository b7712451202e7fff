package io.loupe.index.log;

/**
 * What an audit event stores of its partition's hash chain: its place in the chain (1 for the first
 * audit event of the partition) and the SHA-256 of the stored bytes of the audit event before it
 * (32 zero bytes for the first).
 */
public record AuditChainLink(long position, byte[] previousHash) {
    public static final int HASH_BYTES = 32;

    public AuditChainLink {
        if (position < 1) {
            throw new IllegalArgumentException("chain positions start at 1, got " + position);
        }
        if (previousHash.length != HASH_BYTES) {
            throw new IllegalArgumentException("a chain hash has " + HASH_BYTES + " bytes, got " + previousHash.length);
        }
    }
}
