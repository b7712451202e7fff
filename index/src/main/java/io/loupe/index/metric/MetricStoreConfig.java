package io.loupe.index.metric;

import io.loupe.index.api.Setting;
import io.loupe.index.api.SettingSource;
import java.util.List;

/**
 * Metric store settings.
 *
 * @param blockMinutes              width of a block: the head is sealed into one segment file per block
 * @param lateSampleMinutes         how long after a block ends samples for it are still accepted; the
 *                                  block is sealed after that and older samples are rejected
 * @param maxFutureSeconds          samples further in the future than this are rejected
 * @param rawRetentionDays          raw segments are deleted this many days after their block ends
 * @param fiveMinuteRetentionDays   5-minute rollups are deleted this many days after their block ends
 * @param oneHourRetentionDays      1-hour rollups are deleted this many days after their block ends
 */
public record MetricStoreConfig(int blockMinutes, int lateSampleMinutes, long maxFutureSeconds, int rawRetentionDays,
                                int fiveMinuteRetentionDays, int oneHourRetentionDays) {
    public static final Setting BLOCK_MINUTES = new Setting("metrics.block_minutes", "120",
            "minutes of samples per sealed segment file; must divide a day evenly");
    public static final Setting LATE_SAMPLE_MINUTES = new Setting("metrics.late_sample_minutes", "60",
            "minutes after a block ends that late or out-of-order samples for it are still accepted; then it is sealed");
    public static final Setting MAX_FUTURE_SECONDS = new Setting("metrics.max_future_seconds", "600",
            "samples whose timestamp is further than this in the future are rejected");
    public static final Setting RAW_RETENTION_DAYS = new Setting("metrics.raw_retention_days", "15",
            "days raw samples are kept after their block ends");
    public static final Setting FIVE_MINUTE_RETENTION_DAYS = new Setting("metrics.rollup_5m_retention_days", "90",
            "days 5-minute rollups (min, max, sum, count, last, increase) are kept");
    public static final Setting ONE_HOUR_RETENTION_DAYS = new Setting("metrics.rollup_1h_retention_days", "730",
            "days 1-hour rollups are kept");
    public static final List<Setting> SETTINGS = List.of(BLOCK_MINUTES, LATE_SAMPLE_MINUTES, MAX_FUTURE_SECONDS,
            RAW_RETENTION_DAYS, FIVE_MINUTE_RETENTION_DAYS, ONE_HOUR_RETENTION_DAYS);

    public MetricStoreConfig {
        if (1440 % blockMinutes != 0 || blockMinutes % 60 != 0 && 60 % blockMinutes != 0) {
            throw new IllegalArgumentException("setting " + BLOCK_MINUTES.key() + " (" + BLOCK_MINUTES.environmentVariable()
                    + ") must divide a day and be a divisor or multiple of 60 (e.g. 30, 60, 120), got " + blockMinutes);
        }
    }

    public static MetricStoreConfig from(SettingSource source) {
        return new MetricStoreConfig(BLOCK_MINUTES.intValue(source, 5, 1440),
                LATE_SAMPLE_MINUTES.intValue(source, 0, 10_080),
                MAX_FUTURE_SECONDS.longValue(source, 0, 86_400L * 365),
                RAW_RETENTION_DAYS.intValue(source, 1, 36_500),
                FIVE_MINUTE_RETENTION_DAYS.intValue(source, 1, 36_500),
                ONE_HOUR_RETENTION_DAYS.intValue(source, 1, 36_500));
    }

    public static MetricStoreConfig defaults() {
        return from(key -> null);
    }

    public long blockMillis() {
        return blockMinutes * 60_000L;
    }

    public long blockStart(long timestampMillis) {
        return Math.floorDiv(timestampMillis, blockMillis()) * blockMillis();
    }
}
