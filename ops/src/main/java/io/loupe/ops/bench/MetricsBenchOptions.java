package io.loupe.ops.bench;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The command line of {@code ./loupe bench metrics}, with its defaults.
 *
 * <pre>
 * metrics [--record-seconds N | --scrapes DIR] [--save-scrapes DIR] [--hosts H] [--interval-seconds S]
 *         [--hours N] [--queries Q]
 * </pre>
 * Numbers may be written with {@code _} or {@code ,} separators.
 *
 * @param recordSeconds   how long to scrape a local node_exporter, once a second
 * @param scrapes         a directory of recorded scrapes to replay instead of recording (null: record)
 * @param saveScrapes     a directory to write the recorded scrapes to, for a later {@code --scrapes} (null: keep none)
 * @param hosts           simulated hosts of the ingest phase, one worker thread each
 * @param intervalSeconds simulated scrape interval of the ingest phase
 * @param hours           simulated hours of the ingest phase; the measured queries span them all
 * @param queries         measured range queries, rotating over {@link MetricsRangeQueries#KINDS}
 */
record MetricsBenchOptions(int recordSeconds, Path scrapes, Path saveScrapes, int hosts, int intervalSeconds, int hours,
                           int queries) {
    static final int DEFAULT_RECORD_SECONDS = 180;
    static final int DEFAULT_HOSTS = 4;
    static final int DEFAULT_INTERVAL_SECONDS = 15;
    static final int DEFAULT_HOURS = 24;
    static final int DEFAULT_QUERIES = 50;
    static final int MAX_HOURS = 168;

    static final String USAGE = """
                   loupe bench metrics [--record-seconds N (180) | --scrapes DIR] [--save-scrapes DIR] [--hosts H (4)]
                                       [--interval-seconds S (15)] [--hours N (24)] [--queries Q (50)]
            The metrics benchmark scrapes a local node_exporter (apt-get install prometheus-node-exporter) once a second,
            or replays scrapes saved by --save-scrapes, and measures bytes per sample against promtool when it is installed.
            """;

    /**
     * @param args the whole command line, {@code metrics} first
     * @throws IllegalArgumentException naming the bad argument
     */
    static MetricsBenchOptions parse(String... args) {
        if (args.length == 0 || !args[0].equals("metrics")) {
            throw new IllegalArgumentException("the metrics benchmark's command line starts with 'metrics'");
        }
        int recordSeconds = DEFAULT_RECORD_SECONDS;
        boolean recordSecondsGiven = false;
        Path scrapes = null;
        Path saveScrapes = null;
        int hosts = DEFAULT_HOSTS;
        int intervalSeconds = DEFAULT_INTERVAL_SECONDS;
        int hours = DEFAULT_HOURS;
        int queries = DEFAULT_QUERIES;
        for (int i = 1; i < args.length; i += 2) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("flag " + flag + " needs a value");
            }
            String value = args[i + 1];
            switch (flag) {
                case "--record-seconds" -> {
                    recordSeconds = number(flag, value, 2, 86_400);
                    recordSecondsGiven = true;
                }
                case "--scrapes" -> scrapes = Path.of(value);
                case "--save-scrapes" -> saveScrapes = Path.of(value);
                case "--hosts" -> hosts = number(flag, value, 1, 256);
                case "--interval-seconds" -> intervalSeconds = number(flag, value, 1, 3_600);
                case "--hours" -> hours = number(flag, value, 1, MAX_HOURS);
                case "--queries" -> queries = number(flag, value, 1, 1_000_000);
                default -> throw new IllegalArgumentException("unknown flag " + flag + " for the metrics benchmark");
            }
        }
        if (scrapes != null && (recordSecondsGiven || saveScrapes != null)) {
            throw new IllegalArgumentException("--scrapes replays saved scrapes; it cannot be combined with "
                    + (recordSecondsGiven ? "--record-seconds" : "--save-scrapes"));
        }
        return new MetricsBenchOptions(recordSeconds, scrapes, saveScrapes, hosts, intervalSeconds, hours, queries);
    }

    private static int number(String flag, String text, int min, int max) {
        long value;
        try {
            value = Long.parseLong(text.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a whole number, got '" + text + "'");
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(flag + " must be between " + min + " and " + max + ", got " + value);
        }
        return (int) value;
    }

    /** Scrapes per simulated host in the ingest phase. */
    long ticks() {
        return (long) hours * 3_600 / intervalSeconds;
    }

    /**
     * The command that reproduces this run: every option that shapes the figures, preceded by the
     * environment that changed the JVM. {@code --save-scrapes} is left out, since it changes nothing measured.
     */
    String command(Map<String, String> environment) {
        StringBuilder out = new StringBuilder();
        environment.forEach((name, value) -> out.append(name).append('=').append(shellQuoted(value)).append(' '));
        out.append("./loupe bench metrics");
        if (scrapes != null) {
            out.append(" --scrapes ").append(shellQuoted(scrapes.toString()));
        } else {
            out.append(" --record-seconds ").append(recordSeconds);
        }
        out.append(" --hosts ").append(hosts).append(" --interval-seconds ").append(intervalSeconds)
                .append(" --hours ").append(hours).append(" --queries ").append(queries);
        return out.toString();
    }

    private static String shellQuoted(String value) {
        if (value.matches("[A-Za-z0-9_./:=,+-]+")) {
            return value;
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }

    String describe() {
        String source = scrapes != null ? "scrapes replayed from " + scrapes
                : "node_exporter recorded for " + recordSeconds + " s at 1 s";
        return String.format(Locale.ROOT, "metrics: %s; ingest of %d hosts every %d s over %d h (%,d scrapes); %d queries",
                source, hosts, intervalSeconds, hours, ticks() * hosts, queries);
    }
}
