package io.loupe.ops.bench;

import java.util.Map;
import java.util.TreeMap;

/**
 * Entry point of {@code ./loupe bench ingest|search [options]} ({@link BenchOptions#USAGE}).
 * Progress and details go to stderr; the results are one JSON line on stdout, which names the
 * command that produced it. Exit status 0 on success, 1 when the run failed, 2 for a bad command line.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("loupe bench: " + e.getMessage());
            System.err.print(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        Map<String, String> environment = new TreeMap<>(BenchServer.settingsFromEnvironment());
        String javaOptions = System.getenv("LOUPE_JAVA_OPTS");
        if (javaOptions != null) {
            environment.put("LOUPE_JAVA_OPTS", javaOptions);
        }
        System.err.printf("bench %s; heap %d MiB, %d processors, Java %s%s%n", options.describe(),
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors(),
                Runtime.version(), environment.isEmpty() ? "" : "; environment " + environment);
        try {
            ResultLine result = switch (options.benchmark()) {
                case "ingest" -> IngestBenchmark.run(options, environment);
                case "search" -> SearchBenchmark.run(options, environment);
                default -> throw new IllegalStateException("no benchmark named " + options.benchmark());
            };
            System.out.println(result.toJson());
            System.out.flush();
        } catch (Exception | OutOfMemoryError e) {
            System.err.println("loupe bench: the " + options.benchmark() + " benchmark failed: " + e);
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }
}
