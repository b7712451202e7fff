package io.loupe.ops.it;

import io.loupe.ops.LoupeServer;
import io.loupe.ops.config.LoupeConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** The real server started in the test JVM on a free port of 127.0.0.1, and a client of its API. */
final class InProcessLoupe implements AutoCloseable {
    static final String HOST = "127.0.0.1";

    private final LoupeServer server;
    private final LoupeApi api;

    private InProcessLoupe(LoupeServer server) {
        this.server = server;
        this.api = new LoupeApi(HOST, server.port());
    }

    /**
     * @param dataDir  the data directory
     * @param settings settings by key (as {@code ./loupe config} lists them) beside port, host and data dir;
     *                 the syslog listeners take free ports of 127.0.0.1 unless these say otherwise
     */
    static InProcessLoupe start(Path dataDir, Map<String, String> settings) throws Exception {
        Map<String, String> all = new HashMap<>();
        all.put("syslog.host", HOST);
        all.put("syslog.tcp_port", "0");
        all.put("syslog.udp_port", "0");
        all.putAll(settings);
        all.put("http.port", "0");
        all.put("http.host", HOST);
        all.put("data_dir", dataDir.toString());
        return new InProcessLoupe(LoupeServer.start(LoupeConfig.load(null, Map.of(), all), Clock.systemUTC()));
    }

    LoupeServer server() {
        return server;
    }

    LoupeApi api() {
        return api;
    }

    @Override
    public void close() {
        server.stop();
    }
}
