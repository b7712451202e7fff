package io.loupe.ops.bench;

import io.loupe.index.api.Setting;
import io.loupe.ingest.syslog.SyslogConfig;
import io.loupe.ops.LoupeServer;
import io.loupe.ops.config.LoupeConfig;
import io.loupe.ops.config.ServerConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;

/**
 * An in-process Loupe server for one benchmark run: listens on 127.0.0.1 on a free port, keeps its
 * data in a directory of its own that {@link #close()} deletes after stopping the server; its syslog
 * TCP listener takes a free port of 127.0.0.1 (UDP is off). Settings are the defaults, except those
 * set by {@code LOUPE_*} environment variables (see
 * {@link #settingsFromEnvironment()}), so a run can try another setting without a code change.
 */
final class BenchServer implements AutoCloseable {
    private final LoupeServer server;
    private final Path dataDir;

    private BenchServer(LoupeServer server, Path dataDir) {
        this.server = server;
        this.dataDir = dataDir;
    }

    static BenchServer start(Path dataDir) throws Exception {
        return start(dataDir, Clock.systemUTC());
    }

    /** A server whose every "now" comes from {@code clock} (the search benchmark's {@link CatchUpClock}). */
    static BenchServer start(Path dataDir, Clock clock) throws Exception {
        Map<String, String> overrides = Map.of(
                ServerConfig.HOST.key(), "127.0.0.1",
                ServerConfig.PORT.key(), "0",
                ServerConfig.DATA_DIR.key(), dataDir.toString(),
                SyslogConfig.HOST.key(), "127.0.0.1",
                SyslogConfig.TCP_PORT.key(), "0",
                SyslogConfig.UDP_PORT.key(), "-1");
        LoupeConfig config = LoupeConfig.load(null, System.getenv(), overrides);
        return new BenchServer(LoupeServer.start(config, clock), dataDir);
    }

    /**
     * The {@code LOUPE_*} settings of the environment that change the server under test (all but
     * the address and data directory, which the benchmark sets), by variable name.
     */
    static Map<String, String> settingsFromEnvironment() {
        Map<String, String> applied = new TreeMap<>();
        for (Setting setting : LoupeConfig.ALL_SETTINGS) {
            String value = System.getenv(setting.environmentVariable());
            boolean setByBenchmark = setting.equals(ServerConfig.HOST) || setting.equals(ServerConfig.PORT)
                    || setting.equals(ServerConfig.DATA_DIR) || setting.key().startsWith("syslog.");
            if (value != null && !setByBenchmark) {
                applied.put(setting.environmentVariable(), value);
            }
        }
        return applied;
    }

    LoupeServer server() {
        return server;
    }

    /** The syslog TCP listener's port (a free one of 127.0.0.1). */
    int syslogTcpPort() {
        return server.syslog().tcpPort();
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
    }

    /** Where the Lucene partitions live: {@code <data_dir>/logs}. */
    Path logsDir() {
        return dataDir.resolve("logs");
    }

    @Override
    public void close() throws IOException {
        try {
            server.stop();
        } finally {
            TempDirectory.delete(dataDir);
        }
    }
}
