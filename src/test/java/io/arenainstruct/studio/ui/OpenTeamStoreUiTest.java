package io.arenainstruct.studio.ui;

import static io.arenainstruct.studio.ui.UiHarness.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import javafx.application.Application;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

import io.arenainstruct.studio.domain.PostgresqlLocation;
import io.arenainstruct.studio.service.workspace.DataDirectories;
import io.arenainstruct.studio.store.TestStores;

/**
 * The real app: Ctrl+O, a team store's address typed in, Enter: the app opens the PostgreSQL store (password from
 * PGPASSWORD). Skipped, saying how to run it, when no test server is named.
 */
class OpenTeamStoreUiTest {
    @TempDir
    Path home;

    private Application app;
    private Stage stage;
    private PostgresqlLocation at;

    @BeforeEach
    void setUp() throws Exception {
        at = TestStores.freshDatabase(); // skips the test without a server, before the app starts
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
    void ctrlOThenAnAddressAndEnterOpensTheTeamStore() throws Exception {
        FxRobot robot = new FxRobot();
        waitUntil(() -> robot.lookup("#seed-count").tryQuery().isPresent());

        robot.press(KeyCode.CONTROL, KeyCode.O).release(KeyCode.O, KeyCode.CONTROL);
        waitUntil(() -> robot.lookup("#open-store-address").tryQuery().isPresent());
        waitUntil(() ->
                robot.lookup("#open-store-address").queryAs(TextField.class).isFocused());
        Label problem = robot.lookup("#open-store-problem").queryAs(Label.class);
        TextField address = robot.lookup("#open-store-address").queryAs(TextField.class);
        robot.targetWindow(address.getScene().getWindow()); // TestFX types into the window it targets
        robot.write("postgresql://" + at.host() + ":" + at.port() + "/" + at.database());
        waitUntil(() -> address.getText().endsWith(at.database()));
        assertThat(problem.getText())
                .isEqualTo("The PostgreSQL address needs the user: postgresql://HOST[:PORT]/DATABASE?user=NAME.");
        // the problem's lines make the pane taller: the window grows with it, so the buttons stay in view
        Button cancel = robot.lookup("#open-store-cancel").queryAs(Button.class);
        waitUntil(() -> cancel.localToScene(cancel.getBoundsInLocal()).getMaxY()
                <= cancel.getScene().getHeight());
        robot.type(KeyCode.ENTER); // refused: nothing opens
        robot.write("?user=" + at.user());
        waitUntil(() -> problem.getText().isEmpty());
        robot.type(KeyCode.ENTER);

        waitUntil(() -> stage.getTitle().contains(at.database()));
        assertThat(robot.lookup("#open-store-address").tryQuery())
                .as("the dialog closed")
                .isEmpty();
    }
}
