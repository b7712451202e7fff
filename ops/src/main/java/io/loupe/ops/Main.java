package io.loupe.ops;

import io.loupe.ops.config.LoupeConfig;
import io.loupe.ops.config.ServerConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Command line: {@code start [--port N] [--data DIR] [--config FILE]} runs the server in the
 * foreground until SIGTERM/SIGINT; {@code config} prints every setting with its default.
 */
public final class Main {
    private static final String USAGE = """
            usage: loupe start [--port N] [--data DIR] [--config FILE]
                   loupe config      print every setting, its environment variable, default and meaning
                   loupe test        run the whole test suite
                   loupe bench ingest|search [options]
            """;

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.print(USAGE);
            System.exit(2);
        }
        switch (args[0]) {
            case "config" -> System.out.print(LoupeConfig.reference());
            case "start" -> start(args);
            default -> {
                System.err.print("unknown command '" + args[0] + "'\n" + USAGE);
                System.exit(2);
            }
        }
    }

    private static void start(String[] args) throws Exception {
        Map<String, String> overrides = new HashMap<>();
        Path configFile = null;
        for (int i = 1; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                fail("flag " + flag + " needs a value");
            }
            String value = args[++i];
            switch (flag) {
                case "--port" -> overrides.put(ServerConfig.PORT.key(), value);
                case "--data" -> overrides.put(ServerConfig.DATA_DIR.key(), value);
                case "--config" -> configFile = Path.of(value);
                default -> fail("unknown flag " + flag);
            }
        }
        if (configFile == null && System.getenv("LOUPE_CONFIG") != null) {
            configFile = Path.of(System.getenv("LOUPE_CONFIG"));
        }
        LoupeConfig config;
        try {
            config = LoupeConfig.load(configFile, System.getenv(), overrides);
        } catch (IllegalArgumentException e) {
            fail(e.getMessage());
            return;
        }
        AtomicReference<LoupeServer> running = new AtomicReference<>();
        CountDownLatch startFinished = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        // registered before the server starts: a SIGTERM that arrives while it starts waits for the start, then stops it gracefully
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                startFinished.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            LoupeServer server = running.get();
            if (server != null) {
                server.stop();
            }
            stopped.countDown();
        }, "loupe-shutdown"));
        try {
            running.set(LoupeServer.start(config, Clock.systemUTC()));
        } finally {
            startFinished.countDown();
        }
        stopped.await();
    }

    private static void fail(String message) {
        System.err.println("loupe: " + message);
        System.err.print(USAGE);
        System.exit(2);
    }
}
