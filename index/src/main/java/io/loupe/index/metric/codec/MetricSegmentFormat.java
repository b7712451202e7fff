package io.loupe.index.metric.codec;

import io.loupe.index.api.MetricResolution;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The on-disk format of a metric segment: one immutable file holding one block of time
 * {@code [MinTime, MaxTime)} of many series at one resolution. Fixed-width integers are big-endian;
 * varints are unsigned LEB128, zigzag-mapped where signed.
 *
 * <pre>
 * Segment        --&gt; Header, Group^GroupCount, Index, Footer
 * Header         --&gt; Magic, CodecName, Version, Resolution, MinTime, MaxTime
 * Magic          --&gt; int32 {@value #MAGIC_HEX} ("LMSG")
 * CodecName      --&gt; Length(uint8), UTF-8 bytes of "{@value #CODEC_NAME}"
 * Version        --&gt; int32, {@link #VERSION_START} to {@link #VERSION_CURRENT}
 * Resolution     --&gt; uint8: 0 raw, 1 five minutes, 2 one hour
 * MinTime        --&gt; int64, epoch milliseconds, inclusive
 * MaxTime        --&gt; int64, epoch milliseconds, exclusive
 * Group          --&gt; LZ4 block (high compression) of Chunk* ; about {@value #GROUP_TARGET_BYTES} bytes uncompressed
 * Chunk          --&gt; TimestampColumn | ValueChunk
 * TimestampColumn--&gt; see {@link TimestampColumnCodec}; stored once per distinct column and shared by every series with equal timestamps
 * ValueChunk     --&gt; ValueColumn^ColumnCount: 1 for raw; 6 for rollups: min, max, sum, count, last, increase
 *                    (increase is -0.0 for a bucket without a counter pair; see RollupSamples.NO_INCREASE)
 * ValueColumn    --&gt; see {@link ValueColumnCodec}; its count is the series' timestamp count
 * Index          --&gt; GroupCount(varint), GroupEntry^GroupCount,
 *                    TimestampColumnCount(varint), ChunkRef^TimestampColumnCount,
 *                    SeriesCount(varint), SeriesEntry^SeriesCount
 * GroupEntry     --&gt; CompressedLength(varint), RawLength(varint), Crc32c(int32 over the compressed bytes)
 * SeriesEntry    --&gt; SeriesIdGap(varint), TimestampColumn(varint ordinal), ChunkRef    the series' ValueChunk
 * ChunkRef       --&gt; GroupAdvance(varint), Length(varint)
 * Footer         --&gt; IndexOffset(int64), IndexLength(int32), FooterMagic, Crc32c
 * FooterMagic    --&gt; int32 {@value #FOOTER_MAGIC_HEX} ("GSML")
 * Crc32c         --&gt; CRC-32C over Header, Index, IndexOffset, IndexLength and FooterMagic
 * </pre>
 *
 * <p>Groups follow the header back to back, numbered from 0 in file order; group {@code g} starts
 * at the header's end plus the compressed lengths of the groups before it. Series ids are
 * non-negative and ascending: an id is the previous id plus 1 plus SeriesIdGap (the previous id of
 * the first entry is -1). Chunk references come in two lists, timestamp columns and value chunks,
 * each in file order: a ChunkRef's group is the previous reference's group (of the same list; 0 for
 * the first) plus GroupAdvance; its offset within the uncompressed group is 0 when GroupAdvance is
 * positive or it is the first of its list, else the previous reference's offset plus length.
 *
 * <p><b>Verification.</b> {@code open} checks the magic, codec name and version, that
 * {@code IndexOffset + IndexLength + }{@value #FOOTER_BYTES}{@code  == file size}, the footer
 * checksum, and that the groups exactly fill the space between header and index; each group's
 * checksum is checked before it is decompressed. Every byte of the file is covered by a checksum
 * over a span fixed by checksummed lengths, so any single bit flip or truncation is reported as
 * {@link MetricSegmentCorruptException}.
 *
 * <p>A replaced version is frozen: a new version gets a new number and the reader keeps reading
 * the old one.
 */
public final class MetricSegmentFormat {
    public static final int MAGIC = 0x4C4D5347;
    static final String MAGIC_HEX = "0x4C4D5347";
    public static final int FOOTER_MAGIC = 0x47534D4C;
    static final String FOOTER_MAGIC_HEX = "0x47534D4C";
    public static final String CODEC_NAME = "loupe-metric-segment";
    static final byte[] CODEC_NAME_BYTES = CODEC_NAME.getBytes(StandardCharsets.UTF_8);
    public static final int VERSION_START = 1;
    public static final int VERSION_CURRENT = VERSION_START;
    /** Magic, CodecName, Version, Resolution, MinTime, MaxTime. */
    public static final int HEADER_BYTES = 4 + 1 + CODEC_NAME_BYTES.length + 4 + 1 + 8 + 8;
    /** IndexOffset, IndexLength, FooterMagic, Crc32c. */
    public static final int FOOTER_BYTES = 8 + 4 + 4 + 4;
    /** A group is compressed and started anew once its uncompressed chunks reach this size. */
    public static final int GROUP_TARGET_BYTES = 64 * 1024;
    /** The most samples (or buckets) one series may have in one segment. */
    public static final int MAX_SAMPLES_PER_SERIES = 1 << 24;
    public static final int RAW_COLUMNS = 1;
    /** Rollup value columns, in stored order. */
    public static final List<String> ROLLUP_COLUMNS = List.of("min", "max", "sum", "count", "last", "increase");
    public static final String EXTENSION = ".lms";

    private MetricSegmentFormat() {
    }

    static int columnCount(MetricResolution resolution) {
        return resolution == MetricResolution.RAW ? RAW_COLUMNS : ROLLUP_COLUMNS.size();
    }

    static int resolutionCode(MetricResolution resolution) {
        return switch (resolution) {
            case RAW -> 0;
            case FIVE_MINUTES -> 1;
            case ONE_HOUR -> 2;
        };
    }

    /** The resolution a code stands for, or null for an unknown code. */
    static MetricResolution resolutionOfCode(int code) {
        return switch (code) {
            case 0 -> MetricResolution.RAW;
            case 1 -> MetricResolution.FIVE_MINUTES;
            case 2 -> MetricResolution.ONE_HOUR;
            default -> null;
        };
    }
}
