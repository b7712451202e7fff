package io.loupe.search.tail;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.loupe.index.api.EpochNanos;
import io.loupe.index.api.LogSearchResult.LogHit;
import io.loupe.index.api.LogTail;
import io.loupe.index.api.LogTailResult;
import io.loupe.index.api.TimeRange;
import io.loupe.search.TailConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.function.Function;

/**
 * The state of one live tail, apart from the connection: where it is in the stream of events, whether
 * a poll is running, when it last wrote, and since when its client has left the write queue full.
 * The connection asks {@link #tick} at every poll interval and does what it answers:
 * <ul>
 *   <li>{@link Step#CLOSE} once the queue has stayed full for {@code search.tail_slow_client_seconds}
 *       ({@link #closeReason()} says why), so a client that stopped reading never holds more than the
 *       bounded queue;</li>
 *   <li>{@link Step#WAIT} while the queue is full (no poll: nothing more is buffered) or a poll runs;</li>
 *   <li>{@link Step#HEARTBEAT} after {@code search.tail_heartbeat_seconds} without a write;</li>
 *   <li>{@link Step#POLL} otherwise: {@link #startPoll}, run it on a worker, render it with
 *       {@link #frames}, then {@link #polled}.</li>
 * </ul>
 * Times are monotonic nanos from the caller. Not thread-safe: one connection's event loop drives it.
 */
public final class TailSession {
    private static final JsonFactory JSON = new JsonFactory();

    /** What the connection does at a tick. */
    public enum Step { POLL, HEARTBEAT, WAIT, CLOSE }

    private final TailRequest request;
    private final TailConfig config;
    private long position;
    private boolean polling;
    private long lastWriteNanos;
    private long queueFullSinceNanos = -1;
    private String closeReason;

    public TailSession(TailRequest request, TailConfig config, long nowNanos) {
        this.request = request;
        this.config = config;
        this.position = request.afterEventId();
        this.lastWriteNanos = nowNanos;
    }

    public Step tick(long nowNanos, boolean writeQueueFull) {
        if (closeReason != null) {
            return Step.CLOSE;
        }
        if (writeQueueFull) {
            if (queueFullSinceNanos < 0) {
                queueFullSinceNanos = nowNanos;
            } else if (nowNanos - queueFullSinceNanos >= config.slowClientTimeout().toNanos()) {
                closeReason = "client too slow: more than " + config.maxBufferBytes() + " bytes (search.tail_max_buffer_bytes) "
                        + "stayed unread for " + config.slowClientTimeout().toSeconds() + " s (search.tail_slow_client_seconds); "
                        + "reconnect with Last-Event-ID to resume, or narrow q";
                return Step.CLOSE;
            }
            return Step.WAIT;
        }
        queueFullSinceNanos = -1;
        if (nowNanos - lastWriteNanos >= config.heartbeat().toNanos()) {
            return Step.HEARTBEAT;
        }
        return polling ? Step.WAIT : Step.POLL;
    }

    /**
     * The next poll: events after the position, in the window {@code [now - search.tail_lookback_seconds, accepted.to)},
     * at most {@link TailConfig#maxEventsPerPoll()}.
     *
     * @param accepted the event times the store accepts now (its upper end is the furthest future event)
     */
    public LogTail startPoll(Instant now, TimeRange accepted) {
        polling = true;
        long from = Math.max(accepted.fromNanos(), EpochNanos.of(now.minus(config.lookback())));
        return new LogTail(request.query(), new TimeRange(Math.min(from, accepted.toNanos()), accepted.toNanos()),
                request.kinds(), position, config.maxEventsPerPoll());
    }

    /** The poll finished: continue after its position; {@code wrote} says whether its frames were written. */
    public void polled(long newPosition, boolean wrote, long nowNanos) {
        polling = false;
        position = Math.max(position, newPosition);
        if (wrote) {
            lastWriteNanos = nowNanos;
        }
    }

    /** The poll failed: the tail ends with the reason. */
    public void failed(String reason) {
        polling = false;
        closeReason = reason;
    }

    /** The tail ends for a reason outside it (the server stops). */
    public void close(String reason) {
        if (closeReason == null) {
            closeReason = reason;
        }
    }

    public byte[] heartbeat(long nowNanos) {
        lastWriteNanos = nowNanos;
        return new ServerSentEvents().comment("heartbeat").toBytes();
    }

    public String closeReason() {
        return closeReason;
    }

    public long position() {
        return position;
    }

    /** The final event: {@code event: closed} with {@code {"reason":"..."}}. */
    public static byte[] closedFrame(String reason) {
        return new ServerSentEvents().event("closed", null, json("reason", reason, null, 0)).toBytes();
    }

    /**
     * A poll's events as frames (pure; runs on the worker that ran the poll): first
     * {@code event: dropped} with the count when the poll had more than it may send, its {@code id}
     * just before the first event sent so a resume does not ask for the dropped ones again; then one
     * {@code event: log} per event, oldest arrival first, {@code id} its event id and {@code data}
     * the event as search renders a hit.
     */
    public static byte[] frames(LogTailResult result, TailConfig config, Function<LogHit, byte[]> renderHit) {
        ServerSentEvents events = new ServerSentEvents();
        if (result.dropped() > 0) {
            long resumeAfter = result.hits().isEmpty() ? result.position() : result.hits().getFirst().eventId() - 1;
            events.event("dropped", Long.toString(resumeAfter), json("reason", "more than " + config.maxEventsPerPoll()
                    + " events matched in one poll (search.tail_max_events_per_second = " + config.maxEventsPerSecond()
                    + "); the oldest were skipped", "dropped", result.dropped()));
        }
        for (LogHit hit : result.hits()) {
            events.event("log", Long.toString(hit.eventId()), renderHit.apply(hit));
        }
        return events.toBytes();
    }

    private static byte[] json(String textName, String text, String countName, long count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            if (countName != null) {
                json.writeNumberField(countName, count);
            }
            json.writeStringField(textName, text);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
