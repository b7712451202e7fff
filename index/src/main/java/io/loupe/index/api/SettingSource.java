package io.loupe.index.api;

import java.util.Map;

/** Where setting values come from: the YAML file and environment, merged by ops. */
@FunctionalInterface
public interface SettingSource {
    /** The raw value of a dotted key, or null when the key is not set. */
    String get(String key);

    static SettingSource of(Map<String, String> values) {
        return values::get;
    }
}
