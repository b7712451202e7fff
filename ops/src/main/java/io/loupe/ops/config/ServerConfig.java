package io.loupe.ops.config;

import io.loupe.index.api.Setting;
import io.loupe.index.api.SettingSource;
import java.nio.file.Path;
import java.util.List;

/**
 * Process-level settings.
 *
 * @param host               address the HTTP server binds
 * @param port               HTTP port (0 picks a free one)
 * @param dataDir            where the write-ahead log and the indices live
 * @param refreshMillis      how often new events are made searchable
 * @param commitSeconds      how often indices are committed and the write-ahead log truncated
 * @param retentionMinutes   how often expired partitions are looked for (also at start)
 * @param shutdownSeconds    how long a graceful stop waits for in-flight requests
 */
public record ServerConfig(String host, int port, Path dataDir, long refreshMillis, long commitSeconds,
                           long retentionMinutes, long shutdownSeconds) {
    public static final Setting HOST = new Setting("http.host", "0.0.0.0", "address the HTTP server binds");
    public static final Setting PORT = new Setting("http.port", "7600", "HTTP port for ingest, search and health (0 picks a free port)");
    public static final Setting DATA_DIR = new Setting("data_dir", "./data", "directory for the write-ahead log and the indices");
    public static final Setting REFRESH_MILLIS = new Setting("log.refresh_millis", "250",
            "how often newly written events are made searchable, in milliseconds");
    public static final Setting COMMIT_SECONDS = new Setting("log.commit_seconds", "15",
            "how often indices are committed and covered write-ahead-log segments deleted, in seconds");
    public static final Setting RETENTION_MINUTES = new Setting("log.retention_check_minutes", "60",
            "how often partitions past log.retention_days are looked for and deleted, in minutes (also at start)");
    public static final Setting SHUTDOWN_SECONDS = new Setting("http.shutdown_seconds", "30",
            "how long a graceful stop waits for in-flight requests to finish");
    public static final List<Setting> SETTINGS = List.of(HOST, PORT, DATA_DIR, REFRESH_MILLIS, COMMIT_SECONDS,
            RETENTION_MINUTES, SHUTDOWN_SECONDS);

    public static ServerConfig from(SettingSource source) {
        return new ServerConfig(HOST.stringValue(source), PORT.intValue(source, 0, 65_535),
                Path.of(DATA_DIR.stringValue(source)),
                REFRESH_MILLIS.longValue(source, 10, 60_000),
                COMMIT_SECONDS.longValue(source, 1, 86_400),
                RETENTION_MINUTES.longValue(source, 1, 10_080),
                SHUTDOWN_SECONDS.longValue(source, 0, 3600));
    }
}
