package io.loupe.index.metric.codec;

import java.util.Arrays;

/**
 * The parsed index of a segment ({@code Index} in {@link MetricSegmentFormat}): where each group
 * lies in the file, where each distinct timestamp column and each series' value chunk lies within
 * its uncompressed group, and which timestamp column each series uses. Immutable once parsed.
 * Parsing checks that every reference stays inside its group and the groups exactly fill the space
 * between header and index; a violation throws {@link MalformedColumnException}.
 */
final class SegmentIndex {
    final long[] groupFileOffsets;
    final int[] groupCompressedLengths;
    final int[] groupRawLengths;
    final int[] groupChecksums;
    final ChunkLocations timestampColumns;
    final int[] seriesIds;
    final int[] seriesTimestampColumns;
    final ChunkLocations valueChunks;

    /** Resolved chunk references: group, offset and length within the uncompressed group. */
    record ChunkLocations(int[] groups, int[] offsets, int[] lengths) {
    }

    private SegmentIndex(long[] groupFileOffsets, int[] groupCompressedLengths, int[] groupRawLengths, int[] groupChecksums,
                         ChunkLocations timestampColumns, int[] seriesIds, int[] seriesTimestampColumns,
                         ChunkLocations valueChunks) {
        this.groupFileOffsets = groupFileOffsets;
        this.groupCompressedLengths = groupCompressedLengths;
        this.groupRawLengths = groupRawLengths;
        this.groupChecksums = groupChecksums;
        this.timestampColumns = timestampColumns;
        this.seriesIds = seriesIds;
        this.seriesTimestampColumns = seriesTimestampColumns;
        this.valueChunks = valueChunks;
    }

    /** The position of {@code seriesId} in {@link #seriesIds}, or a negative number when absent. */
    int positionOf(int seriesId) {
        return Arrays.binarySearch(seriesIds, seriesId);
    }

    static SegmentIndex parse(byte[] index, long groupsStart, long groupsEnd) {
        ColumnInput in = new ColumnInput(index);
        int groupCount = in.readUnsignedVarInt(in.remaining(), "group count");
        long[] fileOffsets = new long[groupCount];
        int[] compressedLengths = new int[groupCount];
        int[] rawLengths = new int[groupCount];
        int[] checksums = new int[groupCount];
        long groupStart = groupsStart;
        for (int g = 0; g < groupCount; g++) {
            fileOffsets[g] = groupStart;
            compressedLengths[g] = in.readUnsignedVarInt(Integer.MAX_VALUE, "compressed length of group " + g);
            rawLengths[g] = in.readUnsignedVarInt(Integer.MAX_VALUE, "uncompressed length of group " + g);
            checksums[g] = in.readInt();
            groupStart += compressedLengths[g];
        }
        if (groupStart != groupsEnd) {
            throw new MalformedColumnException(groupCount + " groups end at offset " + groupStart
                    + " but the index starts at offset " + groupsEnd);
        }
        int timestampColumnCount = in.readUnsignedVarInt(in.remaining(), "timestamp column count");
        ChunkLocations timestamps = new ChunkLocations(new int[timestampColumnCount], new int[timestampColumnCount],
                new int[timestampColumnCount]);
        ChunkRefReader timestampRefs = new ChunkRefReader(rawLengths, "timestamp column");
        for (int t = 0; t < timestampColumnCount; t++) {
            timestampRefs.readInto(in, timestamps, t);
        }
        int seriesCount = in.readUnsignedVarInt(in.remaining(), "series count");
        int[] seriesIds = new int[seriesCount];
        int[] seriesTimestampColumns = new int[seriesCount];
        ChunkLocations values = new ChunkLocations(new int[seriesCount], new int[seriesCount], new int[seriesCount]);
        ChunkRefReader valueRefs = new ChunkRefReader(rawLengths, "value chunk");
        long previousId = -1;
        for (int s = 0; s < seriesCount; s++) {
            long id = previousId + 1 + in.readUnsignedVarInt(Integer.MAX_VALUE, "series id gap");
            if (id > Integer.MAX_VALUE) {
                throw new MalformedColumnException("series id " + id + " exceeds " + Integer.MAX_VALUE);
            }
            seriesIds[s] = (int) id;
            previousId = id;
            seriesTimestampColumns[s] = in.readUnsignedVarInt(timestampColumnCount - 1, "timestamp column of series " + id);
            valueRefs.readInto(in, values, s);
        }
        if (in.remaining() != 0) {
            throw new MalformedColumnException(in.remaining() + " bytes follow the last index entry");
        }
        return new SegmentIndex(fileOffsets, compressedLengths, rawLengths, checksums, timestamps, seriesIds,
                seriesTimestampColumns, values);
    }

    /** Resolves one list of ChunkRefs, each relative to the one before. */
    private static final class ChunkRefReader {
        private final int[] groupRawLengths;
        private final String what;
        private int group;
        private long end;
        private boolean first = true;

        ChunkRefReader(int[] groupRawLengths, String what) {
            this.groupRawLengths = groupRawLengths;
            this.what = what;
        }

        void readInto(ColumnInput in, ChunkLocations into, int position) {
            long advance = in.readUnsignedVarLong();
            int length = in.readUnsignedVarInt(Integer.MAX_VALUE, what + " length");
            if (advance < 0 || group + advance >= groupRawLengths.length) {
                throw new MalformedColumnException(what + " " + position + " lies in group " + (group + advance)
                        + " but there are " + groupRawLengths.length + " groups");
            }
            long offset = advance > 0 || first ? 0 : end;
            group += (int) advance;
            first = false;
            end = offset + length;
            if (end > groupRawLengths[group]) {
                throw new MalformedColumnException(what + " " + position + " ends at " + end + " beyond the "
                        + groupRawLengths[group] + " uncompressed bytes of group " + group);
            }
            into.groups()[position] = group;
            into.offsets()[position] = (int) offset;
            into.lengths()[position] = length;
        }
    }
}
