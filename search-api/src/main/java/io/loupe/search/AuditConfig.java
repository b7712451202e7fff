package io.loupe.search;

import io.loupe.index.api.Setting;
import io.loupe.index.api.SettingSource;
import java.time.Duration;
import java.util.List;

/**
 * Audit export limits ({@code GET /api/v1/audit/export}).
 *
 * @param maxExports     exports streaming at once; more answer 429
 * @param exportPageRows events one page of an export reads (and holds) at a time
 * @param stallTimeout   how long an export waits for a client that takes nothing before it aborts
 */
public record AuditConfig(int maxExports, int exportPageRows, Duration stallTimeout) {
    public static final Setting MAX_EXPORTS = new Setting("search.max_exports", "4",
            "audit exports (GET /api/v1/audit/export) streaming at once; more answer 429");
    public static final Setting EXPORT_PAGE_ROWS = new Setting("search.export_page_rows", "1000",
            "events an audit export reads and renders at a time: the most rows it holds in memory besides the socket's buffers");
    public static final Setting EXPORT_STALL_SECONDS = new Setting("search.export_stall_seconds", "60",
            "an audit export whose client takes nothing for this many seconds is aborted (the response is cut, never ended)");
    public static final List<Setting> SETTINGS = List.of(MAX_EXPORTS, EXPORT_PAGE_ROWS, EXPORT_STALL_SECONDS);

    public static AuditConfig from(SettingSource source) {
        return new AuditConfig(MAX_EXPORTS.intValue(source, 0, 10_000),
                EXPORT_PAGE_ROWS.intValue(source, 1, 100_000),
                Duration.ofSeconds(EXPORT_STALL_SECONDS.longValue(source, 1, 86_400)));
    }

    public static AuditConfig defaults() {
        return from(key -> null);
    }
}
