package io.loupe.index.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loupe.index.api.AuditVerification;
import io.loupe.index.api.LogEvent;
import io.loupe.index.api.LogKind;
import io.loupe.index.api.LogSearch;
import io.loupe.index.api.LogSearchResult.LogHit;
import io.loupe.index.api.TimeRange;
import io.loupe.index.testing.CrashImage;
import io.loupe.index.testing.MutableClock;
import io.loupe.index.testing.TemporaryDirectory;
import io.loupe.index.wal.WalConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.apache.lucene.search.MatchAllDocsQuery;

/**
 * The audit hash chain stays intact through any mix of appends, commits, crashes and restarts, and
 * one audit event edited or deleted on disk while the store is stopped is named by verification.
 */
class AuditChainPropertiesTest {
    private static final Instant DAY1 = Instant.parse("2026-03-14T00:00:00Z");
    private static final Instant NOW = Instant.parse("2026-03-15T12:00:00Z");
    private static final TimeRange ALL_TIME = new TimeRange(0, Long.MAX_VALUE);

    /** One step of a store's life: append a batch, commit, crash (reopen a copy of the files as they are) or restart cleanly. */
    sealed interface Step permits Append, Commit, Crash, Restart {
    }

    record Append(List<LogEvent> batch) implements Step {
    }

    record Commit() implements Step {
    }

    record Crash() implements Step {
    }

    record Restart() implements Step {
    }

    enum Tamper { EDIT, DELETE }

    @Property(tries = 20)
    void chainsStayIntactThroughCommitsCrashesAndRestarts(@ForAll("histories") List<Step> steps) throws IOException {
        try (TemporaryDirectory temp = TemporaryDirectory.create("audit-chain"); Stores stores = new Stores(temp.path())) {
            DurableLogStore store = stores.open();
            long audit = 0;
            for (Step step : steps) {
                switch (step) {
                    case Append append -> {
                        store.append(append.batch());
                        audit += append.batch().stream().filter(e -> e.kind() == LogKind.AUDIT).count();
                    }
                    case Commit commit -> store.commit();
                    case Crash crash -> store = stores.crashAndReopen();
                    case Restart restart -> store = stores.restart();
                }
                AuditVerification verification = store.verifyAudit(ALL_TIME);
                assertEquals(AuditVerification.Status.INTACT, verification.status(), () -> "after " + step + ": " + verification.reason());
                assertEquals(audit, verification.events(), "after " + step);
            }
        }
    }

    @Property(tries = 30)
    void oneEditedOrDeletedAuditEventIsNamed(@ForAll("histories") List<Step> steps, @ForAll Tamper tamper,
                                            @ForAll("fractions") double which) throws IOException {
        try (TemporaryDirectory temp = TemporaryDirectory.create("audit-tamper"); Stores stores = new Stores(temp.path())) {
            DurableLogStore store = stores.open();
            for (Step step : steps) {
                if (step instanceof Append append) {
                    store.append(append.batch());
                } else if (step instanceof Commit) {
                    store.commit();
                }
            }
            List<LogHit> chain = oneChain(store, which);
            int victim = (int) Math.min(chain.size() - 1, Math.floor(which * chain.size()));
            long victimId = chain.get(victim).eventId();
            Path partitionDir = stores.partitionDirOf(chain.get(victim).event());
            store = stores.stopped(() -> {
                if (tamper == Tamper.EDIT) {
                    AuditTamper.changeActor(partitionDir, victimId, "mallory");
                } else {
                    AuditTamper.delete(partitionDir, victimId);
                }
            });

            AuditVerification verification = store.verifyAudit(ALL_TIME);
            assertEquals(AuditVerification.Status.BROKEN, verification.status());
            boolean last = victim == chain.size() - 1;
            Long badId = verification.firstBadEvent() == null ? null : verification.firstBadEvent().eventId();
            if (tamper == Tamper.EDIT) {
                assertEquals(victimId, badId, verification.reason());
                assertTrue(verification.reason().contains("altered"), verification.reason());
                assertEquals("mallory", verification.firstBadEvent().event().field("actor"), "the bad event is shown as it is now");
            } else if (!last) {
                assertEquals(chain.get(victim + 1).eventId(), badId, verification.reason());
                assertTrue(verification.reason().contains("1 audit event is missing before this one (chain position " + (victim + 1) + ")"),
                        verification.reason());
            } else {
                assertEquals(victim == 0 ? null : chain.get(victim - 1).eventId(), badId, verification.reason());
                assertTrue(verification.reason().contains("the last 1 audit event was deleted"), verification.reason());
            }
        }
    }

    @Example
    void verificationWhileFourWritersAppendAlwaysFindsTheChainIntact() throws Exception {
        try (TemporaryDirectory temp = TemporaryDirectory.create("audit-concurrent"); Stores stores = new Stores(temp.path())) {
            DurableLogStore store = stores.open();
            int writers = 4;
            int batches = 40;
            try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
                List<Future<?>> running = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    int writer = w;
                    running.add(pool.submit(() -> {
                        for (int b = 0; b < batches; b++) {
                            store.append(List.of(event(LogKind.AUDIT, writer * 1000 + b, "w" + writer),
                                    event(LogKind.APPLICATION, b, "w" + writer),
                                    event(LogKind.AUDIT, 86_400 + writer * 1000 + b, "w" + writer)));
                            if (b % 10 == 0) {
                                store.commit();
                            }
                        }
                        return null;
                    }));
                }
                long seen = 0;
                while (!running.stream().allMatch(Future::isDone)) {
                    AuditVerification verification = store.verifyAudit(ALL_TIME);
                    assertEquals(AuditVerification.Status.INTACT, verification.status(), verification::reason);
                    assertTrue(verification.events() >= seen, "verified events never go back");
                    seen = verification.events();
                }
                for (Future<?> writer : running) {
                    writer.get();
                }
            }
            AuditVerification all = store.verifyAudit(ALL_TIME);
            assertEquals(AuditVerification.Status.INTACT, all.status(), all::reason);
            assertEquals(2L * writers * batches, all.events());
            assertEquals(AuditVerification.Status.INTACT, stores.crashAndReopen().verifyAudit(ALL_TIME).status());
        }
    }

    /** The audit events of one partition (chosen by {@code which}) in chain order. */
    private static List<LogHit> oneChain(DurableLogStore store, double which) throws IOException {
        store.refresh();
        List<LogHit> hits = store.search(new LogSearch(new MatchAllDocsQuery(), ALL_TIME, Set.of(LogKind.AUDIT), 10_000,
                null, null, List.of(), 0)).hits();
        List<PartitionKey> days = hits.stream().map(h -> PartitionKey.of(LogKind.AUDIT, h.event().timestampNanos())).distinct().sorted().toList();
        PartitionKey day = days.get((int) Math.min(days.size() - 1, Math.floor(which * days.size())));
        return hits.stream().filter(h -> PartitionKey.of(LogKind.AUDIT, h.event().timestampNanos()).equals(day))
                .sorted(Comparator.comparingLong(LogHit::eventId)).toList();
    }

    @Provide
    Arbitrary<List<Step>> histories() {
        Arbitrary<Step> append = batches().map(Append::new);
        Arbitrary<Step> step = Arbitraries.frequencyOf(
                Tuple.of(6, append),
                Tuple.of(1, Arbitraries.just(new Commit())),
                Tuple.of(1, Arbitraries.just(new Crash())),
                Tuple.of(1, Arbitraries.just(new Restart())));
        Arbitrary<Step> firstAudit = Arbitraries.just(new Append(List.of(event(LogKind.AUDIT, 3600, "first"))));
        return Combinators.combine(firstAudit, step.list().ofMinSize(1).ofMaxSize(12))
                .as((first, rest) -> {
                    List<Step> steps = new ArrayList<>();
                    steps.add(first);
                    steps.addAll(rest);
                    return steps;
                });
    }

    @Provide
    Arbitrary<Double> fractions() {
        return Arbitraries.doubles().between(0, 1).ofScale(3);
    }

    private Arbitrary<List<LogEvent>> batches() {
        Arbitrary<LogKind> kinds = Arbitraries.frequency(Tuple.of(3, LogKind.AUDIT),
                Tuple.of(1, LogKind.APPLICATION), Tuple.of(1, LogKind.SYSTEM));
        Arbitrary<Integer> seconds = Arbitraries.integers().between(0, 2 * 86_400 - 1);
        Arbitrary<String> actors = Arbitraries.of("alice", "bob", "carol", "svc-deploy");
        return Combinators.combine(kinds, seconds, actors).as(AuditChainPropertiesTest::event).list().ofMinSize(1).ofMaxSize(6);
    }

    private static LogEvent event(LogKind kind, int second, String actor) {
        String text = actor + " did something at " + second;
        return new LogEvent(DAY1.plusSeconds(second).getEpochSecond() * 1_000_000_000L, false, kind, text,
                Map.of("actor", actor, "action", "user.update", "outcome", "success", "host", "web-1"),
                Map.of("attempt", (long) second), ("{\"actor\":\"" + actor + "\",\"n\":" + second + "}").getBytes(StandardCharsets.UTF_8));
    }

    /** The stores of one try: the live one, the crashed ones left open (as a crash would), all closed at the end. */
    private static final class Stores implements AutoCloseable {
        private final Path root;
        private final MutableClock clock = new MutableClock(NOW);
        private final List<DurableLogStore> opened = new ArrayList<>();
        private Path current;
        private int generation;

        Stores(Path root) {
            this.root = root;
            this.current = root.resolve("store-0");
        }

        DurableLogStore open() throws IOException {
            DurableLogStore store = DurableLogStore.open(current, LogStoreConfig.defaults(), WalConfig.defaults(), clock);
            opened.add(store);
            return store;
        }

        DurableLogStore crashAndReopen() throws IOException {
            current = CrashImage.copyOf(current, root.resolve("store-" + ++generation));
            return open();
        }

        DurableLogStore restart() throws IOException {
            opened.getLast().close();
            return open();
        }

        interface FileChange {
            void apply() throws IOException;
        }

        DurableLogStore stopped(FileChange change) throws IOException {
            opened.getLast().close();
            change.apply();
            return open();
        }

        Path partitionDirOf(LogEvent event) {
            return PartitionKey.of(event.kind(), event.timestampNanos()).directory(current.resolve("logs"));
        }

        @Override
        public void close() throws IOException {
            for (DurableLogStore store : opened) {
                if (store.ready()) {
                    store.close();
                }
            }
        }
    }
}
