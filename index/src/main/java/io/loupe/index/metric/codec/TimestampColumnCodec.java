package io.loupe.index.metric.codec;

/**
 * Encodes a series' strictly ascending millisecond timestamps as delta-of-deltas. Regular scrapes
 * give runs of zeros (one byte per 64 samples once bit-packed, next to nothing after LZ4); jitter of
 * a few milliseconds costs a few bits per sample.
 *
 * <pre>
 * TimestampColumn --&gt; Count(varint, 1..{@value MetricSegmentFormat#MAX_SAMPLES_PER_SERIES}), First(zigzag varint),
 *                     [FirstDelta(zigzag varint)]                    if Count &gt; 1
 *                     [Layout(uint8), PackedLongs^(Count - 2)]        if Count &gt; 2
 * PackedLongs     --&gt; delta(i) - delta(i - 1) for i in 2..Count-1, in the Layout's form, see {@link PackedLongs}
 * </pre>
 *
 * Arithmetic wraps modulo 2^64 in both directions, so any longs round-trip.
 */
final class TimestampColumnCodec {
    private TimestampColumnCodec() {
    }

    static void encode(long[] timestamps, int count, ColumnOutput out) {
        if (count < 1 || count > MetricSegmentFormat.MAX_SAMPLES_PER_SERIES) {
            throw new IllegalArgumentException("timestamp count " + count + " is outside [1, "
                    + MetricSegmentFormat.MAX_SAMPLES_PER_SERIES + "]");
        }
        out.writeUnsignedVarLong(count);
        out.writeSignedVarLong(timestamps[0]);
        if (count == 1) {
            return;
        }
        long previousDelta = timestamps[1] - timestamps[0];
        out.writeSignedVarLong(previousDelta);
        if (count == 2) {
            return;
        }
        long[] deltaOfDeltas = new long[count - 2];
        for (int i = 2; i < count; i++) {
            long delta = timestamps[i] - timestamps[i - 1];
            deltaOfDeltas[i - 2] = delta - previousDelta;
            previousDelta = delta;
        }
        int layout = PackedLongs.smallestLayout(deltaOfDeltas, 0, deltaOfDeltas.length);
        out.writeByte(layout);
        PackedLongs.write(deltaOfDeltas, 0, deltaOfDeltas.length, layout, out);
    }

    static long[] decode(ColumnInput in) {
        int count = in.readUnsignedVarInt(MetricSegmentFormat.MAX_SAMPLES_PER_SERIES, "timestamp count");
        if (count == 0) {
            throw new MalformedColumnException("timestamp count is 0; a stored series has at least one sample");
        }
        long[] timestamps = new long[count];
        timestamps[0] = in.readSignedVarLong();
        if (count == 1) {
            return timestamps;
        }
        long delta = in.readSignedVarLong();
        timestamps[1] = timestamps[0] + delta;
        if (count == 2) {
            return timestamps;
        }
        int layout = in.readByte();
        PackedLongs.read(in, layout, timestamps, 2, count - 2);
        for (int i = 2; i < count; i++) {
            delta += timestamps[i];
            timestamps[i] = timestamps[i - 1] + delta;
        }
        return timestamps;
    }
}
