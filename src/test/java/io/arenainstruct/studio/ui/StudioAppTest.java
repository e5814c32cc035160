package io.arenainstruct.studio.ui;

import static io.arenainstruct.studio.ui.UiHarness.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import javafx.application.Application;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

import io.arenainstruct.studio.service.settings.SettingsFile;
import io.arenainstruct.studio.service.workspace.DataDirectories;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.service.workspace.WorkspaceRepositories;

/** The real application class, started as `mvn javafx:run` starts it, on a fresh per-user data folder. */
class StudioAppTest {
    @TempDir
    Path home;

    private Application app;

    private Stage stage;

    @BeforeEach
    void setUp() throws Exception {
        System.setProperty(DataDirectories.HOME_PROPERTY, home.toString());
        stage = FxToolkit.registerPrimaryStage();
        app = FxToolkit.setupApplication(StudioApp.class);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        System.clearProperty(DataDirectories.HOME_PROPERTY);
    }

    @Test
    void theFirstRunOpensTheDefaultStoreWithTheSampleWorkspaceAndClosingReleasesIt() throws Exception {
        FxRobot robot = new FxRobot();
        Path store = home.resolve("workspaces").resolve("default");
        long sampleFiles;
        try (var files = Files.walk(Path.of("sample-seeds"))) {
            sampleFiles = files.filter(Files::isRegularFile).count();
        }
        waitUntil(() -> robot.lookup("#seed-count").tryQuery().isPresent()
                && robot.lookup("#seed-count")
                        .queryAs(Label.class)
                        .getText()
                        .equals(sampleFiles + " of " + sampleFiles + " seeds shown"));
        assertThat(robot.lookup("#store-path").queryAs(Label.class).getText()).isEqualTo("Store: " + store);
        // the window carries the launcher's icon
        assertThat(stage.getIcons())
                .singleElement()
                .satisfies(i -> assertThat(i.getWidth()).isEqualTo(256));
        assertThat(new SettingsFile(home.resolve("settings.json")).load().lastStore)
                .isEqualTo(store.toString());

        // A choice made in an area is remembered in the settings file at once.
        assertThat(new SettingsFile(home.resolve("settings.json")).load().refinementMoveOn)
                .isTrue();
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT7).release(KeyCode.DIGIT7, KeyCode.CONTROL);
        waitUntil(() -> robot.lookup("#move-on-after-decision").tryQuery().isPresent());
        robot.clickOn("#move-on-after-decision");
        waitUntil(() -> !new SettingsFile(home.resolve("settings.json")).load().refinementMoveOn);

        FxToolkit.cleanupApplication(app);
        app = null;
        try (Workspace reopened = Workspace.open(store)) {
            assertThat(WorkspaceRepositories.seeds(reopened).count()).isEqualTo(sampleFiles);
            assertThat(reopened.taxonomies().all()).hasSize(17);
        }
    }
}
