package io.loupe.ops.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.lucene.codecs.CompoundDirectory;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * The bytes of the latest commit of every Lucene index under a directory (each directory holding a
 * {@code segments_N} file is one index), by file extension, looking inside compound files. Only
 * files the commit references count: a merge still being written, or segments it has just
 * replaced, do not.
 *
 * @param bytesByExtension bytes per file extension ({@code fdt}, {@code dvd}, {@code tim}, ...);
 *                         {@code cfs} is only the compound files' own overhead
 * @param indices          how many indices were found
 * @param segments         segments over all those commits
 */
record CommittedIndexSize(Map<String, Long> bytesByExtension, int indices, int segments) {
    /** File extensions by what they hold, in the order {@link #describe} lists them. */
    private static final Map<String, List<String>> PARTS = parts();

    private static Map<String, List<String>> parts() {
        Map<String, List<String>> parts = new LinkedHashMap<>();
        parts.put("stored", List.of("fdt", "fdx", "fdm"));
        parts.put("doc values", List.of("dvd", "dvm"));
        parts.put("terms", List.of("tim", "tip", "tmd"));
        parts.put("postings", List.of("doc", "pos", "pay", "psm"));
        parts.put("points", List.of("kdd", "kdi", "kdm"));
        parts.put("norms", List.of("nvd", "nvm"));
        return parts;
    }

    static CommittedIndexSize of(Path root) throws IOException {
        Map<String, Long> byExtension = new TreeMap<>();
        int indices = 0;
        int segments = 0;
        List<Path> indexDirs;
        try (Stream<Path> walk = Files.walk(root)) {
            indexDirs = walk.filter(Files::isDirectory).filter(CommittedIndexSize::holdsCommit).toList();
        }
        for (Path dir : indexDirs) {
            try (Directory directory = FSDirectory.open(dir)) {
                SegmentInfos commit = SegmentInfos.readLatestCommit(directory);
                indices++;
                segments += commit.size();
                byExtension.merge("segments", directory.fileLength(commit.getSegmentsFileName()), Long::sum);
                for (SegmentCommitInfo segment : commit) {
                    for (String file : segment.files()) {
                        long length = directory.fileLength(file);
                        if (extension(file).equals("cfs")) {
                            length -= addCompoundEntries(directory, segment, byExtension);
                        }
                        byExtension.merge(extension(file), length, Long::sum);
                    }
                }
            }
        }
        return new CommittedIndexSize(byExtension, indices, segments);
    }

    /** Adds the files inside the segment's compound file; returns their total length. */
    private static long addCompoundEntries(Directory directory, SegmentCommitInfo segment, Map<String, Long> into) throws IOException {
        long inside = 0;
        try (CompoundDirectory compound = segment.info.getCodec().compoundFormat().getCompoundReader(directory, segment.info)) {
            for (String entry : compound.listAll()) {
                long length = compound.fileLength(entry);
                into.merge(extension(entry), length, Long::sum);
                inside += length;
            }
        }
        return inside;
    }

    private static boolean holdsCommit(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith("segments_"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static String extension(String file) {
        if (file.startsWith("segments_")) {
            return "segments";
        }
        int dot = file.lastIndexOf('.');
        return dot < 0 ? file : file.substring(dot + 1);
    }

    long totalBytes() {
        return bytesByExtension.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Bytes of one part ({@code stored}, {@code doc values}, {@code terms}, ...). */
    long partBytes(String part) {
        return PARTS.get(part).stream().mapToLong(extension -> bytesByExtension.getOrDefault(extension, 0L)).sum();
    }

    /** Each part's bytes per raw byte, for the progress log: {@code stored 0.4313, doc values 0.1746, ...}. */
    String describe(long rawBytes) {
        StringBuilder out = new StringBuilder();
        long listed = 0;
        for (String part : PARTS.keySet()) {
            long bytes = partBytes(part);
            listed += bytes;
            out.append(part).append(' ').append(String.format("%.4f", (double) bytes / rawBytes)).append(", ");
        }
        return out.append("other ").append(String.format("%.4f", (double) (totalBytes() - listed) / rawBytes)).toString();
    }
}
