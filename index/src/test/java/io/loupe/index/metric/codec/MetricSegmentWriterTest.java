package io.loupe.index.metric.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loupe.index.api.MetricResolution;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** The writer refuses input the format cannot hold and leaves either a complete segment or nothing. */
class MetricSegmentWriterTest {
    private static final SegmentHeader RAW_BLOCK = new SegmentHeader(MetricResolution.RAW, 1_000, 2_000);

    @TempDir
    Path directory;

    @Test
    void theSegmentAppearsOnlyWhenFinished() throws IOException {
        Path file = directory.resolve("a.lms");
        Path temporary = directory.resolve("a.lms.tmp");
        try (MetricSegmentWriter writer = MetricSegmentWriter.create(file, RAW_BLOCK)) {
            writer.add(1, new long[] {1_000, 1_500}, new double[][] {{1, 2}}, 2);
            assertFalse(Files.exists(file));
            assertTrue(Files.exists(temporary));
            writer.finish();
        }
        assertTrue(Files.exists(file));
        assertFalse(Files.exists(temporary));
    }

    @Test
    void closingAnUnfinishedWriterLeavesNothing() throws IOException {
        Path file = directory.resolve("b.lms");
        try (MetricSegmentWriter writer = MetricSegmentWriter.create(file, RAW_BLOCK)) {
            writer.add(1, new long[] {1_000}, new double[][] {{1}}, 1);
        }
        try (var files = Files.list(directory)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void anExistingSegmentIsNotOverwritten() throws IOException {
        Path file = directory.resolve("c.lms");
        Files.writeString(file, "keep me");
        assertThrows(FileAlreadyExistsException.class, () -> MetricSegmentWriter.create(file, RAW_BLOCK));
        assertEquals("keep me", Files.readString(file));
    }

    @Test
    void seriesIdsMustAscend() throws IOException {
        try (MetricSegmentWriter writer = MetricSegmentWriter.create(directory.resolve("d.lms"), RAW_BLOCK)) {
            writer.add(5, new long[] {1_000}, new double[][] {{1}}, 1);
            assertMessage("series id 5 must be non-negative and above the previous one (5)",
                    () -> writer.add(5, new long[] {1_001}, new double[][] {{1}}, 1));
            assertMessage("series id -1 must be non-negative",
                    () -> writer.add(-1, new long[] {1_001}, new double[][] {{1}}, 1));
        }
    }

    @Test
    void timestampsMustAscendInsideTheBlock() throws IOException {
        try (MetricSegmentWriter writer = MetricSegmentWriter.create(directory.resolve("e.lms"), RAW_BLOCK)) {
            assertMessage("timestamp 2000 of series 1 is outside the segment's block [1000, 2000)",
                    () -> writer.add(1, new long[] {1_000, 2_000}, new double[][] {{1, 2}}, 2));
            assertMessage("timestamps of series 1 are not strictly ascending: 1500 follows 1500",
                    () -> writer.add(1, new long[] {1_500, 1_500}, new double[][] {{1, 2}}, 2));
        }
    }

    @Test
    void columnCountMustMatchTheResolution() throws IOException {
        SegmentHeader hourly = new SegmentHeader(MetricResolution.ONE_HOUR, 0, 7_200_000);
        try (MetricSegmentWriter writer = MetricSegmentWriter.create(directory.resolve("f.lms"), hourly)) {
            assertMessage("series 1 has 1 value columns; a 1h segment takes 6",
                    () -> writer.add(1, new long[] {0}, new double[][] {{1}}, 1));
            assertMessage("series 1 has 0 samples; a segment holds 1 to " + MetricSegmentFormat.MAX_SAMPLES_PER_SERIES,
                    () -> writer.add(1, new long[0], new double[6][0], 0));
        }
    }

    @Test
    void anEmptyBlockIsRefused() {
        assertMessage("segment block [5, 5) is empty; minTime must be below maxTime",
                () -> new SegmentHeader(MetricResolution.RAW, 5, 5));
    }

    private static void assertMessage(String expected, Executable call) {
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, call);
        assertTrue(thrown.getMessage().contains(expected), "expected '" + expected + "' in: " + thrown.getMessage());
    }
}
