package io.loupe.ops.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * NDJSON events as RFC 5424 syslog frames with RFC 6587 octet counting, as rsyslog forwards over
 * TCP: facility local0 (authpriv for audit events), severity from the level, host, the service as
 * APP-NAME, the other fields as SD-PARAMs of {@code [bench@32473 ...]}, then the message.
 */
final class SyslogBatchEncoder implements BatchEncoder {
    private static final int LOCAL0 = 16;
    private static final int AUTHPRIV = 10;

    @Override
    public byte[] encode(byte[] ndjsonBatch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(ndjsonBatch.length + ndjsonBatch.length / 4);
        for (GeneratedEvent event : GeneratedEvent.parseBatch(ndjsonBatch)) {
            byte[] frame = frame(event).getBytes(StandardCharsets.UTF_8);
            out.writeBytes((frame.length + " ").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(frame);
        }
        return out.toByteArray();
    }

    private static String frame(GeneratedEvent event) {
        JsonNode kind = event.others().get("kind");
        int facility = kind != null && kind.asText().equals("audit") ? AUTHPRIV : LOCAL0;
        int severity = event.level() == null ? 6 : switch (event.level()) {
            case "warn" -> 4;
            case "error" -> 3;
            default -> 6;
        };
        StringBuilder frame = new StringBuilder(320);
        frame.append('<').append(facility * 8 + severity).append(">1 ")
                .append(Instant.ofEpochSecond(0, event.epochNanos())).append(' ')
                .append(orNil(event.host())).append(' ').append(orNil(event.service())).append(" - - [bench@32473");
        for (Map.Entry<String, JsonNode> field : event.others().entrySet()) {
            frame.append(' ').append(field.getKey()).append("=\"");
            String value = field.getValue().asText();
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '"' || c == '\\' || c == ']') {
                    frame.append('\\');
                }
                frame.append(c);
            }
            frame.append('"');
        }
        frame.append("] ").append(event.message() == null ? "" : event.message());
        return frame.toString();
    }

    private static String orNil(String value) {
        return value == null || value.isEmpty() ? "-" : value.replace(' ', '_');
    }
}
