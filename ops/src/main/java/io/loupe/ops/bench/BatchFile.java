package io.loupe.ops.bench;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Generated events cut into request-sized batches and kept in one file, so that even 10M events
 * (2.7 GB) never sit in the heap of the process being measured: NDJSON as {@link #write} makes them,
 * or each batch re-encoded for another protocol by {@link #transcode}. Writing happens before any
 * timing starts; reading a batch back is a positional read, from the page cache in practice.
 * Reads are thread-safe; {@link #close()} deletes the file.
 */
final class BatchFile implements Closeable {
    private final Path file;
    private final FileChannel channel;
    private final long[] offsets;
    private final int[] eventCounts;
    private final long events;
    private final boolean ownsFile;

    private BatchFile(Path file, long[] offsets, int[] eventCounts, long events) throws IOException {
        this(file, offsets, eventCounts, events, true);
    }

    private BatchFile(Path file, long[] offsets, int[] eventCounts, long events, boolean ownsFile) throws IOException {
        this.file = file;
        this.ownsFile = ownsFile;
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        this.offsets = offsets;
        this.eventCounts = eventCounts;
        this.events = events;
    }

    /** Drains {@code generator} into {@code file}, {@code batchSize} events per batch, each line ending in a newline. */
    static BatchFile write(EventGenerator generator, int batchSize, Path file) throws IOException {
        if (batchSize < 1) {
            throw new IllegalArgumentException("a batch holds at least one event, got " + batchSize);
        }
        int batches = (int) ((generator.totalEvents() + batchSize - 1) / batchSize);
        long[] offsets = new long[batches + 1];
        int[] counts = new int[batches];
        long written = 0;
        long events = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            for (int b = 0; b < batches; b++) {
                offsets[b] = written;
                while (counts[b] < batchSize && generator.hasNext()) {
                    byte[] line = generator.next();
                    out.write(line);
                    out.write('\n');
                    written += line.length + 1;
                    counts[b]++;
                    events++;
                }
            }
        }
        offsets[batches] = written;
        return new BatchFile(file, offsets, counts, events);
    }

    /** The same batches, each turned into another protocol's request body by {@code encoder}, in {@code file}. */
    BatchFile transcode(BatchEncoder encoder, Path file) throws IOException {
        long[] encodedOffsets = new long[offsets.length];
        long written = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            for (int b = 0; b < eventCounts.length; b++) {
                encodedOffsets[b] = written;
                byte[] body = encoder.encode(read(b));
                out.write(body);
                written += body.length;
            }
        }
        encodedOffsets[eventCounts.length] = written;
        return new BatchFile(file, encodedOffsets, eventCounts.clone(), events);
    }

    /** The first {@code batches} batches as a view of the same file; closing the view keeps the file. */
    BatchFile prefix(int batches) throws IOException {
        int count = Math.min(batches, eventCounts.length);
        int[] counts = Arrays.copyOf(eventCounts, count);
        return new BatchFile(file, Arrays.copyOf(offsets, count + 1), counts, Arrays.stream(counts).asLongStream().sum(), false);
    }

    int batchCount() {
        return eventCounts.length;
    }

    long events() {
        return events;
    }

    int eventsIn(int batch) {
        return eventCounts[batch];
    }

    /** All bytes of every batch; for NDJSON, newlines included, the "raw bytes" that storage is compared with. */
    long rawBytes() {
        return offsets[offsets.length - 1];
    }

    /** The bytes of one batch: for NDJSON whole lines, each ending in a newline. */
    byte[] read(int batch) throws IOException {
        long from = offsets[batch];
        byte[] bytes = new byte[Math.toIntExact(offsets[batch + 1] - from)];
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, from + buffer.position());
            if (read < 0) {
                throw new IOException("batch file " + file + " ends early: expected " + bytes.length + " bytes at offset " + from);
            }
        }
        return bytes;
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            if (ownsFile) {
                Files.deleteIfExists(file);
            }
        }
    }

    @Override
    public String toString() {
        return events + " events in " + eventCounts.length + " batches, " + rawBytes() + " bytes, batch sizes "
                + Arrays.stream(eventCounts).min().orElse(0) + ".." + Arrays.stream(eventCounts).max().orElse(0);
    }
}
