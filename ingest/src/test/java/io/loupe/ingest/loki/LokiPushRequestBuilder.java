package io.loupe.ingest.loki;

import io.loupe.ingest.wire.ProtobufWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.xerial.snappy.Snappy;

/** Builds protobuf pushes the way Promtail and Alloy do: a logproto.PushRequest, snappy block (snappy-java). */
final class LokiPushRequestBuilder {
    private final ProtobufWriter request = new ProtobufWriter();

    /** Starts a StreamAdapter with its label set string, e.g. {@code {job="api"}}. */
    Stream stream(String labels) {
        return new Stream(labels);
    }

    byte[] protobuf() {
        return request.toByteArray();
    }

    byte[] snappy() {
        return snappy(protobuf());
    }

    static byte[] snappy(byte[] bytes) {
        try {
            return Snappy.compress(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    final class Stream {
        private final ProtobufWriter stream = new ProtobufWriter();

        private Stream(String labels) {
            if (labels != null) {
                stream.writeStringField(1, labels);
            }
            stream.writeVarintField(3, 0x1234_5678_9abcL);
        }

        /** An EntryAdapter; {@code metadataNamesAndValues} alternate. */
        Stream entry(long seconds, int nanos, String line, String... metadataNamesAndValues) {
            ProtobufWriter entry = new ProtobufWriter()
                    .writeMessageField(1, new ProtobufWriter().writeVarintField(1, seconds).writeVarintField(2, nanos))
                    .writeStringField(2, line);
            for (int i = 0; i < metadataNamesAndValues.length; i += 2) {
                entry.writeMessageField(3, new ProtobufWriter().writeStringField(1, metadataNamesAndValues[i])
                        .writeStringField(2, metadataNamesAndValues[i + 1]));
            }
            stream.writeMessageField(2, entry);
            return this;
        }

        LokiPushRequestBuilder end() {
            request.writeMessageField(1, stream);
            return LokiPushRequestBuilder.this;
        }
    }
}
