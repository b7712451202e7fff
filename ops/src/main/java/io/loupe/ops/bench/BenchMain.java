package io.loupe.ops.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * Entry point of {@code ./loupe bench ingest|search|metrics [options]} ({@link BenchOptions#USAGE}; the
 * metrics benchmark reads its own options, {@link MetricsBenchOptions}).
 * Progress and details go to stderr; the results are one JSON line on stdout, which names the
 * command that produced it. Exit status 0 on success, 1 when the run failed, 2 for a bad command line.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) {
        Map<String, String> environment = new TreeMap<>(BenchServer.settingsFromEnvironment());
        String javaOptions = System.getenv("LOUPE_JAVA_OPTS");
        if (javaOptions != null) {
            environment.put("LOUPE_JAVA_OPTS", javaOptions);
        }
        String benchmark;
        String description;
        Callable<ResultLine> run;
        try {
            if (args.length > 0 && args[0].equals("metrics")) {
                MetricsBenchOptions options = MetricsBenchOptions.parse(args);
                benchmark = "metrics";
                description = options.describe();
                run = () -> MetricsBenchmark.run(options, environment);
            } else {
                BenchOptions options = BenchOptions.parse(args);
                benchmark = options.benchmark();
                description = options.describe();
                run = switch (options.benchmark()) {
                    case "ingest" -> () -> IngestBenchmark.run(options, environment);
                    case "search" -> () -> SearchBenchmark.run(options, environment);
                    default -> throw new IllegalStateException("no benchmark named " + options.benchmark());
                };
            }
        } catch (IllegalArgumentException e) {
            System.err.println("loupe bench: " + e.getMessage());
            System.err.print(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        System.err.printf("bench %s; heap %d MiB, %d processors, Java %s%s%n", description,
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors(),
                Runtime.version(), environment.isEmpty() ? "" : "; environment " + environment);
        try {
            ResultLine result = run.call();
            System.out.println(result.toJson());
            System.out.flush();
        } catch (Exception | OutOfMemoryError e) {
            System.err.println("loupe bench: the " + benchmark + " benchmark failed: " + e);
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }
}
