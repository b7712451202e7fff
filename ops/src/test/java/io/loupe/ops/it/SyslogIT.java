package io.loupe.ops.it;

import static io.loupe.ops.it.LoupeApi.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Syslog from real senders into the server's listeners: util-linux {@code logger} with RFC 5424 and
 * RFC 3164 over TCP (newline and octet-counted framing) and UDP, and a real {@code rsyslogd}
 * forwarding over TCP and UDP with omfwd. Each message is searchable with its host, level, service,
 * kind and message.
 */
class SyslogIT {
    private static final Path LOGGER = Path.of("/usr/bin/logger");

    @TempDir
    static Path temp;
    private static InProcessLoupe loupe;

    @BeforeAll
    static void startServer() throws Exception {
        loupe = InProcessLoupe.start(temp.resolve("loupe"), Map.of("log.refresh_millis", "50"));
    }

    @AfterAll
    static void stopServer() {
        if (loupe != null) {
            loupe.close();
        }
    }

    private static int tcpPort() {
        return loupe.server().syslog().tcpPort();
    }

    private static int udpPort() {
        return loupe.server().syslog().udpPort();
    }

    /** Runs {@code logger} sending one message to the listener; fails with its output when it fails. */
    private static void logger(String... options) throws IOException, InterruptedException {
        ExternalAgent.assumeInstalled(LOGGER, "bsdutils");
        List<String> command = new ArrayList<>(List.of(LOGGER.toString(), "--server", InProcessLoupe.HOST));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(process.waitFor(20, TimeUnit.SECONDS), "logger did not end: " + command);
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.exitValue(), () -> command + " failed: " + output);
    }

    private static JsonNode onlyHit(String query) {
        return ExternalAgent.eventually(ShippedLines.WAIT, "one event for " + query, () -> loupe.api().searchOk(params("q", query)),
                answer -> answer.path("total").asInt() == 1).path("hits").get(0);
    }

    @Test
    void loggerRfc5424OverTcpKeepsStructuredDataAndAuthIsAudit() throws Exception {
        logger("--port", Integer.toString(tcpPort()), "--tcp", "--rfc5424", "--priority", "authpriv.warning", "--tag", "sshd",
                "--msgid", "LOGIN", "--sd-id", "audit@32473", "--sd-param", "user=\"alice\"", "--sd-param", "result=\"failure\"",
                "--sd-param", "src=\"10.9.8.7\"", "Failed password for alice");
        JsonNode hit = onlyHit("\"Failed password for alice\"");
        assertEquals("audit", hit.path("kind").asText(), hit::toString);
        assertEquals("warn", hit.path("level").asText());
        assertEquals("sshd", hit.path("service").asText());
        assertEquals("syslog", hit.path("source").asText());
        assertEquals("alice", hit.path("actor").asText());
        assertEquals("failure", hit.path("outcome").asText());
        assertEquals("10.9.8.7", hit.path("source_ip").asText());
        assertEquals("LOGIN", hit.path("attributes").path("syslog.msgid").asText());
        assertEquals("authpriv", hit.path("attributes").path("syslog.facility").asText());
        assertTrue(hit.path("host").asText().length() > 0, hit::toString);
    }

    @Test
    void loggerRfc5424OctetCountedOverTcp() throws Exception {
        logger("--port", Integer.toString(tcpPort()), "--tcp", "--octet-count", "--rfc5424", "--priority", "daemon.err",
                "--tag", "octet-app", "disk almost full on /var");
        JsonNode hit = onlyHit("service:octet-app");
        assertEquals("disk almost full on /var", hit.path("message").asText());
        assertEquals("error", hit.path("level").asText());
        assertEquals("system", hit.path("kind").asText());
    }

    @Test
    void loggerRfc3164OverUdp() throws Exception {
        logger("--port", Integer.toString(udpPort()), "--udp", "--rfc3164", "--priority", "local3.info", "--tag", "bsd-app",
                "cache warmed in 42 ms");
        JsonNode hit = onlyHit("service:bsd-app");
        assertEquals("cache warmed in 42 ms", hit.path("message").asText());
        assertEquals("info", hit.path("level").asText());
        assertEquals("local3", hit.path("attributes").path("syslog.facility").asText());
    }

    @Test
    void loggerRfc3164OverTcpAndRfc5424OverUdp() throws Exception {
        logger("--port", Integer.toString(tcpPort()), "--tcp", "--rfc3164", "--priority", "user.debug", "--tag", "bsd-tcp", "tick 1");
        logger("--port", Integer.toString(udpPort()), "--udp", "--rfc5424", "--priority", "user.crit", "--tag", "ietf-udp", "tock 2");
        assertEquals("debug", onlyHit("service:bsd-tcp").path("level").asText());
        assertEquals("fatal", onlyHit("service:ietf-udp").path("level").asText());
    }

    @Test
    void rsyslogForwardsOverTcpWithOctetCounting() throws Exception {
        ExternalAgent.assumeInstalled(ExternalAgent.RSYSLOGD, "rsyslog");
        try (ExternalAgent rsyslog = ExternalAgent.startRsyslog(temp.resolve("rsyslog-tcp"), """
                ruleset(name="forward") {
                  action(type="omfwd" target="%s" port="%d" protocol="tcp" tcp_framing="octet-counted"
                         template="RSYSLOG_SyslogProtocol23Format" action.resumeRetryCount="-1" action.resumeInterval="1")
                }
                """.formatted(InProcessLoupe.HOST, tcpPort()))) {
            ShippedLines.send(rsyslog.port(), "rs-tcp");
            ShippedLines.assertEveryLineSearchable(loupe.api(), rsyslog, "rs-tcp");
        }
    }

    @Test
    void rsyslogForwardsOverUdpInTheTraditionalFormat() throws Exception {
        ExternalAgent.assumeInstalled(ExternalAgent.RSYSLOGD, "rsyslog");
        try (ExternalAgent rsyslog = ExternalAgent.startRsyslog(temp.resolve("rsyslog-udp"), """
                ruleset(name="forward") {
                  action(type="omfwd" target="%s" port="%d" protocol="udp" template="RSYSLOG_ForwardFormat")
                }
                """.formatted(InProcessLoupe.HOST, udpPort()))) {
            ShippedLines.send(rsyslog.port(), "rs-udp");
            ShippedLines.assertEveryLineSearchable(loupe.api(), rsyslog, "rs-udp");
        }
    }
}
