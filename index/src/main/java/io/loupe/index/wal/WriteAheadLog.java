package io.loupe.index.wal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write-ahead log: numbered records in segment files (format: {@link WalFormat}).
 *
 * <p>Lifecycle: {@link #open} verifies every segment and cuts a torn tail of the newest one;
 * {@link #replay} hands the surviving records to recovery; {@link #startWriting} starts a fresh
 * segment and the writer thread; then {@link #append} may be called from any thread.
 *
 * <p><b>Invariant:</b> an append's future completes only after its record is written and the
 * segment is fsynced. Appends that arrive while a write is in progress share the next fsync
 * (group commit). Sequence numbers are consecutive and never reused, also across restarts.
 */
public final class WriteAheadLog implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(WriteAheadLog.class);
    private static final int MAX_GROUP = 4096;

    /** Told each record's sequence number on the writer thread, before the record is written. */
    @FunctionalInterface
    public interface SequenceListener {
        void assigned(long seq);
    }

    /** What {@link #open} found: records that survive, and what it cut from a torn tail. */
    public record OpenReport(int segments, long records, long firstSeq, long lastSeq, long bytesCut, String cutReason) {
    }

    private record PendingAppend(byte[] payload, CompletableFuture<Long> done) {
    }

    private static final PendingAppend CLOSE = new PendingAppend(new byte[0], null);

    private final Path dir;
    private final WalConfig config;
    private final SequenceListener listener;
    private final OpenReport openReport;
    private final BlockingQueue<PendingAppend> queue;
    private final List<Path> closedSegments = new ArrayList<>();
    private final Object segmentsLock = new Object();
    private long nextSeq;
    private Path activeSegment;
    private FileChannel activeChannel;
    private Thread writer;
    private volatile IOException failure;
    private volatile boolean writerExited;
    private volatile boolean closed;

    private WriteAheadLog(Path dir, WalConfig config, SequenceListener listener, List<Path> segments,
                          long nextSeq, OpenReport openReport) {
        this.dir = dir;
        this.config = config;
        this.listener = listener;
        this.closedSegments.addAll(segments);
        this.nextSeq = nextSeq;
        this.openReport = openReport;
        this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
    }

    /**
     * Opens the log in {@code dir}, creating it if needed. Verifies every segment; a damaged tail of
     * the newest segment is cut (and reported with file and offset), damage anywhere else fails.
     *
     * @throws WalCorruptionException when a segment other than the newest is damaged or one is missing
     */
    public static WriteAheadLog open(Path dir, WalConfig config, SequenceListener listener) throws IOException {
        Files.createDirectories(dir);
        List<Path> segments = listSegments(dir);
        long records = 0;
        long firstSeq = -1;
        long lastSeq = -1;
        long bytesCut = 0;
        String cutReason = null;
        long nextSeq = 1;
        for (int i = 0; i < segments.size(); i++) {
            Path segment = segments.get(i);
            boolean newest = i == segments.size() - 1;
            WalSegmentScanner.Scan scan = WalSegmentScanner.scan(segment, Long.MAX_VALUE, null);
            if (lastSeq >= 0 && scan.firstSeq() != lastSeq + 1) {
                throw new WalCorruptionException(segment, 0, "segment starts at sequence number " + scan.firstSeq()
                        + " but the previous segment ends at " + lastSeq + " (a segment is missing)");
            }
            if (scan.damaged()) {
                if (!newest) {
                    throw new WalCorruptionException(segment, scan.validBytes(), scan.problem());
                }
                bytesCut = scan.fileBytes() - scan.validBytes();
                cutReason = scan.problem();
                LOG.warn("write-ahead log: cutting {} bytes at offset {} of {} ({}); the records before it are kept",
                        bytesCut, scan.validBytes(), segment, scan.problem());
                cutTail(segment, scan.validBytes());
            }
            if (scan.records() > 0) {
                if (firstSeq < 0) {
                    firstSeq = scan.firstSeq();
                }
                lastSeq = scan.lastSeq();
                records += scan.records();
            }
            nextSeq = Math.max(nextSeq, Math.max(scan.lastSeq() + 1, scan.firstSeq()));
        }
        OpenReport report = new OpenReport(segments.size(), records, firstSeq, lastSeq, bytesCut, cutReason);
        return new WriteAheadLog(dir, config, listener, segments, nextSeq, report);
    }

    private static void cutTail(Path segment, long validBytes) throws IOException {
        if (validBytes < WalFormat.HEADER_BYTES) {
            Files.delete(segment);
            fsyncDirectory(segment.getParent());
            return;
        }
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            channel.truncate(validBytes);
            channel.force(true);
        }
    }

    private static List<Path> listSegments(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> WalFormat.firstSeqOf(p.getFileName().toString()) >= 0).sorted().toList();
        }
    }

    public OpenReport openReport() {
        return openReport;
    }

    /** Hands every surviving record with a sequence number above {@code afterSeq} to the consumer, in order. */
    public void replay(long afterSeq, WalRecordConsumer consumer) throws IOException {
        if (writer != null) {
            throw new IllegalStateException("replay must happen before startWriting");
        }
        for (Path segment : closedSegments) {
            if (Files.exists(segment)) {
                WalSegmentScanner.scan(segment, afterSeq, consumer);
            }
        }
    }

    /** Starts a new segment and the writer thread; appends are accepted from now on. */
    public synchronized void startWriting() throws IOException {
        if (writer != null) {
            return;
        }
        dropNewestIfItHoldsNoRecord();
        openSegment(nextSeq);
        writer = Thread.ofPlatform().name("wal-writer").daemon(true).start(this::runWriter);
    }

    /**
     * The new active segment is named after {@link #nextSeq}. A newest segment that already has that
     * name holds no record (a restart without appends, a crash right after a roll) or was deleted by
     * {@link #open} (a torn header): it is forgotten and deleted, so the name can be created anew and
     * {@link #truncateUpTo} never mistakes the active segment for a closed one.
     */
    private void dropNewestIfItHoldsNoRecord() throws IOException {
        synchronized (segmentsLock) {
            if (closedSegments.isEmpty()) {
                return;
            }
            Path newest = closedSegments.getLast();
            if (WalFormat.firstSeqOf(newest.getFileName().toString()) < nextSeq) {
                return;
            }
            closedSegments.removeLast();
            Files.deleteIfExists(newest);
        }
    }

    /**
     * Appends one record. The future completes with the record's sequence number once it is fsynced,
     * or exceptionally when the log cannot write. Blocks while the writer's queue is full.
     */
    public CompletableFuture<Long> append(byte[] payload) {
        CompletableFuture<Long> done = new CompletableFuture<>();
        IOException failed = failure;
        if (failed != null) {
            return CompletableFuture.failedFuture(failed);
        }
        if (closed || writer == null) {
            return CompletableFuture.failedFuture(new IOException("write-ahead log is not open for writing"));
        }
        PendingAppend pending = new PendingAppend(payload, done);
        try {
            while (!queue.offer(pending, 100, TimeUnit.MILLISECONDS)) {
                if (writerExited) {
                    return CompletableFuture.failedFuture(writerGoneException());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(new IOException("interrupted while waiting for the write-ahead log"));
        }
        if (writerExited) {
            // the writer may have drained the queue for the last time before this append arrived
            failRemaining(writerGoneException());
        }
        return done;
    }

    private IOException writerGoneException() {
        IOException failed = failure;
        return failed != null ? failed : new IOException("write-ahead log is closed");
    }

    /**
     * Continues numbering after {@code lastSeq} when that is beyond what the segments hold — when
     * index commits cover more than the log remembers, e.g. because its directory was lost. Call
     * before {@link #startWriting}.
     */
    public synchronized void continueAfter(long lastSeq) {
        if (writer != null) {
            throw new IllegalStateException("continueAfter must happen before startWriting");
        }
        nextSeq = Math.max(nextSeq, lastSeq + 1);
    }

    /** The sequence number the next record will carry. */
    public synchronized long nextSeq() {
        return nextSeq;
    }

    /**
     * Deletes the closed segments whose records all have sequence numbers up to {@code seq}:
     * everything they hold is covered by a durable index commit.
     */
    public void truncateUpTo(long seq) throws IOException {
        List<Path> deletable = new ArrayList<>();
        synchronized (segmentsLock) {
            for (int i = 0; i < closedSegments.size(); i++) {
                long nextFirst = i + 1 < closedSegments.size()
                        ? WalFormat.firstSeqOf(closedSegments.get(i + 1).getFileName().toString())
                        : activeFirstSeq();
                if (nextFirst - 1 <= seq) {
                    deletable.add(closedSegments.get(i));
                } else {
                    break;
                }
            }
            closedSegments.removeAll(deletable);
        }
        for (Path segment : deletable) {
            Files.deleteIfExists(segment);
        }
        if (!deletable.isEmpty()) {
            fsyncDirectory(dir);
            LOG.debug("write-ahead log: deleted {} segment(s) covered by the commit at sequence number {}", deletable.size(), seq);
        }
    }

    private long activeFirstSeq() {
        Path active = activeSegment;
        return active == null ? Long.MAX_VALUE : WalFormat.firstSeqOf(active.getFileName().toString());
    }

    /** Segment files currently on disk, oldest first (for tests and the status report). */
    public List<Path> segments() throws IOException {
        return listSegments(dir);
    }

    private void openSegment(long firstSeq) throws IOException {
        Path file = dir.resolve(WalFormat.segmentFileName(firstSeq));
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        ByteBuffer header = ByteBuffer.allocate(WalFormat.HEADER_BYTES);
        header.putInt(WalFormat.MAGIC);
        header.put((byte) WalFormat.CODEC_NAME_BYTES.length);
        header.put(WalFormat.CODEC_NAME_BYTES);
        header.putInt(WalFormat.VERSION_CURRENT);
        header.putLong(firstSeq);
        header.flip();
        while (header.hasRemaining()) {
            channel.write(header);
        }
        channel.force(true);
        fsyncDirectory(dir);
        synchronized (segmentsLock) {
            if (activeSegment != null) {
                closedSegments.add(activeSegment);
            }
            activeSegment = file;
            activeChannel = channel;
        }
    }

    private void runWriter() {
        List<PendingAppend> group = new ArrayList<>();
        CRC32C crc = new CRC32C();
        boolean closing = false;
        try {
            while (!closing) {
                group.clear();
                try {
                    group.add(queue.take());
                } catch (InterruptedException e) {
                    break;
                }
                queue.drainTo(group, MAX_GROUP);
                if (group.removeIf(pending -> pending == CLOSE)) {
                    closing = true;
                }
                if (group.isEmpty()) {
                    continue;
                }
                try {
                    writeGroup(group, crc);
                } catch (IOException e) {
                    failure = e;
                    LOG.error("write-ahead log: write failed, no further appends are accepted: {}", e.toString());
                    for (PendingAppend pending : group) {
                        pending.done().completeExceptionally(e);
                    }
                    return;
                }
            }
        } finally {
            writerExited = true;
            failRemaining(writerGoneException());
        }
    }

    private void failRemaining(IOException cause) {
        List<PendingAppend> rest = new ArrayList<>();
        queue.drainTo(rest);
        for (PendingAppend pending : rest) {
            if (pending != CLOSE) {
                pending.done().completeExceptionally(cause);
            }
        }
    }

    private void writeGroup(List<PendingAppend> group, CRC32C crc) throws IOException {
        int bytes = 0;
        for (PendingAppend pending : group) {
            bytes += WalFormat.RECORD_OVERHEAD + pending.payload().length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(bytes);
        long[] seqs = new long[group.size()];
        synchronized (this) {
            for (int i = 0; i < group.size(); i++) {
                byte[] payload = group.get(i).payload();
                long seq = nextSeq++;
                seqs[i] = seq;
                listener.assigned(seq);
                int start = buffer.position();
                buffer.putInt(payload.length);
                buffer.putLong(seq);
                buffer.put(payload);
                crc.reset();
                crc.update(buffer.array(), start, buffer.position() - start);
                buffer.putInt((int) crc.getValue());
            }
        }
        buffer.flip();
        while (buffer.hasRemaining()) {
            activeChannel.write(buffer);
        }
        activeChannel.force(false);
        for (int i = 0; i < group.size(); i++) {
            group.get(i).done().complete(seqs[i]);
        }
        if (activeChannel.position() >= config.segmentBytes()) {
            FileChannel old = activeChannel;
            openSegment(nextSeq());
            old.close();
        }
    }

    /** Waits for queued appends to be written, then stops the writer and closes the active segment. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        Thread running = writer;
        if (running != null) {
            try {
                queue.put(CLOSE);
                running.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        FileChannel channel = activeChannel;
        if (channel != null && channel.isOpen()) {
            channel.force(true);
            channel.close();
        }
    }

    static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
