package io.loupe.ingest.parse;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Maps the many spellings of a log level onto trace, debug, info, warn, error, fatal. Numbers are
 * read as syslog severities (0-7) or as bunyan/pino levels (10-60). An unknown word is kept,
 * lowercased, rather than losing the event.
 */
public final class LevelNormalizer {
    private static final Map<String, String> ALIASES = new HashMap<>();

    static {
        alias("trace", "trace", "trc", "t", "finest", "verbose", "vrb");
        alias("debug", "debug", "dbg", "d", "fine", "finer", "config");
        alias("info", "info", "inf", "i", "information", "informational", "notice", "n");
        alias("warn", "warn", "warning", "wrn", "w");
        alias("error", "error", "err", "e", "severe", "failure");
        alias("fatal", "fatal", "critical", "crit", "c", "f", "emerg", "emergency", "alert", "panic", "ftl");
    }

    private LevelNormalizer() {
    }

    private static void alias(String level, String... spellings) {
        for (String spelling : spellings) {
            ALIASES.put(spelling, level);
        }
    }

    public static String normalize(String raw) {
        String lower = raw.trim().toLowerCase(Locale.ROOT);
        String level = ALIASES.get(lower);
        return level != null ? level : lower;
    }

    public static String fromNumber(long number) {
        if (number >= 0 && number <= 7) {
            return switch ((int) number) {
                case 0, 1, 2 -> "fatal";
                case 3 -> "error";
                case 4 -> "warn";
                case 5, 6 -> "info";
                default -> "debug";
            };
        }
        if (number <= 10) {
            return "trace";
        }
        if (number <= 20) {
            return "debug";
        }
        if (number <= 30) {
            return "info";
        }
        if (number <= 40) {
            return "warn";
        }
        if (number <= 50) {
            return "error";
        }
        return "fatal";
    }
}
