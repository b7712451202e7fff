package io.loupe.index.metric.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.loupe.index.api.MetricResolution;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The series of one generated segment: several scrape targets, each with its own timestamps shared
 * by the series scraped from it, and value columns of every {@link ValueShape}.
 */
record SegmentContent(SegmentHeader header, List<Series> series) {

    record Series(int id, long[] timestamps, double[][] columns) {
    }

    static SegmentContent generate(MetricResolution resolution, int seriesCount, int maxSamples, long seed) {
        Random random = new Random(seed);
        long minTime = random.nextLong() >> 20;
        long width = resolution == MetricResolution.RAW ? 1_000 : resolution.millis();
        int targetCount = 1 + random.nextInt(4);
        List<long[]> targetTimestamps = new ArrayList<>();
        long maxTime = minTime + 1;
        for (int t = 0; t < targetCount; t++) {
            long[] timestamps = new long[1 + maxSamples / 2 + random.nextInt(Math.max(1, maxSamples - maxSamples / 2))];
            long time = minTime + random.nextInt(1000);
            for (int i = 0; i < timestamps.length; i++) {
                timestamps[i] = time;
                time += resolution == MetricResolution.RAW ? Math.max(1, width + random.nextInt(41) - 20)
                        : width * (1 + (random.nextInt(10) == 0 ? random.nextInt(3) : 0));
            }
            targetTimestamps.add(timestamps);
            maxTime = Math.max(maxTime, timestamps[timestamps.length - 1] + 1);
        }
        SegmentHeader header = new SegmentHeader(resolution, minTime, maxTime + random.nextInt(1000));
        ValueShape[] shapes = ValueShape.values();
        List<Series> series = new ArrayList<>();
        int id = random.nextInt(3) == 0 ? 0 : random.nextInt(1000);
        for (int s = 0; s < seriesCount; s++) {
            long[] timestamps = targetTimestamps.get(random.nextInt(targetCount));
            if (random.nextInt(8) == 0) {
                timestamps = Arrays.copyOf(timestamps, 1 + random.nextInt(timestamps.length));
            }
            double[][] columns = new double[header.columnCount()][];
            for (int c = 0; c < columns.length; c++) {
                columns[c] = shapes[random.nextInt(shapes.length)].generate(random, timestamps.length);
            }
            series.add(new Series(id, timestamps, columns));
            id += 1 + (random.nextBoolean() ? 0 : random.nextInt(random.nextBoolean() ? 10 : 100_000));
        }
        return new SegmentContent(header, series);
    }

    long write(Path file) throws IOException {
        try (MetricSegmentWriter writer = MetricSegmentWriter.create(file, header)) {
            for (Series s : series) {
                writer.add(s.id(), s.timestamps(), s.columns(), s.timestamps().length);
            }
            return writer.finish();
        }
    }

    int[] seriesIds() {
        return series.stream().mapToInt(Series::id).toArray();
    }

    long sampleCount() {
        return series.stream().mapToLong(s -> s.timestamps().length).sum();
    }

    /** Reads every series back, one by one and all at once, and compares each bit. */
    void assertReadBack(MetricSegmentReader reader) throws IOException {
        assertEquals(header, reader.header());
        assertArrayEquals(seriesIds(), reader.seriesIds());
        SeriesColumns[] together = reader.read(seriesIds());
        for (int s = 0; s < series.size(); s++) {
            Series expected = series.get(s);
            assertSameSeries(expected, reader.read(expected.id()));
            assertSameSeries(expected, together[s]);
        }
    }

    static void assertSameSeries(Series expected, SeriesColumns actual) {
        assertNotNull(actual, "series " + expected.id() + " is missing");
        assertEquals(expected.timestamps().length, actual.count(), "sample count of series " + expected.id());
        assertArrayEquals(expected.timestamps(), actual.timestamps(), "timestamps of series " + expected.id());
        assertEquals(expected.columns().length, actual.columns().length, "column count of series " + expected.id());
        for (int c = 0; c < expected.columns().length; c++) {
            ValueColumnCodecPropertiesTest.assertSameBits(expected.columns()[c], actual.columns()[c],
                    "series " + expected.id() + " column " + c);
        }
    }
}
