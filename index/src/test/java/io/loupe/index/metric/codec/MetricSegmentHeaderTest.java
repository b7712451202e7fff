package io.loupe.index.metric.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loupe.index.api.MetricResolution;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that are not segments of a version this build reads are refused with the file and the problem named. */
class MetricSegmentHeaderTest {
    private static final int VERSION_OFFSET = 4 + 1 + MetricSegmentFormat.CODEC_NAME_BYTES.length;

    @TempDir
    Path directory;

    @Test
    void headerFieldsReadBack() throws IOException {
        Path file = writeSegment("header.lms");
        try (MetricSegmentReader reader = MetricSegmentReader.open(file)) {
            assertEquals(new SegmentHeader(MetricResolution.FIVE_MINUTES, 1_000, 3_600_000), reader.header());
            assertEquals(6, reader.read(3).columns().length);
        }
    }

    @Test
    void wrongMagicIsRefused() throws IOException {
        Path file = writeSegment("magic.lms");
        overwrite(file, 0, ByteBuffer.allocate(4).putInt(0x12345678).array());
        assertRefused(file, "magic 0x12345678 is not a loupe metric segment's (0x4C4D5347)");
    }

    @Test
    void aTextFileIsRefusedAsNotASegment() throws IOException {
        Path file = directory.resolve("notes.lms");
        Files.writeString(file, "these are not the samples you are looking for, but they are long enough to hold a header");
        assertRefused(file, "is not a loupe metric segment's");
    }

    @Test
    void unknownVersionIsRefusedNamingTheVersionsThisBuildReads() throws IOException {
        Path file = writeSegment("version.lms");
        overwrite(file, VERSION_OFFSET, ByteBuffer.allocate(4).putInt(MetricSegmentFormat.VERSION_CURRENT + 1).array());
        assertRefused(file, "format version " + (MetricSegmentFormat.VERSION_CURRENT + 1)
                + " is unsupported; this build reads versions 1 to " + MetricSegmentFormat.VERSION_CURRENT);
    }

    @Test
    void otherCodecNameIsRefused() throws IOException {
        Path file = writeSegment("codec.lms");
        overwrite(file, 5, "loupe-wal-segment-xx".getBytes(StandardCharsets.UTF_8));
        assertRefused(file, "codec name 'loupe-wal-segment-xx'");
    }

    @Test
    void emptyFileIsRefusedAsTruncated() throws IOException {
        Path file = directory.resolve("empty.lms");
        Files.write(file, new byte[0]);
        assertRefused(file, "file is 0 bytes, shorter than the " + (MetricSegmentFormat.HEADER_BYTES + MetricSegmentFormat.FOOTER_BYTES)
                + " bytes of an empty segment");
    }

    @Test
    void changedBlockBoundsFailTheChecksum() throws IOException {
        Path file = writeSegment("bounds.lms");
        overwrite(file, VERSION_OFFSET + 4 + 1, ByteBuffer.allocate(8).putLong(0).array());
        assertRefused(file, "checksum of header and index");
    }

    @Test
    void aSegmentWithoutSeriesIsValid() throws IOException {
        Path file = directory.resolve("none.lms");
        try (MetricSegmentWriter writer = MetricSegmentWriter.create(file, new SegmentHeader(MetricResolution.RAW, 0, 10))) {
            assertEquals(MetricSegmentFormat.HEADER_BYTES + MetricSegmentFormat.FOOTER_BYTES + 3, writer.finish());
        }
        try (MetricSegmentReader reader = MetricSegmentReader.open(file)) {
            assertEquals(0, reader.seriesIds().length);
            assertEquals(null, reader.read(0));
        }
    }

    private Path writeSegment(String name) throws IOException {
        Path file = directory.resolve(name);
        try (MetricSegmentWriter writer = MetricSegmentWriter.create(file, new SegmentHeader(MetricResolution.FIVE_MINUTES, 1_000, 3_600_000))) {
            double[][] columns = {{1, 2}, {3, 4}, {6, 6}, {2, 2}, {3, 4}, {1.5, 0}};
            writer.add(3, new long[] {1_000, 301_000}, columns, 2);
            writer.finish();
        }
        return file;
    }

    private static void overwrite(Path file, int offset, byte[] replacement) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        System.arraycopy(replacement, 0, bytes, offset, replacement.length);
        Files.write(file, bytes);
    }

    private static void assertRefused(Path file, String problem) {
        MetricSegmentCorruptException thrown = assertThrows(MetricSegmentCorruptException.class, () -> MetricSegmentReader.open(file).close());
        assertTrue(thrown.getMessage().startsWith("metric segment " + file + " is corrupt: "), thrown.getMessage());
        assertTrue(thrown.getMessage().contains(problem), "expected '" + problem + "' in: " + thrown.getMessage());
        assertEquals(file, thrown.file());
    }
}
