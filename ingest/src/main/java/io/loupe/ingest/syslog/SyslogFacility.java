package io.loupe.ingest.syslog;

import java.util.List;

/** The names of the 24 syslog facilities (RFC 5424 table 1, as rsyslog and syslog-ng spell them). */
final class SyslogFacility {
    private static final List<String> NAMES = List.of("kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news",
            "uucp", "cron", "authpriv", "ftp", "ntp", "audit", "alert", "clock",
            "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7");
    private static final List<String> SEVERITIES = List.of("emerg", "alert", "crit", "err", "warning", "notice", "info", "debug");

    /** auth, authpriv and log audit: the facilities whose messages are audit events. */
    static boolean isAudit(int facility) {
        return facility == 4 || facility == 10 || facility == 13;
    }

    static String name(int facility) {
        return NAMES.get(facility);
    }

    static String severityName(int severity) {
        return SEVERITIES.get(severity);
    }

    /** emerg, alert, crit → fatal; err → error; warning → warn; notice, info → info; debug → debug. */
    static String level(int severity) {
        return switch (severity) {
            case 0, 1, 2 -> "fatal";
            case 3 -> "error";
            case 4 -> "warn";
            case 7 -> "debug";
            default -> "info";
        };
    }

    private SyslogFacility() {
    }
}
