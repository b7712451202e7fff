/**
 * Live tail without HTTP: {@link io.loupe.search.tail.TailRequestReader} (q, kind, where to resume),
 * {@link io.loupe.search.tail.TailSession} (position, polling, heartbeat and slow-client decisions,
 * the frames of a poll) and {@link io.loupe.search.tail.ServerSentEvents} (the event-stream framing).
 * The connection itself is {@code io.loupe.search.http.TailHandler}.
 *
 * <p><b>Invariant:</b> a tail buffers at most {@code search.tail_max_buffer_bytes} plus one poll's
 * frames for its client: it does not poll while more than that is written but not yet taken by the
 * client's socket (the connection counts it), and closes when that lasts {@code search.tail_slow_client_seconds}.
 */
package io.loupe.search.tail;
