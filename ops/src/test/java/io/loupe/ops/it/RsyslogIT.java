package io.loupe.ops.it;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code rsyslogd} (own configuration, work directory and pid file, free loopback ports) given
 * RFC 5424 lines on its TCP input and forwarding them to Loupe: every line is searchable with the
 * host, level and message it was given.
 */
class RsyslogIT {
    @TempDir
    Path temp;
    private InProcessLoupe loupe;
    private ExternalAgent rsyslog;

    @BeforeEach
    void startLoupe() throws Exception {
        ExternalAgent.assumeInstalled(ExternalAgent.RSYSLOGD, "rsyslog");
        loupe = InProcessLoupe.start(temp.resolve("loupe"), Map.of("log.refresh_millis", "50"));
    }

    @AfterEach
    void stopEverything() {
        try {
            if (rsyslog != null) {
                rsyslog.close();
            }
        } finally {
            if (loupe != null) {
                loupe.close();
            }
        }
    }

    @Test
    void omelasticsearchBulkModeDeliversEveryLineToBulk() throws Exception {
        ExternalAgent.assumeInstalled(Path.of("/usr/lib/x86_64-linux-gnu/rsyslog/omelasticsearch.so"), "rsyslog-elasticsearch");
        rsyslog = ExternalAgent.startRsyslog(temp.resolve("rsyslog"), """
                module(load="omelasticsearch")
                ruleset(name="forward") {
                  action(type="omelasticsearch" server="%s" serverport="%d" searchIndex="rsyslog-it" bulkmode="on"
                         errorFile="%s" action.resumeRetryCount="-1" action.resumeInterval="1")
                }
                """.formatted(InProcessLoupe.HOST, loupe.api().port(), temp.resolve("rsyslog").resolve("es-errors.json")));
        ShippedLines.send(rsyslog.port(), "es-app");
        ShippedLines.assertEveryLineSearchable(loupe.api(), rsyslog, "es-app");
    }
}
