package io.loupe.ops.bench;

import java.util.Locale;
import java.util.Map;

/**
 * The command line of {@code ./loupe bench}: which benchmark, and its options with their defaults.
 *
 * <pre>
 * ingest [--events N] [--connections C] [--batch B] [--seed S] [--protocol native|bulk|otlp|syslog]
 * search [--events N] [--queries Q] [--connections C] [--batch B] [--seed S]
 * </pre>
 * Numbers may be written with {@code _} or {@code ,} separators ({@code 1_000_000}).
 *
 * @param benchmark   {@code ingest} or {@code search}
 * @param events      events to generate and ingest
 * @param connections concurrent HTTP connections that send batches
 * @param batch       events per request
 * @param seed        seed of the event generator and of the query choice
 * @param queries     measured lookups, term queries and timelines each (search only); histograms, stats,
 *                    timecharts and correlations are a tenth of it
 * @param protocol    how the events are sent (ingest only); any but native is measured next to native
 */
record BenchOptions(String benchmark, long events, int connections, int batch, long seed, int queries, IngestProtocol protocol) {
    static final long DEFAULT_EVENTS = 1_000_000;
    static final int DEFAULT_CONNECTIONS = 4;
    static final int DEFAULT_BATCH = 2_000;
    static final long DEFAULT_SEED = 42;
    static final int DEFAULT_QUERIES = 500;
    /** Event ids keep the position in a batch in 16 bits, and the server refuses more than 65536 per request. */
    static final int MAX_BATCH = 65_536;

    static final String USAGE = """
            usage: loupe bench ingest [--events N (1,000,000)] [--connections C (4)] [--batch B (2000)] [--seed S (42)]
                                      [--protocol native|bulk|otlp|syslog (native)]
                   loupe bench search [--events N (1,000,000)] [--queries Q (500)] [--connections C (4)] [--batch B (2000)] [--seed S (42)]
                   loupe bench metrics [--record-seconds N (180) | --scrapes DIR] [--save-scrapes DIR] [--hosts H (4)]
                                       [--interval-seconds S (15)] [--hours N (24)] [--queries Q (50)]
            Each ingest or search run starts a fresh in-process server on 127.0.0.1 with a temporary data directory (deleted afterwards).
            The search run also loads node_exporter-shaped metrics of every host over the 24 h, for the correlation and timeline requests.
            The metrics run scrapes a local node_exporter (apt-get install prometheus-node-exporter) once a second, or replays
            scrapes saved with --save-scrapes, into fresh metric stores, and compares with promtool's blocks when it is installed.
            Every run prints progress on stderr and one JSON line with the results on stdout.
            LOUPE_* settings in the environment apply to the server under test; LOUPE_JAVA_OPTS sets the JVM flags.
            """;

    /** @throws IllegalArgumentException naming the bad argument */
    static BenchOptions parse(String... args) {
        if (args.length == 0 || !(args[0].equals("ingest") || args[0].equals("search"))) {
            throw new IllegalArgumentException(args.length == 0 ? "name a benchmark: ingest, search or metrics"
                    : "unknown benchmark '" + args[0] + "'; the benchmarks are ingest, search and metrics");
        }
        String benchmark = args[0];
        long events = DEFAULT_EVENTS;
        int connections = DEFAULT_CONNECTIONS;
        int batch = DEFAULT_BATCH;
        long seed = DEFAULT_SEED;
        int queries = DEFAULT_QUERIES;
        IngestProtocol protocol = IngestProtocol.NATIVE;
        for (int i = 1; i < args.length; i += 2) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("flag " + flag + " needs a value");
            }
            String value = args[i + 1];
            switch (flag) {
                case "--events" -> events = number(flag, value, 1, Long.MAX_VALUE);
                case "--connections" -> connections = (int) number(flag, value, 1, 1024);
                case "--batch" -> batch = (int) number(flag, value, 1, MAX_BATCH);
                case "--seed" -> seed = number(flag, value, Long.MIN_VALUE, Long.MAX_VALUE);
                case "--queries" -> {
                    if (!benchmark.equals("search")) {
                        throw new IllegalArgumentException("--queries applies to the search benchmark only");
                    }
                    queries = (int) number(flag, value, 1, 1_000_000);
                }
                case "--protocol" -> {
                    if (!benchmark.equals("ingest")) {
                        throw new IllegalArgumentException("--protocol applies to the ingest benchmark only");
                    }
                    protocol = IngestProtocol.named(value);
                }
                default -> throw new IllegalArgumentException("unknown flag " + flag + " for the " + benchmark + " benchmark");
            }
        }
        return new BenchOptions(benchmark, events, connections, batch, seed, queries, protocol);
    }

    private static long number(String flag, String text, long min, long max) {
        long value;
        try {
            value = Long.parseLong(text.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a whole number, got '" + text + "'");
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(flag + " must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    /**
     * Requests of each kind that reads every event (histogram, stats, timechart) and correlation
     * requests measured by the search benchmark: fewer, since each one is heavy.
     */
    int fullScanQueries() {
        return Math.max(5, queries / 10);
    }

    /**
     * The command that reproduces this run, as printed with the results: the options that matter,
     * preceded by the environment that changed the server or the JVM.
     */
    String command(Map<String, String> environment) {
        StringBuilder out = new StringBuilder();
        environment.forEach((name, value) -> out.append(name).append('=').append(shellQuoted(value)).append(' '));
        out.append("./loupe bench ").append(benchmark).append(" --events ").append(events);
        if (benchmark.equals("ingest") || connections != DEFAULT_CONNECTIONS) {
            out.append(" --connections ").append(connections);
        }
        if (batch != DEFAULT_BATCH) {
            out.append(" --batch ").append(batch);
        }
        if (benchmark.equals("search") && queries != DEFAULT_QUERIES) {
            out.append(" --queries ").append(queries);
        }
        if (seed != DEFAULT_SEED) {
            out.append(" --seed ").append(seed);
        }
        if (protocol != IngestProtocol.NATIVE) {
            out.append(" --protocol ").append(protocol.wireName());
        }
        return out.toString();
    }

    private static String shellQuoted(String value) {
        if (value.matches("[A-Za-z0-9_./:=,+-]+")) {
            return value;
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }

    String describe() {
        return String.format(Locale.ROOT, "%s: %,d events, %d connections, %d events per request, seed %d%s", benchmark,
                events, connections, batch, seed, protocol == IngestProtocol.NATIVE ? "" : ", protocol " + protocol.wireName());
    }
}
