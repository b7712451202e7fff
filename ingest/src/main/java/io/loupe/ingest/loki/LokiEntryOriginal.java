package io.loupe.ingest.loki;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The bytes an entry keeps as its {@code original}: the entry as a one-entry stream of Loki's JSON push,
 * with its stream's labels, whichever encoding it arrived in (a protobuf entry has no bytes of its own
 * that carry its labels):
 * <pre>
 * {"stream":{"job":"api","host":"web-3"},"values":[["1763805600000000000","line",{"trace_id":"t-1"}]]}
 * </pre>
 * The structured metadata object is left out when the entry has none. Labels and metadata appear as
 * received, empty values included; a lone surrogate, which only a JSON escape such as <code>"&#92;ud800"</code> can
 * make, becomes {@code ?}. The stream part is rendered once per stream. Immutable.
 */
final class LokiEntryOriginal {
    private static final JsonStringEncoder ENCODER = JsonStringEncoder.getInstance();
    private static final byte[] SUFFIX = "]]}".getBytes(StandardCharsets.US_ASCII);

    private final byte[] streamPrefix;

    LokiEntryOriginal(Map<String, String> labels) {
        ByteArrayOutputStream prefix = new ByteArrayOutputStream();
        prefix.writeBytes("{\"stream\":".getBytes(StandardCharsets.US_ASCII));
        writeObject(prefix, labels);
        prefix.writeBytes(",\"values\":[[".getBytes(StandardCharsets.US_ASCII));
        this.streamPrefix = prefix.toByteArray();
    }

    byte[] of(LokiEntry entry) {
        byte[] line = quotedUtf8(entry.line());
        ByteArrayOutputStream out = new ByteArrayOutputStream(streamPrefix.length + line.length + 32 + SUFFIX.length);
        out.writeBytes(streamPrefix);
        out.write('"');
        out.writeBytes(Long.toString(entry.timestampNanos()).getBytes(StandardCharsets.US_ASCII));
        out.writeBytes("\",\"".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(line);
        out.write('"');
        if (!entry.structuredMetadata().isEmpty()) {
            out.write(',');
            writeObject(out, entry.structuredMetadata());
        }
        out.writeBytes(SUFFIX);
        return out.toByteArray();
    }

    private static void writeObject(ByteArrayOutputStream out, Map<String, String> pairs) {
        out.write('{');
        boolean first = true;
        for (Map.Entry<String, String> pair : pairs.entrySet()) {
            if (!first) {
                out.write(',');
            }
            first = false;
            writeString(out, pair.getKey());
            out.write(':');
            writeString(out, pair.getValue());
        }
        out.write('}');
    }

    private static void writeString(ByteArrayOutputStream out, String text) {
        out.write('"');
        out.writeBytes(quotedUtf8(text));
        out.write('"');
    }

    /** JSON-escaped UTF-8; a lone surrogate (only a JSON escape can make one) becomes '?'. */
    private static byte[] quotedUtf8(String text) {
        return new String(ENCODER.quoteAsString(text)).getBytes(StandardCharsets.UTF_8);
    }
}
