package io.loupe.ingest.syslog;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Cuts a TCP byte stream into syslog messages, RFC 6587, deciding per message: a message that starts
 * with a digit 1-9 followed by digits and a space is octet-counted ({@code MSG-LEN SP SYSLOG-MSG});
 * anything else is non-transparent framing, ended by LF (a CR before it is dropped) or NUL. Empty
 * messages are skipped. Memory is bounded by {@code maxFrameBytes}: a longer message is cut there
 * and marked truncated, and the rest of it (up to its count or its delimiter) is discarded. A count
 * with more than {@value #MAX_COUNT_DIGITS} digits is not octet counting: those bytes start a
 * newline-framed message instead. Not thread-safe; one per connection.
 */
public final class SyslogFrameDecoder {
    /** Counts up to 999,999,999 bytes; a longer digit run is text. */
    static final int MAX_COUNT_DIGITS = 9;

    private enum State { START, COUNT, COUNTED, DELIMITED }

    private final int maxFrameBytes;
    private byte[] buffer = new byte[256];
    private int length;
    private boolean truncated;
    private State state = State.START;
    private long remaining;
    private int countDigits;

    public SyslogFrameDecoder(int maxFrameBytes) {
        if (maxFrameBytes < 1) {
            throw new IllegalArgumentException("maxFrameBytes must be positive, got " + maxFrameBytes);
        }
        this.maxFrameBytes = maxFrameBytes;
    }

    /** Feeds {@code count} bytes of {@code chunk} from {@code offset}; every message they complete goes to {@code out}. */
    public void feed(byte[] chunk, int offset, int count, Consumer<SyslogFrame> out) {
        int end = offset + count;
        for (int i = offset; i < end; i++) {
            byte b = chunk[i];
            switch (state) {
                case START -> {
                    if (b >= '1' && b <= '9') {
                        state = State.COUNT;
                        remaining = b - '0';
                        countDigits = 1;
                        append(b);
                    } else if (b == '\n' || b == 0) {
                        // an empty message between delimiters
                    } else {
                        state = State.DELIMITED;
                        append(b);
                    }
                }
                case COUNT -> {
                    if (b >= '0' && b <= '9' && countDigits < MAX_COUNT_DIGITS) {
                        remaining = remaining * 10 + (b - '0');
                        countDigits++;
                        append(b);
                    } else if (b == ' ') {
                        state = State.COUNTED;
                        length = 0;
                        truncated = false;
                        if (remaining == 0) {
                            state = State.START;
                        }
                    } else {
                        // digits that are not a count: the start of a newline-framed message
                        state = State.DELIMITED;
                        i--;
                    }
                }
                case COUNTED -> {
                    int take = (int) Math.min(remaining, end - i);
                    appendAll(chunk, i, take);
                    remaining -= take;
                    i += take - 1;
                    if (remaining == 0) {
                        emit(out);
                    }
                }
                case DELIMITED -> {
                    if (b == '\n' || b == 0) {
                        if (b == '\n' && length > 0 && buffer[length - 1] == '\r' && !truncated) {
                            length--;
                        }
                        emit(out);
                    } else {
                        append(b);
                    }
                }
            }
        }
    }

    /** At the end of the stream: the message still open, if any, goes to {@code out} as it is. */
    public void flush(Consumer<SyslogFrame> out) {
        if (state == State.COUNTED || state == State.DELIMITED || state == State.COUNT) {
            if (state == State.COUNTED) {
                truncated = true;
            }
            emit(out);
        }
        state = State.START;
    }

    private void append(byte b) {
        if (length == maxFrameBytes) {
            truncated = true;
            return;
        }
        if (length == buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.min(maxFrameBytes, buffer.length * 2));
        }
        buffer[length++] = b;
    }

    private void appendAll(byte[] chunk, int from, int count) {
        int kept = Math.min(count, maxFrameBytes - length);
        if (kept < count) {
            truncated = true;
        }
        if (length + kept > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.min(maxFrameBytes, Math.max(length + kept, buffer.length * 2)));
        }
        System.arraycopy(chunk, from, buffer, length, kept);
        length += kept;
    }

    private void emit(Consumer<SyslogFrame> out) {
        if (length > 0) {
            out.accept(new SyslogFrame(Arrays.copyOf(buffer, length), truncated));
        }
        length = 0;
        truncated = false;
        state = State.START;
        if (buffer.length > 4096) {
            buffer = new byte[256];
        }
    }
}
