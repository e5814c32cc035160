package io.arenainstruct.studio.ui;

import static io.arenainstruct.studio.ui.UiHarness.fx;
import static io.arenainstruct.studio.ui.UiHarness.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import io.arenainstruct.studio.domain.run.RunConfig;
import io.arenainstruct.studio.domain.run.RunStatus;
import io.arenainstruct.studio.domain.run.SeedSelection;
import io.arenainstruct.studio.service.llm.KeyResolver;
import io.arenainstruct.studio.service.run.RunFixture;
import io.arenainstruct.studio.service.run.RunHandle;
import io.arenainstruct.studio.testserver.FakeModelServer;
import io.arenainstruct.studio.testserver.SchemaReplies;
import io.arenainstruct.studio.ui.runs.RunsView;
import io.arenainstruct.studio.ui.runs.RunsViewModel;

/** Runs belong to the workspace: the Runs area follows one it did not start, and closing it stops nothing. */
@ExtendWith(ApplicationExtension.class)
class RunsOutliveTheAreaTest {
    @TempDir
    Path tmp;

    private FakeModelServer server;
    private UiHarness ui;

    @Start
    void start(Stage stage) {
        server = FakeModelServer.start().replyWith(SchemaReplies.fill());
        KeyResolver keys = new KeyResolver(tmp.resolve("home/secrets.properties"), new HashMap<String, String>()::get);
        ui = new UiHarness(tmp.resolve("store"), false, keys, EndpointsAreaTest.QUICK);
        RunFixture.install(ui.workspace, server.openAiBaseUrl(), 3, 4);
        ui.show(stage);
        ui.window.select("runs");
    }

    @AfterEach
    void tearDown() {
        server.resumeReplies();
        ui.close();
        server.close();
    }

    private RunsViewModel model() {
        return ((RunsView) ui.window.view("runs").orElseThrow()).model();
    }

    @Test
    void aRunStartedElsewhereIsFollowedAndSteeredAndClosingTheAreaLeavesItRunning(FxRobot robot) throws Exception {
        RunsViewModel model = model();
        waitUntil(() -> !model.form().skills().isEmpty());
        assertThat(model.runs()).isEmpty();
        server.pauseReplies();
        RunHandle run =
                ui.workspace.runs().start(RunConfig.of(List.of(RunFixture.SKILL), SeedSelection.all(), "local"));
        long id = run.runId();
        CompletableFuture<RunStatus> ran = CompletableFuture.supplyAsync(run::run);
        server.awaitInFlight(1, Duration.ofSeconds(10));

        // nothing asked the area to read the runs again: the registry's Started did
        waitUntil(() -> model.runs().stream().anyMatch(r -> r.id() == id));
        fx(() -> model.select(
                model.runs().stream().filter(r -> r.id() == id).findFirst().orElseThrow()));
        waitUntil(() -> model.selectedActive().get() && model.progress().get() != null);

        fx(model::togglePause);
        assertThat(run.isPaused()).isTrue();
        waitUntil(() -> model.selectedPaused().get());
        fx(model::togglePause);
        assertThat(run.isPaused()).isFalse();

        fx(() -> ui.window.view("runs").orElseThrow().close());
        assertThat(ui.workspace.jobs().isRunning(id))
                .as("closing the area stops no run")
                .isTrue();
        server.resumeReplies();
        assertThat(ran.get(30, TimeUnit.SECONDS)).isEqualTo(RunStatus.COMPLETED);
        assertThat(ui.workspace.runs().find(id).orElseThrow().complete()).isEqualTo(3);
    }
}
