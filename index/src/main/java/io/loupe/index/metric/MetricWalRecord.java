package io.loupe.index.metric;

import io.loupe.index.api.MetricSample;
import io.loupe.index.api.SeriesKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.store.ByteArrayDataInput;
import org.apache.lucene.store.ByteBuffersDataOutput;

/**
 * The payload of one metric write-ahead-log record: the samples of one append. Series keys are
 * written once per record and samples refer to them by position.
 *
 * <pre>
 * Record --> Version, SeriesCount, SeriesKey^SeriesCount, SampleCount, Sample^SampleCount
 * Version --> Byte (1)
 * SeriesCount, SampleCount --> VInt
 * SeriesKey --> see SeriesKeyCodec
 * Sample --> SeriesIndex (VInt), TimestampDelta (ZLong, from the previous sample's timestamp, the first from 0), ValueBits (Long)
 * </pre>
 */
final class MetricWalRecord {
    static final byte VERSION = 1;

    private MetricWalRecord() {
    }

    static byte[] encode(List<MetricSample> samples) {
        ByteBuffersDataOutput out = new ByteBuffersDataOutput();
        Map<SeriesKey, Integer> positions = new HashMap<>();
        List<SeriesKey> keys = new ArrayList<>();
        int[] indexes = new int[samples.size()];
        for (int i = 0; i < samples.size(); i++) {
            SeriesKey key = samples.get(i).series();
            Integer position = positions.get(key);
            if (position == null) {
                position = keys.size();
                positions.put(key, position);
                keys.add(key);
            }
            indexes[i] = position;
        }
        try {
            out.writeByte(VERSION);
            out.writeVInt(keys.size());
            for (SeriesKey key : keys) {
                SeriesKeyCodec.write(key, out);
            }
            out.writeVInt(samples.size());
            long previous = 0;
            for (int i = 0; i < samples.size(); i++) {
                MetricSample sample = samples.get(i);
                out.writeVInt(indexes[i]);
                out.writeZLong(sample.timestampMillis() - previous);
                previous = sample.timestampMillis();
                out.writeLong(Double.doubleToRawLongBits(sample.value()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toArrayCopy();
    }

    static List<MetricSample> decode(byte[] payload) throws IOException {
        ByteArrayDataInput in = new ByteArrayDataInput(payload);
        byte version = in.readByte();
        if (version != VERSION) {
            throw new IOException("metric write-ahead-log record of unknown version " + version);
        }
        int seriesCount = in.readVInt();
        checkCount(seriesCount, payload.length);
        SeriesKey[] keys = new SeriesKey[seriesCount];
        for (int i = 0; i < seriesCount; i++) {
            keys[i] = SeriesKeyCodec.read(in);
        }
        int sampleCount = in.readVInt();
        checkCount(sampleCount, payload.length);
        List<MetricSample> samples = new ArrayList<>(sampleCount);
        long timestamp = 0;
        for (int i = 0; i < sampleCount; i++) {
            int index = in.readVInt();
            if (index < 0 || index >= seriesCount) {
                throw new IOException("metric write-ahead-log sample refers to series " + index + " of " + seriesCount);
            }
            timestamp += in.readZLong();
            samples.add(new MetricSample(keys[index], timestamp, Double.longBitsToDouble(in.readLong())));
        }
        return samples;
    }

    private static void checkCount(int count, int payloadBytes) throws IOException {
        if (count < 0 || count > payloadBytes) {
            throw new IOException("metric write-ahead-log record claims " + count + " entries in " + payloadBytes + " bytes");
        }
    }
}
