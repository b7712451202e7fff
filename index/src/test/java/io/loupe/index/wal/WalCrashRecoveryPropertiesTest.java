package io.loupe.index.wal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * Simulates a crash by damaging the newest write-ahead-log segment after a clean write: cut at a
 * random byte (a torn write) or one flipped bit (a bad sector). Recovery must replay exactly a prefix
 * of what was written, say what it cut, and leave a log that accepts and keeps new records.
 */
class WalCrashRecoveryPropertiesTest {
    private static final WalConfig SMALL_SEGMENTS = new WalConfig(64 * 1024, 16);

    @Provide
    Arbitrary<List<byte[]>> payloads() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(4000).list().ofMinSize(1).ofMaxSize(120);
    }

    @Property(tries = 80)
    void truncatedNewestSegmentKeepsExactlyTheRecordsThatEndedBeforeTheCut(
            @ForAll("payloads") List<byte[]> payloads,
            @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int cutChoice) throws IOException {
        Path dir = Files.createTempDirectory("wal-truncate");
        try {
            write(dir, payloads);
            NewestSegment newest = NewestSegment.of(dir, payloads);
            long cutAt = cutChoice % newest.bytes();
            WalSegmentFiles.truncate(newest.file(), cutAt);

            int survivors;
            long bytesCut;
            if (cutAt < WalFormat.HEADER_BYTES) {
                survivors = (int) newest.firstSeq() - 1;
                bytesCut = cutAt;
            } else {
                survivors = (int) newest.firstSeq() - 1 + newest.recordsEndingAtOrBefore(cutAt);
                bytesCut = cutAt - newest.endOfRecord(survivors);
            }

            try (WriteAheadLog wal = WriteAheadLog.open(dir, SMALL_SEGMENTS, seq -> { })) {
                WriteAheadLog.OpenReport report = wal.openReport();
                assertEquals(bytesCut, report.bytesCut(), "bytes cut after truncating at " + cutAt);
                if (cutAt < WalFormat.HEADER_BYTES || bytesCut > 0) {
                    assertNotNull(report.cutReason());
                } else {
                    assertNull(report.cutReason(), "a cut on a record boundary leaves nothing to report");
                }
                assertEquals(survivors, report.lastSeq() == -1 ? 0 : report.lastSeq());
                assertReplayIsPrefix(wal, payloads, survivors);
            }
            assertLogKeepsWorking(dir, survivors);
        } finally {
            deleteRecursively(dir);
        }
    }

    @Property(tries = 80)
    void flippedBitInTheNewestSegmentCutsFromTheDamagedRecordOn(
            @ForAll("payloads") List<byte[]> payloads,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long bitChoice) throws IOException {
        Path dir = Files.createTempDirectory("wal-bitflip");
        try {
            write(dir, payloads);
            NewestSegment newest = NewestSegment.of(dir, payloads);
            long bit = bitChoice % (newest.bytes() * 8);
            long offset = bit / 8;
            WalSegmentFiles.flipBit(newest.file(), offset, (int) (bit % 8));

            int survivors;
            if (offset < WalFormat.HEADER_BYTES) {
                survivors = (int) newest.firstSeq() - 1;
            } else {
                survivors = (int) newest.firstSeq() - 1 + newest.recordsEndingAtOrBefore(offset);
            }
            long damagedRecordStart = offset < WalFormat.HEADER_BYTES ? 0 : newest.endOfRecord(survivors);

            try (WriteAheadLog wal = WriteAheadLog.open(dir, SMALL_SEGMENTS, seq -> { })) {
                WriteAheadLog.OpenReport report = wal.openReport();
                assertNotNull(report.cutReason(), "a flipped bit at offset " + offset + " is reported");
                assertEquals(newest.bytes() - damagedRecordStart, report.bytesCut(),
                        "everything from the damaged record (or the whole segment, for a damaged header) is cut");
                assertReplayIsPrefix(wal, payloads, survivors);
            }
            assertLogKeepsWorking(dir, survivors);
        } finally {
            deleteRecursively(dir);
        }
    }

    /** The newest segment as the writer left it, with where each of its records ends. */
    private record NewestSegment(Path file, long firstSeq, long bytes, List<Long> recordEnds) {

        static NewestSegment of(Path dir, List<byte[]> payloads) throws IOException {
            Path file = WalSegmentFiles.listSegments(dir).getLast();
            long firstSeq = WalSegmentFiles.firstSeqOf(file);
            List<Long> ends = new ArrayList<>();
            long end = WalFormat.HEADER_BYTES;
            for (long seq = firstSeq; seq <= payloads.size(); seq++) {
                end += WalFormat.RECORD_OVERHEAD + payloads.get((int) seq - 1).length;
                ends.add(end);
            }
            long bytes = Files.size(file);
            assertEquals(end, bytes, "the newest segment holds records " + firstSeq + " to " + payloads.size());
            return new NewestSegment(file, firstSeq, bytes, ends);
        }

        /** How many of this segment's records end at or before {@code offset}. */
        int recordsEndingAtOrBefore(long offset) {
            int count = 0;
            while (count < recordEnds.size() && recordEnds.get(count) <= offset) {
                count++;
            }
            return count;
        }

        /** Where record {@code seq} ends (the header's end for the record before this segment's first). */
        long endOfRecord(long seq) {
            return seq < firstSeq ? WalFormat.HEADER_BYTES : recordEnds.get((int) (seq - firstSeq));
        }
    }

    private static void write(Path dir, List<byte[]> payloads) throws IOException {
        try (WriteAheadLog wal = WriteAheadLog.open(dir, SMALL_SEGMENTS, seq -> { })) {
            wal.startWriting();
            List<CompletableFuture<Long>> futures = new ArrayList<>();
            for (byte[] payload : payloads) {
                futures.add(wal.append(payload));
            }
            for (int i = 0; i < futures.size(); i++) {
                assertEquals(i + 1, futures.get(i).join());
            }
        }
    }

    private static void assertReplayIsPrefix(WriteAheadLog wal, List<byte[]> written, int expectedCount) throws IOException {
        List<Long> seqs = new ArrayList<>();
        List<byte[]> replayed = new ArrayList<>();
        wal.replay(0, (seq, payload) -> {
            seqs.add(seq);
            replayed.add(payload);
        });
        assertEquals(expectedCount, replayed.size(), "records replayed out of " + written.size());
        for (int i = 0; i < replayed.size(); i++) {
            assertEquals(i + 1, seqs.get(i));
            assertArrayEquals(written.get(i), replayed.get(i), "payload of seq " + (i + 1));
        }
    }

    /** After recovery the next record takes the next number, survives a commit-style truncation, and reopens cleanly. */
    private static void assertLogKeepsWorking(Path dir, int survivors) throws IOException {
        byte[] extra = {42, 43, 44};
        try (WriteAheadLog wal = WriteAheadLog.open(dir, SMALL_SEGMENTS, seq -> { })) {
            wal.startWriting();
            assertEquals(survivors + 1, wal.append(extra).join());
            wal.truncateUpTo(survivors);
        }
        try (WriteAheadLog wal = WriteAheadLog.open(dir, SMALL_SEGMENTS, seq -> { })) {
            assertEquals(0, wal.openReport().bytesCut());
            assertNull(wal.openReport().cutReason());
            assertEquals(survivors + 1, wal.openReport().lastSeq());
            List<Long> seqs = new ArrayList<>();
            List<byte[]> payloads = new ArrayList<>();
            wal.replay(0, (seq, payload) -> {
                seqs.add(seq);
                payloads.add(payload);
            });
            assertEquals(survivors + 1, seqs.getLast());
            assertArrayEquals(extra, payloads.getLast(), "the record appended after recovery is kept");
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
