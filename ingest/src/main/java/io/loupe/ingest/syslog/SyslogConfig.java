package io.loupe.ingest.syslog;

import io.loupe.index.api.Setting;
import io.loupe.index.api.SettingSource;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;

/**
 * Settings of the syslog listeners. A port of 0 takes any free port, -1 disables that listener.
 *
 * @param host           address the listeners bind to
 * @param tcpPort        plain TCP (octet-counted or newline framing, RFC 6587)
 * @param udpPort        UDP, one message per datagram
 * @param tlsPort        TLS over TCP (RFC 5425), same framing; needs the certificate and key
 * @param tlsCertFile    PEM certificate chain of the TLS listener
 * @param tlsKeyFile     PEM private key of the TLS listener
 * @param maxFrameBytes  longest message kept; longer ones are cut there and marked {@code syslog.truncated}
 * @param batchEvents    most messages appended to the store at once
 * @param maxConnections most TCP and TLS connections open at once; more are closed at once
 * @param timezone       zone of RFC 3164 timestamps, which carry none
 */
public record SyslogConfig(String host, int tcpPort, int udpPort, int tlsPort, String tlsCertFile, String tlsKeyFile,
                           int maxFrameBytes, int batchEvents, int maxConnections, ZoneId timezone) {
    public static final Setting HOST = new Setting("syslog.host", "0.0.0.0", "address the syslog listeners bind to");
    public static final Setting TCP_PORT = new Setting("syslog.tcp_port", "5514",
            "syslog over TCP (RFC 6587 octet-counted or newline framing); 0 = any free port, -1 = off");
    public static final Setting UDP_PORT = new Setting("syslog.udp_port", "5514", "syslog over UDP; 0 = any free port, -1 = off");
    public static final Setting TLS_PORT = new Setting("syslog.tls_port", "-1",
            "syslog over TLS (RFC 5425); needs syslog.tls_cert_file and syslog.tls_key_file; -1 = off");
    public static final Setting TLS_CERT_FILE = new Setting("syslog.tls_cert_file", "", "PEM certificate chain of the syslog TLS listener");
    public static final Setting TLS_KEY_FILE = new Setting("syslog.tls_key_file", "", "PEM private key of the syslog TLS listener");
    public static final Setting MAX_FRAME_BYTES = new Setting("syslog.max_frame_bytes", "65536",
            "longest syslog message kept in bytes; longer ones are truncated and get syslog.truncated=true");
    public static final Setting BATCH_EVENTS = new Setting("syslog.batch_events", "1000", "most syslog messages appended to the store at once");
    public static final Setting MAX_CONNECTIONS = new Setting("syslog.max_connections", "1000",
            "most syslog TCP/TLS connections open at once; further ones are closed");
    public static final Setting TIMEZONE = new Setting("syslog.timezone", "UTC", "zone of RFC 3164 timestamps, which carry no offset");
    public static final List<Setting> SETTINGS = List.of(HOST, TCP_PORT, UDP_PORT, TLS_PORT, TLS_CERT_FILE, TLS_KEY_FILE,
            MAX_FRAME_BYTES, BATCH_EVENTS, MAX_CONNECTIONS, TIMEZONE);

    public static SyslogConfig from(SettingSource source) {
        int tlsPort = TLS_PORT.intValue(source, -1, 65_535);
        String cert = TLS_CERT_FILE.stringValue(source).trim();
        String key = TLS_KEY_FILE.stringValue(source).trim();
        if (tlsPort >= 0 && (cert.isEmpty() || key.isEmpty())) {
            throw new IllegalArgumentException("syslog.tls_port is " + tlsPort + " but syslog.tls_cert_file and syslog.tls_key_file"
                    + " are not both set; give the PEM certificate and key, or set syslog.tls_port to -1");
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(TIMEZONE.stringValue(source).trim());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("syslog.timezone '" + TIMEZONE.stringValue(source) + "' is not a zone id such as UTC or Europe/Paris");
        }
        return new SyslogConfig(HOST.stringValue(source).trim(), TCP_PORT.intValue(source, -1, 65_535), UDP_PORT.intValue(source, -1, 65_535),
                tlsPort, cert, key, MAX_FRAME_BYTES.intValue(source, 480, 16 << 20), BATCH_EVENTS.intValue(source, 1, 65_536),
                MAX_CONNECTIONS.intValue(source, 1, 100_000), zone);
    }

    public static SyslogConfig defaults() {
        return from(key -> null);
    }
}
