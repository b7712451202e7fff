package io.loupe.index.log;

import org.apache.lucene.util.BytesRef;

/**
 * A 64-bit hash of a value's UTF-8 bytes for distinct counts: FNV-1a, then the murmur3 finaliser to
 * spread the bits. Never 0 (0 marks "not computed yet"). Two distinct values collide with a
 * probability of about n²/2⁶⁵ among n values: negligible for counting.
 */
final class ValueHash {
    private ValueHash() {
    }

    static long of(BytesRef bytes) {
        long hash = 0xcbf29ce484222325L;
        for (int i = bytes.offset; i < bytes.offset + bytes.length; i++) {
            hash ^= bytes.bytes[i] & 0xff;
            hash *= 0x100000001b3L;
        }
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        hash *= 0xc4ceb9fe1a85ec53L;
        hash ^= hash >>> 33;
        return hash == 0 ? 1 : hash;
    }
}
