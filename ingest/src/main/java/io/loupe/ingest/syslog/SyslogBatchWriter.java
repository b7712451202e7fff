package io.loupe.ingest.syslog;

import io.loupe.index.api.EpochNanos;
import io.loupe.index.api.LogEvent;
import io.loupe.index.api.LogKind;
import io.loupe.index.api.LogStore;
import io.loupe.index.api.LoupeException;
import io.loupe.ingest.parse.EventRules;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses the messages a listener read and appends them to the store, {@code syslog.batch_events} at
 * a time, on the calling thread: a TCP connection reads nothing more until its messages are fsynced,
 * which is its backpressure. When the store refuses (not ready, storage failure) the batch is retried
 * every {@value #RETRY_MILLIS} ms, still holding the connection back, until the listener closes;
 * then it is dropped and the loss logged. Thread-safe.
 */
final class SyslogBatchWriter {
    private static final Logger LOG = LoggerFactory.getLogger(SyslogBatchWriter.class);
    static final long RETRY_MILLIS = 1_000;

    private final LogStore store;
    private final SyslogParser parser;
    private final int batchEvents;
    private final int maxFieldsPerEvent;
    private final Clock clock;

    SyslogBatchWriter(LogStore store, SyslogConfig config, int maxFieldsPerEvent, Clock clock) {
        this.store = store;
        this.parser = new SyslogParser(config.timezone());
        this.batchEvents = config.batchEvents();
        this.maxFieldsPerEvent = maxFieldsPerEvent;
        this.clock = clock;
    }

    int batchEvents() {
        return batchEvents;
    }

    /** Appends the events of {@code frames}; returns once they are durable, or dropped after {@code closing} turned true. */
    void write(List<SyslogFrame> frames, BooleanSupplier closing) {
        for (int from = 0; from < frames.size(); from += batchEvents) {
            List<SyslogFrame> part = frames.subList(from, Math.min(frames.size(), from + batchEvents));
            EventRules rules = new EventRules(EpochNanos.of(clock.instant()), store.acceptedTimeRange(), maxFieldsPerEvent, LogKind.SYSTEM);
            List<LogEvent> events = new ArrayList<>(part.size());
            for (SyslogFrame frame : part) {
                events.add(parser.parse(frame, rules));
            }
            append(events, closing);
        }
    }

    private void append(List<LogEvent> events, BooleanSupplier closing) {
        while (true) {
            try {
                store.append(events);
                return;
            } catch (LoupeException e) {
                if (closing.getAsBoolean()) {
                    LOG.error("{} syslog message(s) dropped at shutdown: the store refused them ({})", events.size(), e.getMessage());
                    return;
                }
                LOG.warn("the store refused {} syslog message(s), retrying in {} ms: {}", events.size(), RETRY_MILLIS, e.getMessage());
                try {
                    Thread.sleep(RETRY_MILLIS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    LOG.error("{} syslog message(s) dropped: interrupted while the store refused them", events.size());
                    return;
                }
            }
        }
    }
}
