package io.arenainstruct.studio.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The real confirmation dialog, answered from the keyboard. */
@ExtendWith(ApplicationExtension.class)
class FxDialogServiceTest {
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new StackPane(), 400, 300));
        stage.show();
    }

    @Test
    void enterInAConfirmationCancelsRatherThanConfirms(FxRobot robot) throws Exception {
        FxDialogService dialogs = new FxDialogService(() -> stage);
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        Platform.runLater(() -> answer.complete(
                dialogs.confirm("Repeat run 1?", "Every call would come from the" + " call ledger.", "Repeat it")));
        WaitForAsyncUtils.waitFor(
                10,
                TimeUnit.SECONDS,
                () -> robot.lookup(".dialog-pane .button").tryQuery().isPresent());
        Button repeat =
                robot.lookup((Button b) -> "Repeat it".equals(b.getText())).queryAs(Button.class);
        assertThat(repeat.isDefaultButton()).isFalse();
        robot.type(KeyCode.ENTER);
        assertThat(answer.get(10, TimeUnit.SECONDS))
                .as("Enter answered the dialog with")
                .isFalse();
    }
}
