package io.loupe.index.wal;

import java.nio.charset.StandardCharsets;

/**
 * The on-disk format of a write-ahead-log segment. All integers are big-endian.
 *
 * <pre>
 * Segment     --&gt; Header, Record*
 * Header      --&gt; Magic, CodecName, Version, FirstSeq
 * Magic       --&gt; int32 0x4C57414C ("LWAL")
 * CodecName   --&gt; Length(uint8), UTF-8 bytes of "loupe-wal"
 * Version     --&gt; int32, {@link #VERSION_CURRENT}
 * FirstSeq    --&gt; int64, the sequence number the first record of this segment will carry
 * Record      --&gt; PayloadLength(int32), Seq(int64), Payload, Crc32c(int32)
 * Crc32c      --&gt; CRC-32C over PayloadLength, Seq and Payload
 * </pre>
 *
 * A segment is named after its FirstSeq, zero-padded to 20 digits, with the extension {@code .wal}.
 * Records carry consecutive sequence numbers across segments. Only the tail of the newest segment
 * can be torn by a crash; a bad record anywhere else is corruption.
 *
 * <p>A replaced version is frozen: a new version gets a new number and a reader for the old one.
 */
public final class WalFormat {
    public static final int MAGIC = 0x4C57414C;
    public static final String CODEC_NAME = "loupe-wal";
    public static final byte[] CODEC_NAME_BYTES = CODEC_NAME.getBytes(StandardCharsets.UTF_8);
    public static final int VERSION_START = 1;
    public static final int VERSION_CURRENT = VERSION_START;
    public static final int HEADER_BYTES = 4 + 1 + CODEC_NAME_BYTES.length + 4 + 8;
    /** PayloadLength + Seq before the payload, Crc32c after it. */
    public static final int RECORD_OVERHEAD = 4 + 8 + 4;
    public static final String EXTENSION = ".wal";

    private WalFormat() {
    }

    public static String segmentFileName(long firstSeq) {
        return String.format("%020d%s", firstSeq, EXTENSION);
    }

    /** The FirstSeq a segment file name encodes, or -1 when the name is not a segment's. */
    public static long firstSeqOf(String fileName) {
        if (!fileName.endsWith(EXTENSION) || fileName.length() != 20 + EXTENSION.length()) {
            return -1;
        }
        try {
            return Long.parseLong(fileName.substring(0, 20));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
