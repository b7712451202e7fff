package io.loupe.ingest.syslog;

import io.loupe.index.api.LogStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * The syslog listeners {@link SyslogConfig} turns on, TCP, UDP and TLS, all appending through one
 * {@link SyslogBatchWriter} under the ingest field limit. {@link #start()} binds them (an address in
 * use fails the start, naming the port and the setting); {@link #close()} drains each before the
 * store may close.
 */
public final class SyslogListener implements AutoCloseable {
    private final SyslogConfig config;
    private final SyslogBatchWriter writer;
    private SyslogTcpServer tcp;
    private SyslogTcpServer tls;
    private SyslogUdpServer udp;

    public SyslogListener(SyslogConfig config, LogStore store, int maxFieldsPerEvent, Clock clock) {
        this.config = config;
        this.writer = new SyslogBatchWriter(store, config, maxFieldsPerEvent, clock);
    }

    public void start() {
        try {
            if (config.tcpPort() >= 0) {
                tcp = new SyslogTcpServer("tcp", new ServerSocket(), address(config.tcpPort()), writer, config);
                tcp.start();
            }
            if (config.tlsPort() >= 0) {
                ServerSocket socket = tlsContext().getServerSocketFactory().createServerSocket();
                ((SSLServerSocket) socket).setNeedClientAuth(false);
                tls = new SyslogTcpServer("tls", socket, address(config.tlsPort()), writer, config);
                tls.start();
            }
            if (config.udpPort() >= 0) {
                udp = new SyslogUdpServer(address(config.udpPort()), writer, config);
                udp.start();
            }
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot open the syslog listeners on " + config.host() + " (ports tcp " + config.tcpPort()
                    + ", udp " + config.udpPort() + ", tls " + config.tlsPort() + "; settings syslog.*_port, -1 turns one off): " + e.getMessage(), e);
        }
    }

    private InetSocketAddress address(int port) {
        return new InetSocketAddress(config.host(), port);
    }

    private SSLContext tlsContext() throws IOException {
        try {
            return PemTlsContext.load(Path.of(config.tlsCertFile()), Path.of(config.tlsKeyFile()));
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw new IOException("syslog TLS: cannot use the certificate " + config.tlsCertFile() + " and key " + config.tlsKeyFile()
                    + " (syslog.tls_cert_file, syslog.tls_key_file; PEM): " + e.getMessage(), e);
        }
    }

    /** The TCP port listened on, or -1 when off. */
    public int tcpPort() {
        return tcp == null ? -1 : tcp.port();
    }

    public int udpPort() {
        return udp == null ? -1 : udp.port();
    }

    public int tlsPort() {
        return tls == null ? -1 : tls.port();
    }

    /** UDP datagrams dropped because the store could not keep up. */
    public long droppedDatagrams() {
        return udp == null ? 0 : udp.dropped();
    }

    /** Stops every listener; returns once what they had read is appended (see {@link SyslogTcpServer}). */
    @Override
    public void close() {
        try {
            if (tcp != null) {
                tcp.close();
            }
            if (tls != null) {
                tls.close();
            }
            if (udp != null) {
                udp.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
