package io.loupe.index.api;

import java.util.Locale;

/**
 * One configuration setting: its dotted key (as in the YAML file), its default and a one-line
 * meaning. The environment variable is derived from the key: {@code log.retention_days} is
 * {@code LOUPE_LOG_RETENTION_DAYS}.
 */
public record Setting(String key, String defaultValue, String doc) {

    public String environmentVariable() {
        return "LOUPE_" + key.replace('.', '_').toUpperCase(Locale.ROOT);
    }

    public String stringValue(SettingSource source) {
        String value = source.get(key);
        return value == null ? defaultValue : value.trim();
    }

    public long longValue(SettingSource source, long min, long max) {
        String text = stringValue(source);
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting " + key + " (" + environmentVariable()
                    + ") must be a whole number, got '" + text + "'");
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("setting " + key + " (" + environmentVariable()
                    + ") must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    public int intValue(SettingSource source, int min, int max) {
        return (int) longValue(source, min, max);
    }
}
