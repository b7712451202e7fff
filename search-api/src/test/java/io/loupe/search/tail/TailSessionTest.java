package io.loupe.search.tail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loupe.index.api.EpochNanos;
import io.loupe.index.api.LogEvent;
import io.loupe.index.api.LogKind;
import io.loupe.index.api.LogSearchResult.LogHit;
import io.loupe.index.api.LogTail;
import io.loupe.index.api.LogTailResult;
import io.loupe.index.api.TimeRange;
import io.loupe.search.TailConfig;
import io.loupe.search.tail.TailSession.Step;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.junit.jupiter.api.Test;

/** The decisions of one live tail: when to poll, wait, beat and give up on a slow client, and the frames of a poll. */
class TailSessionTest {
    private static final long MS = 1_000_000L;
    private static final TailConfig CONFIG = new TailConfig(4, Duration.ofHours(1), Duration.ofMillis(250), 40,
            Duration.ofSeconds(15), 65_536, Duration.ofSeconds(10));
    private static final Instant NOW = Instant.parse("2026-03-15T12:00:00Z");
    private static final TimeRange ACCEPTED = new TimeRange(EpochNanos.of(NOW.minus(Duration.ofDays(30))),
            EpochNanos.of(NOW.plus(Duration.ofDays(1))));

    private static TailSession session(long afterEventId) {
        return new TailSession(new TailRequest(new MatchAllDocsQuery(), Set.of(LogKind.APPLICATION), afterEventId), CONFIG, 0);
    }

    @Test
    void pollsOneAtATimeAndContinuesAfterEachPollsPosition() {
        TailSession tail = session(LogTail.NOW);
        assertEquals(Step.POLL, tail.tick(0, false));
        LogTail first = tail.startPoll(NOW, ACCEPTED);
        assertEquals(LogTail.NOW, first.afterEventId(), "a new tail starts at the newest event");
        assertEquals(10, first.limit(), "40 events per second over 250 ms polls");
        assertEquals(new TimeRange(EpochNanos.of(NOW.minus(Duration.ofHours(1))), ACCEPTED.toNanos()), first.range());
        assertEquals(Set.of(LogKind.APPLICATION), first.kinds());
        assertEquals(Step.WAIT, tail.tick(250 * MS, false), "no second poll while one runs");
        tail.polled(700_000, false, 300 * MS);
        assertEquals(Step.POLL, tail.tick(500 * MS, false));
        assertEquals(700_000, tail.startPoll(NOW, ACCEPTED).afterEventId());
        tail.polled(650_000, true, 600 * MS);
        assertEquals(700_000, tail.position(), "the position never moves back");
    }

    @Test
    void aResumedTailStartsAfterTheLastEventIdAndTheWindowNeverStartsBeforeRetention() {
        TailSession tail = session(123_456);
        tail.tick(0, false);
        TimeRange shortRetention = new TimeRange(EpochNanos.of(NOW.minusSeconds(60)), ACCEPTED.toNanos());
        LogTail poll = tail.startPoll(NOW, shortRetention);
        assertEquals(123_456, poll.afterEventId());
        assertEquals(shortRetention, poll.range());
    }

    @Test
    void aFullQueueStopsPollingAndClosesTheTailOnlyWhenItStaysFullPastTheLimit() {
        TailSession tail = session(LogTail.NOW);
        assertEquals(Step.WAIT, tail.tick(0, true), "nothing more is buffered for a client that does not read");
        assertEquals(Step.WAIT, tail.tick(9_999 * MS, true));
        assertEquals(Step.POLL, tail.tick(10_000 * MS, false), "the client read: the clock starts again");
        tail.startPoll(NOW, ACCEPTED);
        tail.polled(1, true, 10_000 * MS);
        assertEquals(Step.WAIT, tail.tick(10_250 * MS, true));
        assertEquals(Step.WAIT, tail.tick(20_000 * MS, true));
        assertNull(tail.closeReason());
        assertEquals(Step.CLOSE, tail.tick(20_250 * MS, true), "full for 10 s");
        assertTrue(tail.closeReason().startsWith("client too slow: more than 65536 bytes (search.tail_max_buffer_bytes) "
                + "stayed unread for 10 s (search.tail_slow_client_seconds)"), tail.closeReason());
        assertEquals(Step.CLOSE, tail.tick(20_500 * MS, false), "closing is final");
    }

    @Test
    void aHeartbeatFollowsFifteenSecondsWithoutAWrite() {
        TailSession tail = session(LogTail.NOW);
        tail.tick(0, false);
        tail.startPoll(NOW, ACCEPTED);
        tail.polled(5, false, 100 * MS);
        assertEquals(Step.POLL, tail.tick(14_999 * MS, false));
        tail.startPoll(NOW, ACCEPTED);
        tail.polled(5, false, 15_000 * MS);
        assertEquals(Step.HEARTBEAT, tail.tick(15_000 * MS, false), "polls that wrote nothing do not count");
        assertEquals(": heartbeat\n\n", new String(tail.heartbeat(15_000 * MS), StandardCharsets.UTF_8));
        assertEquals(Step.POLL, tail.tick(15_250 * MS, false));
        tail.startPoll(NOW, ACCEPTED);
        tail.polled(9, true, 20_000 * MS);
        assertEquals(Step.POLL, tail.tick(34_999 * MS, false), "a written event counts as a write");
        assertEquals(Step.WAIT, tail.tick(35_000 * MS, true), "no heartbeat into a full queue");
    }

    @Test
    void failureAndServerStopCloseWithTheirReason() {
        TailSession failing = session(LogTail.NOW);
        failing.tick(0, false);
        failing.startPoll(NOW, ACCEPTED);
        failing.failed("the tail failed: disk gone");
        assertEquals(Step.CLOSE, failing.tick(1, false));
        assertEquals("the tail failed: disk gone", failing.closeReason());

        TailSession stopping = session(LogTail.NOW);
        stopping.close("server stopping");
        stopping.close("a later reason");
        assertEquals("server stopping", stopping.closeReason());
        assertEquals("event: closed\ndata: {\"reason\":\"server stopping\"}\n\n",
                new String(TailSession.closedFrame("server stopping"), StandardCharsets.UTF_8));
    }

    @Test
    void framesSayWhatWasDroppedBeforeTheEventsInArrivalOrder() {
        LogTailResult result = new LogTailResult(List.of(hit(131_072, "a"), hit(131_073, "b")), 7, 196_607);
        String frames = new String(TailSession.frames(result, CONFIG, TailSessionTest::render), StandardCharsets.UTF_8);
        assertEquals("event: dropped\nid: 131071\ndata: {\"dropped\":7,\"reason\":\"more than 10 events matched in one poll "
                + "(search.tail_max_events_per_second = 40); the oldest were skipped\"}\n\n"
                + "event: log\nid: 131072\ndata: {\"m\":\"a\"}\n\n"
                + "event: log\nid: 131073\ndata: {\"m\":\"b\"}\n\n", frames);

        assertEquals("", new String(TailSession.frames(new LogTailResult(List.of(), 0, 5), CONFIG, TailSessionTest::render),
                StandardCharsets.UTF_8), "nothing new: nothing to write");
        assertEquals("event: dropped\nid: 5\ndata: {\"dropped\":3,\"reason\":\"more than 10 events matched in one poll "
                + "(search.tail_max_events_per_second = 40); the oldest were skipped\"}\n\n",
                new String(TailSession.frames(new LogTailResult(List.of(), 3, 5), CONFIG, TailSessionTest::render), StandardCharsets.UTF_8));
    }

    @Test
    void theLimitPerPollSpreadsThePerSecondLimitAndIsNeverZero() {
        assertEquals(250, TailConfig.defaults().maxEventsPerPoll(), "1000 per second at 250 ms polls");
        assertEquals(1, new TailConfig(1, Duration.ofHours(1), Duration.ofMillis(10), 1, Duration.ofSeconds(15), 1024,
                Duration.ofSeconds(1)).maxEventsPerPoll());
        assertEquals(3, new TailConfig(1, Duration.ofHours(1), Duration.ofMillis(100), 21, Duration.ofSeconds(15), 1024,
                Duration.ofSeconds(1)).maxEventsPerPoll(), "rounded up");
    }

    private static LogHit hit(long id, String message) {
        return new LogHit(id, new LogEvent(0, false, LogKind.APPLICATION, message, Map.of(), Map.of(), new byte[0]));
    }

    private static byte[] render(LogHit hit) {
        return ("{\"m\":\"" + hit.event().message() + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
