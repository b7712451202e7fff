package io.loupe.index.metric.codec;

import io.loupe.index.api.MetricResolution;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.CRC32C;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * Reads a segment file written by {@link MetricSegmentWriter}. {@link #open} reads and verifies the
 * header, footer and index (a few kilobytes, whatever the file size); each read verifies the
 * checksum of every group it decompresses. Any damage surfaces as
 * {@link MetricSegmentCorruptException} naming the file; a read never returns wrong data.
 *
 * <p>Thread-safe: the state is immutable after open and file reads are positional. Reads after
 * {@link #close()} fail with an {@link IOException}.
 */
public final class MetricSegmentReader implements Closeable {
    private static final LZ4SafeDecompressor DECOMPRESSOR = LZ4Factory.fastestInstance().safeDecompressor();
    /** Decompressed groups one {@link #read(int[])} call keeps at once. */
    private static final int GROUPS_KEPT_PER_READ = 8;

    private final Path file;
    private final FileChannel channel;
    private final long sizeBytes;
    private final SegmentHeader header;
    private final SegmentIndex index;

    private MetricSegmentReader(Path file, FileChannel channel, long sizeBytes, SegmentHeader header, SegmentIndex index) {
        this.file = file;
        this.channel = channel;
        this.sizeBytes = sizeBytes;
        this.header = header;
        this.index = index;
    }

    public static MetricSegmentReader open(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            long size = channel.size();
            return verified(file, channel, size);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static MetricSegmentReader verified(Path file, FileChannel channel, long size) throws IOException {
        int minimumSize = MetricSegmentFormat.HEADER_BYTES + MetricSegmentFormat.FOOTER_BYTES;
        if (size < minimumSize) {
            throw new MetricSegmentCorruptException(file, "file is " + size + " bytes, shorter than the "
                    + minimumSize + " bytes of an empty segment (truncated?)");
        }
        byte[] headerBytes = readFully(file, channel, 0, MetricSegmentFormat.HEADER_BYTES);
        ColumnInput headerInput = new ColumnInput(headerBytes);
        int magic = headerInput.readInt();
        if (magic != MetricSegmentFormat.MAGIC) {
            throw new MetricSegmentCorruptException(file, String.format(
                    "magic 0x%08X is not a loupe metric segment's (0x%08X)", magic, MetricSegmentFormat.MAGIC));
        }
        int nameLength = headerInput.readByte();
        byte[] name = Arrays.copyOfRange(headerBytes, headerInput.position(), headerInput.position() + MetricSegmentFormat.CODEC_NAME_BYTES.length);
        headerInput.skip(MetricSegmentFormat.CODEC_NAME_BYTES.length);
        if (nameLength != name.length || !Arrays.equals(name, MetricSegmentFormat.CODEC_NAME_BYTES)) {
            throw new MetricSegmentCorruptException(file, "codec name '" + new String(name, StandardCharsets.UTF_8)
                    + "' (length " + nameLength + ") is not '" + MetricSegmentFormat.CODEC_NAME + "'");
        }
        int version = headerInput.readInt();
        if (version < MetricSegmentFormat.VERSION_START || version > MetricSegmentFormat.VERSION_CURRENT) {
            throw new MetricSegmentCorruptException(file, "format version " + version + " is unsupported; this build reads versions "
                    + MetricSegmentFormat.VERSION_START + " to " + MetricSegmentFormat.VERSION_CURRENT);
        }
        int resolutionCode = headerInput.readByte();
        long minTime = headerInput.readLong();
        long maxTime = headerInput.readLong();

        long footerOffset = size - MetricSegmentFormat.FOOTER_BYTES;
        ColumnInput footer = new ColumnInput(readFully(file, channel, footerOffset, MetricSegmentFormat.FOOTER_BYTES));
        long indexOffset = footer.readLong();
        int indexLength = footer.readInt();
        int footerMagic = footer.readInt();
        int storedChecksum = footer.readInt();
        if (footerMagic != MetricSegmentFormat.FOOTER_MAGIC) {
            throw new MetricSegmentCorruptException(file, String.format(
                    "footer magic 0x%08X is not 0x%08X (truncated or overwritten tail?)", footerMagic, MetricSegmentFormat.FOOTER_MAGIC));
        }
        if (indexOffset < MetricSegmentFormat.HEADER_BYTES || indexLength < 0 || indexOffset + indexLength != footerOffset) {
            throw new MetricSegmentCorruptException(file, "footer places the index at offset " + indexOffset + " with "
                    + indexLength + " bytes, but the footer starts at offset " + footerOffset);
        }
        byte[] indexBytes = readFully(file, channel, indexOffset, indexLength);
        CRC32C checksum = new CRC32C();
        checksum.update(headerBytes);
        checksum.update(indexBytes);
        checksum.update(footer.array(), 0, 8 + 4 + 4);
        if ((int) checksum.getValue() != storedChecksum) {
            throw new MetricSegmentCorruptException(file, String.format(
                    "checksum of header and index is 0x%08X but the footer records 0x%08X", (int) checksum.getValue(), storedChecksum));
        }
        MetricResolution resolution = MetricSegmentFormat.resolutionOfCode(resolutionCode);
        if (resolution == null) {
            throw new MetricSegmentCorruptException(file, "resolution code " + resolutionCode + " names no resolution");
        }
        if (minTime >= maxTime) {
            throw new MetricSegmentCorruptException(file, "block [" + minTime + ", " + maxTime + ") is empty");
        }
        SegmentIndex index;
        try {
            index = SegmentIndex.parse(indexBytes, MetricSegmentFormat.HEADER_BYTES, indexOffset);
        } catch (MalformedColumnException e) {
            throw new MetricSegmentCorruptException(file, "index: " + e.getMessage(), e);
        }
        return new MetricSegmentReader(file, channel, size, new SegmentHeader(resolution, minTime, maxTime), index);
    }

    public Path file() {
        return file;
    }

    public SegmentHeader header() {
        return header;
    }

    /** The stored series ids, ascending; a fresh copy. */
    public int[] seriesIds() {
        return index.seriesIds.clone();
    }

    public int seriesCount() {
        return index.seriesIds.length;
    }

    public boolean contains(int seriesId) {
        return index.positionOf(seriesId) >= 0;
    }

    public long sizeBytes() {
        return sizeBytes;
    }

    SegmentIndex index() {
        return index;
    }

    /** One series' columns, or null when the segment does not hold it. */
    public SeriesColumns read(int seriesId) throws IOException {
        return read(new int[] {seriesId})[0];
    }

    /**
     * Several series at once, each group decompressed once however many of them it holds; the
     * result is aligned with {@code seriesIds}, null where a series is absent. Ascending ids read
     * fastest.
     */
    public SeriesColumns[] read(int[] seriesIds) throws IOException {
        Map<Integer, byte[]> groups = new HashMap<>();
        Map<Integer, long[]> timestampColumns = new HashMap<>();
        SeriesColumns[] result = new SeriesColumns[seriesIds.length];
        for (int r = 0; r < seriesIds.length; r++) {
            int position = index.positionOf(seriesIds[r]);
            if (position >= 0) {
                result[r] = readAt(position, groups, timestampColumns);
            }
        }
        return result;
    }

    private SeriesColumns readAt(int position, Map<Integer, byte[]> groups, Map<Integer, long[]> timestampColumns)
            throws IOException {
        int seriesId = index.seriesIds[position];
        int timestampColumn = index.seriesTimestampColumns[position];
        try {
            long[] timestamps = timestampColumns.get(timestampColumn);
            if (timestamps == null) {
                timestamps = decodeTimestampColumn(timestampColumn, groups);
                timestampColumns.put(timestampColumn, timestamps);
            }
            int count = timestamps.length;
            SegmentIndex.ChunkLocations chunks = index.valueChunks;
            byte[] group = group(chunks.groups()[position], groups);
            ColumnInput in = new ColumnInput(group, chunks.offsets()[position], chunks.lengths()[position]);
            double[][] columns = new double[header.columnCount()][];
            for (int c = 0; c < columns.length; c++) {
                columns[c] = ValueColumnCodec.decode(in, count);
            }
            if (in.remaining() != 0) {
                throw new MalformedColumnException(in.remaining() + " bytes follow the last value column");
            }
            return new SeriesColumns(timestamps.clone(), columns, count);
        } catch (MalformedColumnException e) {
            throw new MetricSegmentCorruptException(file, "series " + seriesId + ": " + e.getMessage(), e);
        }
    }

    private long[] decodeTimestampColumn(int ordinal, Map<Integer, byte[]> groups) throws IOException {
        SegmentIndex.ChunkLocations chunks = index.timestampColumns;
        byte[] group = group(chunks.groups()[ordinal], groups);
        ColumnInput in = new ColumnInput(group, chunks.offsets()[ordinal], chunks.lengths()[ordinal]);
        long[] timestamps = TimestampColumnCodec.decode(in);
        if (in.remaining() != 0) {
            throw new MalformedColumnException(in.remaining() + " bytes follow timestamp column " + ordinal);
        }
        for (int i = 0; i < timestamps.length; i++) {
            if (!header.contains(timestamps[i]) || (i > 0 && timestamps[i] <= timestamps[i - 1])) {
                throw new MalformedColumnException("timestamp column " + ordinal + " holds " + timestamps[i] + " at position "
                        + i + ", outside the block or not ascending");
            }
        }
        return timestamps;
    }

    /**
     * Reads every group and checks its checksum without decompressing it; {@link #open} checks only
     * the header, index and footer. Lets a caller refuse a damaged file before serving from it.
     */
    public void verifyChecksums() throws IOException {
        for (int group = 0; group < index.groupFileOffsets.length; group++) {
            checkedGroupBytes(group);
        }
    }

    private byte[] checkedGroupBytes(int group) throws IOException {
        long offset = index.groupFileOffsets[group];
        byte[] compressed = readFully(file, channel, offset, index.groupCompressedLengths[group]);
        CRC32C checksum = new CRC32C();
        checksum.update(compressed);
        if ((int) checksum.getValue() != index.groupChecksums[group]) {
            throw new MetricSegmentCorruptException(file, String.format("checksum of group %d at offset %d is 0x%08X but the index records 0x%08X",
                    group, offset, (int) checksum.getValue(), index.groupChecksums[group]));
        }
        return compressed;
    }

    private byte[] group(int group, Map<Integer, byte[]> groups) throws IOException {
        byte[] raw = groups.get(group);
        if (raw != null) {
            return raw;
        }
        long offset = index.groupFileOffsets[group];
        byte[] compressed = checkedGroupBytes(group);
        raw = new byte[index.groupRawLengths[group]];
        try {
            int decompressed = DECOMPRESSOR.decompress(compressed, 0, compressed.length, raw, 0, raw.length);
            if (decompressed != raw.length) {
                throw new MetricSegmentCorruptException(file, "group " + group + " decompresses to " + decompressed
                        + " bytes, not the " + raw.length + " the index records");
            }
        } catch (LZ4Exception e) {
            throw new MetricSegmentCorruptException(file, "group " + group + " at offset " + offset + " does not decompress: "
                    + e.getMessage(), e);
        }
        if (groups.size() >= GROUPS_KEPT_PER_READ) {
            groups.clear();
        }
        groups.put(group, raw);
        return raw;
    }

    private static byte[] readFully(Path file, FileChannel channel, long offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, offset + buffer.position());
            if (read < 0) {
                throw new MetricSegmentCorruptException(file, "ends before offset " + (offset + length),
                        new EOFException(file.toString()));
            }
        }
        return buffer.array();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
