package io.arenainstruct.studio.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.PostgresqlLocation;
import io.arenainstruct.studio.domain.arena.ArenaJob;
import io.arenainstruct.studio.domain.llm.LedgerEntry;
import io.arenainstruct.studio.domain.llm.LedgerOutcome;
import io.arenainstruct.studio.domain.run.RunStatus;

/**
 * Several processes on one PostgreSQL store (decision 0024): each {@link Store} opened here is one process (its own
 * owner, its own ledger journal and lock in the shared local folder), as two apps of one user on one machine.
 */
class TeamStoreProcessesTest {
    @TempDir
    Path tmp;

    @Test
    void aLiveRunIsNotInterruptedForAnotherProcessAndCannotBeTakenOver() {
        PostgresqlLocation at = TestStores.freshDatabase();
        try (Store mine = Store.open(at, tmp.resolve("local"));
                Store other = Store.open(at, tmp.resolve("local"))) {
            long runId = new RunRepository(mine).create("{}", "{}");
            RunRepository theirs = new RunRepository(other);
            assertThat(theirs.markInterrupted()).isEmpty();
            assertThat(theirs.find(runId).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
            assertThat(theirs.interrupted()).isEmpty();
            assertThat(theirs.takeOver(runId)).contains(mine.owner());
            assertThat(theirs.find(runId).orElseThrow().owner()).isEqualTo(mine.owner());
        }
    }

    @Test
    void aRunWhoseProcessStoppedBeatingShowsInterruptedToOthersAndItsOwnerBeatsItAlive() throws Exception {
        PostgresqlLocation at = TestStores.freshDatabase();
        try (Store mine = Store.open(at, tmp.resolve("local"));
                Store other = Store.open(at, tmp.resolve("local"))) {
            RunRepository runs = new RunRepository(mine);
            long runId = runs.create("{}", "{}");
            long jobId = new ArenaJobRepository(mine).create(ArenaJob.Kind.ANSWER, "{}", "app");
            Instant old = Instant.now().minus(Duration.ofHours(1));
            plantHeartbeat(at, "run", runId, old);
            plantHeartbeat(at, "arena_job", jobId, old);
            assertThat(new RunRepository(other).find(runId).orElseThrow().status())
                    .isEqualTo(RunStatus.INTERRUPTED);
            assertThat(new RunRepository(other).interrupted())
                    .extracting(Map.Entry::getKey)
                    .containsExactly(runId);
            assertThat(new ArenaJobRepository(other).find(jobId).orElseThrow().status())
                    .isEqualTo(RunStatus.INTERRUPTED);
            Ownership.of(mine).beat();
            assertThat(new RunRepository(other).find(runId).orElseThrow().status())
                    .isEqualTo(RunStatus.RUNNING);
            assertThat(new ArenaJobRepository(other).find(jobId).orElseThrow().status())
                    .isEqualTo(RunStatus.RUNNING);
        }
        // The heartbeat thread beats on its own: an old heartbeat is replaced within a few beats.
        try (Store mine = withProperty(
                "arenainstruct.store.heartbeatMillis", "100", () -> Store.open(at, tmp.resolve("local")))) {
            RunRepository runs = new RunRepository(mine);
            long runId = runs.create("{}", "{}");
            Instant old = Instant.now().minus(Duration.ofHours(1));
            plantHeartbeat(at, "run", runId, old);
            waitUntil(() -> heartbeat(at, runId).isAfter(old.plus(Duration.ofMinutes(30))));
        }
    }

    @Test
    void aProcessTakenForDeadLearnsThatItsRunWasTakenOverAndNoLongerChangesItsStatus() throws Exception {
        PostgresqlLocation at = TestStores.freshDatabase();
        try (Store sleeper = Store.open(at, tmp.resolve("local"));
                Store other = Store.open(at, tmp.resolve("local"))) {
            RunRepository runs = new RunRepository(sleeper);
            long runId = runs.create("{}", "{}");
            List<String> lostTo = new ArrayList<>();
            Runnable unwatch = runs.watchOwnership(runId, lostTo::add);
            Ownership.of(sleeper).beat();
            assertThat(lostTo).isEmpty();
            plantHeartbeat(at, "run", runId, Instant.now().minus(Duration.ofHours(1)));
            assertThat(new RunRepository(other).takeOver(runId)).isEmpty();
            Ownership.of(sleeper).beat();
            assertThat(lostTo).containsExactly(other.owner());
            runs.setStatus(runId, RunStatus.CANCELLED, "stopped where it was");
            RunRepository.RunRow row = new RunRepository(other).find(runId).orElseThrow();
            assertThat(row.status()).isEqualTo(RunStatus.RUNNING);
            assertThat(row.owner()).isEqualTo(other.owner());
            unwatch.run();
        }
    }

    @Test
    void ofTwoProcessesTakingOverOneInterruptedRunExactlyOneGetsItAndTheOtherIsToldWho() throws Exception {
        PostgresqlLocation at = TestStores.freshDatabase();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (Store creator = Store.open(at, tmp.resolve("local"));
                Store a = Store.open(at, tmp.resolve("local"));
                Store b = Store.open(at, tmp.resolve("local"))) {
            RunRepository runs = new RunRepository(creator);
            for (int round = 0; round < 20; round++) {
                long runId = runs.create("{}", "{}");
                // the creating process died long ago; half of the rounds it was marked interrupted by an opener
                plantHeartbeat(at, "run", runId, Instant.now().minus(Duration.ofHours(1)));
                if (round % 2 == 0) {
                    runs.setStatus(runId, RunStatus.INTERRUPTED, null);
                }
                CyclicBarrier together = new CyclicBarrier(2);
                Future<Optional<String>> byA = pool.submit(() -> {
                    together.await(10, TimeUnit.SECONDS);
                    return new RunRepository(a).takeOver(runId);
                });
                Future<Optional<String>> byB = pool.submit(() -> {
                    together.await(10, TimeUnit.SECONDS);
                    return new RunRepository(b).takeOver(runId);
                });
                Optional<String> resultA = byA.get(30, TimeUnit.SECONDS);
                Optional<String> resultB = byB.get(30, TimeUnit.SECONDS);
                assertThat(resultA.isEmpty() ^ resultB.isEmpty())
                        .as("exactly one takes run " + runId)
                        .isTrue();
                String winner = resultA.isEmpty() ? a.owner() : b.owner();
                assertThat((resultA.isEmpty() ? resultB : resultA).orElseThrow())
                        .as("the other is told who")
                        .isEqualTo(winner);
                RunRepository.RunRow row = runs.find(runId).orElseThrow();
                assertThat(row.owner()).isEqualTo(winner);
                assertThat(row.status()).isEqualTo(RunStatus.RUNNING);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aCallOneProcessMadeAnswersTheOtherAndTwoWritersNeverShareAnId() throws Exception {
        PostgresqlLocation at = TestStores.freshDatabase();
        int perThread = 250;
        int threads = 4;
        Map<Long, String> hashById = new ConcurrentHashMap<>();
        try (Store a = Store.open(at, tmp.resolve("local"));
                Store b = Store.open(at, tmp.resolve("local"))) {
            CallLedgerRepository ledgerA = new CallLedgerRepository(a);
            CallLedgerRepository ledgerB = new CallLedgerRepository(b);
            long first = ledgerA.record(entry("shared-question", "the answer"), null);
            ledgerA.flush();
            Optional<LedgerEntry> answer = ledgerB.findAnswer("shared-question");
            assertThat(answer).isPresent();
            assertThat(answer.get().id()).isEqualTo(first);
            assertThat(answer.get().reply()).isEqualTo("the answer");

            ExecutorService pool = Executors.newFixedThreadPool(2 * threads);
            List<Future<?>> done = new ArrayList<>();
            CyclicBarrier together = new CyclicBarrier(2 * threads);
            for (int t = 0; t < 2 * threads; t++) {
                CallLedgerRepository ledger = t % 2 == 0 ? ledgerA : ledgerB;
                int thread = t;
                done.add(pool.submit(() -> {
                    together.await(10, TimeUnit.SECONDS);
                    for (int i = 0; i < perThread; i++) {
                        String hash = "h-" + thread + "-" + i;
                        long id = ledger.record(entry(hash, "r"), null);
                        assertThat(hashById.putIfAbsent(id, hash))
                                .as("id " + id + " handed out twice")
                                .isNull();
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdownNow();
            ledgerA.flush();
            ledgerB.flush();
        }
        assertThat(hashById).hasSize(2 * threads * perThread).doesNotContainKey(0L);
        Map<Long, String> stored = new HashMap<>();
        try (Connection c = TestStores.connect(at);
                Statement st = c.createStatement();
                ResultSet rs =
                        st.executeQuery("SELECT id, request_hash FROM model_call WHERE request_hash LIKE 'h-%'")) {
            while (rs.next()) {
                stored.put(rs.getLong(1), rs.getString(2).strip());
            }
        }
        assertThat(stored)
                .as("every row present under the id its writer was given")
                .isEqualTo(hashById);
    }

    @Test
    void aProcessThatClosesLeavesNoJournalOrLockBehind() throws Exception {
        PostgresqlLocation at = TestStores.freshDatabase();
        Path local = tmp.resolve("local");
        try (Store a = Store.open(at, local)) {
            new CallLedgerRepository(a).record(entry("q", "a"), null);
            try (Stream<Path> files = Files.list(local)) {
                assertThat(files.map(f -> f.getFileName().toString()))
                        .anyMatch(n -> n.startsWith("ledger-") && n.endsWith(".lock"));
            }
        }
        try (Stream<Path> files = Files.list(local)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.startsWith("ledger-"));
        }
        try (Store again = Store.open(at, local)) {
            assertThat(new CallLedgerRepository(again).findAnswer("q")).isPresent();
        }
    }

    @Test
    void aWriteCutOffByALostConnectionRunsAgainOnceTheServerAnswersAndIsStoredOnce() throws Exception {
        PostgresqlLocation at = TestStores.freshDatabase();
        try (Store store = Store.open(at, tmp.resolve("local"))) {
            AtomicInteger attempts = new AtomicInteger();
            long runId = store.write(c -> {
                if (attempts.incrementAndGet() == 1) {
                    try (Statement st = c.createStatement();
                            ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
                        rs.next();
                        // the server ends this session in the middle of the transaction, as a restart does
                        TestStores.admin(TestStores.server(), "SELECT pg_terminate_backend(" + rs.getInt(1) + ")");
                    }
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO run (status, config, frozen, created_at, updated_at) VALUES"
                                + " ('cancelled', '{}', '{}', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
                        Statement.RETURN_GENERATED_KEYS)) {
                    ps.executeUpdate();
                    return Sql.generatedKey(ps);
                }
            });
            assertThat(attempts).hasValue(2);
            assertThat(new RunRepository(store).list())
                    .extracting(RunRepository.RunRow::id)
                    .containsExactly(runId);
        }
    }

    @Test
    void aCommitCutOffIsLookedUpByItsTransactionIdBeforeTheWorkRunsAgain() throws Exception {
        PostgresqlLocation at = TestStores.freshDatabase();
        try (Store store = Store.open(at, tmp.resolve("local"));
                Connection c = TestStores.connect(at)) {
            c.setAutoCommit(false);
            Store.Committed<String> committed = new Store.Committed<>();
            committed.xid = transactionId(c);
            c.commit();
            assertThat(store.committedEarlier(committed)).isTrue();
            Store.Committed<String> rolledBack = new Store.Committed<>();
            rolledBack.xid = transactionId(c);
            c.rollback();
            assertThat(store.committedEarlier(rolledBack)).isFalse();
            assertThat(rolledBack.xid).as("forgotten, so the work runs again").isNull();
        }
    }

    private static long transactionId(Connection c) throws Exception {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT txid_current()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static LedgerEntry entry(String hash, String reply) {
        return new LedgerEntry(
                0,
                hash,
                "local",
                "openai",
                "m",
                "{\"q\":\"" + hash + "\"}",
                reply,
                1,
                1,
                Duration.ofMillis(5),
                1,
                LedgerOutcome.OK,
                null,
                null,
                Instant.now(),
                null,
                "test");
    }

    private static void plantHeartbeat(PostgresqlLocation at, String table, long id, Instant when) throws Exception {
        try (Connection c = TestStores.connect(at);
                PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET heartbeat_at = ? WHERE id = ?")) {
            ps.setTimestamp(1, Timestamp.from(when));
            ps.setLong(2, id);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }

    private static Instant heartbeat(PostgresqlLocation at, long runId) {
        try (Connection c = TestStores.connect(at);
                PreparedStatement ps = c.prepareStatement("SELECT heartbeat_at FROM run WHERE id = ?")) {
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getTimestamp(1).toInstant();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static <T> T withProperty(String name, String value, Supplier<T> work) {
        String before = System.getProperty(name);
        System.setProperty(name, value);
        try {
            return work.get();
        } finally {
            if (before == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, before);
            }
        }
    }

    private static void waitUntil(Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the condition did not hold within 20 s");
            }
            Thread.sleep(20);
        }
    }
}
