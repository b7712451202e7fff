package io.loupe.ops.it;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code syslog-ng} given RFC 5424 lines on its TCP source and sending them with its
 * {@code elasticsearch-http()} destination (the SCL block over the http module) to {@code _bulk}:
 * every line is searchable with its host, level and message.
 */
class SyslogNgIT {
    @TempDir
    Path temp;
    private InProcessLoupe loupe;
    private ExternalAgent syslogNg;

    @AfterEach
    void stopEverything() {
        try {
            if (syslogNg != null) {
                syslogNg.close();
            }
        } finally {
            if (loupe != null) {
                loupe.close();
            }
        }
    }

    @Test
    void elasticsearchHttpDestinationDeliversEveryLineToBulk() throws Exception {
        loupe = InProcessLoupe.start(temp.resolve("loupe"), Map.of("log.refresh_millis", "50"));
        syslogNg = SyslogNg.start(temp.resolve("syslog-ng"), "elasticsearch-http(url(\"http://%s:%d/_bulk\") index(\"syslog-ng-it\") type(\"\") batch_lines(10) timeout(5));"
                .formatted(InProcessLoupe.HOST, loupe.api().port()));
        ShippedLines.send(syslogNg.port(), "sng-app");
        ShippedLines.assertEveryLineSearchable(loupe.api(), syslogNg, "sng-app");
    }
}
