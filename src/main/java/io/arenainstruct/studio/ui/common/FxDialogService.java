package io.arenainstruct.studio.ui.common;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import javafx.beans.binding.Bindings;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Region;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Screen;
import javafx.stage.Window;

/** The real dialogs, owned by the main window. */
public final class FxDialogService implements DialogService {
    private final Supplier<Window> owner;

    public FxDialogService(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public void showError(String title, String message) {
        alert(Alert.AlertType.ERROR, title, message).showAndWait();
    }

    @Override
    public void showInfo(String title, String message) {
        alert(Alert.AlertType.INFORMATION, title, message).showAndWait();
    }

    @Override
    public boolean confirm(String title, String message, String confirmLabel) {
        Alert alert = alert(Alert.AlertType.CONFIRMATION, title, message);
        ButtonType yes = new ButtonType(confirmLabel, ButtonBar.ButtonData.OK_DONE);
        alert.getButtonTypes().setAll(yes, ButtonType.CANCEL);
        // Enter must not delete, discard or pay for a repeated run by reflex: Cancel is the default button.
        ((Button) alert.getDialogPane().lookupButton(yes)).setDefaultButton(false);
        ((Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        return alert.showAndWait().filter(yes::equals).isPresent();
    }

    /**
     * Lines a long message may have and still be shown as one label; longer ones in a scrolling text. (The F1 list,
     * the longest, has one line per area and a few per area's keys: about 60 with twelve areas.)
     */
    static final int MAX_LINES = 80;

    /**
     * A long message (the F1 list of shortcuts): its lines unbroken, in a box as tall as the text but never taller
     * than the screen leaves room for (it scrolls then, so the dialog's button stays in sight); very long ones in a
     * scrolling read-only text.
     */
    public static Region longText(String message) {
        if (message.lines().count() <= MAX_LINES && message.length() <= 8000) {
            Label label = new Label(message);
            label.setMinWidth(Region.USE_PREF_SIZE);
            label.setMinHeight(Region.USE_PREF_SIZE);
            label.getStyleClass().add("dialog-text");
            ScrollPane scroll = new ScrollPane(label);
            scroll.setId("long-text");
            scroll.setFitToWidth(true);
            scroll.getStyleClass().add("dialog-text-scroll");
            // room for the dialog's header and button on the smallest screen the app supports
            double room = Math.max(200, Screen.getPrimary().getVisualBounds().getHeight() - 220);
            scroll.prefViewportHeightProperty()
                    .bind(Bindings.createDoubleBinding(
                            () -> Math.min(
                                    room
                                            - scroll.getInsets().getTop()
                                            - scroll.getInsets().getBottom(),
                                    label.prefHeight(-1)),
                            scroll.insetsProperty(),
                            label.textProperty(),
                            label.fontProperty(),
                            // a label measures its text once it has a skin: before, its height is 0 and the box
                            // would take the whole text's height, whatever the room
                            label.skinProperty()));
            // (its own minimum would be the whole text's height)
            scroll.setMinHeight(Math.min(room, 200));
            scroll.setMaxHeight(room);
            scroll.prefViewportWidthProperty()
                    .bind(Bindings.createDoubleBinding(
                            () -> label.prefWidth(-1), label.textProperty(), label.fontProperty()));
            return scroll;
        }
        TextArea area = new TextArea(message);
        area.setEditable(false);
        LongText.wrapUnlessShaped(area);
        area.setPrefColumnCount(90);
        area.setPrefRowCount(30);
        area.getStyleClass().add("dialog-text");
        return area;
    }

    private Alert alert(Alert.AlertType type, String title, String message) {
        Alert alert = new Alert(type);
        alert.initOwner(owner.get());
        alert.setTitle(title);
        alert.setHeaderText(title);
        if (message.length() > 400 || message.lines().count() > 8) {
            alert.getDialogPane().setContent(longText(message));
            alert.setResizable(true);
        } else {
            alert.setContentText(message);
        }
        return alert;
    }

    @Override
    public List<Path> chooseFiles(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        List<File> files = chooser.showOpenMultipleDialog(owner.get());
        return files == null ? List.of() : files.stream().map(File::toPath).toList();
    }

    @Override
    public Optional<Path> chooseFolder(String title) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        return Optional.ofNullable(chooser.showDialog(owner.get())).map(File::toPath);
    }

    @Override
    public Optional<Path> chooseFile(String title, String extensionDescription, String extension) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(extensionDescription, "*." + extension));
        return Optional.ofNullable(chooser.showOpenDialog(owner.get())).map(File::toPath);
    }

    @Override
    public Optional<Path> chooseSaveFile(
            String title, String initialName, String extensionDescription, String extension) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.setInitialFileName(initialName);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(extensionDescription, "*." + extension));
        return Optional.ofNullable(chooser.showSaveDialog(owner.get())).map(File::toPath);
    }
}
