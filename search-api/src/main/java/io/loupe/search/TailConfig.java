package io.loupe.search;

import io.loupe.index.api.Setting;
import io.loupe.index.api.SettingSource;
import java.time.Duration;
import java.util.List;

/**
 * Live tail limits ({@code GET /api/v1/tail}).
 *
 * @param maxTails            live tails open at once; more answer 429
 * @param lookback            a tail shows new events whose timestamp is at most this old
 * @param pollInterval        how often a tail looks for new events
 * @param maxEventsPerSecond  most events one tail sends per second; beyond it the oldest are reported as dropped
 * @param heartbeat           a comment is sent after this long without any other write
 * @param maxBufferBytes      bytes written for one client but not yet taken by its socket, beyond which its tail stops polling
 * @param slowClientTimeout   how long a client may leave its queue full before the tail is closed
 */
public record TailConfig(int maxTails, Duration lookback, Duration pollInterval, int maxEventsPerSecond,
                         Duration heartbeat, int maxBufferBytes, Duration slowClientTimeout) {
    public static final Setting MAX_TAILS = new Setting("search.max_tails", "64",
            "live tails (GET /api/v1/tail) open at once; more answer 429");
    public static final Setting LOOKBACK_SECONDS = new Setting("search.tail_lookback_seconds", "3600",
            "a live tail shows newly arrived events whose timestamp is at most this many seconds old");
    public static final Setting POLL_MILLIS = new Setting("search.tail_poll_millis", "250",
            "how often a live tail looks for new events, in milliseconds");
    public static final Setting MAX_EVENTS_PER_SECOND = new Setting("search.tail_max_events_per_second", "1000",
            "most events one live tail sends per second; beyond it the tail skips ahead and sends event: dropped with the count");
    public static final Setting HEARTBEAT_SECONDS = new Setting("search.tail_heartbeat_seconds", "15",
            "a live tail sends a comment line after this many seconds without events, so proxies keep the connection");
    public static final Setting MAX_BUFFER_BYTES = new Setting("search.tail_max_buffer_bytes", "1048576",
            "bytes written for one live tail client that have not reached its socket yet; beyond it the tail stops polling for that client");
    public static final Setting SLOW_CLIENT_SECONDS = new Setting("search.tail_slow_client_seconds", "10",
            "a live tail whose client leaves its queue full this many seconds is closed with event: closed");
    public static final List<Setting> SETTINGS = List.of(MAX_TAILS, LOOKBACK_SECONDS, POLL_MILLIS, MAX_EVENTS_PER_SECOND,
            HEARTBEAT_SECONDS, MAX_BUFFER_BYTES, SLOW_CLIENT_SECONDS);

    public static TailConfig from(SettingSource source) {
        return new TailConfig(MAX_TAILS.intValue(source, 0, 100_000),
                Duration.ofSeconds(LOOKBACK_SECONDS.longValue(source, 1, 366L * 86_400)),
                Duration.ofMillis(POLL_MILLIS.longValue(source, 10, 60_000)),
                MAX_EVENTS_PER_SECOND.intValue(source, 1, 1_000_000),
                Duration.ofSeconds(HEARTBEAT_SECONDS.longValue(source, 1, 3600)),
                MAX_BUFFER_BYTES.intValue(source, 1024, 1 << 30),
                Duration.ofSeconds(SLOW_CLIENT_SECONDS.longValue(source, 1, 3600)));
    }

    public static TailConfig defaults() {
        return from(key -> null);
    }

    /** Events one poll may send: the per-second limit spread over the polls of a second, at least one. */
    public int maxEventsPerPoll() {
        return (int) Math.max(1, Math.ceilDiv((long) maxEventsPerSecond * pollInterval.toMillis(), 1000L));
    }
}
