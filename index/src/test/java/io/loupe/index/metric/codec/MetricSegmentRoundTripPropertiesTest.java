package io.loupe.index.metric.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loupe.index.api.MetricResolution;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whatever series a segment is given, raw or rollup, it gives back bit for bit. */
class MetricSegmentRoundTripPropertiesTest {
    private Path directory;

    @BeforeProperty
    void createDirectory() throws IOException {
        directory = Files.createTempDirectory("metric-segment-roundtrip");
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

    @Property(tries = 60)
    void everySeriesReadsBackBitForBit(@ForAll("segments") SegmentContent content) throws IOException {
        Path file = directory.resolve("segment-" + System.nanoTime() + ".lms");
        long size = content.write(file);

        assertEquals(size, Files.size(file));
        assertFalse(Files.exists(file.resolveSibling(file.getFileName() + ".tmp")), "temporary file left behind");
        try (MetricSegmentReader reader = MetricSegmentReader.open(file)) {
            assertEquals(size, reader.sizeBytes());
            content.assertReadBack(reader);
            int[] ids = content.seriesIds();
            int absent = ids[ids.length - 1] + 1;
            assertFalse(reader.contains(absent));
            assertNull(reader.read(absent));
            assertTrue(reader.contains(ids[0]));
        }
        Files.delete(file);
    }

    @Property(tries = 10)
    void largeSegmentsSpanManyGroups(@ForAll("seeds") long seed) throws IOException {
        SegmentContent content = SegmentContent.generate(MetricResolution.RAW, 300, 3000, seed);
        Path file = directory.resolve("large-" + seed + ".lms");
        content.write(file);
        try (MetricSegmentReader reader = MetricSegmentReader.open(file)) {
            assertTrue(reader.index().groupRawLengths.length >= 2, "expected several groups, got "
                    + reader.index().groupRawLengths.length);
            content.assertReadBack(reader);
        }
        Files.delete(file);
    }

    @Test
    void seriesScrapedTogetherShareOneStoredTimestampColumn(@TempDir Path directory) throws IOException {
        long[] timestamps = new long[720];
        for (int i = 0; i < timestamps.length; i++) {
            timestamps[i] = 1_700_000_000_000L + 10_000L * i + (i * 7919 % 13);
        }
        Path shared = directory.resolve("shared.lms");
        Path separate = directory.resolve("separate.lms");
        try (MetricSegmentWriter sharing = MetricSegmentWriter.create(shared, new SegmentHeader(MetricResolution.RAW, timestamps[0], timestamps[719] + 1));
             MetricSegmentWriter notSharing = MetricSegmentWriter.create(separate, new SegmentHeader(MetricResolution.RAW, timestamps[0], timestamps[719] + 1))) {
            for (int s = 0; s < 200; s++) {
                double[] constant = new double[720];
                Arrays.fill(constant, s);
                sharing.add(s, timestamps, new double[][] {constant}, 720);
                long[] shifted = timestamps.clone();
                shifted[719] -= 1 + s % 5;
                notSharing.add(s, s % 2 == 0 ? timestamps : shifted, new double[][] {constant}, 720);
            }
            sharing.finish();
            notSharing.finish();
        }
        try (MetricSegmentReader reader = MetricSegmentReader.open(shared)) {
            assertEquals(1, reader.index().timestampColumns.groups().length);
            assertTrue(reader.sizeBytes() < 3000, "200 constant series with shared timestamps took " + reader.sizeBytes() + " bytes");
            assertEquals(timestamps[5], reader.read(199).timestamps()[5]);
        }
        try (MetricSegmentReader reader = MetricSegmentReader.open(separate)) {
            assertEquals(6, reader.index().timestampColumns.groups().length, "one column per distinct timestamp sequence");
            assertEquals(timestamps[719] - 2, reader.read(1).timestamps()[719]);
        }
    }

    @Test
    void concurrentReadersSeeTheSameData(@TempDir Path directory) throws Exception {
        SegmentContent content = SegmentContent.generate(MetricResolution.FIVE_MINUTES, 80, 300, 99);
        Path file = directory.resolve("shared-reader.lms");
        content.write(file);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try (MetricSegmentReader reader = MetricSegmentReader.open(file)) {
            List<Future<?>> readers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                readers.add(threads.submit(() -> {
                    for (int round = 0; round < 5; round++) {
                        content.assertReadBack(reader);
                    }
                    return null;
                }));
            }
            for (Future<?> future : readers) {
                future.get();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Provide
    Arbitrary<SegmentContent> segments() {
        return Combinators.combine(
                        Arbitraries.of(MetricResolution.class),
                        Arbitraries.integers().between(1, 40),
                        Arbitraries.integers().between(1, 400),
                        Arbitraries.longs())
                .as(SegmentContent::generate);
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }
}
