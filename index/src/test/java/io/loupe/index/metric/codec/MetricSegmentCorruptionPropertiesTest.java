package io.loupe.index.metric.codec;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loupe.index.api.MetricResolution;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A damaged segment is never read as data: any single bit flip or truncation makes open or read
 * throw {@link MetricSegmentCorruptException} naming the file, and never any other exception.
 */
class MetricSegmentCorruptionPropertiesTest {
    private Path directory;

    @BeforeProperty
    void createDirectory() throws IOException {
        directory = Files.createTempDirectory("metric-segment-corruption");
    }

    @AfterProperty
    void deleteDirectory() throws IOException {
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(directory);
    }

    @Property(tries = 200)
    void aFlippedBitAnywhereIsReported(@ForAll("seeds") long seed, @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int where)
            throws IOException {
        SegmentContent content = SegmentContent.generate(seed % 2 == 0 ? MetricResolution.RAW : MetricResolution.ONE_HOUR,
                1 + (int) Math.floorMod(seed, 12L), 60, seed);
        Path file = directory.resolve("flip-" + seed + ".lms");
        content.write(file);
        byte[] bytes = Files.readAllBytes(file);
        int bit = where % (bytes.length * 8);
        bytes[bit / 8] ^= (byte) (1 << (bit % 8));
        Files.write(file, bytes);

        assertReportedAsCorrupt(file, content, "bit " + bit + " of " + bytes.length * 8 + " flipped");
        Files.delete(file);
    }

    @Property(tries = 20)
    void aFlippedBitInALargeSegmentIsReported(@ForAll("seeds") long seed, @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int where)
            throws IOException {
        SegmentContent content = SegmentContent.generate(MetricResolution.RAW, 60, 2000, seed);
        Path file = directory.resolve("large-flip-" + seed + ".lms");
        content.write(file);
        byte[] bytes = Files.readAllBytes(file);
        int bit = where % (bytes.length * 8);
        bytes[bit / 8] ^= (byte) (1 << (bit % 8));
        Files.write(file, bytes);

        assertReportedAsCorrupt(file, content, "bit " + bit + " of " + bytes.length * 8 + " flipped");
        Files.delete(file);
    }

    @Test
    void everySingleBitFlipOfASmallSegmentIsReported(@TempDir Path directory) throws IOException {
        SegmentContent content = SegmentContent.generate(MetricResolution.FIVE_MINUTES, 3, 12, 42);
        Path original = directory.resolve("original.lms");
        content.write(original);
        byte[] bytes = Files.readAllBytes(original);
        Path file = directory.resolve("flipped.lms");
        for (int bit = 0; bit < bytes.length * 8; bit++) {
            byte[] damaged = bytes.clone();
            damaged[bit / 8] ^= (byte) (1 << (bit % 8));
            Files.write(file, damaged);
            assertReportedAsCorrupt(file, content, "bit " + bit + " of " + bytes.length * 8 + " flipped");
        }
    }

    @Test
    void everyTruncationIsReported(@TempDir Path directory) throws IOException {
        SegmentContent content = SegmentContent.generate(MetricResolution.RAW, 8, 100, 7);
        Path original = directory.resolve("original.lms");
        content.write(original);
        byte[] bytes = Files.readAllBytes(original);
        Path file = directory.resolve("truncated.lms");
        for (int length = 0; length < bytes.length; length++) {
            Files.write(file, Arrays.copyOf(bytes, length));
            assertReportedAsCorrupt(file, content, "truncated to " + length + " of " + bytes.length + " bytes");
        }
    }

    @Test
    void bytesAppendedAfterTheFooterAreReported(@TempDir Path directory) throws IOException {
        SegmentContent content = SegmentContent.generate(MetricResolution.RAW, 8, 100, 11);
        Path file = directory.resolve("extended.lms");
        content.write(file);
        byte[] bytes = Files.readAllBytes(file);
        byte[] extended = Arrays.copyOf(bytes, bytes.length + 20);
        System.arraycopy(bytes, bytes.length - 20, extended, bytes.length, 20);
        Files.write(file, extended);
        assertReportedAsCorrupt(file, content, "20 bytes appended");
    }

    /** Opening and reading every series, one by one and at once, must fail with the file named. */
    private static void assertReportedAsCorrupt(Path file, SegmentContent content, String damage) {
        MetricSegmentCorruptException thrown = assertThrows(MetricSegmentCorruptException.class, () -> {
            try (MetricSegmentReader reader = MetricSegmentReader.open(file)) {
                for (int id : content.seriesIds()) {
                    reader.read(id);
                }
                reader.read(content.seriesIds());
            }
        }, damage + ": the segment was read without an error");
        assertTrue(thrown.getMessage().contains(file.toString()), damage + ": message does not name the file: " + thrown.getMessage());
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }
}
