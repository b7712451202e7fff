package io.loupe.ingest.syslog;

import io.loupe.index.api.AuditVerification;
import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LogAggregation;
import io.loupe.index.api.LogAggregationResult;
import io.loupe.index.api.LogEvent;
import io.loupe.index.api.LogFieldInfo;
import io.loupe.index.api.LogKind;
import io.loupe.index.api.LogSearch;
import io.loupe.index.api.LogSearchResult;
import io.loupe.index.api.LogStore;
import io.loupe.index.api.LogTail;
import io.loupe.index.api.LogTailResult;
import io.loupe.index.api.LoupeException;
import io.loupe.index.api.TimeRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** A log store for listener tests: keeps appended events in memory, can refuse the next appends, can be slow. */
final class RecordingLogStore implements LogStore {
    private final List<LogEvent> events = new ArrayList<>();
    private final AtomicInteger refusals = new AtomicInteger();
    private volatile long appendMillis;

    @Override
    public void append(List<LogEvent> batch) {
        if (refusals.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new LoupeException(ErrorCode.STORAGE_FAILURE, "refused for the test");
        }
        if (appendMillis > 0) {
            try {
                Thread.sleep(appendMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (events) {
            events.addAll(batch);
        }
    }

    void refuseNext(int appends) {
        refusals.set(appends);
    }

    void slowDown(long millis) {
        appendMillis = millis;
    }

    List<LogEvent> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    @Override
    public LogSearchResult search(LogSearch search) {
        throw new UnsupportedOperationException("listener tests do not search");
    }

    @Override
    public LogAggregationResult aggregate(LogAggregation aggregation) {
        throw new UnsupportedOperationException("listener tests do not aggregate");
    }

    @Override
    public TimeRange acceptedTimeRange() {
        return new TimeRange(0, Long.MAX_VALUE);
    }

    @Override
    public boolean ready() {
        return true;
    }

    @Override
    public LogTailResult tail(LogTail tail) {
        throw new UnsupportedOperationException("listener tests do not tail");
    }

    @Override
    public Optional<LogSearchResult.LogHit> event(long eventId) {
        throw new UnsupportedOperationException("listener tests do not look events up");
    }

    @Override
    public AuditVerification verifyAudit(TimeRange range) {
        throw new UnsupportedOperationException("listener tests do not verify audit chains");
    }

    @Override
    public List<LogFieldInfo> fields(TimeRange range, Set<LogKind> kinds) {
        throw new UnsupportedOperationException("listener tests do not list fields");
    }
}
