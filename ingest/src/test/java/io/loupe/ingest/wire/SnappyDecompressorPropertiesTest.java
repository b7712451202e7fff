package io.loupe.ingest.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.xerial.snappy.Snappy;

/**
 * Against the reference implementation (snappy-java, the C++ library): whatever it compresses
 * decompresses to the same bytes; garbage and mutated blocks end only in SnappyFormatException and
 * never produce more than the limit.
 */
class SnappyDecompressorPropertiesTest {
    private static final int LIMIT = 1 << 20;

    @Property(tries = 300)
    void decompressesWhatSnappyJavaCompresses(@ForAll("compressible") byte[] data) throws IOException {
        assertArrayEquals(data, SnappyDecompressor.decompress(Snappy.compress(data), data.length));
    }

    @Property(tries = 100)
    void decompressesRandomData(@ForAll @Size(max = 70_000) byte[] data) throws IOException {
        assertArrayEquals(data, SnappyDecompressor.decompress(Snappy.compress(data), LIMIT));
    }

    @Property(tries = 2000)
    void garbageEndsOnlyInSnappyFormatException(@ForAll @Size(max = 300) byte[] garbage) {
        decompressOrRefuse(garbage);
    }

    @Property(tries = 1000)
    void mutatedBlocksEndOnlyInSnappyFormatException(@ForAll("compressible") byte[] data,
                                                     @ForAll @Size(min = 1, max = 4) List<@IntRange(min = 0, max = Integer.MAX_VALUE) Integer> positions,
                                                     @ForAll byte replacement) throws IOException {
        byte[] compressed = Snappy.compress(data);
        for (int position : positions) {
            compressed[position % compressed.length] ^= (byte) (replacement | 1);
        }
        decompressOrRefuse(compressed);
        byte[] truncated = java.util.Arrays.copyOf(compressed, positions.get(0) % compressed.length);
        decompressOrRefuse(truncated);
    }

    private static void decompressOrRefuse(byte[] input) {
        try {
            byte[] out = SnappyDecompressor.decompress(input, LIMIT);
            assertTrue(out.length <= LIMIT);
        } catch (SnappyFormatException refused) {
            assertTrue(refused.getMessage().contains("compressed input"), refused.getMessage());
        }
    }

    /** Data with repeats at every distance, so all copy forms appear (snappy-java uses copy-4 only past 64 KiB). */
    @Provide
    Arbitrary<byte[]> compressible() {
        Arbitrary<byte[]> chunk = Arbitraries.bytes().between((byte) 'a', (byte) 'f').array(byte[].class).ofMinSize(1).ofMaxSize(80);
        return chunk.list().ofMinSize(1).ofMaxSize(40).flatMap(chunks -> Arbitraries.integers().between(1, 30).list().ofSize(chunks.size())
                .map(repeats -> {
                    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                    for (int i = 0; i < chunks.size(); i++) {
                        for (int r = 0; r < repeats.get(i); r++) {
                            out.writeBytes(chunks.get(i));
                        }
                    }
                    return out.toByteArray();
                }));
    }
}
