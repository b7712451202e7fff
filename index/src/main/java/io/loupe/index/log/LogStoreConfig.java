package io.loupe.index.log;

import io.loupe.index.api.Setting;
import io.loupe.index.api.SettingSource;
import java.util.List;
import java.util.Locale;

/**
 * Log store settings.
 *
 * @param retentionDays     partitions whose day ended more than this many days ago are deleted
 * @param ramBufferMb       Lucene indexing buffer per partition
 * @param storedCompression {@code speed} (LZ4, fast fetch) or {@code size} (DEFLATE, smaller, slower fetch)
 * @param maxFutureSeconds  events further in the future than this are rejected
 */
public record LogStoreConfig(int retentionDays, int ramBufferMb, String storedCompression, long maxFutureSeconds) {
    public static final Setting RETENTION_DAYS = new Setting("log.retention_days", "30",
            "days a log partition is kept after its day ends; older partitions are deleted whole");
    public static final Setting RAM_BUFFER_MB = new Setting("log.ram_buffer_mb", "64",
            "Lucene indexing buffer per partition in MiB; a full buffer is flushed to a new segment");
    public static final Setting STORED_COMPRESSION = new Setting("log.stored_compression", "speed",
            "compression of stored events: speed (LZ4, fast fetch) or size (DEFLATE, smaller, slower fetch)");
    public static final Setting MAX_FUTURE_SECONDS = new Setting("log.max_future_seconds", "86400",
            "events whose timestamp is further than this in the future are rejected");
    public static final List<Setting> SETTINGS = List.of(RETENTION_DAYS, RAM_BUFFER_MB, STORED_COMPRESSION, MAX_FUTURE_SECONDS);

    public LogStoreConfig {
        storedCompression = storedCompression.toLowerCase(Locale.ROOT);
        if (!storedCompression.equals("speed") && !storedCompression.equals("size")) {
            throw new IllegalArgumentException("setting " + STORED_COMPRESSION.key() + " ("
                    + STORED_COMPRESSION.environmentVariable() + ") must be speed or size, got '" + storedCompression + "'");
        }
    }

    public static LogStoreConfig from(SettingSource source) {
        return new LogStoreConfig(RETENTION_DAYS.intValue(source, 1, 36_500),
                RAM_BUFFER_MB.intValue(source, 4, 4096),
                STORED_COMPRESSION.stringValue(source),
                MAX_FUTURE_SECONDS.longValue(source, 0, 10L * 365 * 86400));
    }

    public static LogStoreConfig defaults() {
        return from(key -> null);
    }
}
