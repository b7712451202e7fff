package io.loupe.index.metric.codec;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32C;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;

/**
 * Writes one segment file ({@link MetricSegmentFormat}) series by series, in ascending series id
 * order, into {@code <file>.tmp}; {@link #finish()} writes the index and footer, fsyncs, renames the
 * file atomically to its final name and fsyncs the directory, so a segment is either complete or
 * absent. Closing an unfinished writer deletes the temporary file. Memory stays bounded by two open
 * groups, the index and the distinct timestamp columns remembered for sharing (at most
 * {@value #SHARED_TIMESTAMP_MEMORY_BYTES} bytes of them). Not thread-safe.
 */
public final class MetricSegmentWriter implements Closeable {
    /** Encoded timestamp columns kept for sharing; columns seen after this much is held are stored unshared. */
    static final int SHARED_TIMESTAMP_MEMORY_BYTES = 16 << 20;
    private static final LZ4Compressor COMPRESSOR = LZ4Factory.fastestInstance().highCompressor();

    private final Path file;
    private final Path temporaryFile;
    private final SegmentHeader header;
    private final int columnCount;
    private final FileChannel channel;
    private final CRC32C footerChecksum = new CRC32C();
    private final ColumnOutput groupTable = new ColumnOutput();
    private final ColumnOutput timestampGroup = new ColumnOutput(MetricSegmentFormat.GROUP_TARGET_BYTES + 1024);
    private final ColumnOutput valueGroup = new ColumnOutput(MetricSegmentFormat.GROUP_TARGET_BYTES + 1024);
    private final ColumnOutput scratch = new ColumnOutput();
    private final ChunkRefs timestampRefs = new ChunkRefs();
    private final ChunkRefs valueRefs = new ChunkRefs();
    private final ColumnOutput seriesEntries = new ColumnOutput();
    private final Map<ByteBuffer, Integer> timestampColumnOrdinals = new HashMap<>();
    private final Map<ValueEncoding, Long> encodingCounts = new EnumMap<>(ValueEncoding.class);
    private long sharedTimestampBytes;
    private int groupCount;
    private int seriesCount;
    private long sampleCount;
    private long previousSeriesId = -1;
    private long position;
    private boolean finished;
    private boolean closed;

    private MetricSegmentWriter(Path file, SegmentHeader header, FileChannel channel, Path temporaryFile) {
        this.file = file;
        this.header = header;
        this.channel = channel;
        this.temporaryFile = temporaryFile;
        this.columnCount = header.columnCount();
    }

    /** Starts {@code <file>.tmp} (replacing a leftover one); fails when {@code file} itself already exists. */
    public static MetricSegmentWriter create(Path file, SegmentHeader header) throws IOException {
        if (Files.exists(file)) {
            throw new FileAlreadyExistsException(file.toString(), null, "metric segments are written once; delete the old one first");
        }
        Path temporaryFile = file.resolveSibling(file.getFileName() + ".tmp");
        FileChannel channel = FileChannel.open(temporaryFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        MetricSegmentWriter writer = new MetricSegmentWriter(file, header, channel, temporaryFile);
        try {
            writer.writeHeader();
        } catch (IOException | RuntimeException e) {
            writer.close();
            throw e;
        }
        return writer;
    }

    /**
     * Adds one series: {@code count} strictly ascending timestamps inside the block and, per value
     * column, {@code count} values ({@code columns.length} is 1 for raw, 6 for rollups). Series ids
     * must be non-negative and strictly ascending across calls. The arrays are not kept.
     */
    public void add(int seriesId, long[] timestamps, double[][] columns, int count) throws IOException {
        requireOpen();
        validate(seriesId, timestamps, columns, count);
        scratch.reset();
        TimestampColumnCodec.encode(timestamps, count, scratch);
        int timestampColumn = timestampColumnOrdinal(scratch);
        int valueOffset = valueGroup.size();
        for (double[] column : columns) {
            encodingCounts.merge(ValueColumnCodec.encode(column, count, valueGroup), 1L, Long::sum);
        }
        valueRefs.add(valueOffset, valueGroup.size() - valueOffset);
        seriesEntries.writeUnsignedVarLong(seriesId - previousSeriesId - 1);
        seriesEntries.writeUnsignedVarLong(timestampColumn);
        previousSeriesId = seriesId;
        seriesCount++;
        sampleCount += count;
        if (valueGroup.size() >= MetricSegmentFormat.GROUP_TARGET_BYTES) {
            flushGroup(valueGroup, valueRefs);
        }
    }

    /** Completes the file as described in the class comment and returns its size in bytes. */
    public long finish() throws IOException {
        requireOpen();
        try {
            flushGroup(timestampGroup, timestampRefs);
            flushGroup(valueGroup, valueRefs);
            ColumnOutput index = new ColumnOutput(groupTable.size() + seriesEntries.size() * 2 + 64);
            index.writeUnsignedVarLong(groupCount);
            index.writeBytes(groupTable.buffer(), 0, groupTable.size());
            index.writeUnsignedVarLong(timestampRefs.size());
            for (int t = 0; t < timestampRefs.size(); t++) {
                timestampRefs.writeNext(t, index);
            }
            index.writeUnsignedVarLong(seriesCount);
            ColumnInput entries = new ColumnInput(seriesEntries.buffer(), 0, seriesEntries.size());
            for (int s = 0; s < seriesCount; s++) {
                index.writeUnsignedVarLong(entries.readUnsignedVarLong());
                index.writeUnsignedVarLong(entries.readUnsignedVarLong());
                valueRefs.writeNext(s, index);
            }
            long indexOffset = position;
            writeChecksummed(index);
            ColumnOutput footer = new ColumnOutput(MetricSegmentFormat.FOOTER_BYTES);
            footer.writeLong(indexOffset);
            footer.writeInt(index.size());
            footer.writeInt(MetricSegmentFormat.FOOTER_MAGIC);
            footerChecksum.update(footer.buffer(), 0, footer.size());
            footer.writeInt((int) footerChecksum.getValue());
            write(footer.buffer(), footer.size());
            channel.force(true);
            channel.close();
            Files.move(temporaryFile, file, StandardCopyOption.ATOMIC_MOVE);
            syncDirectory(file.toAbsolutePath().getParent());
            finished = true;
            return position;
        } finally {
            if (!finished) {
                close();
            }
        }
    }

    /** Deletes the temporary file unless {@link #finish()} completed; idempotent. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (!finished) {
            try {
                channel.close();
            } finally {
                Files.deleteIfExists(temporaryFile);
            }
        }
    }

    public long seriesCount() {
        return seriesCount;
    }

    public long sampleCount() {
        return sampleCount;
    }

    /** How many value columns each encoding was chosen for so far (for measuring compression). */
    public Map<String, Long> valueEncodingCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        encodingCounts.forEach((encoding, n) -> counts.put(encoding.name().toLowerCase(Locale.ROOT), n));
        return counts;
    }

    private void validate(int seriesId, long[] timestamps, double[][] columns, int count) {
        if (seriesId < 0 || seriesId <= previousSeriesId) {
            throw new IllegalArgumentException("series id " + seriesId + " must be non-negative and above the previous one ("
                    + previousSeriesId + ") in segment " + file);
        }
        if (count < 1 || count > MetricSegmentFormat.MAX_SAMPLES_PER_SERIES) {
            throw new IllegalArgumentException("series " + seriesId + " has " + count + " samples; a segment holds 1 to "
                    + MetricSegmentFormat.MAX_SAMPLES_PER_SERIES + " per series");
        }
        if (columns.length != columnCount) {
            throw new IllegalArgumentException("series " + seriesId + " has " + columns.length + " value columns; a "
                    + header.resolution().wireName() + " segment takes " + columnCount);
        }
        if (timestamps.length < count) {
            throw new IllegalArgumentException("series " + seriesId + " has " + timestamps.length + " timestamps for "
                    + count + " samples");
        }
        for (int c = 0; c < columnCount; c++) {
            if (columns[c].length < count) {
                throw new IllegalArgumentException("value column " + c + " of series " + seriesId + " has "
                        + columns[c].length + " values for " + count + " samples");
            }
        }
        for (int i = 0; i < count; i++) {
            if (!header.contains(timestamps[i])) {
                throw new IllegalArgumentException("timestamp " + timestamps[i] + " of series " + seriesId
                        + " is outside the segment's block [" + header.minTime() + ", " + header.maxTime() + ")");
            }
            if (i > 0 && timestamps[i] <= timestamps[i - 1]) {
                throw new IllegalArgumentException("timestamps of series " + seriesId + " are not strictly ascending: "
                        + timestamps[i] + " follows " + timestamps[i - 1]);
            }
        }
    }

    /** The ordinal of an equal timestamp column already stored, or of this one, now appended. */
    private int timestampColumnOrdinal(ColumnOutput encoded) throws IOException {
        ByteBuffer key = ByteBuffer.wrap(encoded.buffer(), 0, encoded.size());
        Integer existing = timestampColumnOrdinals.get(key);
        if (existing != null) {
            return existing;
        }
        int ordinal = timestampRefs.size();
        int offset = timestampGroup.size();
        timestampGroup.writeBytes(encoded.buffer(), 0, encoded.size());
        timestampRefs.add(offset, encoded.size());
        if (sharedTimestampBytes + encoded.size() <= SHARED_TIMESTAMP_MEMORY_BYTES) {
            sharedTimestampBytes += encoded.size();
            timestampColumnOrdinals.put(ByteBuffer.wrap(encoded.toByteArray()), ordinal);
        }
        if (timestampGroup.size() >= MetricSegmentFormat.GROUP_TARGET_BYTES) {
            flushGroup(timestampGroup, timestampRefs);
        }
        return ordinal;
    }

    private void flushGroup(ColumnOutput group, ChunkRefs refs) throws IOException {
        if (group.size() == 0) {
            return;
        }
        byte[] compressed = new byte[COMPRESSOR.maxCompressedLength(group.size())];
        int compressedLength = COMPRESSOR.compress(group.buffer(), 0, group.size(), compressed, 0, compressed.length);
        CRC32C checksum = new CRC32C();
        checksum.update(compressed, 0, compressedLength);
        groupTable.writeUnsignedVarLong(compressedLength);
        groupTable.writeUnsignedVarLong(group.size());
        groupTable.writeInt((int) checksum.getValue());
        write(compressed, compressedLength);
        refs.assignGroup(groupCount++);
        group.reset();
    }

    private void writeHeader() throws IOException {
        ColumnOutput bytes = new ColumnOutput(MetricSegmentFormat.HEADER_BYTES);
        bytes.writeInt(MetricSegmentFormat.MAGIC);
        bytes.writeByte(MetricSegmentFormat.CODEC_NAME_BYTES.length);
        bytes.writeBytes(MetricSegmentFormat.CODEC_NAME_BYTES, 0, MetricSegmentFormat.CODEC_NAME_BYTES.length);
        bytes.writeInt(MetricSegmentFormat.VERSION_CURRENT);
        bytes.writeByte(MetricSegmentFormat.resolutionCode(header.resolution()));
        bytes.writeLong(header.minTime());
        bytes.writeLong(header.maxTime());
        writeChecksummed(bytes);
    }

    private void writeChecksummed(ColumnOutput bytes) throws IOException {
        footerChecksum.update(bytes.buffer(), 0, bytes.size());
        write(bytes.buffer(), bytes.size());
    }

    private void write(byte[] bytes, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 0, length);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        position += length;
    }

    private void requireOpen() {
        if (finished || closed) {
            throw new IllegalStateException("metric segment writer for " + file + " is already "
                    + (finished ? "finished" : "closed"));
        }
    }

    private static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
