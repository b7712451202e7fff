package io.loupe.ingest.remotewrite;

import io.loupe.ingest.wire.ProtobufWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.xerial.snappy.Snappy;

/** Builds remote write 1.0 bodies the way Prometheus does: protobuf WriteRequest, snappy block (snappy-java). */
final class WriteRequestBuilder {
    private final ProtobufWriter request = new ProtobufWriter();

    /** Starts a TimeSeries; {@code namesAndValues} alternate, {@code __name__} included like any label. */
    Series series(String... namesAndValues) {
        return new Series(namesAndValues);
    }

    WriteRequestBuilder metadata(String metricFamilyName) {
        request.writeMessageField(3, new ProtobufWriter().writeVarintField(1, 1).writeStringField(2, metricFamilyName)
                .writeStringField(4, "help text"));
        return this;
    }

    byte[] protobuf() {
        return request.toByteArray();
    }

    byte[] snappy() {
        try {
            return Snappy.compress(protobuf());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    final class Series {
        private final ProtobufWriter series = new ProtobufWriter();

        private Series(String... namesAndValues) {
            for (int i = 0; i < namesAndValues.length; i += 2) {
                series.writeMessageField(1, new ProtobufWriter().writeStringField(1, namesAndValues[i])
                        .writeStringField(2, namesAndValues[i + 1]));
            }
        }

        Series sample(long timestampMillis, double value) {
            series.writeMessageField(2, new ProtobufWriter().writeDoubleField(1, value).writeVarintField(2, timestampMillis));
            return this;
        }

        Series exemplar() {
            series.writeMessageField(3, new ProtobufWriter()
                    .writeMessageField(1, new ProtobufWriter().writeStringField(1, "trace_id").writeStringField(2, "abc"))
                    .writeDoubleField(2, 0.5).writeVarintField(3, 1));
            return this;
        }

        /** A native histogram sample (field 4); its content does not matter to Loupe. */
        Series nativeHistogram(long timestampMillis) {
            series.writeMessageField(4, new ProtobufWriter().writeVarintField(1, 3).writeDoubleField(3, 1.5)
                    .writeSignedVarintField(4, 3).writeVarintField(15, timestampMillis));
            return this;
        }

        WriteRequestBuilder end() {
            request.writeMessageField(1, series);
            return WriteRequestBuilder.this;
        }
    }
}
