package io.loupe.ops.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Real node_exporter scrapes, each body with the time it stands for: recorded live from a local
 * exporter once a second, or loaded from a directory where an earlier run saved them.
 *
 * <p>A live recording stamps each body with its tick ({@code start + k · 1000 ms}, {@code start} on a
 * whole second), as Loupe's own scraper does; a tick that comes while the previous fetch is still
 * running is skipped and counted. Saved scrapes are files {@code NNNN_<epoch ms>.prom.gz} (or
 * {@code .prom}), one body each, the time taken from the name. Immutable once made.
 */
final class NodeExporterRecording {
    /** The {@code instance} label of scrapes loaded from a directory, which does not record the port. */
    static final String SAVED_INSTANCE = "127.0.0.1:9100";
    static final long TICK_MILLIS = 1_000;
    private static final Duration SCRAPE_TIMEOUT = Duration.ofSeconds(5);
    private static final Pattern SAVED_NAME = Pattern.compile("\\d+_(\\d+)\\.prom(\\.gz)?");

    /** One scrape: the body as the exporter sent it, and the time its samples get. */
    record Scrape(long tickMillis, byte[] body) {
    }

    private final List<Scrape> scrapes;
    private final String instance;
    private final int skippedTicks;

    private NodeExporterRecording(List<Scrape> scrapes, String instance, int skippedTicks) {
        if (scrapes.isEmpty()) {
            throw new IllegalArgumentException("a recording needs at least one scrape");
        }
        this.scrapes = List.copyOf(scrapes);
        this.instance = instance;
        this.skippedTicks = skippedTicks;
    }

    /** Starts a node_exporter, scrapes it every second for {@code seconds}, and stops it. */
    static NodeExporterRecording record(int seconds, Path workDir) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(SCRAPE_TIMEOUT).build();
        try (NodeExporterProcess exporter = NodeExporterProcess.start(workDir, client)) {
            HttpRequest request = HttpRequest.newBuilder(exporter.metricsUri()).timeout(SCRAPE_TIMEOUT)
                    .header("Accept", "text/plain;version=0.0.4").build();
            long start = (System.currentTimeMillis() / TICK_MILLIS + 2) * TICK_MILLIS;
            long end = start + seconds * TICK_MILLIS;
            List<Scrape> scrapes = new ArrayList<>(seconds);
            int skipped = 0;
            long nextProgress = start + 30_000;
            long tick = start;
            while (tick < end) {
                long wait = tick - System.currentTimeMillis();
                if (wait > 0) {
                    Thread.sleep(wait);
                }
                HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("node_exporter answered scrape " + (scrapes.size() + 1) + " with status "
                            + response.statusCode() + ": " + new String(response.body(), 0, Math.min(500, response.body().length)));
                }
                scrapes.add(new Scrape(tick, response.body()));
                long now = System.currentTimeMillis();
                tick += TICK_MILLIS;
                while (tick < now) {
                    tick += TICK_MILLIS;
                    skipped++;
                }
                if (now >= nextProgress) {
                    System.err.printf("recording: %d / %d scrapes%n", scrapes.size(), seconds);
                    nextProgress += 30_000;
                }
            }
            NodeExporterRecording recording = new NodeExporterRecording(scrapes, exporter.instance(), skipped);
            System.err.printf("recorded %s%n", recording.describe());
            return recording;
        }
    }

    /** Loads scrapes saved by {@link #save}, in time order. */
    static NodeExporterRecording load(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--scrapes " + dir + " is not a directory");
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(dir)) {
            for (Path file : listing) {
                if (SAVED_NAME.matcher(file.getFileName().toString()).matches()) {
                    files.add(file);
                }
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("--scrapes " + dir + " holds no scrape files named NNNN_<epoch ms>.prom[.gz]");
        }
        List<Scrape> scrapes = new ArrayList<>(files.size());
        for (Path file : files) {
            Matcher name = SAVED_NAME.matcher(file.getFileName().toString());
            if (!name.matches()) {
                throw new IllegalStateException("scrape file " + file + " no longer matches " + SAVED_NAME);
            }
            byte[] body;
            try (InputStream in = name.group(2) != null ? new GZIPInputStream(Files.newInputStream(file)) : Files.newInputStream(file)) {
                body = in.readAllBytes();
            }
            scrapes.add(new Scrape(Long.parseLong(name.group(1)), body));
        }
        scrapes.sort(Comparator.comparingLong(Scrape::tickMillis));
        for (int i = 1; i < scrapes.size(); i++) {
            if (scrapes.get(i).tickMillis() == scrapes.get(i - 1).tickMillis()) {
                throw new IllegalArgumentException("--scrapes " + dir + " holds two scrapes at " + scrapes.get(i).tickMillis() + " ms");
            }
        }
        NodeExporterRecording recording = new NodeExporterRecording(scrapes, SAVED_INSTANCE, 0);
        System.err.printf("loaded %s from %s%n", recording.describe(), dir);
        return recording;
    }

    /** Writes every scrape to {@code dir} (created if needed) as {@code NNNN_<epoch ms>.prom.gz}. */
    void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (int i = 0; i < scrapes.size(); i++) {
            Scrape scrape = scrapes.get(i);
            Path file = dir.resolve(String.format(Locale.ROOT, "%04d_%d.prom.gz", i, scrape.tickMillis()));
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
                out.write(scrape.body());
            }
        }
        System.err.printf("saved %d scrapes to %s; replay them with --scrapes %s%n", scrapes.size(), dir, dir);
    }

    List<Scrape> scrapes() {
        return scrapes;
    }

    /** The {@code instance} label the scrapes get. */
    String instance() {
        return instance;
    }

    long bodyBytes() {
        long bytes = 0;
        for (Scrape scrape : scrapes) {
            bytes += scrape.body().length;
        }
        return bytes;
    }

    String describe() {
        return String.format(Locale.ROOT, "%d scrapes from %s to %s (%,d body bytes, %d ticks skipped while a scrape was late)",
                scrapes.size(), Instant.ofEpochMilli(scrapes.getFirst().tickMillis()),
                Instant.ofEpochMilli(scrapes.getLast().tickMillis()), bodyBytes(), skippedTicks);
    }
}
