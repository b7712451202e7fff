package io.loupe.ops.bench;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for a benchmark's worker threads: the first failure is rethrown as the worker threw it. */
final class WorkerThreads {

    private WorkerThreads() {
    }

    static void awaitAll(List<? extends Future<?>> workers) throws Exception {
        for (Future<?> worker : workers) {
            try {
                worker.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        }
    }
}
