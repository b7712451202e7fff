package io.loupe.ingest.syslog;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A syslog TCP (or TLS) listener: one virtual thread per connection reads, frames
 * ({@link SyslogFrameDecoder}) and appends ({@link SyslogBatchWriter}) before it reads again, so a
 * fast sender is held back by TCP flow control rather than buffered. Connections beyond
 * {@code syslog.max_connections} are closed at once.
 *
 * <p>{@link #close()} stops accepting, then half-closes every plain connection (FIN): rsyslog checks
 * for that before each send and reconnects instead of writing into a closing socket. What the peers
 * had already sent is still read and appended, until each peer closes or stays silent for
 * {@value #IDLE_CHECK_MILLIS} ms, for at most {@value #DRAIN_MILLIS} ms in all.
 */
final class SyslogTcpServer {
    private static final Logger LOG = LoggerFactory.getLogger(SyslogTcpServer.class);
    static final int IDLE_CHECK_MILLIS = 500;
    static final long DRAIN_MILLIS = 5_000;
    private static final int READ_BUFFER_BYTES = 64 * 1024;

    private final String name;
    private final ServerSocket serverSocket;
    private final SyslogBatchWriter writer;
    private final int maxFrameBytes;
    private final int maxConnections;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final Set<Thread> readers = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;
    private Thread acceptor;

    SyslogTcpServer(String name, ServerSocket unbound, InetSocketAddress address, SyslogBatchWriter writer, SyslogConfig config)
            throws IOException {
        this.name = name;
        this.serverSocket = unbound;
        this.writer = writer;
        this.maxFrameBytes = config.maxFrameBytes();
        this.maxConnections = config.maxConnections();
        serverSocket.setReuseAddress(true);
        serverSocket.bind(address, 1024);
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    void start() {
        acceptor = Thread.ofVirtual().name("syslog-" + name + "-accept").start(this::acceptLoop);
    }

    private void acceptLoop() {
        while (!closing) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (!closing) {
                    LOG.error("syslog {} listener stopped accepting: {}", name, e.toString());
                }
                return;
            }
            if (connections.size() >= maxConnections) {
                LOG.warn("syslog {}: closing a connection from {}: syslog.max_connections ({}) are open", name,
                        socket.getRemoteSocketAddress(), maxConnections);
                closeQuietly(socket);
                continue;
            }
            connections.add(socket);
            Thread reader = Thread.ofVirtual().name("syslog-" + name + "-" + socket.getPort()).unstarted(() -> serve(socket));
            readers.add(reader);
            reader.start();
        }
    }

    private void serve(Socket socket) {
        SyslogFrameDecoder decoder = new SyslogFrameDecoder(maxFrameBytes);
        List<SyslogFrame> frames = new ArrayList<>();
        byte[] buffer = new byte[READ_BUFFER_BYTES];
        try (socket) {
            socket.setSoTimeout(IDLE_CHECK_MILLIS);
            InputStream in = socket.getInputStream();
            while (true) {
                int read;
                try {
                    read = in.read(buffer);
                } catch (SocketTimeoutException idle) {
                    if (closing) {
                        break;
                    }
                    continue;
                }
                if (read < 0) {
                    decoder.flush(frames::add);
                    break;
                }
                decoder.feed(buffer, 0, read, frames::add);
                if (!frames.isEmpty() && (frames.size() >= writer.batchEvents() || in.available() == 0)) {
                    writer.write(frames, () -> closing);
                    frames.clear();
                }
            }
        } catch (SocketException e) {
            if (!closing) {
                LOG.debug("syslog {} connection from {} ended: {}", name, socket.getRemoteSocketAddress(), e.toString());
            }
        } catch (IOException e) {
            LOG.warn("syslog {} connection from {} failed: {}", name, socket.getRemoteSocketAddress(), e.toString());
        } finally {
            if (!frames.isEmpty()) {
                writer.write(frames, () -> closing);
            }
            connections.remove(socket);
            readers.remove(Thread.currentThread());
        }
    }

    /** Stops accepting, lets the connections drain (see the class comment), then closes them. */
    void close() throws InterruptedException {
        closing = true;
        closeQuietly(serverSocket);
        if (acceptor != null) {
            acceptor.join();
        }
        for (Socket socket : connections) {
            if (!(socket instanceof SSLSocket)) {
                try {
                    socket.shutdownOutput();
                } catch (IOException alreadyClosed) {
                    // the reader sees the end itself
                }
            }
        }
        long deadline = System.currentTimeMillis() + DRAIN_MILLIS;
        for (Thread reader : List.copyOf(readers)) {
            reader.join(Math.max(1, deadline - System.currentTimeMillis()));
        }
        connections.forEach(SyslogTcpServer::closeQuietly);
        for (Thread reader : List.copyOf(readers)) {
            reader.join();
        }
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
