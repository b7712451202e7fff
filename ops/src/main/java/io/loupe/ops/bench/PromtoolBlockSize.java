package io.loupe.ops.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What Prometheus's own TSDB takes for the same samples: {@code promtool tsdb create-blocks-from
 * openmetrics} writes blocks from an {@link OpenMetricsFile}; each block directory
 * ({@code chunks/}, {@code index}, {@code meta.json}, {@code tombstones}) is then measured, and the
 * sample and series counts come from the blocks' {@code meta.json}.
 *
 * @param blocks       block directories written
 * @param samples      samples in all blocks ({@code stats.numSamples})
 * @param series       series summed over blocks ({@code stats.numSeries}; a series in two blocks counts twice)
 * @param chunkBytes   bytes of the {@code chunks/} segment files
 * @param indexBytes   bytes of the {@code index} files
 * @param wholeBytes   bytes of every file of every block
 * @param wallNanos    time promtool took
 */
record PromtoolBlockSize(int blocks, long samples, long series, long chunkBytes, long indexBytes, long wholeBytes, long wallNanos) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_SECONDS = 600;

    /** The promtool on PATH, if any. */
    static Optional<Path> findPromtool() {
        String path = System.getenv("PATH");
        for (String dir : path == null ? new String[0] : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "promtool");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Runs promtool on {@code openMetrics}, writing blocks to the fresh directory {@code outputDir}, and measures them. */
    static PromtoolBlockSize measure(Path promtool, Path openMetrics, Path outputDir) throws IOException, InterruptedException {
        Files.createDirectories(outputDir);
        Path log = outputDir.resolveSibling(outputDir.getFileName() + ".log");
        long started = System.nanoTime();
        Process process = new ProcessBuilder(promtool.toString(), "tsdb", "create-blocks-from", "openmetrics",
                openMetrics.toString(), outputDir.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("promtool did not finish within " + TIMEOUT_SECONDS + " s; its output: "
                    + Files.readString(log));
        }
        long wall = System.nanoTime() - started;
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("promtool tsdb create-blocks-from openmetrics exited with status " + process.exitValue()
                    + ": " + output);
        }
        System.err.print("promtool: " + output.strip().replace("\n", "\npromtool: ") + "\n");
        int blocks = 0;
        long samples = 0;
        long series = 0;
        long chunkBytes = 0;
        long indexBytes = 0;
        long wholeBytes = 0;
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(outputDir)) {
            for (Path block : dirs) {
                Path meta = block.resolve("meta.json");
                if (!Files.isDirectory(block) || !Files.isRegularFile(meta)) {
                    throw new IllegalStateException("promtool left " + block
                            + " in its output directory, which is not a block (no meta.json)");
                }
                blocks++;
                JsonNode stats = JSON.readTree(meta.toFile()).path("stats");
                samples += stats.path("numSamples").asLong();
                series += stats.path("numSeries").asLong();
                chunkBytes += bytesUnder(block.resolve("chunks"));
                indexBytes += Files.size(block.resolve("index"));
                wholeBytes += bytesUnder(block);
            }
        }
        if (blocks == 0) {
            throw new IllegalStateException("promtool wrote no block to " + outputDir + "; its output: " + output);
        }
        return new PromtoolBlockSize(blocks, samples, series, chunkBytes, indexBytes, wholeBytes, wall);
    }

    /** Bytes of every regular file under {@code root}. */
    static long bytesUnder(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            long total = 0;
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(file)) {
                    total += Files.size(file);
                }
            }
            return total;
        }
    }
}
