package io.loupe.index.metric.codec;

import java.util.Arrays;

/**
 * A growable list of chunk references (group, offset and length within the uncompressed group), in
 * file order, as the writer collects them and the index stores them ({@code ChunkRef} in
 * {@link MetricSegmentFormat}). A chunk's group number is known only once its group is flushed, so
 * references are added with an unassigned group and {@link #assignGroup} fills it in. Not thread-safe.
 */
final class ChunkRefs {
    private int size;
    private int[] groups = new int[64];
    private int[] offsets = new int[64];
    private int[] lengths = new int[64];
    private int unassignedFrom;
    private int previousGroup;
    private int previousEnd;

    int size() {
        return size;
    }

    void add(int offset, int length) {
        if (size == groups.length) {
            groups = Arrays.copyOf(groups, size * 2);
            offsets = Arrays.copyOf(offsets, size * 2);
            lengths = Arrays.copyOf(lengths, size * 2);
        }
        groups[size] = -1;
        offsets[size] = offset;
        lengths[size] = length;
        size++;
    }

    /** Gives every reference added since the last call the group that was just flushed. */
    void assignGroup(int group) {
        for (int i = unassignedFrom; i < size; i++) {
            groups[i] = group;
        }
        unassignedFrom = size;
    }

    /** Writes the next reference in order; call for 0, 1, 2, ... once each group is assigned. */
    void writeNext(int ref, ColumnOutput out) {
        int group = groups[ref];
        int offset = offsets[ref];
        int advance = group - previousGroup;
        boolean continuesGroup = advance == 0 && ref > 0;
        if (group < 0 || advance < 0 || offset != (continuesGroup ? previousEnd : 0)) {
            throw new IllegalStateException("chunk reference " + ref + " (group " + group + ", offset " + offset
                    + ") does not follow the previous one (group " + previousGroup + ", end " + previousEnd + ")");
        }
        out.writeUnsignedVarLong(advance);
        out.writeUnsignedVarLong(lengths[ref]);
        previousGroup = group;
        previousEnd = offset + lengths[ref];
    }
}
