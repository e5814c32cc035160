package io.arenainstruct.studio.ui;

import static io.arenainstruct.studio.ui.UiHarness.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import io.arenainstruct.studio.domain.PostgresqlLocation;
import io.arenainstruct.studio.domain.StoreLocation;

/** File › Open or create store, by keys: a team store's address typed in, checked as typed, Enter opens, Esc not. */
@ExtendWith(ApplicationExtension.class)
class OpenStoreDialogUiTest {
    private final List<StoreLocation> chosen = new ArrayList<>();
    private final AtomicInteger cancelled = new AtomicInteger();
    private final Path folder = Path.of("/tmp/some-store").toAbsolutePath();
    private OpenStorePane pane;

    @Start
    void start(Stage stage) {
        pane = new OpenStorePane(() -> Optional.of(folder), chosen::add, cancelled::incrementAndGet);
        stage.setScene(new Scene(pane));
        stage.show();
        pane.focusAddress();
    }

    @Test
    void aTypedAddressIsCheckedAsTypedAndEnterOpensItOnceItParses(FxRobot robot) throws Exception {
        TextField address = robot.lookup("#open-store-address").queryAs(TextField.class);
        Label problem = robot.lookup("#open-store-problem").queryAs(Label.class);
        Button open = robot.lookup("#open-store-open").queryAs(Button.class);
        waitUntil(address::isFocused);
        assertThat(robot.lookup("#open-store-password-note")
                        .queryAs(Label.class)
                        .getText())
                .contains("PGPASSWORD")
                .contains("~/.pgpass");

        robot.write("postgresql://db.example:99999/team?user=ann");
        waitUntil(() -> problem.isVisible()
                && problem.getText().equals("The port in the PostgreSQL address must be between 1 and 65535."));
        assertThat(open.isDisabled()).isTrue();
        robot.type(KeyCode.ENTER);
        assertThat(chosen)
                .as("Enter on an address that does not parse opens nothing")
                .isEmpty();

        robot.eraseText("99999/team?user=ann".length()).write("5433/team?user=ann");
        waitUntil(() -> !problem.isVisible() && !open.isDisabled());
        robot.type(KeyCode.ENTER);

        waitUntil(() -> !chosen.isEmpty());
        assertThat(chosen).containsExactly(PostgresqlLocation.parse("postgresql://db.example:5433/team?user=ann"));
        assertThat(((PostgresqlLocation) chosen.get(0)).port()).isEqualTo(5433);
        assertThat(cancelled).hasValue(0);
    }

    @Test
    void aFolderIsChosenWithAltFAndEscapeOpensNothing(FxRobot robot) throws Exception {
        TextField address = robot.lookup("#open-store-address").queryAs(TextField.class);
        waitUntil(address::isFocused);
        robot.write("/home/ann/store");
        waitUntil(() -> robot.lookup("#open-store-problem")
                .queryAs(Label.class)
                .getText()
                .startsWith("A team store's address starts with postgresql://"));
        robot.type(KeyCode.ESCAPE);
        waitUntil(() -> cancelled.get() == 1);
        assertThat(chosen).isEmpty();

        robot.press(KeyCode.ALT, KeyCode.F).release(KeyCode.F, KeyCode.ALT);
        waitUntil(() -> !chosen.isEmpty());
        assertThat(chosen).containsExactly(new StoreLocation.Folder(folder));
    }
}
