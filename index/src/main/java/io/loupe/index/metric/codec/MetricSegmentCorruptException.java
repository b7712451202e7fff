package io.loupe.index.metric.codec;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A metric segment file fails verification: wrong magic or codec name, a format version this build
 * does not read, a checksum mismatch, a truncated file, or bytes that do not decode. The message
 * names the file and what is wrong; a segment that throws this is never half-read.
 */
public final class MetricSegmentCorruptException extends IOException {
    private final Path file;

    public MetricSegmentCorruptException(Path file, String problem) {
        super("metric segment " + file + " is corrupt: " + problem);
        this.file = file;
    }

    public MetricSegmentCorruptException(Path file, String problem, Throwable cause) {
        super("metric segment " + file + " is corrupt: " + problem, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
