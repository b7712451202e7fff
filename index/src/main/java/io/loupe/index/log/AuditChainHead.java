package io.loupe.index.log;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The newest event of a partition's audit hash chain: its position and the SHA-256 of its stored
 * bytes. {@link #GENESIS} (position 0, 32 zero bytes) stands before the first event.
 */
public record AuditChainHead(long position, byte[] hash) {
    public static final AuditChainHead GENESIS = new AuditChainHead(0, new byte[AuditChainLink.HASH_BYTES]);

    public AuditChainHead {
        if (position < 0 || hash.length != AuditChainLink.HASH_BYTES) {
            throw new IllegalArgumentException("not a chain head: position " + position + ", " + hash.length + " hash bytes");
        }
    }

    /** The link the next event of the chain stores. */
    AuditChainLink nextLink() {
        return new AuditChainLink(position + 1, hash);
    }

    /** The head once the event with this link and these stored bytes is the newest. */
    static AuditChainHead after(AuditChainLink link, byte[] stored, int offset, int length) {
        return new AuditChainHead(link.position(), sha256(stored, offset, length));
    }

    static byte[] sha256(byte[] bytes, int offset, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(bytes, offset, length);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    boolean sameAs(AuditChainHead other) {
        return position == other.position && Arrays.equals(hash, other.hash);
    }

    /** {@code <position>:<hash as hex>}, the form kept in a partition's commit. */
    String encode() {
        return position + ":" + HexFormat.of().formatHex(hash);
    }

    static AuditChainHead decode(String encoded) {
        int colon = encoded.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("not an audit chain head: " + encoded);
        }
        return new AuditChainHead(Long.parseLong(encoded.substring(0, colon)), HexFormat.of().parseHex(encoded.substring(colon + 1)));
    }

    public String hashHex() {
        return HexFormat.of().formatHex(hash);
    }
}
