package io.loupe.index.wal;

import java.io.IOException;
import java.nio.file.Path;

/** A write-ahead-log segment is damaged somewhere other than a torn tail; names the file and offset. */
public class WalCorruptionException extends IOException {
    private final Path file;
    private final long offset;

    public WalCorruptionException(Path file, long offset, String problem) {
        super("write-ahead log segment " + file + " is corrupt at offset " + offset + ": " + problem);
        this.file = file;
        this.offset = offset;
    }

    public Path file() {
        return file;
    }

    public long offset() {
        return offset;
    }
}
