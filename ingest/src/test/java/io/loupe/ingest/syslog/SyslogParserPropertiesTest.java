package io.loupe.ingest.syslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loupe.index.api.LogEvent;
import io.loupe.index.api.LogKind;
import io.loupe.index.api.TimeRange;
import io.loupe.ingest.parse.EventRules;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Any bytes become exactly one event in the accepted time range, and a well-formed RFC 5424 message keeps its parts. */
class SyslogParserPropertiesTest {
    private static final long RECEIVED = 1_764_842_400_000_000_000L;
    private static final TimeRange ACCEPTED = new TimeRange(RECEIVED - 86_400_000_000_000L * 30, RECEIVED + 600_000_000_000L);
    private static final SyslogParser PARSER = new SyslogParser(ZoneId.of("UTC"));

    private static EventRules rules(int maxFields) {
        return new EventRules(RECEIVED, ACCEPTED, maxFields, LogKind.SYSTEM);
    }

    @Property(tries = 1000)
    void anyBytesBecomeOneEventInTheAcceptedRange(@ForAll @Size(max = 600) byte[] frame, @ForAll @IntRange(min = 1, max = 50) int maxFields) {
        LogEvent event = PARSER.parse(new SyslogFrame(frame, false), rules(maxFields));
        assertTrue(ACCEPTED.contains(event.timestampNanos()));
        assertNotNull(event.message());
        assertEquals("syslog", event.field("source"));
        assertTrue(event.fields().size() + event.attributes().size() <= maxFields);
    }

    @Property(tries = 1000)
    void syslogLookingGarbageNeverThrows(@ForAll("syslogish") String frame) {
        LogEvent event = PARSER.parse(new SyslogFrame(frame.getBytes(StandardCharsets.UTF_8), false), rules(1000));
        assertNotNull(event.message());
    }

    @Property(tries = 300)
    void wellFormedRfc5424KeepsItsParts(@ForAll @IntRange(min = 0, max = 191) int pri, @ForAll("names") String host,
                                        @ForAll("names") String app, @ForAll("values") String value, @ForAll("text") String message) {
        String escaped = value.replace("\\", "\\\\").replace("\"", "\\\"").replace("]", "\\]");
        String frame = "<" + pri + ">1 2026-12-04T09:00:00Z " + host + " " + app + " - - [p@1 v=\"" + escaped + "\"] " + message;
        LogEvent event = PARSER.parse(new SyslogFrame(frame.getBytes(StandardCharsets.UTF_8), false), rules(1000));
        assertEquals(host, event.field("host"));
        assertEquals(app, event.field("service"));
        assertEquals(value, event.attributes().get("sd.p@1.v"));
        assertEquals(message, event.message());
        assertEquals(SyslogFacility.level(pri & 7), event.field("level"));
    }

    @Provide
    Arbitrary<String> syslogish() {
        Arbitrary<String> pieces = Arbitraries.of("<", ">", "1 ", "<13>", "<191>", "<192>", "-", " ", "[", "]", "=", "\"", "\\", "Dec ", " 4 ",
                "09:00:00", "2026-12-04T09:00:00Z", "host", "tag[", "12]", ":", "\n", "\uFEFF", "é", "x=\"", "99999");
        return pieces.list().ofMaxSize(30).map(list -> String.join("", list));
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(40).filter(s -> !s.equals("-"));
    }

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.strings().ofMaxLength(60);
    }

    @Provide
    Arbitrary<String> text() {
        return Arbitraries.strings().ofMaxLength(200).map(s -> s.replace("\r", "").replace("\n", "").replace("\uFEFF", ""));
    }
}
