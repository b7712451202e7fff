package io.loupe.ops.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged server ({@code ops/target/loupe-ops.jar} and {@code ops/target/lib}) run as its own
 * process with {@code loupe start --port 0}, as an operator runs it; the port is read from its
 * "Loupe listening on" log line. Its output (stdout and stderr, where slf4j-simple logs) is kept
 * for failure messages.
 */
final class LoupeProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("Loupe listening on http://[^\\s:]+:(\\d+)");
    private static final Pattern REPLAYED = Pattern.compile("(\\d+) event\\(s\\) re-indexed");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /** Exit status of a JVM ended by SIGKILL (128 + 9). */
    private static final int KILLED_BY_SIGKILL = 137;

    private final Process process;
    private final Thread outputReader;
    private final List<String> output;
    private final LoupeApi api;
    private final CompletableFuture<Long> eventsReplayed;

    private LoupeProcess(Process process, Thread outputReader, List<String> output, LoupeApi api, CompletableFuture<Long> eventsReplayed) {
        this.process = process;
        this.outputReader = outputReader;
        this.output = output;
        this.api = api;
        this.eventsReplayed = eventsReplayed;
    }

    /**
     * Starts the server on {@code dataDir} with the given {@code LOUPE_*} environment and waits until
     * {@code /readyz} answers 200 (the write-ahead log is replayed).
     */
    static LoupeProcess start(Path dataDir, Map<String, String> environment) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command()
                .orElseThrow(() -> new IllegalStateException("cannot tell which java runs this test"));
        Path target = packagedServer();
        ProcessBuilder builder = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED", "-Xmx512m",
                "-cp", target.resolve("loupe-ops.jar") + File.pathSeparator + target.resolve("lib") + File.separator + "*",
                "io.loupe.ops.Main", "start", "--port", "0", "--data", dataDir.toString());
        builder.environment().keySet().removeIf(name -> name.startsWith("LOUPE_"));
        builder.environment().put("LOUPE_HTTP_HOST", InProcessLoupe.HOST);
        builder.environment().put("LOUPE_SYSLOG_HOST", InProcessLoupe.HOST);
        builder.environment().put("LOUPE_SYSLOG_TCP_PORT", "0");
        builder.environment().put("LOUPE_SYSLOG_UDP_PORT", "0");
        builder.environment().putAll(environment);
        // Output goes to a file: a pipe loses what a dying JVM writes last, such as its stop messages.
        Path log = Files.createTempFile("loupe-process-", ".log");
        builder.redirectErrorStream(true);
        builder.redirectOutput(log.toFile());
        Process process = builder.start();

        List<String> output = new ArrayList<>();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        CompletableFuture<Long> replayed = new CompletableFuture<>();
        Consumer<String> onLine = line -> {
            synchronized (output) {
                output.add(line);
            }
            Matcher listening = LISTENING.matcher(line);
            if (listening.find()) {
                port.complete(Integer.parseInt(listening.group(1)));
            }
            Matcher replay = REPLAYED.matcher(line);
            if (replay.find()) {
                replayed.complete(Long.parseLong(replay.group(1)));
            }
        };
        Thread outputReader = Thread.ofPlatform().daemon().name("loupe-process-output-" + process.pid()).start(() -> {
            try {
                follow(log, process, onLine);
            } catch (IOException | InterruptedException e) {
                port.completeExceptionally(e);
            } finally {
                port.completeExceptionally(new IllegalStateException("the server ended before it said where it listens"));
            }
        });

        try {
            int actualPort = port.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            LoupeProcess started = new LoupeProcess(process, outputReader, output, new LoupeApi(InProcessLoupe.HOST, actualPort), replayed);
            started.awaitReady();
            return started;
        } catch (Exception | AssertionError e) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("the server did not start and become ready: " + e + "\n" + outputOf(output), e);
        }
    }

    /** Hands each line of the growing log file to {@code onLine} until the process has ended and all is read; then deletes the file. */
    private static void follow(Path log, Process process, Consumer<String> onLine) throws IOException, InterruptedException {
        try (InputStream in = Files.newInputStream(log)) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            while (true) {
                boolean ended = !process.isAlive();
                int read = in.read(chunk);
                if (read > 0) {
                    for (int i = 0; i < read; i++) {
                        if (chunk[i] == '\n') {
                            onLine.accept(line.toString(StandardCharsets.UTF_8));
                            line.reset();
                        } else {
                            line.write(chunk[i]);
                        }
                    }
                } else if (ended) {
                    if (line.size() > 0) {
                        onLine.accept(line.toString(StandardCharsets.UTF_8));
                    }
                    return;
                } else {
                    Thread.sleep(5);
                }
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** {@code ops/target} with the packaged jar and its libraries (Failsafe runs in {@code ops}; an IDE may run in the root). */
    private static Path packagedServer() {
        for (Path candidate : List.of(Path.of("target"), Path.of("ops", "target"))) {
            if (Files.isRegularFile(candidate.resolve("loupe-ops.jar")) && Files.isDirectory(candidate.resolve("lib"))) {
                return candidate.toAbsolutePath();
            }
        }
        throw new IllegalStateException("ops/target/loupe-ops.jar and ops/target/lib are missing; run ./mvnw package first (working directory "
                + Path.of("").toAbsolutePath() + ")");
    }

    /** /healthz answers as soon as the port is open; /readyz turns 200 once the write-ahead log is replayed. */
    private void awaitReady() {
        LoupeApi.Response health = api.get("/healthz");
        assertEquals(200, health.status(), () -> "/healthz while the server starts: " + health.body());
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (true) {
            LoupeApi.Response ready = api.get("/readyz");
            if (ready.status() == 200) {
                return;
            }
            assertEquals(503, ready.status(), () -> "/readyz before the server is ready: " + ready.body());
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("/readyz still answers " + ready.status() + " after " + START_TIMEOUT.toSeconds() + " s");
            }
            LoupeApi.pause(10);
        }
    }

    LoupeApi api() {
        return api;
    }

    /** How many events the start-up replay of the write-ahead log re-indexed, from the start-up banner. */
    long eventsReplayed() {
        try {
            return eventsReplayed.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no replay report in the server's output:\n" + output(), e);
        }
    }

    /** Sends SIGKILL (what {@link Process#destroyForcibly()} does on Linux) and checks that the process died of it. */
    void kill() throws InterruptedException {
        ProcessHandle handle = process.toHandle();
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("process " + process.pid() + " still runs 30 s after SIGKILL");
        }
        assertFalse(handle.isAlive(), "process " + process.pid() + " is gone");
        outputReader.join(Duration.ofSeconds(10));
        assertEquals(KILLED_BY_SIGKILL, process.exitValue(), () -> "exit status of a SIGKILLed JVM; output:\n" + output());
    }

    /** Sends SIGTERM, which a running server answers with a graceful stop; returns the exit status once all output is read. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("process " + process.pid() + " did not stop within 60 s of SIGTERM:\n" + output());
        }
        outputReader.join(Duration.ofSeconds(10));
        return process.exitValue();
    }

    String output() {
        return outputOf(output);
    }

    private static String outputOf(List<String> output) {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    /** Kills the process if it still runs. */
    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
