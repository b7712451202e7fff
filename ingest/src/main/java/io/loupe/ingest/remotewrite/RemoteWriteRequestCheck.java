package io.loupe.ingest.remotewrite;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LoupeException;
import java.util.Locale;

/**
 * The request headers a remote write 1.0 request must carry. Prometheus (2.x, and 3.x with the default
 * {@code protobuf_message: prometheus.WriteRequest}) sends:
 * <pre>
 * Content-Encoding: snappy
 * Content-Type: application/x-protobuf
 * User-Agent: Prometheus/2.42.0
 * X-Prometheus-Remote-Write-Version: 0.1.0
 * </pre>
 * Rules: {@code Content-Encoding} must be {@code snappy} (the body is decoded as a snappy block, so
 * anything else would fail later with a less helpful message). {@code Content-Type}, when present,
 * must be {@code application/x-protobuf}; a {@code proto} parameter other than
 * {@code prometheus.WriteRequest} is remote write 2.0 ({@code io.prometheus.write.v2.Request}), which
 * is refused so the sender can fall back to 1.0. A missing {@code Content-Type} is accepted (some
 * shippers, e.g. Telegraf's http output, need it configured by hand), as is any
 * {@code X-Prometheus-Remote-Write-Version}: 2.0 senders are told apart by the content type, as the
 * 2.0 specification does.
 */
public final class RemoteWriteRequestCheck {
    public static final String CONTENT_TYPE = "application/x-protobuf";
    public static final String CONTENT_ENCODING = "snappy";
    public static final String VERSION_1_PROTO_MESSAGE = "prometheus.WriteRequest";

    private RemoteWriteRequestCheck() {
    }

    /**
     * @param contentType     the {@code Content-Type} header, or null
     * @param contentEncoding the {@code Content-Encoding} header, or null
     * @throws LoupeException {@link ErrorCode#UNSUPPORTED_ENCODING} or {@link ErrorCode#UNSUPPORTED_MEDIA_TYPE} (415)
     */
    public static void check(String contentType, String contentEncoding) {
        if (contentEncoding == null || contentEncoding.isBlank()) {
            throw new LoupeException(ErrorCode.UNSUPPORTED_ENCODING, "remote write bodies must be snappy-compressed"
                    + " (Content-Encoding: snappy, block format); the request has no Content-Encoding");
        }
        if (!contentEncoding.trim().equalsIgnoreCase(CONTENT_ENCODING)) {
            throw new LoupeException(ErrorCode.UNSUPPORTED_ENCODING, "remote write bodies must be snappy-compressed"
                    + " (Content-Encoding: snappy, block format), not '" + contentEncoding.trim() + "'");
        }
        if (contentType == null || contentType.isBlank()) {
            return;
        }
        String[] parts = contentType.split(";");
        String mediaType = parts[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals(CONTENT_TYPE)) {
            throw new LoupeException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "remote write bodies are protobuf"
                    + " (Content-Type: application/x-protobuf), not '" + contentType.trim() + "'");
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            int equals = parameter.indexOf('=');
            if (equals < 0 || !parameter.substring(0, equals).trim().equalsIgnoreCase("proto")) {
                continue;
            }
            String message = parameter.substring(equals + 1).trim();
            if (message.length() >= 2 && message.startsWith("\"") && message.endsWith("\"")) {
                message = message.substring(1, message.length() - 1);
            }
            if (!message.equals(VERSION_1_PROTO_MESSAGE)) {
                throw new LoupeException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "remote write message '" + message
                        + "' is not supported; only remote write 1.0 (proto=prometheus.WriteRequest) is;"
                        + " set protobuf_message: prometheus.WriteRequest in the sender's remote_write config");
            }
        }
    }
}
