package io.loupe.search.metric;

/**
 * The canonical host signals of Loupe: one name per signal whatever agent measured it. They are
 * views computed at query time by {@link HostSignalViews}; no extra series is stored.
 */
public enum HostSignal {
    CPU_UTILIZATION("host.cpu.utilization"),
    MEMORY_UTILIZATION("host.memory.utilization"),
    LOAD_1M("host.load.1m"),
    DISK_UTILIZATION("host.disk.utilization"),
    DISK_IO_TIME("host.disk.io_time"),
    NETWORK_RX("host.network.rx"),
    NETWORK_TX("host.network.tx");

    private final String metricName;

    HostSignal(String metricName) {
        this.metricName = metricName;
    }

    public String metricName() {
        return metricName;
    }

    /** The signal of a metric name, or null when the name is not a host signal. */
    public static HostSignal named(String metricName) {
        for (HostSignal signal : values()) {
            if (signal.metricName.equals(metricName)) {
                return signal;
            }
        }
        return null;
    }
}
