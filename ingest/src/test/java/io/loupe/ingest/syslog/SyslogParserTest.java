package io.loupe.ingest.syslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loupe.index.api.EpochNanos;
import io.loupe.index.api.LogEvent;
import io.loupe.index.api.LogKind;
import io.loupe.index.api.TimeRange;
import io.loupe.ingest.parse.EventRules;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class SyslogParserTest {
    private static final long RECEIVED = EpochNanos.of(Instant.parse("2026-12-04T10:00:00Z"));
    private static final TimeRange ACCEPTED = new TimeRange(EpochNanos.of(Instant.parse("2026-11-01T00:00:00Z")),
            EpochNanos.of(Instant.parse("2026-12-05T00:00:00Z")));
    private static final SyslogParser PARSER = new SyslogParser(ZoneId.of("UTC"));

    private static LogEvent parse(String message) {
        return parse(message, 1000);
    }

    private static LogEvent parse(String message, int maxFields) {
        return PARSER.parse(new SyslogFrame(message.getBytes(StandardCharsets.UTF_8), false),
                new EventRules(RECEIVED, ACCEPTED, maxFields, LogKind.SYSTEM));
    }

    private static long nanos(String instant) {
        return EpochNanos.of(Instant.parse(instant));
    }

    @Test
    void rfc5424WithStructuredDataAndEscapes() {
        LogEvent event = parse("<165>1 2026-12-04T09:59:58.123Z web-3 billing 4242 ID47 "
                + "[exampleSDID@32473 iut=\"3\" eventSource=\"App\\\"li\\]cation\"][meta trace_id=\"abc\"] \uFEFFAn application event");
        assertEquals(nanos("2026-12-04T09:59:58.123Z"), event.timestampNanos());
        assertEquals("web-3", event.fields().get("host"));
        assertEquals("billing", event.fields().get("service"));
        assertEquals("syslog", event.fields().get("source"));
        assertEquals("info", event.fields().get("level"));
        assertEquals("abc", event.fields().get("trace_id"));
        assertEquals("An application event", event.message());
        assertEquals("4242", event.attributes().get("syslog.procid"));
        assertEquals("ID47", event.attributes().get("syslog.msgid"));
        assertEquals("local4", event.attributes().get("syslog.facility"));
        assertEquals("notice", event.attributes().get("syslog.severity"));
        assertEquals("3", event.attributes().get("sd.exampleSDID@32473.iut"));
        assertEquals("App\"li]cation", event.attributes().get("sd.exampleSDID@32473.eventSource"));
        assertEquals(LogKind.SYSTEM, event.kind());
    }

    @Test
    void rfc5424NilValuesAndNoMessage() {
        LogEvent event = parse("<14>1 - - - - - -");
        assertEquals(RECEIVED, event.timestampNanos());
        assertNull(event.fields().get("host"));
        assertEquals("", event.message());
        assertNull(event.attributes().get("syslog.parse_error"));
    }

    @Test
    void authFacilitiesAreAuditWithTheActorFromStructuredData() {
        LogEvent event = parse("<86>1 2026-12-04T09:00:00Z bastion sshd 77 - [audit user=\"alice\" action=\"login\" result=\"failure\" "
                + "src=\"10.1.2.3\" object=\"host:db-1\"] Failed password");
        assertEquals(LogKind.AUDIT, event.kind());
        assertEquals("alice", event.fields().get("actor"));
        assertEquals("login", event.fields().get("action"));
        assertEquals("failure", event.fields().get("outcome"));
        assertEquals("10.1.2.3", event.fields().get("source_ip"));
        assertEquals("host:db-1", event.fields().get("resource"));
        assertEquals("info", event.fields().get("level"));
        assertEquals(LogKind.AUDIT, parse("<36>Dec  4 09:00:00 host su: session opened").kind());
        assertEquals(LogKind.AUDIT, parse("<108>Dec  4 09:00:00 host auditd: x").kind());
    }

    @Test
    void severitiesMapToLevels() {
        String[] levels = {"fatal", "fatal", "fatal", "error", "warn", "info", "info", "debug"};
        for (int severity = 0; severity < 8; severity++) {
            assertEquals(levels[severity], parse("<" + (8 + severity) + ">Dec  4 09:00:00 h app: m").fields().get("level"));
        }
    }

    @Test
    void rfc3164AsRsyslogAndLoggerSendIt() {
        LogEvent event = parse("<13>Dec  4 09:58:00 web-1 nginx[812]: GET /health 200\n");
        assertEquals(nanos("2026-12-04T09:58:00Z"), event.timestampNanos());
        assertEquals("web-1", event.fields().get("host"));
        assertEquals("nginx", event.fields().get("service"));
        assertEquals("812", event.attributes().get("syslog.procid"));
        assertEquals("GET /health 200", event.message());
        assertEquals("user", event.attributes().get("syslog.facility"));

        LogEvent unpadded = parse("<13>Dec 4 09:58:00 web-1 cron: job done");
        assertEquals(nanos("2026-12-04T09:58:00Z"), unpadded.timestampNanos());
        assertEquals("cron", unpadded.fields().get("service"));

        LogEvent forwardFormat = parse("<30>2026-12-04T09:57:00.5+00:00 web-2 app[9] started");
        assertEquals(nanos("2026-12-04T09:57:00.5Z"), forwardFormat.timestampNanos());
        assertEquals("web-2", forwardFormat.fields().get("host"));
        assertEquals("app", forwardFormat.fields().get("service"));
        assertEquals("started", forwardFormat.message());
    }

    @Test
    void rfc3164WithoutHostnameOrTagOrPri() {
        LogEvent noHost = parse("<13>Dec  4 09:58:00 kernel: Out of memory");
        assertNull(noHost.fields().get("host"));
        assertEquals("kernel", noHost.fields().get("service"));
        assertEquals("Out of memory", noHost.message());

        LogEvent noPri = parse("just some text");
        assertEquals("just some text", noPri.message());
        assertEquals("info", noPri.fields().get("level"));
        assertEquals("user", noPri.attributes().get("syslog.facility"));
        assertEquals(RECEIVED, noPri.timestampNanos());
        assertNull(noPri.attributes().get("syslog.parse_error"));
    }

    @Test
    void theYearOfAnRfc3164TimestampIsTheNearestToTheReceiveTime() {
        SyslogParser parser = new SyslogParser(ZoneId.of("UTC"));
        long newYear = nanos("2027-01-01T00:00:10Z");
        LogEvent lastYear = parser.parse(new SyslogFrame("<13>Dec 31 23:59:50 h a: m".getBytes(StandardCharsets.UTF_8), false),
                new EventRules(newYear, new TimeRange(0, Long.MAX_VALUE), 100, LogKind.SYSTEM));
        assertEquals(nanos("2026-12-31T23:59:50Z"), lastYear.timestampNanos());
        LogEvent zoned = new SyslogParser(ZoneId.of("Europe/Paris")).parse(
                new SyslogFrame("<13>Dec  4 10:00:00 h a: m".getBytes(StandardCharsets.UTF_8), false),
                new EventRules(RECEIVED, ACCEPTED, 100, LogKind.SYSTEM));
        assertEquals(nanos("2026-12-04T09:00:00Z"), zoned.timestampNanos());
    }

    @Test
    void aTimestampOutsideTheAcceptedRangeIsKeptAsTextAndTheReceiveTimeUsed() {
        LogEvent event = parse("<14>1 2019-01-01T00:00:00Z h app - - - old clock");
        assertEquals(RECEIVED, event.timestampNanos());
        assertTrue(event.timestampDefaulted());
        assertEquals("2019-01-01T00:00:00Z", event.attributes().get("syslog.timestamp"));
        assertEquals("old clock", event.message());
    }

    @Test
    void malformedMessagesAreKeptWholeWithTheReason() {
        LogEvent badPri = parse("<999>1 2026-12-04T09:00:00Z h a - - - x");
        assertEquals("<999>1 2026-12-04T09:00:00Z h a - - - x", badPri.message());
        assertTrue(((String) badPri.attributes().get("syslog.parse_error")).contains("191"));
        LogEvent shortHeader = parse("<14>1 2026-12-04T09:00:00Z host");
        assertTrue(((String) shortHeader.attributes().get("syslog.parse_error")).contains("header"));
        assertEquals("syslog", shortHeader.fields().get("source"));
        LogEvent badSd = parse("<14>1 - h a - - [id x=\"unterminated] msg");
        assertTrue(((String) badSd.attributes().get("syslog.parse_error")).contains("quote"), badSd.attributes().toString());
        LogEvent notClosed = parse("<14>1 - h a - - [id x=\"v\"");
        assertTrue(((String) notClosed.attributes().get("syslog.parse_error")).contains("not closed"));
    }

    @Test
    void truncatedFramesAreMarkedAndExtraStructuredDataIsDroppedNotTheMessage() {
        LogEvent truncated = PARSER.parse(new SyslogFrame("<14>1 - h a - - - cut her".getBytes(StandardCharsets.UTF_8), true),
                new EventRules(RECEIVED, ACCEPTED, 100, LogKind.SYSTEM));
        assertEquals(Boolean.TRUE, truncated.attributes().get("syslog.truncated"));
        LogEvent limited = parse("<14>1 - h a 1 m [x a=\"1\" b=\"2\" c=\"3\" d=\"4\" e=\"5\"] kept", 8);
        assertEquals("kept", limited.message());
        assertFalse(limited.attributes().containsKey("sd.x.e"));
    }

    @Test
    void aKindParamOverridesTheFacility() {
        assertEquals(LogKind.APPLICATION, parse("<134>1 - h a - - [bench kind=\"application\"] m").kind());
    }
}
