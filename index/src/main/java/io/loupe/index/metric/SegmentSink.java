package io.loupe.index.metric;

import io.loupe.index.api.MetricResolution;
import io.loupe.index.metric.codec.MetricSegmentReader;
import io.loupe.index.metric.codec.MetricSegmentWriter;
import io.loupe.index.metric.codec.SegmentHeader;
import java.io.IOException;

/** Writes one segment file of a block and, once it is durable, opens it into the segment set. */
final class SegmentSink {
    private final MetricSegments segments;
    private final MetricResolution resolution;
    private final long blockStart;
    private final MetricSegmentWriter writer;

    private SegmentSink(MetricSegments segments, MetricResolution resolution, long blockStart, MetricSegmentWriter writer) {
        this.segments = segments;
        this.resolution = resolution;
        this.blockStart = blockStart;
        this.writer = writer;
    }

    static SegmentSink create(MetricSegments segments, MetricResolution resolution, long blockStart, long blockEnd) throws IOException {
        MetricSegmentWriter writer = MetricSegmentWriter.create(segments.pathFor(resolution, blockStart),
                new SegmentHeader(resolution, blockStart, blockEnd));
        return new SegmentSink(segments, resolution, blockStart, writer);
    }

    MetricResolution resolution() {
        return resolution;
    }

    void add(int seriesId, long[] timestamps, double[][] columns, int count) throws IOException {
        if (count > 0) {
            writer.add(seriesId, timestamps, columns, count);
        }
    }

    /** Makes the file durable and readable; returns its size in bytes. */
    long finish() throws IOException {
        long bytes = writer.finish();
        segments.add(resolution, MetricSegmentReader.open(segments.pathFor(resolution, blockStart)));
        return bytes;
    }
}
