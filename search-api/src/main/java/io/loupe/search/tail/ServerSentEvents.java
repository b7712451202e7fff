package io.loupe.search.tail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The {@code text/event-stream} framing of the HTML Living Standard: an event is {@code event:},
 * {@code id:} and one {@code data:} line per line of its data, ended by a blank line; a line that
 * starts with a colon is a comment, which clients ignore (a heartbeat). Appends to one buffer, so a
 * poll's events go to the client in one write. Not thread-safe.
 */
public final class ServerSentEvents {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

    /**
     * @param type the event type, or null for the default {@code message}
     * @param id   the event id the client resumes after ({@code Last-Event-ID}), or null for none
     * @param data the data, any text: line breaks become several {@code data:} lines
     */
    public ServerSentEvents event(String type, String id, String data) {
        if (type != null) {
            field("event", singleLine(type));
        }
        if (id != null) {
            field("id", singleLine(id));
        }
        for (String line : data.split("\r\n|\r|\n", -1)) {
            field("data", line);
        }
        out.write('\n');
        return this;
    }

    /** An event whose data is a JSON text without raw line breaks (as Jackson writes it), as bytes. */
    public ServerSentEvents event(String type, String id, byte[] singleLineJson) {
        field("event", singleLine(type));
        if (id != null) {
            field("id", singleLine(id));
        }
        out.writeBytes("data: ".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(singleLineJson);
        out.writeBytes("\n\n".getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    /** A comment line, which keeps the connection busy without an event. */
    public ServerSentEvents comment(String text) {
        out.writeBytes((": " + singleLine(text) + "\n\n").getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** The reconnection delay a client should wait before it resumes. */
    public ServerSentEvents retry(long millis) {
        field("retry", Long.toString(millis));
        out.write('\n');
        return this;
    }

    public boolean isEmpty() {
        return out.size() == 0;
    }

    public byte[] toBytes() {
        return out.toByteArray();
    }

    private void field(String name, String value) {
        out.writeBytes((name + ": " + value + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static String singleLine(String value) {
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("an event type, id or comment is one line, got '" + value + "'");
        }
        return value;
    }
}
