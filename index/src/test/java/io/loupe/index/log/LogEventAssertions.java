package io.loupe.index.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.loupe.index.api.LogEvent;
import java.util.List;
import java.util.Map;

/** Field-by-field comparison of log events: {@link LogEvent#equals} compares the original bytes by identity. */
final class LogEventAssertions {

    private LogEventAssertions() {
    }

    static void assertSameEvent(LogEvent expected, LogEvent actual, String context) {
        assertEquals(expected.timestampNanos(), actual.timestampNanos(), context + ": timestamp");
        assertEquals(expected.timestampDefaulted(), actual.timestampDefaulted(), context + ": timestampDefaulted");
        assertSame(expected.kind(), actual.kind(), context + ": kind");
        assertEquals(expected.message(), actual.message(), context + ": message");
        assertEquals(expected.fields(), actual.fields(), context + ": fields");
        assertEquals(expected.attributes().keySet(), actual.attributes().keySet(), context + ": attribute keys");
        for (Map.Entry<String, Object> attribute : expected.attributes().entrySet()) {
            Object want = attribute.getValue();
            Object got = actual.attributes().get(attribute.getKey());
            String what = context + ": attribute '" + attribute.getKey() + "'";
            assertEquals(want.getClass(), got.getClass(), what + " type");
            if (want instanceof Double d) {
                assertEquals(Double.doubleToRawLongBits(d), Double.doubleToRawLongBits((Double) got), what + " bits");
            } else {
                assertEquals(want, got, what);
            }
        }
        assertArrayEquals(expected.original(), actual.original(), context + ": original bytes");
    }

    static void assertSameEvents(List<LogEvent> expected, List<LogEvent> actual, String context) {
        assertEquals(expected.size(), actual.size(), context + ": number of events");
        for (int i = 0; i < expected.size(); i++) {
            assertSameEvent(expected.get(i), actual.get(i), context + " event " + i);
        }
    }
}
