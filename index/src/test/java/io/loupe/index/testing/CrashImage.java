package io.loupe.index.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a crash leaves behind: the files of a running store copied as they are on disk, without
 * closing or committing anything. Take it while no append, commit or refresh is running.
 */
public final class CrashImage {

    private CrashImage() {
    }

    public static Path copyOf(Path dataDir, Path to) throws IOException {
        Files.createDirectories(to);
        List<Path> entries;
        try (Stream<Path> list = Files.list(dataDir)) {
            entries = list.toList();
        }
        for (Path source : entries) {
            Path target = to.resolve(source.getFileName().toString());
            try {
                if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
                    copyOf(source, target);
                } else {
                    Files.copy(source, target);
                }
            } catch (NoSuchFileException e) {
                // A background merge deleted an uncommitted Lucene file meanwhile: a crash a moment
                // later would not have left it either. Commit points and the log are never deleted here.
            }
        }
        return to;
    }
}
