package io.loupe.index.wal;

import io.loupe.index.api.Setting;
import io.loupe.index.api.SettingSource;
import java.util.List;

/**
 * Write-ahead-log settings.
 *
 * @param segmentBytes   size after which the active segment is closed and a new one started
 * @param queueCapacity  appends waiting for the writer thread before callers block
 */
public record WalConfig(long segmentBytes, int queueCapacity) {
    public static final Setting SEGMENT_BYTES = new Setting("wal.segment_bytes", "67108864",
            "size in bytes after which a write-ahead-log segment is closed and a new one started");
    public static final Setting QUEUE_CAPACITY = new Setting("wal.queue_capacity", "4096",
            "appends that may wait for the write-ahead-log writer before callers block");
    public static final List<Setting> SETTINGS = List.of(SEGMENT_BYTES, QUEUE_CAPACITY);

    public static WalConfig from(SettingSource source) {
        return new WalConfig(SEGMENT_BYTES.longValue(source, 1 << 16, 1L << 34),
                QUEUE_CAPACITY.intValue(source, 1, 1 << 20));
    }

    public static WalConfig defaults() {
        return from(key -> null);
    }
}
