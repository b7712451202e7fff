package io.loupe.ops.bench;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Prints the progress of a long benchmark phase to stderr every {@link #INTERVAL_SECONDS} seconds:
 * items done of the total and the rate over the last interval. Thread-safe; {@link #close()} stops it.
 */
final class ProgressReporter implements AutoCloseable {
    static final int INTERVAL_SECONDS = 5;

    private final ScheduledExecutorService timer;

    private ProgressReporter(String label, long total, LongSupplier done) {
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("bench-progress").daemon(true).factory());
        long[] last = {System.nanoTime(), 0};
        timer.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            long count = done.getAsLong();
            System.err.printf("%s: %,d / %,d events, %,.0f ev/s over the last %d s%n", label, count, total,
                    (count - last[1]) * 1e9 / (now - last[0]), INTERVAL_SECONDS);
            last[0] = now;
            last[1] = count;
        }, INTERVAL_SECONDS, INTERVAL_SECONDS, TimeUnit.SECONDS);
    }

    static ProgressReporter start(String label, long total, LongSupplier done) {
        return new ProgressReporter(label, total, done);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
