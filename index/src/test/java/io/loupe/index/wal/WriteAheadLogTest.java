package io.loupe.index.wal;

import static io.loupe.index.wal.WalSegmentFiles.firstSeqOf;
import static io.loupe.index.wal.WalSegmentFiles.flipBit;
import static io.loupe.index.wal.WalSegmentFiles.listSegments;
import static io.loupe.index.wal.WalSegmentFiles.overwrite;
import static io.loupe.index.wal.WalSegmentFiles.truncate;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteAheadLogTest {
    /** Small segments so a few hundred records span several of them. */
    private static final WalConfig SMALL_SEGMENTS = new WalConfig(64 * 1024, 16);
    private static final int PAYLOAD_BYTES = 1000;
    private static final int RECORD_BYTES = WalFormat.RECORD_OVERHEAD + PAYLOAD_BYTES;

    @TempDir
    Path dir;

    @Test
    void appendedRecordsReplayInOrderAcrossSegmentRolls() throws IOException {
        List<byte[]> written = writeAndClose(dir, 300);

        try (WriteAheadLog wal = open(dir)) {
            assertTrue(wal.segments().size() >= 4, "300 records of 1 KB roll 64 KB segments: " + wal.segments());
            WriteAheadLog.OpenReport report = wal.openReport();
            assertEquals(300, report.records());
            assertEquals(1, report.firstSeq());
            assertEquals(300, report.lastSeq());
            assertEquals(0, report.bytesCut());
            assertNull(report.cutReason());
            assertReplays(wal, 0, 1, written);
        }
    }

    @Test
    void replayStartsAfterTheGivenSequenceNumber() throws IOException {
        List<byte[]> written = writeAndClose(dir, 150);

        try (WriteAheadLog wal = open(dir)) {
            assertReplays(wal, 100, 101, written.subList(100, 150));
        }
    }

    @Test
    void sequenceNumbersAreConsecutiveAndContinueAfterReopen() throws IOException {
        List<Long> firstRun = new ArrayList<>();
        try (WriteAheadLog wal = open(dir)) {
            wal.startWriting();
            for (int i = 0; i < 100; i++) {
                firstRun.add(wal.append(payload(i)).join());
            }
        }
        assertEquals(LongStream.rangeClosed(1, 100).boxed().toList(), firstRun);

        try (WriteAheadLog wal = open(dir)) {
            assertEquals(101, wal.nextSeq());
            wal.startWriting();
            assertEquals(101, wal.append(payload(100)).join());
            assertEquals(102, wal.append(payload(101)).join());
        }
        try (WriteAheadLog wal = open(dir)) {
            assertEquals(103, wal.nextSeq());
            assertReplays(wal, 0, 1, payloads(0, 102));
        }
    }

    @Test
    void sequenceNumbersContinueAfterARestartWithoutAppends() throws IOException {
        writeAndClose(dir, 3);
        for (int restart = 0; restart < 3; restart++) {
            try (WriteAheadLog wal = open(dir)) {
                wal.startWriting();
            }
        }

        try (WriteAheadLog wal = open(dir)) {
            assertEquals(4, wal.nextSeq());
            wal.startWriting();
            assertEquals(4, wal.append(payload(3)).join());
        }
        try (WriteAheadLog wal = open(dir)) {
            assertReplays(wal, 0, 1, payloads(0, 4));
        }
    }

    @Test
    void sequenceNumbersContinueWhenTheNewestSegmentIsEmptyAfterARoll() throws IOException {
        int perSegment = recordsPerSegment();
        writeAndClose(dir, perSegment);
        List<Path> segments = listSegments(dir);
        assertEquals(2, segments.size(), "the last append filled the first segment and started a second");
        assertEquals(WalFormat.HEADER_BYTES, Files.size(segments.get(1)));

        try (WriteAheadLog wal = open(dir)) {
            assertEquals(perSegment + 1, wal.nextSeq());
            wal.startWriting();
            assertEquals(perSegment + 1, wal.append(payload(perSegment)).join());
        }
        try (WriteAheadLog wal = open(dir)) {
            assertReplays(wal, 0, 1, payloads(0, perSegment + 1));
        }
    }

    @Test
    void sequenceNumbersContinueAfterAllButTheNewestSegmentWereTruncated() throws IOException {
        List<byte[]> written = new ArrayList<>();
        try (WriteAheadLog wal = open(dir)) {
            wal.startWriting();
            for (int i = 0; i < 200; i++) {
                written.add(payload(i));
                wal.append(written.get(i)).join();
            }
            wal.truncateUpTo(200);
            assertEquals(1, wal.segments().size(), "only the active segment is left: " + wal.segments());
        }
        long newestFirstSeq = firstSeqOf(listSegments(dir).getFirst());
        assertTrue(newestFirstSeq > 1);

        try (WriteAheadLog wal = open(dir)) {
            assertEquals(201, wal.nextSeq());
            assertEquals(newestFirstSeq, wal.openReport().firstSeq());
            assertEquals(200, wal.openReport().lastSeq());
            assertReplays(wal, 0, newestFirstSeq, written.subList((int) newestFirstSeq - 1, 200));
            wal.startWriting();
            assertEquals(201, wal.append(payload(200)).join());
        }
        try (WriteAheadLog wal = open(dir)) {
            assertEquals(202, wal.nextSeq());
        }
    }

    @Test
    void concurrentAppendsAllCompleteAndReplayInSequenceOrder() throws Exception {
        int threads = 6;
        int perThread = 250;
        ConcurrentHashMap<Long, String> payloadBySeq = new ConcurrentHashMap<>();
        List<Long> listenerSeqs = Collections.synchronizedList(new ArrayList<>());
        try (WriteAheadLog wal = WriteAheadLog.open(dir, SMALL_SEGMENTS, listenerSeqs::add)) {
            wal.startWriting();
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> workers = new ArrayList<>();
            List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
            for (int t = 0; t < threads; t++) {
                int thread = t;
                workers.add(Thread.ofPlatform().start(() -> {
                    try {
                        start.await();
                        List<CompletableFuture<Long>> futures = new ArrayList<>();
                        for (int i = 0; i < perThread; i++) {
                            futures.add(wal.append(text("thread-" + thread + "-record-" + i)));
                        }
                        long previous = 0;
                        for (int i = 0; i < perThread; i++) {
                            long seq = futures.get(i).get(30, TimeUnit.SECONDS);
                            assertTrue(seq > previous, "one thread's appends keep their order");
                            previous = seq;
                            assertNull(payloadBySeq.put(seq, "thread-" + thread + "-record-" + i), "seq " + seq + " given twice");
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }));
            }
            start.countDown();
            for (Thread worker : workers) {
                worker.join();
            }
            assertEquals(List.of(), failures);
        }
        int total = threads * perThread;
        assertEquals(LongStream.rangeClosed(1, total).boxed().collect(Collectors.toSet()), payloadBySeq.keySet());
        assertEquals(LongStream.rangeClosed(1, total).boxed().toList(), listenerSeqs, "the listener hears every seq once, in order");

        List<Long> replayedSeqs = new ArrayList<>();
        try (WriteAheadLog wal = open(dir)) {
            wal.replay(0, (seq, payload) -> {
                replayedSeqs.add(seq);
                assertEquals(payloadBySeq.get(seq), new String(payload, StandardCharsets.UTF_8), "payload of seq " + seq);
            });
        }
        assertEquals(LongStream.rangeClosed(1, total).boxed().toList(), replayedSeqs);
    }

    @Test
    void truncateUpToDeletesOnlyClosedSegmentsThatAreFullyCovered() throws IOException {
        writeAndClose(dir, 200);
        try (WriteAheadLog wal = open(dir)) {
            wal.startWriting();
            List<Path> closed = wal.segments();
            assertTrue(closed.size() >= 5, "four closed segments and the active one: " + closed);
            Path active = closed.getLast();
            assertEquals(201, firstSeqOf(active));
            long secondFirst = firstSeqOf(closed.get(1));
            long thirdFirst = firstSeqOf(closed.get(2));

            wal.truncateUpTo(0);
            assertEquals(closed, wal.segments());
            wal.truncateUpTo(secondFirst - 2);
            assertEquals(closed, wal.segments(), "the first segment still holds record " + (secondFirst - 1));

            wal.truncateUpTo(secondFirst - 1);
            assertEquals(closed.subList(1, closed.size()), wal.segments());

            wal.truncateUpTo(thirdFirst);
            assertEquals(closed.subList(2, closed.size()), wal.segments(), "a segment whose last record is not covered stays");

            wal.truncateUpTo(Long.MAX_VALUE);
            assertEquals(List.of(active), wal.segments(), "the active segment is never deleted");
            assertEquals(201, wal.append(payload(200)).join());
        }
        try (WriteAheadLog wal = open(dir)) {
            assertReplays(wal, 0, 201, List.of(payload(200)));
        }
    }

    @Test
    void truncateUpToNeverDeletesTheActiveSegmentWhileWriting() throws IOException {
        try (WriteAheadLog wal = open(dir)) {
            wal.startWriting();
            for (int i = 0; i < 150; i++) {
                wal.append(payload(i)).join();
                wal.truncateUpTo(i + 1);
                assertFalse(wal.segments().isEmpty(), "after record " + (i + 1));
            }
            wal.append(payload(150)).join();
        }
        try (WriteAheadLog wal = open(dir)) {
            assertEquals(151, wal.openReport().lastSeq());
            assertEquals(152, wal.nextSeq());
        }
    }

    @Test
    void tornTailInsideARecordIsCutAndReported() throws IOException {
        writeAndClose(dir, 10);
        Path segment = onlySegment(dir);
        long intact = Files.size(segment);
        truncate(segment, intact - 7);

        try (WriteAheadLog wal = open(dir)) {
            WriteAheadLog.OpenReport report = wal.openReport();
            assertEquals(RECORD_BYTES - 7, report.bytesCut());
            assertNotNull(report.cutReason());
            assertEquals(9, report.records());
            assertEquals(9, report.lastSeq());
            assertEquals(intact - RECORD_BYTES, Files.size(segment), "the torn record is cut from the file");
            assertReplays(wal, 0, 1, payloads(0, 9));
            wal.startWriting();
            assertEquals(10, wal.append(payload(99)).join(), "the cut record's sequence number is given again");
        }
        try (WriteAheadLog wal = open(dir)) {
            assertEquals(0, wal.openReport().bytesCut());
            List<byte[]> expected = new ArrayList<>(payloads(0, 9));
            expected.add(payload(99));
            assertReplays(wal, 0, 1, expected);
        }
    }

    @Test
    void garbageAfterTheLastRecordIsCutAndReported() throws IOException {
        writeAndClose(dir, 10);
        Path segment = onlySegment(dir);
        long intact = Files.size(segment);
        byte[] garbage = new byte[100];
        new Random(42).nextBytes(garbage);
        Files.write(segment, garbage, StandardOpenOption.APPEND);

        try (WriteAheadLog wal = open(dir)) {
            assertEquals(100, wal.openReport().bytesCut());
            assertNotNull(wal.openReport().cutReason());
            assertEquals(10, wal.openReport().records());
            assertEquals(intact, Files.size(segment));
            assertReplays(wal, 0, 1, payloads(0, 10));
        }
    }

    @Test
    void zeroFilledTailIsCutAndReported() throws IOException {
        writeAndClose(dir, 10);
        Path segment = onlySegment(dir);
        Files.write(segment, new byte[4096], StandardOpenOption.APPEND);

        try (WriteAheadLog wal = open(dir)) {
            assertEquals(4096, wal.openReport().bytesCut());
            assertNotNull(wal.openReport().cutReason());
            assertReplays(wal, 0, 1, payloads(0, 10));
        }
    }

    @Test
    void tornHeaderOfTheNewestSegmentIsCutAndTheLogKeepsWorking() throws IOException {
        writeAndClose(dir, 150);
        Path newest = listSegments(dir).getLast();
        long newestFirst = firstSeqOf(newest);
        truncate(newest, WalFormat.HEADER_BYTES - 3);

        try (WriteAheadLog wal = open(dir)) {
            assertEquals(WalFormat.HEADER_BYTES - 3, wal.openReport().bytesCut());
            assertNotNull(wal.openReport().cutReason());
            assertEquals(newestFirst - 1, wal.openReport().lastSeq());
            assertReplays(wal, 0, 1, payloads(0, (int) newestFirst - 1));
            wal.startWriting();
            assertEquals(newestFirst, wal.append(payload(999)).join());
            wal.truncateUpTo(newestFirst - 1);
            assertTrue(Files.exists(dir.resolve(WalFormat.segmentFileName(newestFirst))), "the active segment survives truncation");
            assertEquals(newestFirst + 1, wal.append(payload(1000)).join());
        }
        try (WriteAheadLog wal = open(dir)) {
            assertEquals(0, wal.openReport().bytesCut());
            assertReplays(wal, 0, newestFirst, List.of(payload(999), payload(1000)));
        }
    }

    @Test
    void badMagicInTheNewestSegmentIsCutAndReported() throws IOException {
        writeAndClose(dir, 150);
        Path newest = listSegments(dir).getLast();
        long newestFirst = firstSeqOf(newest);
        long newestBytes = Files.size(newest);
        overwrite(newest, 0, new byte[] {'J', 'U', 'N', 'K'});

        try (WriteAheadLog wal = open(dir)) {
            assertEquals(newestBytes, wal.openReport().bytesCut());
            assertTrue(wal.openReport().cutReason().contains("bad magic"), wal.openReport().cutReason());
            assertReplays(wal, 0, 1, payloads(0, (int) newestFirst - 1));
        }
    }

    @Test
    void badMagicInAnOlderSegmentFailsTheOpen() throws IOException {
        writeAndClose(dir, 150);
        Path oldest = listSegments(dir).getFirst();
        overwrite(oldest, 0, new byte[] {'J', 'U', 'N', 'K'});

        WalCorruptionException e = assertThrows(WalCorruptionException.class, () -> open(dir));
        assertEquals(oldest, e.file());
        assertTrue(e.getMessage().contains("bad magic"), e.getMessage());
        assertTrue(e.getMessage().contains(oldest.toString()), e.getMessage());
    }

    @Test
    void checksumMismatchInAnOlderSegmentFailsTheOpenNamingFileAndOffset() throws IOException {
        writeAndClose(dir, 150);
        List<Path> segments = listSegments(dir);
        assertTrue(segments.size() >= 2);
        Path oldest = segments.getFirst();
        long recordOffset = WalFormat.HEADER_BYTES + 3L * RECORD_BYTES;
        flipBit(oldest, recordOffset + 12 + 500, 3);

        WalCorruptionException e = assertThrows(WalCorruptionException.class, () -> open(dir));
        assertEquals(oldest, e.file());
        assertEquals(recordOffset, e.offset());
        assertTrue(e.getMessage().contains(oldest.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("offset " + recordOffset), e.getMessage());
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
        assertEquals(segments, listSegments(dir), "a failed open deletes nothing");
    }

    @Test
    void tornTailInAnOlderSegmentFailsTheOpen() throws IOException {
        writeAndClose(dir, 150);
        Path oldest = listSegments(dir).getFirst();
        long size = Files.size(oldest);
        truncate(oldest, size - 10);

        WalCorruptionException e = assertThrows(WalCorruptionException.class, () -> open(dir));
        assertEquals(oldest, e.file());
        assertEquals(size - RECORD_BYTES, e.offset());
        assertEquals(size - 10, Files.size(oldest), "an older segment is never cut");
    }

    @Test
    void missingMiddleSegmentFailsTheOpen() throws IOException {
        writeAndClose(dir, 200);
        List<Path> segments = listSegments(dir);
        assertTrue(segments.size() >= 3);
        Files.delete(segments.get(1));

        WalCorruptionException e = assertThrows(WalCorruptionException.class, () -> open(dir));
        assertEquals(segments.get(2), e.file());
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void missingSegmentBeforeAnEmptyNewestSegmentFailsTheOpen() throws IOException {
        int perSegment = recordsPerSegment();
        writeAndClose(dir, 2 * perSegment);
        List<Path> segments = listSegments(dir);
        assertEquals(3, segments.size());
        assertEquals(WalFormat.HEADER_BYTES, Files.size(segments.get(2)), "the newest segment holds no record");
        Files.delete(segments.get(1));

        WalCorruptionException e = assertThrows(WalCorruptionException.class, () -> open(dir),
                "records " + (perSegment + 1) + " to " + 2 * perSegment + " are gone");
        assertEquals(segments.get(2), e.file());
    }

    @Test
    void appendIsRefusedBeforeStartWritingAndAfterClose() throws IOException {
        WriteAheadLog wal = open(dir);
        assertTrue(wal.append(payload(0)).isCompletedExceptionally());
        wal.startWriting();
        assertEquals(1, wal.append(payload(0)).join());
        wal.close();
        assertTrue(wal.append(payload(1)).isCompletedExceptionally());
    }

    // --- helpers -------------------------------------------------------------------------------

    private static WriteAheadLog open(Path dir) throws IOException {
        return WriteAheadLog.open(dir, SMALL_SEGMENTS, seq -> { });
    }

    /** How many {@link #payload} records fit a segment before it rolls (the roll follows the record that crosses the limit). */
    private static int recordsPerSegment() {
        return (int) Math.ceilDiv(SMALL_SEGMENTS.segmentBytes() - WalFormat.HEADER_BYTES, RECORD_BYTES);
    }

    private static List<byte[]> writeAndClose(Path dir, int count) throws IOException {
        List<byte[]> written = payloads(0, count);
        try (WriteAheadLog wal = open(dir)) {
            wal.startWriting();
            for (int i = 0; i < count; i++) {
                assertEquals(i + 1, wal.append(written.get(i)).join());
            }
        }
        return written;
    }

    /** A payload of {@value #PAYLOAD_BYTES} bytes that names its index, so a record in the wrong place shows. */
    private static byte[] payload(int index) {
        byte[] bytes = new byte[PAYLOAD_BYTES];
        new Random(index).nextBytes(bytes);
        byte[] name = ("record-" + index + ";").getBytes(StandardCharsets.UTF_8);
        System.arraycopy(name, 0, bytes, 0, name.length);
        return bytes;
    }

    private static List<byte[]> payloads(int from, int to) {
        List<byte[]> list = new ArrayList<>();
        for (int i = from; i < to; i++) {
            list.add(payload(i));
        }
        return list;
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void assertReplays(WriteAheadLog wal, long afterSeq, long firstExpectedSeq, List<byte[]> expected) throws IOException {
        List<Long> seqs = new ArrayList<>();
        List<byte[]> payloads = new ArrayList<>();
        wal.replay(afterSeq, (seq, payload) -> {
            seqs.add(seq);
            payloads.add(payload);
        });
        assertEquals(LongStream.range(firstExpectedSeq, firstExpectedSeq + expected.size()).boxed().toList(), seqs);
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), payloads.get(i), "payload of seq " + seqs.get(i));
        }
    }

    private static Path onlySegment(Path dir) throws IOException {
        List<Path> segments = listSegments(dir);
        assertEquals(1, segments.size(), segments.toString());
        return segments.getFirst();
    }
}
