package io.loupe.ingest.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

class SnappyDecompressorTest {
    private static byte[] bytes(int... values) {
        byte[] result = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = (byte) values[i];
        }
        return result;
    }

    @Test
    void emptyBlockIsEmpty() {
        assertArrayEquals(new byte[0], SnappyDecompressor.decompress(bytes(0x00), 10));
    }

    @Test
    void literalAndOverlappingCopyRepeatAPattern() {
        // length 8; literal "ab" (tag 0x04 = length 2); copy-2 of length 6 from offset 2 (tag (6-1)<<2 | 2 = 0x16)
        byte[] out = SnappyDecompressor.decompress(bytes(0x08, 0x04, 'a', 'b', 0x16, 0x02, 0x00), 100);
        assertEquals("abababab", new String(out, StandardCharsets.US_ASCII));
    }

    @Test
    void copyOneAndCopyFourForms() {
        // length 9: literal "xyz", copy-1 length 4 offset 3 (tag (4-4)<<2 | 1 = 0x01, offset byte 3), copy-4 length 2 offset 1
        byte[] out = SnappyDecompressor.decompress(bytes(0x09, 0x08, 'x', 'y', 'z', 0x01, 0x03, 0x07, 0x01, 0, 0, 0), 100);
        assertEquals("xyzxyzxxx", new String(out, StandardCharsets.US_ASCII));
    }

    @Test
    void longLiteralUsesExtraLengthBytes() throws Exception {
        byte[] text = new byte[300];
        for (int i = 0; i < text.length; i++) {
            text[i] = (byte) (i * 7919 % 251);
        }
        assertArrayEquals(text, SnappyDecompressor.decompress(Snappy.compress(text), 1000));
    }

    @Test
    void declaredLengthOverTheLimitIsRefusedBeforeAllocating() throws Exception {
        byte[] compressed = Snappy.compress(new byte[5000]);
        SnappyOutputTooLargeException e = assertThrows(SnappyOutputTooLargeException.class,
                () -> SnappyDecompressor.decompress(compressed, 4999));
        assertEquals(5000, e.declaredLength());
        assertEquals(4999, e.limit());
        assertEquals("declared uncompressed length 5000 bytes is more than the limit of 4999 bytes at offset 0 of the compressed input",
                e.getMessage());
        assertEquals(5000, SnappyDecompressor.decompress(compressed, 5000).length);
    }

    @Test
    void declaredLengthTheInputCannotHoldIsRefused() {
        // declares 2^31 - 1 bytes with 1 byte of body: would be a 2 GiB allocation from 6 bytes
        SnappyFormatException e = assertThrows(SnappyFormatException.class,
                () -> SnappyDecompressor.decompress(bytes(0xff, 0xff, 0xff, 0xff, 0x07, 0x00), Integer.MAX_VALUE));
        assertTrue(e.getMessage().contains("is more than the 1 compressed bytes can hold"), e.getMessage());
    }

    @Test
    void framingFormatIsNamed() throws Exception {
        byte[] framed = bytes(0xff, 0x06, 0x00, 0x00, 's', 'N', 'a', 'P', 'p', 'Y', 0x01, 0x05, 0, 0, 0, 0, 0, 'h');
        assertTrue(assertThrows(SnappyFormatException.class, () -> SnappyDecompressor.decompress(framed, 100))
                .getMessage().contains("snappy framing format"));
    }

    @Test
    void copyBeforeTheStartIsRefused() {
        // length 4; copy-1 with offset 1 before anything was written
        SnappyFormatException e = assertThrows(SnappyFormatException.class,
                () -> SnappyDecompressor.decompress(bytes(0x04, 0x01, 0x01), 100));
        assertEquals("copy offset 1 reaches outside the 0 bytes written so far at offset 1 of the compressed input", e.getMessage());
        assertThrows(SnappyFormatException.class, () -> SnappyDecompressor.decompress(bytes(0x08, 0x04, 'a', 'b', 0x16, 0x00, 0x00), 100));
    }

    @Test
    void outputShorterOrLongerThanDeclaredIsRefused() {
        assertTrue(assertThrows(SnappyFormatException.class, () -> SnappyDecompressor.decompress(bytes(0x03, 0x04, 'a', 'b'), 100))
                .getMessage().startsWith("input ends after 2 of the 3 declared uncompressed bytes"));
        assertTrue(assertThrows(SnappyFormatException.class, () -> SnappyDecompressor.decompress(bytes(0x01, 0x04, 'a', 'b'), 100))
                .getMessage().startsWith("element of 2 bytes would write past the declared length 1"));
    }

    @Test
    void truncatedInputsAreRefused() {
        assertThrows(SnappyFormatException.class, () -> SnappyDecompressor.decompress(new byte[0], 100));
        assertThrows(SnappyFormatException.class, () -> SnappyDecompressor.decompress(bytes(0x80), 100));
        assertThrows(SnappyFormatException.class, () -> SnappyDecompressor.decompress(bytes(0x05, 0xf0), 100));
        assertThrows(SnappyFormatException.class, () -> SnappyDecompressor.decompress(bytes(0x05, 0x10, 'a'), 100));
        assertThrows(SnappyFormatException.class, () -> SnappyDecompressor.decompress(bytes(0x05, 0x00, 'a', 0x02, 0x01), 100));
        assertThrows(SnappyFormatException.class, () -> SnappyDecompressor.decompress(bytes(0x05, 0x00, 'a', 0x03, 0x01, 0x00), 100));
    }

    @Test
    void preambleLongerThanFiveBytesIsRefused() {
        assertTrue(assertThrows(SnappyFormatException.class,
                () -> SnappyDecompressor.decompress(bytes(0x80, 0x80, 0x80, 0x80, 0x80, 0x00), 100)).getMessage()
                .startsWith("length preamble longer than 5 bytes"));
    }

    @Test
    void decompressesARangeOfAnArray() throws Exception {
        byte[] compressed = Snappy.compress("hello hello hello".getBytes(StandardCharsets.US_ASCII));
        byte[] padded = new byte[compressed.length + 6];
        System.arraycopy(compressed, 0, padded, 3, compressed.length);
        assertEquals("hello hello hello",
                new String(SnappyDecompressor.decompress(padded, 3, compressed.length, 100), StandardCharsets.US_ASCII));
    }
}
