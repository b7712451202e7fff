package io.loupe.ingest.syslog;

import io.loupe.index.api.LogEvent;
import io.loupe.index.api.LogFields;
import io.loupe.index.api.LogKind;
import io.loupe.ingest.parse.EventRejectedException;
import io.loupe.ingest.parse.EventRules;
import io.loupe.ingest.parse.LogEventBuilder;
import io.loupe.ingest.parse.TimestampParser;
import io.loupe.ingest.syslog.StructuredData.MalformedException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;

/**
 * Turns one syslog message into a log event: RFC 5424, or RFC 3164 with the deviations real senders
 * have. A message always becomes an event: one that cannot be parsed is kept whole as the message,
 * with the attribute {@code syslog.parse_error} saying why (a syslog sender cannot be told).
 *
 * <pre>
 * RFC 5424  &lt;PRI&gt;1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID STRUCTURED-DATA [MSG]   ("-" = none; a BOM before MSG is dropped)
 * RFC 3164  &lt;PRI&gt;Mmm dd hh:mm:ss HOSTNAME TAG[PID]: MSG
 *           also: no PRI (user.notice), single-digit day without padding, an RFC 3339 timestamp
 *           (rsyslog's forward format), no timestamp, no hostname, no tag, TAG[PID] without the colon
 *
 * timestamp          TIMESTAMP; RFC 3164 times are in syslog.timezone (default UTC), the year the one that puts
 *                    them nearest the receive time (at most a day ahead). None: the receive time. Outside the
 *                    times the store accepts: the receive time, and the text in attribute syslog.timestamp
 * host               HOSTNAME
 * service            APP-NAME, or the TAG of RFC 3164
 * source             "syslog"
 * level              from the severity: emerg, alert, crit → fatal; err → error; warning → warn;
 *                    notice, info → info; debug → debug
 * kind               audit for the facilities auth (4), authpriv (10) and log audit (13), else system;
 *                    an SD-PARAM kind="application|system|audit" overrides it
 * message            MSG (trailing CR/LF dropped), or the whole message when it cannot be parsed
 * actor              SD-PARAM actor, user, username or uid          (the first present, of any SD-ELEMENT)
 * action             SD-PARAM action
 * resource           SD-PARAM resource or object
 * outcome            SD-PARAM outcome or result
 * source_ip          SD-PARAM source_ip, src, srcip, ip or client_ip
 * user_id, trace_id, span_id, request_id, session_id   SD-PARAMs of those names
 * attributes         syslog.facility (name: kern, user, ..., auth, authpriv, ..., local7), syslog.severity
 *                    (emerg ... debug), syslog.procid, syslog.msgid, every other SD-PARAM as sd.&lt;SD-ID&gt;.&lt;name&gt;
 *                    (a repeated one: the last wins), syslog.truncated=true when cut at syslog.max_frame_bytes,
 *                    syslog.parse_error, syslog.timestamp
 * </pre>
 * Fields beyond {@code ingest.max_fields_per_event} (SD-PARAMs last, in order) are dropped, not the message. Thread-safe.
 */
public final class SyslogParser {
    /** user.notice, what RFC 3164 assumes for a message without PRI. */
    private static final int DEFAULT_PRI = 13;
    private static final int MAX_TAG_LENGTH = 48;
    private static final Map<String, String> PROMOTED_PARAMS = Map.ofEntries(
            Map.entry("actor", "actor"), Map.entry("user", "actor"), Map.entry("username", "actor"), Map.entry("uid", "actor"),
            Map.entry("action", "action"), Map.entry("resource", "resource"), Map.entry("object", "resource"),
            Map.entry("outcome", "outcome"), Map.entry("result", "outcome"),
            Map.entry("source_ip", "source_ip"), Map.entry("src", "source_ip"), Map.entry("srcip", "source_ip"),
            Map.entry("ip", "source_ip"), Map.entry("client_ip", "source_ip"),
            Map.entry("user_id", "user_id"), Map.entry("trace_id", "trace_id"), Map.entry("span_id", "span_id"),
            Map.entry("request_id", "request_id"), Map.entry("session_id", "session_id"));

    private final Rfc3164Timestamp rfc3164Timestamp;

    public SyslogParser(ZoneId rfc3164Zone) {
        this.rfc3164Timestamp = new Rfc3164Timestamp(rfc3164Zone);
    }

    /** The event of one message under {@code rules}; never fails (see the class comment). */
    public LogEvent parse(SyslogFrame frame, EventRules rules) {
        String text = new String(frame.bytes(), StandardCharsets.UTF_8);
        try {
            return parse(text, frame, rules);
        } catch (MalformedException e) {
            return raw(text, frame, rules, e.getMessage());
        } catch (EventRejectedException e) {
            throw new IllegalStateException("a syslog event was refused although its time and fields were checked", e);
        }
    }

    private LogEvent parse(String text, SyslogFrame frame, EventRules rules) throws MalformedException, EventRejectedException {
        int pri = DEFAULT_PRI;
        int i = 0;
        if (text.startsWith("<")) {
            int close = text.indexOf('>');
            if (close < 2 || close > 4 || !text.substring(1, close).chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new MalformedException("PRI is not <0> to <191>");
            }
            pri = Integer.parseInt(text, 1, close, 10);
            if (pri > 191) {
                throw new MalformedException("PRI " + pri + " is above 191");
            }
            i = close + 1;
        }
        LogEventBuilder event = start(rules, frame, pri);
        if (text.startsWith("1 ", i)) {
            rfc5424(text, i + 2, event, rules);
        } else {
            rfc3164(text, i, event, rules);
        }
        return event.build(frame.bytes());
    }

    private static LogEventBuilder start(EventRules rules, SyslogFrame frame, int pri) throws EventRejectedException {
        int facility = pri >> 3;
        int severity = pri & 7;
        LogEventBuilder event = rules.event().field("source", "syslog");
        put(event, rules, LogFields.LEVEL, SyslogFacility.level(severity));
        put(event, rules, "syslog.facility", SyslogFacility.name(facility));
        put(event, rules, "syslog.severity", SyslogFacility.severityName(severity));
        if (SyslogFacility.isAudit(facility)) {
            event.kind(LogKind.AUDIT);
        }
        if (frame.truncated()) {
            put(event, rules, "syslog.truncated", Boolean.TRUE);
        }
        return event;
    }

    /** The whole message as it came, with why it could not be parsed. */
    private static LogEvent raw(String text, SyslogFrame frame, EventRules rules, String reason) {
        try {
            LogEventBuilder event = rules.event().field("source", "syslog").message(stripLineEnd(text));
            put(event, rules, "syslog.parse_error", reason);
            if (frame.truncated()) {
                put(event, rules, "syslog.truncated", Boolean.TRUE);
            }
            return event.build(frame.bytes());
        } catch (EventRejectedException e) {
            throw new IllegalStateException("a raw syslog event at the receive time was refused", e);
        }
    }

    private static void rfc5424(String text, int from, LogEventBuilder event, EventRules rules) throws MalformedException, EventRejectedException {
        int i = from;
        String[] header = new String[5];
        for (int t = 0; t < header.length; t++) {
            int space = text.indexOf(' ', i);
            if (space < 0) {
                throw new MalformedException("RFC 5424 header ends after " + t + " of its 5 fields");
            }
            header[t] = text.substring(i, space);
            i = space + 1;
        }
        if (!header[0].equals("-")) {
            try {
                timestamp(event, TimestampParser.parseText(header[0]), header[0], rules);
            } catch (IllegalArgumentException e) {
                put(event, rules, "syslog.timestamp", header[0]);
            }
        }
        nonNil(event, rules, "host", header[1]);
        nonNil(event, rules, "service", header[2]);
        nonNil(event, rules, "syslog.procid", header[3]);
        nonNil(event, rules, "syslog.msgid", header[4]);
        StructuredData.Parsed data = StructuredData.parse(text, i);
        String message;
        if (data.end() >= text.length()) {
            message = "";
        } else if (text.charAt(data.end()) == ' ') {
            message = text.substring(data.end() + 1);
            if (message.startsWith("\uFEFF")) {
                message = message.substring(1);
            }
        } else {
            throw new MalformedException("no space after the structured data");
        }
        event.message(stripLineEnd(message));
        structuredData(event, rules, data);
    }

    private static void structuredData(LogEventBuilder event, EventRules rules, StructuredData.Parsed data) throws EventRejectedException {
        for (StructuredData.Param param : data.params()) {
            String name = param.name().toLowerCase(Locale.ROOT);
            String field = PROMOTED_PARAMS.get(name);
            if (field != null && !event.hasField(field)) {
                put(event, rules, field, param.value());
            } else if (name.equals("kind") && LogKind.fromWireName(param.value()) != null) {
                event.kind(LogKind.fromWireName(param.value()));
            } else {
                put(event, rules, "sd." + param.sdId() + "." + param.name(), param.value());
            }
        }
    }

    /** Sets a field or attribute while the event is under the field limit; beyond it the value is dropped, not the event. */
    private static void put(LogEventBuilder event, EventRules rules, String name, Object value) throws EventRejectedException {
        if (event.fieldCount() >= rules.maxFields()) {
            return;
        }
        if (value instanceof String text) {
            event.field(name, text);
        } else {
            event.attribute(name, value);
        }
    }

    private void rfc3164(String text, int from, LogEventBuilder event, EventRules rules) throws EventRejectedException {
        int i = from;
        Rfc3164Timestamp.Read time = rfc3164Timestamp.read(text, i, rules.receivedNanos());
        if (time != null) {
            timestamp(event, time.epochNanos(), time.text(), rules);
            i = time.end();
            while (i < text.length() && text.charAt(i) == ' ') {
                i++;
            }
            int space = text.indexOf(' ', i);
            if (space > i && !looksLikeTag(text, i, space)) {
                put(event, rules, "host", text.substring(i, space));
                i = space + 1;
            }
        }
        i = tag(text, i, event, rules);
        event.message(stripLineEnd(text.substring(i)));
    }

    /** {@code TAG[PID]:} at {@code i}: the service and PID, and where the message starts; else {@code i}. */
    private static int tag(String text, int i, LogEventBuilder event, EventRules rules) throws EventRejectedException {
        int j = i;
        while (j < text.length() && j - i <= MAX_TAG_LENGTH) {
            char c = text.charAt(j);
            if (c == ':' || c == '[' || c == ' ') {
                break;
            }
            j++;
        }
        if (j == i || j >= text.length() || j - i > MAX_TAG_LENGTH) {
            return i;
        }
        String tag = text.substring(i, j);
        String pid = null;
        if (text.charAt(j) == '[') {
            int close = text.indexOf(']', j);
            if (close < 0 || close - j > 32) {
                return i;
            }
            pid = text.substring(j + 1, close);
            j = close + 1;
        }
        boolean colon = j < text.length() && text.charAt(j) == ':';
        // rsyslog writes a tag made from RFC 5424 APP-NAME[PROCID] without the colon
        boolean bareTagWithPid = pid != null && (j >= text.length() || text.charAt(j) == ' ');
        if (!colon && !bareTagWithPid) {
            return i;
        }
        put(event, rules, "service", tag);
        nonNil(event, rules, "syslog.procid", pid);
        if (colon) {
            j++;
        }
        return j < text.length() && text.charAt(j) == ' ' ? j + 1 : j;
    }

    /** Whether the token is a TAG (with ':' or '[') rather than a HOSTNAME. */
    private static boolean looksLikeTag(String text, int from, int to) {
        for (int k = from; k < to; k++) {
            char c = text.charAt(k);
            if (c == ':' || c == '[') {
                return true;
            }
        }
        return false;
    }

    private static void timestamp(LogEventBuilder event, long epochNanos, String text, EventRules rules) throws EventRejectedException {
        if (rules.accepts(epochNanos)) {
            event.timestamp(epochNanos);
        } else {
            put(event, rules, "syslog.timestamp", text);
        }
    }

    private static void nonNil(LogEventBuilder event, EventRules rules, String name, String value) throws EventRejectedException {
        if (value != null && !value.isEmpty() && !value.equals("-")) {
            put(event, rules, name, value);
        }
    }

    private static String stripLineEnd(String message) {
        int end = message.length();
        while (end > 0 && (message.charAt(end - 1) == '\n' || message.charAt(end - 1) == '\r')) {
            end--;
        }
        return message.substring(0, end);
    }
}
