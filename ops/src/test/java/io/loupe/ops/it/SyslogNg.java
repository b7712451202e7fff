package io.loupe.ops.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code syslog-ng} for integration tests. Debian's syslog-ng packages conflict with rsyslog's,
 * so {@code .ci/run} unpacks syslog-ng-core, syslog-ng-mod-http and syslog-ng-scl with {@code dpkg -x}
 * into {@value #DEFAULT_ROOT} (or {@code LOUPE_TEST_SYSLOG_NG_ROOT}); an installed {@code /usr/sbin/syslog-ng}
 * is used as well. It runs in the foreground with its configuration, persist file, pid file and control
 * socket in the test's directory, a TCP RFC 5424 source on a free port of 127.0.0.1 (the agent's port)
 * and {@code destination} as the only destination, defined as {@code d_loupe}.
 */
final class SyslogNg {
    static final String DEFAULT_ROOT = "/opt/loupe-it/syslog-ng";

    private SyslogNg() {
    }

    static ExternalAgent start(Path directory, String destination) throws IOException, InterruptedException {
        Path root = root();
        Path modules = moduleDirectory(root);
        int port = ExternalAgent.freePort();
        Files.createDirectories(directory);
        Path config = Files.writeString(directory.resolve("syslog-ng.conf"), """
                @version: 3.38
                @define include-path "%1$s/etc/syslog-ng:%1$s/usr/share/syslog-ng/include"
                @include "scl.conf"
                options { stats_freq(0); keep_hostname(yes); frac_digits(3); };
                source s_in { network(ip("%2$s") port(%3$d) transport("tcp") flags(syslog-protocol)); };
                destination d_loupe { %4$s };
                log { source(s_in); destination(d_loupe); };
                """.formatted(root.equals(Path.of("/")) ? "" : root.toString(), InProcessLoupe.HOST, port, destination));
        List<String> command = List.of("env", "LD_LIBRARY_PATH=" + modules.getParent(), root.resolve("usr/sbin/syslog-ng").toString(),
                "-F", "-e", "-f", config.toString(), "--module-path=" + modules, "-R", directory.resolve("persist").toString(),
                "-p", directory.resolve("syslog-ng.pid").toString(), "-c", directory.resolve("syslog-ng.ctl").toString());
        return ExternalAgent.start("syslog-ng", port, directory, command);
    }

    /** Where syslog-ng is unpacked or installed; skips the test when it is neither. */
    private static Path root() {
        String configured = System.getenv("LOUPE_TEST_SYSLOG_NG_ROOT");
        for (Path candidate : new Path[] {Path.of(configured == null ? DEFAULT_ROOT : configured), Path.of("/")}) {
            if (Files.isExecutable(candidate.resolve("usr/sbin/syslog-ng"))
                    && Files.isRegularFile(candidate.resolve("usr/share/syslog-ng/include/scl/elasticsearch/elastic-http.conf"))) {
                return candidate;
            }
        }
        Assumptions.abort("syslog-ng with its http module and SCL is neither unpacked in " + (configured == null ? DEFAULT_ROOT : configured)
                + " nor installed; .ci/run unpacks syslog-ng-core, syslog-ng-mod-http and syslog-ng-scl there");
        throw new AssertionError("unreachable");
    }

    /** {@code usr/lib/syslog-ng/<version>}, the directory holding libhttp.so. */
    private static Path moduleDirectory(Path root) throws IOException {
        try (Stream<Path> versions = Files.list(root.resolve("usr/lib/syslog-ng"))) {
            return versions.filter(dir -> Files.isRegularFile(dir.resolve("libhttp.so"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no syslog-ng module directory with libhttp.so under " + root.resolve("usr/lib/syslog-ng")));
        }
    }
}
