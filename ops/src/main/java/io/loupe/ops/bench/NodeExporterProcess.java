package io.loupe.ops.bench;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A {@code prometheus-node-exporter} started on a free loopback port for the metrics benchmark, and
 * stopped (its own process, by handle) on {@link #close()} or when the JVM exits first. Its output
 * goes to a log file in the benchmark's work directory. Not thread-safe.
 */
final class NodeExporterProcess implements AutoCloseable {
    static final String INSTALL_HINT = "apt-get install prometheus-node-exporter";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final Process process;
    private final int port;
    private final Path log;
    private final Thread stopOnExit;

    private NodeExporterProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.stopOnExit = new Thread(process::destroy, "bench-node-exporter-stop");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /**
     * Starts the exporter and waits until {@code /metrics} answers 200.
     *
     * @throws IllegalStateException when no node_exporter binary is installed, or it does not answer in time
     */
    static NodeExporterProcess start(Path workDir, HttpClient client) throws IOException, InterruptedException {
        Path binary = findBinary();
        int port = freeLoopbackPort();
        Path log = workDir.resolve("node-exporter.log");
        Process process = new ProcessBuilder(binary.toString(), "--web.listen-address=127.0.0.1:" + port, "--no-collector.systemd")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        NodeExporterProcess exporter = new NodeExporterProcess(process, port, log);
        try {
            exporter.awaitReady(client);
        } catch (IOException | InterruptedException | RuntimeException e) {
            exporter.close();
            throw e;
        }
        System.err.printf("node_exporter %s started, pid %d, listening on 127.0.0.1:%d%n", binary, process.pid(), port);
        return exporter;
    }

    private static Path findBinary() {
        Path packaged = Path.of("/usr/bin/prometheus-node-exporter");
        if (Files.isExecutable(packaged)) {
            return packaged;
        }
        String path = System.getenv("PATH");
        for (String dir : path == null ? new String[0] : path.split(File.pathSeparator)) {
            for (String name : new String[] {"prometheus-node-exporter", "node_exporter"}) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("node_exporter is not installed (looked for " + packaged
                + ", and prometheus-node-exporter and node_exporter on PATH); install it with '" + INSTALL_HINT
                + "', or replay saved scrapes with --scrapes DIR");
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void awaitReady(HttpClient client) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        HttpRequest request = HttpRequest.newBuilder(metricsUri()).timeout(Duration.ofSeconds(2)).build();
        String lastFailure = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("node_exporter exited with status " + process.exitValue()
                        + " before answering; its output: " + tail());
            }
            try {
                HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
                lastFailure = "status " + response.statusCode();
            } catch (IOException e) {
                lastFailure = e.toString();
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("node_exporter did not answer " + metricsUri() + " within " + READY_TIMEOUT.toSeconds()
                + " s (last: " + lastFailure + "); its output: " + tail());
    }

    private String tail() throws IOException {
        String text = Files.readString(log);
        return text.length() <= 2_000 ? text : text.substring(text.length() - 2_000);
    }

    URI metricsUri() {
        return URI.create("http://127.0.0.1:" + port + "/metrics");
    }

    /** The {@code instance} label Loupe's scraper would give this target. */
    String instance() {
        return "127.0.0.1:" + port;
    }

    /** Stops the exporter: SIGTERM, then SIGKILL after {@link #STOP_TIMEOUT}. */
    @Override
    public void close() throws InterruptedException {
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shuttingDown) {
            return;
        }
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            System.err.printf("node_exporter pid %d did not stop within %d s of SIGTERM; killing it%n", process.pid(),
                    STOP_TIMEOUT.toSeconds());
            process.destroyForcibly().waitFor();
        }
    }
}
