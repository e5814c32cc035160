package io.arenainstruct.studio.service.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.PostgresqlLocation;
import io.arenainstruct.studio.domain.flow.Agent;
import io.arenainstruct.studio.domain.flow.Flow;
import io.arenainstruct.studio.domain.flow.Prompt;
import io.arenainstruct.studio.domain.flow.PromptVersion;
import io.arenainstruct.studio.service.arena.ArenaFixture;
import io.arenainstruct.studio.service.llm.KeyResolver;
import io.arenainstruct.studio.store.TestStores;

/**
 * Two clients of one team store doing the same thing at the same moment: each a Workspace with its own
 * connections, as two processes have. The store must come out as if they had taken turns, with no client told
 * of a failure that was only the other one getting there first.
 */
class TeamStoreRacesTest {
    @TempDir
    Path tmp;

    @Test
    void twoClientsImportingTheSameDatasetAndPairingItAtOnceStoreEachRecordOnce() throws Exception {
        for (int attempt = 0; attempt < 3; attempt++) {
            PostgresqlLocation at = TestStores.freshDatabase();
            try (Workspace one = open(at, "one-" + attempt);
                    Workspace two = open(at, "two-" + attempt)) {
                CyclicBarrier start = new CyclicBarrier(2);
                ExecutorService pool = Executors.newFixedThreadPool(2);
                try {
                    List<Future<Integer>> done = new ArrayList<>();
                    for (Workspace ws : List.of(one, two)) {
                        done.add(pool.submit(() -> {
                            start.await(10, TimeUnit.SECONDS);
                            return ArenaFixture.importSampleWithBattles(ws);
                        }));
                    }
                    int created = 0;
                    for (Future<Integer> f : done) {
                        created += f.get(60, TimeUnit.SECONDS); // a failure in either client fails the test here
                    }
                    assertThat(created).as("battles made by the two together").isEqualTo(40);
                } finally {
                    pool.shutdownNow();
                }
                assertThat(count(one, "arena_instruction")).isEqualTo(40);
                assertThat(count(one, "arena_model")).isEqualTo(2);
                assertThat(count(one, "arena_response")).isEqualTo(80);
                assertThat(count(one, "battle")).isEqualTo(40);
            }
        }
    }

    @Test
    void twoClientsSavingVersionsOfOnePromptAtOnceGetNumbersOneAfterTheOther() throws Exception {
        PostgresqlLocation at = TestStores.freshDatabase();
        try (Workspace one = open(at, "one");
                Workspace two = open(at, "two")) {
            Flow flow = one.flows().all().get(0);
            Agent suggester = flow.suggester();
            int before = one.flows().history(flow.skill(), suggester.id()).size();
            CyclicBarrier start = new CyclicBarrier(2);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (Workspace ws : List.of(one, two)) {
                    String who = ws == one ? "one" : "two";
                    done.add(pool.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        for (int i = 0; i < 10; i++) {
                            Prompt p = new Prompt(
                                    suggester.prompt().system() + "\n" + who + " " + i,
                                    suggester.prompt().user());
                            ws.flows().savePrompt(flow.skill(), suggester.id(), p, who + " " + i);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            List<PromptVersion> history = two.flows().history(flow.skill(), suggester.id());
            assertThat(history)
                    .extracting(PromptVersion::version)
                    .containsExactlyElementsOf(
                            IntStream.rangeClosed(1, before + 20).boxed().toList());
            assertThat(history.subList(before, history.size()))
                    .extracting(PromptVersion::note)
                    .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 20)
                            .mapToObj(i -> (i < 10 ? "one " : "two ") + (i % 10))
                            .toList());
        }
    }

    private Workspace open(PostgresqlLocation at, String name) {
        return Workspace.open(
                at, new KeyResolver(tmp.resolve(name + ".properties"), n -> null), ArenaFixture.QUICK_RETRIES);
    }

    private static long count(Workspace ws, String table) {
        return WorkspaceRepositories.store(ws).read(c -> {
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
