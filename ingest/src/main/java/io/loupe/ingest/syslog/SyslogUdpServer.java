package io.loupe.ingest.syslog;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The syslog UDP listener: one message per datagram (RFC 5426), cut at {@code syslog.max_frame_bytes}.
 * A receiver thread queues datagrams and a writer thread appends them in batches. UDP cannot push
 * back, so when the queue ({@value #QUEUE_BATCHES} batches) is full a datagram is dropped and counted
 * ({@link #dropped()}), and the count logged. {@link #close()} appends what is queued before it returns.
 */
final class SyslogUdpServer {
    private static final Logger LOG = LoggerFactory.getLogger(SyslogUdpServer.class);
    static final int QUEUE_BATCHES = 16;
    private static final int MAX_DATAGRAM_BYTES = 65_535;
    private static final long POLL_MILLIS = 200;

    private final DatagramSocket socket;
    private final SyslogBatchWriter writer;
    private final int maxFrameBytes;
    private final BlockingQueue<SyslogFrame> queue;
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean closing;
    private Thread receiver;
    private Thread appender;

    SyslogUdpServer(InetSocketAddress address, SyslogBatchWriter writer, SyslogConfig config) throws IOException {
        this.socket = new DatagramSocket(null);
        socket.setReuseAddress(true);
        socket.setReceiveBufferSize(4 << 20);
        socket.bind(address);
        this.writer = writer;
        this.maxFrameBytes = config.maxFrameBytes();
        this.queue = new ArrayBlockingQueue<>(config.batchEvents() * QUEUE_BATCHES);
    }

    int port() {
        return socket.getLocalPort();
    }

    long dropped() {
        return dropped.get();
    }

    void start() {
        receiver = Thread.ofPlatform().daemon().name("syslog-udp-receive").start(this::receive);
        appender = Thread.ofVirtual().name("syslog-udp-append").start(this::append);
    }

    private void receive() {
        byte[] buffer = new byte[MAX_DATAGRAM_BYTES];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (!closing) {
            try {
                packet.setLength(buffer.length);
                socket.receive(packet);
            } catch (IOException e) {
                if (!closing) {
                    LOG.error("syslog UDP listener stopped receiving: {}", e.toString());
                }
                return;
            }
            int length = Math.min(packet.getLength(), maxFrameBytes);
            SyslogFrame frame = new SyslogFrame(Arrays.copyOf(buffer, length), packet.getLength() > maxFrameBytes);
            if (length > 0 && !queue.offer(frame)) {
                long total = dropped.incrementAndGet();
                if (Long.bitCount(total) == 1) {
                    LOG.warn("syslog UDP: {} datagram(s) dropped so far, the store cannot keep up (UDP cannot push back)", total);
                }
            }
        }
    }

    private void append() {
        List<SyslogFrame> batch = new ArrayList<>();
        while (true) {
            try {
                SyslogFrame first = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closing && !receiver.isAlive()) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, writer.batchEvents() - 1);
                writer.write(batch, () -> closing);
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Stops receiving, then returns once every queued datagram is appended. */
    void close() throws InterruptedException {
        closing = true;
        socket.close();
        if (receiver != null) {
            receiver.join();
            appender.join();
        }
    }
}
