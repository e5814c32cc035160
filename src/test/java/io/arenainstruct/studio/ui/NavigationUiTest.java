package io.arenainstruct.studio.ui;

import static io.arenainstruct.studio.ui.UiHarness.fx;
import static io.arenainstruct.studio.ui.UiHarness.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;

import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import io.arenainstruct.studio.domain.Seed;
import io.arenainstruct.studio.domain.run.InstructionFilter;
import io.arenainstruct.studio.domain.run.RunConfig;
import io.arenainstruct.studio.domain.run.SeedSelection;
import io.arenainstruct.studio.service.llm.KeyResolver;
import io.arenainstruct.studio.service.run.RunFixture;
import io.arenainstruct.studio.testserver.FakeModelServer;
import io.arenainstruct.studio.testserver.SchemaReplies;

/** Moving between areas with something in hand: seeds to a new run, an instruction to the Refinement area. */
@ExtendWith(ApplicationExtension.class)
class NavigationUiTest {
    @TempDir
    Path tmp;

    private FakeModelServer server;
    private UiHarness ui;

    @Start
    void start(Stage stage) {
        server = FakeModelServer.start().replyWith(SchemaReplies.fill());
        ui = new UiHarness(
                tmp.resolve("store"),
                false,
                new KeyResolver(tmp.resolve("s.properties"), new HashMap<String, String>()::get),
                EndpointsAreaTest.QUICK);
        RunFixture.install(ui.workspace, server.openAiBaseUrl(), 3, 4);
        ui.show(stage);
    }

    @AfterEach
    void tearDown() {
        ui.close();
        server.close();
    }

    @Test
    void selectedSeedsOpenANewRunOnThem(FxRobot robot) throws Exception {
        fx(() -> ui.window.select("seeds"));
        @SuppressWarnings("unchecked")
        TableView<Seed> seeds = robot.lookup("#seed-table").queryAs(TableView.class);
        waitUntil(() -> seeds.getItems().size() == 3);
        List<Long> chosen =
                List.of(seeds.getItems().get(0).id(), seeds.getItems().get(2).id());
        fx(() -> {
            seeds.getSelectionModel().clearSelection();
            seeds.getSelectionModel().select(0);
            seeds.getSelectionModel().select(2);
            seeds.requestFocus();
        });
        robot.press(KeyCode.CONTROL, KeyCode.R).release(KeyCode.R, KeyCode.CONTROL);
        waitUntil(() -> "runs".equals(ui.window.currentAreaId()));
        String names =
                seeds.getItems().get(0).name() + ", " + seeds.getItems().get(2).name();
        waitUntil(() ->
                robot.lookup("#run-seed-choice").queryAs(Label.class).getText().equals("2 seeds: " + names));
        assertThat(robot.lookup("#run-seed-choice")
                        .queryAs(Label.class)
                        .getTooltip()
                        .getText())
                .isEqualTo("Seed ids " + chosen.get(0) + ", " + chosen.get(1));
        assertThat(robot.lookup("#run-seeds-ids").queryAs(RadioButton.class).isSelected())
                .isTrue();
        assertThat(robot.lookup("#run-form").query().isVisible()).isTrue();
    }

    @Test
    void theRefinementAreaPicksUpInstructionsARunMakesWhileItIsOpen(FxRobot robot) throws Exception {
        fx(() -> ui.window.select("refinement"));
        waitUntil(() -> robot.lookup("#refinement-position")
                .queryAs(Label.class)
                .getText()
                .equals("No instructions match"));
        ui.workspace
                .runs()
                .start(RunConfig.of(List.of(RunFixture.SKILL), SeedSelection.all(), "local")
                        .withPerSeed(2))
                .run();
        // No key pressed: the area's poll finds the new instructions and shows the first.
        waitUntil(() -> robot.lookup("#refinement-position")
                .queryAs(Label.class)
                .getText()
                .startsWith("1 of 6 · #"));
    }

    @Test
    void enterOnAnInstructionOpensItInRefinement(FxRobot robot) throws Exception {
        ui.workspace
                .runs()
                .start(RunConfig.of(List.of(RunFixture.SKILL), SeedSelection.all(), "local")
                        .withPerSeed(2))
                .run();
        List<Long> ids = ui.workspace.instructions().ids(InstructionFilter.ALL);
        fx(() -> ui.window.select("instructions"));
        @SuppressWarnings("unchecked")
        TableView<Object> table = robot.lookup("#instructions-table").queryAs(TableView.class);
        waitUntil(() -> table.getItems().size() == 6);
        fx(() -> {
            table.getSelectionModel().select(4);
            table.requestFocus();
        });
        robot.type(KeyCode.ENTER);
        waitUntil(() -> "refinement".equals(ui.window.currentAreaId()));
        waitUntil(() -> robot.lookup("#refinement-position")
                .queryAs(Label.class)
                .getText()
                .equals("5 of 6 · #" + ids.get(4)));
    }
}
