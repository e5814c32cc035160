package io.arenainstruct.studio.ui.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.PostgresqlLocation;
import io.arenainstruct.studio.domain.StoreChange.Kind;
import io.arenainstruct.studio.domain.run.RunConfig;
import io.arenainstruct.studio.domain.run.RunProgress;
import io.arenainstruct.studio.domain.run.RunStatus;
import io.arenainstruct.studio.domain.run.SeedSelection;
import io.arenainstruct.studio.domain.run.Stage;
import io.arenainstruct.studio.service.llm.KeyResolver;
import io.arenainstruct.studio.service.run.RunFixture;
import io.arenainstruct.studio.service.run.RunHandle;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.store.TestStores;
import io.arenainstruct.studio.testserver.FakeModelServer;
import io.arenainstruct.studio.testserver.SchemaReplies;
import io.arenainstruct.studio.ui.FakeDialogService;
import io.arenainstruct.studio.ui.task.CallingThreadTaskExecutor;
import io.arenainstruct.studio.ui.task.JobEventBridge;
import io.arenainstruct.studio.ui.task.StoreChangeBridge;

/**
 * A run executing in one client of a PostgreSQL store, followed in another client's Runs area without a refresh.
 * Skipped, saying how to run it, when no test server is named.
 */
class RunsLiveTest {
    private static FakeModelServer server;

    @TempDir
    Path tmp;

    private Workspace first;
    private Workspace second;

    @BeforeAll
    static void startServer() {
        server = FakeModelServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @AfterEach
    void close() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    @Test
    void aRunExecutingInAnotherClientShowsItsProgressAndEndHereWithinASecond() throws Exception {
        PostgresqlLocation at = TestStores.freshDatabase();
        server.reset();
        server.replyWith(SchemaReplies.fill());
        KeyResolver keys = new KeyResolver(tmp.resolve("secrets.properties"), new HashMap<String, String>()::get);
        first = Workspace.open(at, keys, RunFixture.QUICK_RETRIES);
        second = Workspace.open(at, keys, RunFixture.QUICK_RETRIES);
        RunFixture.install(first, server.openAiBaseUrl(), 3, 4);
        RunHandle run = first.runs().start(RunConfig.of(List.of(RunFixture.SKILL), SeedSelection.all(), "local"));

        CallingThreadTaskExecutor tasks = new CallingThreadTaskExecutor();
        RunsViewModel model = new RunsViewModel(
                second.runs(),
                second.instructions(),
                new JobEventBridge<>(second.jobs(), tasks),
                tasks,
                new FakeDialogService());
        model.refresh();
        model.select(model.runs().stream()
                .filter(r -> r.id() == run.runId())
                .findFirst()
                .orElseThrow());
        assertThat(model.progress().get().stage(Stage.ANSWER).done()).isZero();
        CountDownLatch ended = new CountDownLatch(1);
        model.progress().addListener((obs, o, p) -> {
            if (p != null
                    && p.status() == RunStatus.COMPLETED
                    && p.stage(Stage.ANSWER).done() == 3) {
                ended.countDown();
            }
        });
        // as RunsView subscribes
        new StoreChangeBridge(second.changes(), tasks)
                .subscribe(EnumSet.of(Kind.RUN), kinds -> model.changedElsewhere());

        assertThat(run.run()).isEqualTo(RunStatus.COMPLETED);

        assertThat(ended.await(1, TimeUnit.SECONDS))
                .as("the other client shows the run completed, 3 of 3 answered, within a second")
                .isTrue();
        RunProgress shown = model.progress().get();
        assertThat(shown.stage(Stage.GENERATION).done()).isEqualTo(3);
        model.close();
    }
}
