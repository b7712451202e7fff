package io.loupe.search.tail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The event-stream framing: what an EventSource parses back. */
class ServerSentEventsTest {

    @Test
    void eventsCommentsAndRetryAreFramedAsTheStandardSays() {
        String stream = text(new ServerSentEvents()
                .retry(2000)
                .comment("heartbeat")
                .event("log", "65536", "{\"message\":\"a\"}".getBytes(StandardCharsets.UTF_8))
                .event("closed", null, "{\"reason\":\"bye\"}"));
        assertEquals("retry: 2000\n\n"
                + ": heartbeat\n\n"
                + "event: log\nid: 65536\ndata: {\"message\":\"a\"}\n\n"
                + "event: closed\ndata: {\"reason\":\"bye\"}\n\n", stream);
    }

    @Test
    void dataWithLineBreaksBecomesOneDataLinePerLine() {
        assertEquals("data: one\ndata: two\ndata: \ndata: three\n\n",
                text(new ServerSentEvents().event(null, null, "one\r\ntwo\n\rthree")));
        assertEquals("data: \n\n", text(new ServerSentEvents().event(null, null, "")), "empty data is one empty line");
    }

    @Test
    void aLineBreakInAnIdTypeOrCommentIsRefusedRatherThanSplittingTheStream() {
        assertThrows(IllegalArgumentException.class, () -> new ServerSentEvents().event("log", "1\n2", "x"));
        assertThrows(IllegalArgumentException.class, () -> new ServerSentEvents().event("lo\rg", null, "x"));
        assertThrows(IllegalArgumentException.class, () -> new ServerSentEvents().comment("a\nevent: fake"));
        assertTrue(new ServerSentEvents().isEmpty());
    }

    private static String text(ServerSentEvents events) {
        return new String(events.toBytes(), StandardCharsets.UTF_8);
    }
}
