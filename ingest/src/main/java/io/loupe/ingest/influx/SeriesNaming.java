package io.loupe.ingest.influx;

/**
 * How line protocol names become series names: {@code <measurement>_<field>}, or just the measurement
 * for a field named {@code value}; tag keys become label names. Influx names may hold any character,
 * series names may not, so every character outside {@code [a-zA-Z0-9_:]} (label names: {@code
 * [a-zA-Z0-9_]}) becomes {@code _} and a leading digit gets a {@code _} in front, as Telegraf's
 * Prometheus output does ({@code disk.io} becomes {@code disk_io}).
 */
final class SeriesNaming {
    private SeriesNaming() {
    }

    static String seriesName(String measurement, String field) {
        return sanitize(field.equals("value") ? measurement : measurement + "_" + field, true);
    }

    static String labelName(String tagKey) {
        return sanitize(tagKey, false);
    }

    private static String sanitize(String name, boolean colonAllowed) {
        boolean leadingDigit = name.charAt(0) >= '0' && name.charAt(0) <= '9';
        int firstBad = -1;
        for (int i = 0; i < name.length() && firstBad < 0; i++) {
            if (!allowed(name.charAt(i), colonAllowed)) {
                firstBad = i;
            }
        }
        if (firstBad < 0 && !leadingDigit) {
            return name;
        }
        StringBuilder sanitized = new StringBuilder(name.length() + 1);
        if (leadingDigit) {
            sanitized.append('_');
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            sanitized.append(allowed(c, colonAllowed) ? c : '_');
        }
        return sanitized.toString();
    }

    private static boolean allowed(char c, boolean colonAllowed) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || (colonAllowed && c == ':');
    }
}
