package io.loupe.index.wal;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32C;

/** Reads one segment front to back, verifying every record, and says where its valid prefix ends. */
final class WalSegmentScanner {
    /** Larger payloads are taken as a damaged length field, not as a real record. */
    static final int MAX_PAYLOAD_BYTES = 1 << 30;

    /**
     * @param file        the segment
     * @param firstSeq    the sequence number the file name promises for the first record
     * @param lastSeq     the last valid record's sequence number, or firstSeq - 1 when there is none
     * @param validBytes  where the valid prefix ends; equals the file size when nothing is wrong
     * @param problem     what is wrong after the valid prefix, or null
     */
    record Scan(Path file, long firstSeq, long lastSeq, long validBytes, long fileBytes, String problem) {
        boolean damaged() {
            return problem != null;
        }

        long records() {
            return lastSeq - firstSeq + 1;
        }
    }

    private WalSegmentScanner() {
    }

    /** Verifies the segment and hands every record with a sequence number above {@code afterSeq} to the consumer. */
    static Scan scan(Path file, long afterSeq, WalRecordConsumer consumer) throws IOException {
        long firstSeq = WalFormat.firstSeqOf(file.getFileName().toString());
        long fileBytes = Files.size(file);
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            String headerProblem = readHeader(in, firstSeq);
            if (headerProblem != null) {
                return new Scan(file, firstSeq, firstSeq - 1, 0, fileBytes, headerProblem);
            }
            long offset = WalFormat.HEADER_BYTES;
            long expectedSeq = firstSeq;
            CRC32C crc = new CRC32C();
            byte[] prefix = new byte[12];
            while (offset < fileBytes) {
                String problem = null;
                byte[] payload = null;
                try {
                    in.readFully(prefix);
                    int length = readInt(prefix, 0);
                    long seq = readLong(prefix, 4);
                    if (length < 0 || length > MAX_PAYLOAD_BYTES || offset + WalFormat.RECORD_OVERHEAD + length > fileBytes) {
                        problem = "record length " + length + " runs past the end of the file (" + fileBytes + " bytes)";
                    } else {
                        payload = new byte[length];
                        in.readFully(payload);
                        int storedCrc = in.readInt();
                        crc.reset();
                        crc.update(prefix);
                        crc.update(payload);
                        if ((int) crc.getValue() != storedCrc) {
                            problem = "checksum mismatch in record " + seq;
                        } else if (seq != expectedSeq) {
                            problem = "expected sequence number " + expectedSeq + " but found " + seq;
                        } else if (consumer != null && seq > afterSeq) {
                            consumer.accept(seq, payload);
                        }
                    }
                } catch (EOFException e) {
                    problem = "file ends inside a record";
                }
                if (problem != null) {
                    return new Scan(file, firstSeq, expectedSeq - 1, offset, fileBytes, problem);
                }
                offset += WalFormat.RECORD_OVERHEAD + payload.length;
                expectedSeq++;
            }
            return new Scan(file, firstSeq, expectedSeq - 1, offset, fileBytes, null);
        }
    }

    private static String readHeader(DataInputStream in, long firstSeq) throws IOException {
        try {
            int magic = in.readInt();
            if (magic != WalFormat.MAGIC) {
                return String.format("bad magic 0x%08X, expected 0x%08X", magic, WalFormat.MAGIC);
            }
            int nameLength = in.readUnsignedByte();
            byte[] name = new byte[nameLength];
            in.readFully(name);
            if (!Arrays.equals(name, WalFormat.CODEC_NAME_BYTES)) {
                return "codec name is not " + WalFormat.CODEC_NAME;
            }
            int version = in.readInt();
            if (version < WalFormat.VERSION_START || version > WalFormat.VERSION_CURRENT) {
                return "unsupported version " + version + " (this build reads " + WalFormat.VERSION_START
                        + " to " + WalFormat.VERSION_CURRENT + ")";
            }
            long headerSeq = in.readLong();
            if (headerSeq != firstSeq) {
                return "header says first sequence number " + headerSeq + " but the file name says " + firstSeq;
            }
            return null;
        } catch (EOFException e) {
            return "file ends inside the header";
        }
    }

    static int readInt(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }

    static long readLong(byte[] b, int at) {
        return ((long) readInt(b, at) << 32) | (readInt(b, at + 4) & 0xFFFFFFFFL);
    }
}
