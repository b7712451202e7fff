package io.loupe.ingest.elastic;

import io.loupe.index.api.Setting;
import io.loupe.index.api.SettingSource;
import java.util.List;

/**
 * Settings of the Elasticsearch-compatible endpoints.
 *
 * @param version    the Elasticsearch version {@code GET /} reports; shippers pick their request format by it
 * @param indexKinds which kind the documents of an index name go to
 */
public record ElasticConfig(String version, IndexKinds indexKinds) {
    public static final Setting VERSION = new Setting("elastic.version", "8.17.0",
            "Elasticsearch version reported by GET / to shippers (Filebeat, Logstash, Fluent Bit, Vector pick their format by it)");
    public static final Setting INDEX_KINDS = new Setting("elastic.index_kinds",
            "*audit*=audit,*auth*=audit,*syslog*=system,*system*=system,*=application",
            "comma-separated glob=kind pairs mapping a bulk index name to system, application or audit; the first match wins");
    public static final List<Setting> SETTINGS = List.of(VERSION, INDEX_KINDS);

    public static ElasticConfig from(SettingSource source) {
        String version = VERSION.stringValue(source).trim();
        if (!version.matches("\\d+\\.\\d+\\.\\d+")) {
            throw new IllegalArgumentException("elastic.version '" + version + "' is not a version like 8.17.0");
        }
        return new ElasticConfig(version, IndexKinds.parse(INDEX_KINDS.stringValue(source)));
    }

    public static ElasticConfig defaults() {
        return from(key -> null);
    }
}
