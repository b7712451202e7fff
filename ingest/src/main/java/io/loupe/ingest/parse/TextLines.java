package io.loupe.ingest.parse;

/**
 * Walks the lines of a text body in place, without copying: a line ends at {@code '\n'} or at the end
 * of the body, and a {@code '\r'} just before the {@code '\n'} is not part of it. Line numbers are
 * 1-based and count every line, blank ones included, so they match what an editor shows. A body
 * ending in {@code '\n'} has no empty last line. One instance per parse call; not thread-safe.
 *
 * <pre>
 * TextLines lines = new TextLines(body);
 * while (lines.next()) { ... body[lines.start() .. lines.end()) is line lines.number() ... }
 * </pre>
 */
public final class TextLines {
    private final byte[] body;
    private int nextStart;
    private int number;
    private int start;
    private int end;

    public TextLines(byte[] body) {
        this.body = body;
    }

    /** Moves to the next line; false once the body is read. */
    public boolean next() {
        if (nextStart >= body.length) {
            return false;
        }
        start = nextStart;
        int newline = start;
        while (newline < body.length && body[newline] != '\n') {
            newline++;
        }
        end = newline > start && body[newline - 1] == '\r' ? newline - 1 : newline;
        nextStart = newline + 1;
        number++;
        return true;
    }

    /** 1-based number of the current line; after the last line, the number of lines. */
    public int number() {
        return number;
    }

    /** Offset of the current line's first byte in the body. */
    public int start() {
        return start;
    }

    /** Offset just past the current line's content (before its {@code "\n"} or {@code "\r\n"}). */
    public int end() {
        return end;
    }

    public int length() {
        return end - start;
    }

    /** Whether the current line is empty or holds only whitespace ({@link Character#isWhitespace}). */
    public boolean isBlank() {
        for (int i = start; i < end; i++) {
            if (!Character.isWhitespace(body[i])) {
                return false;
            }
        }
        return true;
    }

    /** Offset of the current line's first byte that is not a space or a tab; {@link #end()} when there is none. */
    public int firstNonBlank() {
        int i = start;
        while (i < end && (body[i] == ' ' || body[i] == '\t')) {
            i++;
        }
        return i;
    }
}
