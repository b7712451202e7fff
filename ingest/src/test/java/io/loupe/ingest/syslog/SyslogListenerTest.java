package io.loupe.ingest.syslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loupe.index.api.LogEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The listeners on free loopback ports against an in-memory store: framing, UDP, TLS, draining at close, retry, limits. */
class SyslogListenerTest {
    private static final String HOST = "127.0.0.1";

    @TempDir
    Path temp;
    private final RecordingLogStore store = new RecordingLogStore();
    private SyslogListener listener;

    @AfterEach
    void close() {
        if (listener != null) {
            listener.close();
        }
    }

    private SyslogListener start(Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>(Map.of("syslog.host", HOST, "syslog.tcp_port", "0", "syslog.udp_port", "0"));
        settings.putAll(overrides);
        listener = new SyslogListener(SyslogConfig.from(settings::get), store, 100, Clock.systemUTC());
        listener.start();
        return listener;
    }

    private void awaitEvents(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (store.events().size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(count, store.events().size(), () -> "events stored: " + messages());
    }

    private List<String> messages() {
        return store.events().stream().map(LogEvent::message).sorted().toList();
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Test
    void tcpTakesBothFramingsOnOneConnectionAndUdpOneMessagePerDatagram() throws Exception {
        start(Map.of());
        try (Socket socket = new Socket(HOST, listener.tcpPort())) {
            send(socket, "<13>1 - h app - - - first\n21 <13>1 - h app - - - s<14>Dec  4 10:00:00 h app: third\n");
        }
        try (DatagramSocket udp = new DatagramSocket()) {
            byte[] datagram = "<11>1 - h udp-app - - - over udp".getBytes(StandardCharsets.UTF_8);
            udp.send(new DatagramPacket(datagram, datagram.length, InetAddress.getByName(HOST), listener.udpPort()));
        }
        awaitEvents(4);
        assertEquals(List.of("first", "over udp", "s", "third"), messages());
        assertEquals(0, listener.droppedDatagrams());
    }

    @Test
    void closeStoresWhatWasSentBeforeItAndHalfClosesConnections() throws Exception {
        start(Map.of());
        store.slowDown(200);
        try (Socket socket = new Socket(HOST, listener.tcpPort())) {
            StringBuilder burst = new StringBuilder();
            for (int i = 0; i < 500; i++) {
                burst.append("<13>1 - h app - - - line ").append(i).append('\n');
            }
            send(socket, burst.toString());
            Thread.sleep(100);
            listener.close();
            assertEquals(-1, socket.getInputStream().read(), "the listener half-closed the connection (FIN)");
        }
        assertEquals(500, store.events().size());
    }

    @Test
    void aRefusingStoreHoldsTheConnectionAndTheBatchIsRetried() throws Exception {
        start(Map.of());
        store.refuseNext(1);
        try (Socket socket = new Socket(HOST, listener.tcpPort())) {
            send(socket, "<13>1 - h app - - - kept through a refusal\n");
            awaitEvents(1);
        }
        assertEquals("kept through a refusal", store.events().getFirst().message());
    }

    @Test
    void connectionsBeyondTheLimitAreClosed() throws Exception {
        start(Map.of("syslog.max_connections", "1"));
        try (Socket first = new Socket(HOST, listener.tcpPort()); Socket second = new Socket(HOST, listener.tcpPort())) {
            second.setSoTimeout(5000);
            assertEquals(-1, second.getInputStream().read(), "the second connection is closed");
            send(first, "<13>1 - h app - - - the first still works\n");
            awaitEvents(1);
        }
    }

    @Test
    void tlsListenerTakesMessagesWithThePemCertificateAndKey() throws Exception {
        Path cert = temp.resolve("cert.pem");
        Path key = temp.resolve("key.pem");
        Process openssl;
        try {
            openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(),
                    "-out", cert.toString(), "-days", "1", "-subj", "/CN=localhost").redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("openssl is not installed, so no certificate can be made for the TLS test: " + e.getMessage());
            return;
        }
        String output = new String(openssl.getInputStream().readAllBytes());
        assertEquals(0, openssl.waitFor(), output);
        start(Map.of("syslog.tls_port", "0", "syslog.tls_cert_file", cert.toString(), "syslog.tls_key_file", key.toString()));
        try (SSLSocket socket = (SSLSocket) trusting(cert).getSocketFactory().createSocket(HOST, listener.tlsPort())) {
            send(socket, "30 <86>1 - h sshd - - - over TLS!");
        }
        awaitEvents(1);
        assertEquals("over TLS!", store.events().getFirst().message());
    }

    @Test
    void aBadKeyFileFailsTheStartNamingTheSettings() throws IOException {
        Path cert = Files.writeString(temp.resolve("cert.pem"), "not a certificate");
        Path key = Files.writeString(temp.resolve("key.pem"), "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
        Supplier<SyslogListener> starting = () -> start(Map.of("syslog.tls_port", "0", "syslog.tls_cert_file", cert.toString(),
                "syslog.tls_key_file", key.toString()));
        UncheckedIOException error = assertThrows(UncheckedIOException.class, starting::get);
        assertTrue(error.getMessage().contains("syslog.tls_cert_file"), error.getMessage());
        listener = null;
    }

    @Test
    void aTlsPortWithoutCertificateIsAConfigurationError() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> SyslogConfig.from(Map.of("syslog.tls_port", "6514")::get));
        assertTrue(error.getMessage().contains("syslog.tls_cert_file"), error.getMessage());
    }

    private static SSLContext trusting(Path certificate) throws Exception {
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(Files.newInputStream(certificate));
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("loupe", cert);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
