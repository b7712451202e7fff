package io.loupe.ops.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * A monitoring agent installed on this machine ({@code prometheus-node-exporter}, {@code prometheus})
 * run as its own process on a free port of 127.0.0.1, with its working directory, configuration and
 * data in a directory of the test. Its output (stdout and stderr) goes to a file in that directory
 * and is quoted in failure messages. It is stopped by its PID: SIGTERM, then SIGKILL when it has not
 * ended within {@link #STOP_GRACE}. Nothing it is given points beyond the loopback interface.
 */
final class ExternalAgent implements AutoCloseable {
    static final Path NODE_EXPORTER = Path.of("/usr/bin/prometheus-node-exporter");
    static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    static final Path RSYSLOGD = Path.of("/usr/sbin/rsyslogd");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    static final Duration STOP_GRACE = Duration.ofSeconds(10);
    /** Lines of output quoted in a failure message. */
    private static final int QUOTED_LINES = 60;

    private final String name;
    private final Process process;
    private final Path log;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private ExternalAgent(String name, Process process, Path log, int port) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Skips the test when the Debian package that ships {@code file} (a program or a module) is missing (CI installs it). */
    static void assumeInstalled(Path file, String debianPackage) {
        Assumptions.assumeTrue(Files.isRegularFile(file), debianPackage + " is not installed (apt-get install " + debianPackage
                + "); .ci/run installs it");
    }

    /** A TCP port of 127.0.0.1 nobody listens on right now. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(InProcessLoupe.HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + InProcessLoupe.HOST, e);
        }
    }

    /**
     * {@code prometheus-node-exporter} with its default collectors except systemd (no D-Bus in a
     * container), and a textfile directory of its own so files of the host's exporter do not leak in.
     */
    static ExternalAgent startNodeExporter(Path directory) throws IOException, InterruptedException {
        int port = freePort();
        Path textfiles = Files.createDirectories(directory.resolve("textfile"));
        return start("node_exporter", port, directory, List.of(NODE_EXPORTER.toString(),
                "--web.listen-address=" + InProcessLoupe.HOST + ":" + port,
                "--no-collector.systemd",
                "--collector.textfile.directory=" + textfiles));
    }

    /** {@code prometheus} with {@code configYaml} as its configuration file and its TSDB in {@code directory}. */
    static ExternalAgent startPrometheus(Path directory, String configYaml) throws IOException, InterruptedException {
        int port = freePort();
        Files.createDirectories(directory);
        Path config = Files.writeString(directory.resolve("prometheus.yml"), configYaml);
        return start("prometheus", port, directory, List.of(PROMETHEUS.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + directory.resolve("data"),
                "--web.listen-address=" + InProcessLoupe.HOST + ":" + port));
    }

    /**
     * {@code rsyslogd} in the foreground with a configuration of its own: its work directory and pid
     * file in {@code directory}, a TCP syslog input on a free port of 127.0.0.1 (the agent's
     * {@link #port()}; tests write lines to it) whose messages go to the ruleset {@code forward},
     * which {@code forwardRuleset} defines (the modules it needs loaded by it).
     */
    static ExternalAgent startRsyslog(Path directory, String forwardRuleset) throws IOException, InterruptedException {
        int port = freePort();
        Path work = Files.createDirectories(directory.resolve("work"));
        Path config = Files.writeString(directory.resolve("rsyslog.conf"), """
                global(workDirectory="%s")
                module(load="imtcp")
                input(type="imtcp" address="%s" port="%d" ruleset="forward")
                %s
                """.formatted(work, InProcessLoupe.HOST, port, forwardRuleset));
        return start("rsyslogd", port, directory, List.of(RSYSLOGD.toString(), "-n", "-f", config.toString(),
                "-i", directory.resolve("rsyslogd.pid").toString()));
    }

    /** Starts {@code command} in {@code directory} and waits until {@code port} of 127.0.0.1 accepts connections. */
    static ExternalAgent start(String name, int port, Path directory, List<String> command) throws IOException, InterruptedException {
        Files.createDirectories(directory);
        Path log = directory.resolve(name + ".log");
        Process process = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ExternalAgent agent = new ExternalAgent(name, process, log, port);
        try {
            agent.awaitListening();
            return agent;
        } catch (RuntimeException | Error e) {
            agent.close();
            throw e;
        }
    }

    private void awaitListening() throws InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (true) {
            if (!process.isAlive()) {
                throw new AssertionError(this + " ended with status " + process.exitValue() + " before it listened on port " + port
                        + ":\n" + output());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InProcessLoupe.HOST, port), 200);
                return;
            } catch (IOException notYet) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError(this + " does not listen on port " + port + " after " + START_TIMEOUT.toSeconds()
                            + " s (" + notYet + "):\n" + output());
                }
                Thread.sleep(20);
            }
        }
    }

    int port() {
        return port;
    }

    /** {@code http://127.0.0.1:<port><path>}. */
    URI url(String path) {
        return URI.create("http://" + InProcessLoupe.HOST + ":" + port + path);
    }

    /** The agent's own answer to {@code GET path}. */
    HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + url(path) + " of " + this + " failed; its output:\n" + output(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What the agent itself serves on {@code /metrics} right now. */
    Exposition metrics() {
        HttpResponse<String> response = get("/metrics");
        assertEquals(200, response.statusCode(), () -> "status of GET " + url("/metrics") + ": " + response.body());
        return new Exposition(response.body());
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Sends SIGTERM to the agent's PID, then SIGKILL if it still runs after {@link #STOP_GRACE};
     * returns its exit status (128 + signal when a signal ended it), or -1 if SIGKILL was needed.
     */
    int stop() throws InterruptedException {
        ProcessHandle handle = process.toHandle();
        if (!handle.isAlive()) {
            return process.exitValue();
        }
        handle.destroy();
        if (process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
            return process.exitValue();
        }
        handle.destroyForcibly();
        if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(this + " still runs " + STOP_GRACE.toSeconds() + " s after SIGKILL");
        }
        return -1;
    }

    /** The last {@value #QUOTED_LINES} lines the agent wrote. */
    String output() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - QUOTED_LINES), lines.size()));
        } catch (IOException e) {
            return "(its output in " + log + " cannot be read: " + e + ")";
        }
    }

    /** Stops the agent if it still runs. */
    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ", port " + port + ")";
    }

    /**
     * Asks {@code probe} every 100 ms until its answer satisfies {@code condition} and returns that answer;
     * after {@code timeout} fails with {@code what} and the last answer.
     */
    static <T> T eventually(Duration timeout, String what, Supplier<T> probe, Predicate<T> condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            T answer = probe.get();
            if (condition.test(answer)) {
                return answer;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("within " + timeout.toSeconds() + " s, expected " + what + "; last answer: " + answer);
            }
            LoupeApi.pause(100);
        }
    }

    /** A Prometheus text exposition as an agent served it: samples by name and labels. */
    record Exposition(String text) {
        private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)(\\s+-?\\d+)?");
        private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

        /** One sample line: the metric name, its labels and its value. */
        record Sample(String name, Map<String, String> labels, double value) {
        }

        List<Sample> samples(String metric) {
            List<Sample> samples = new ArrayList<>();
            for (String line : text.split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                Matcher sample = SAMPLE.matcher(line.strip());
                if (!sample.matches()) {
                    throw new AssertionError("not a sample line of the text format: " + line);
                }
                if (!sample.group(1).equals(metric)) {
                    continue;
                }
                Map<String, String> labels = new LinkedHashMap<>();
                if (sample.group(3) != null) {
                    Matcher label = LABEL.matcher(sample.group(3));
                    while (label.find()) {
                        labels.put(label.group(1), label.group(2));
                    }
                }
                samples.add(new Sample(metric, labels, parseValue(sample.group(4))));
            }
            return samples;
        }

        /** The value of the one sample of {@code metric}; fails when there is none or several. */
        double value(String metric) {
            List<Sample> samples = samples(metric);
            if (samples.size() != 1) {
                throw new AssertionError("expected one sample of " + metric + " in the exposition, found " + samples);
            }
            return samples.getFirst().value();
        }

        /** The sum over every sample of {@code metric}, or empty when it has none. */
        OptionalDouble sum(String metric) {
            List<Sample> samples = samples(metric);
            return samples.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(samples.stream().mapToDouble(Sample::value).sum());
        }

        /** The value of {@code label} on the one sample of {@code metric}. */
        String label(String metric, String label) {
            List<Sample> samples = samples(metric);
            if (samples.size() != 1 || !samples.getFirst().labels().containsKey(label)) {
                throw new AssertionError("expected one sample of " + metric + " with label " + label + ", found " + samples);
            }
            return samples.getFirst().labels().get(label);
        }

        private static double parseValue(String text) {
            return switch (text) {
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                case "NaN" -> Double.NaN;
                default -> Double.parseDouble(text);
            };
        }
    }
}
