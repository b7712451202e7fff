package io.loupe.index.wal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/** Lists write-ahead-log segment files and damages them the way crashes and bad disks do. */
final class WalSegmentFiles {

    private WalSegmentFiles() {
    }

    /** The segment files in {@code dir}, oldest first. */
    static List<Path> listSegments(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(WalFormat.EXTENSION)).sorted().toList();
        }
    }

    static long firstSeqOf(Path segment) {
        return WalFormat.firstSeqOf(segment.getFileName().toString());
    }

    /** A torn write: the file ends at {@code size}. */
    static void truncate(Path file, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size);
        }
    }

    static void overwrite(Path file, long offset, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(bytes), offset);
        }
    }

    /** A bad sector: one bit of the byte at {@code offset} is inverted. */
    static void flipBit(Path file, long offset, int bit) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, offset);
            one.put(0, (byte) (one.get(0) ^ (1 << bit)));
            channel.write(one.rewind(), offset);
        }
    }
}
