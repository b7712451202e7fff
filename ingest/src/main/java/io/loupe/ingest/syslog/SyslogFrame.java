package io.loupe.ingest.syslog;

/**
 * One syslog message as framing delivered it.
 *
 * @param bytes     the message, at most {@code syslog.max_frame_bytes}
 * @param truncated whether the message on the wire was longer and cut to that length
 */
public record SyslogFrame(byte[] bytes, boolean truncated) {
}
