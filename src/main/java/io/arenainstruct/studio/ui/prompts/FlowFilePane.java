package io.arenainstruct.studio.ui.prompts;

import java.util.Optional;
import java.util.function.Consumer;

import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

import io.arenainstruct.studio.service.flow.FlowProblem;
import io.arenainstruct.studio.ui.AppContext;
import io.arenainstruct.studio.ui.common.Controls;

/**
 * The flow file pane of Agents &amp; Prompts, shown when a skill is chosen in the tree: the whole flow as YAML,
 * its problems by line (a click or Enter puts the caret there), save, discard and export.
 */
final class FlowFilePane {
    private static final Duration CHECK_DELAY = Duration.millis(250);

    private final AppContext context;
    private final FlowFileViewModel model;
    private final VBox root = new VBox(8);
    private final Label title = new Label();
    private final TextArea text = new TextArea();
    private final ListView<FlowProblem> problems = new ListView<>();
    private final Label status = new Label();
    private final Button save = new Button("Save flow");
    private final PauseTransition checkLater = new PauseTransition(CHECK_DELAY);
    private final Consumer<String> saved;
    private boolean filling;

    /** {@code saved} gets the skill after its flow was saved (the tree and forms show the flows again). */
    FlowFilePane(AppContext context, Consumer<String> saved) {
        this.context = context;
        this.model = new FlowFileViewModel(
                context.workspace().flows(), context.workspace().runs(), context.taskExecutor(), context.dialogs());
        title.getStyleClass().add("title-4");
        title.setId("flow-file-title");
        Label explain = new Label("The whole flow of this skill as a file: its agents, how a transformer is picked,"
                + " the categories each generator writes for, output schemas, rounds and goals. Saving it is like"
                + " importing it: each changed prompt becomes a new version, and the agents' settings become the"
                + " file's. Runs already started keep what they froze.");
        explain.setWrapText(true);
        text.setId("flow-file-text");
        text.getStyleClass().add("template-editor");
        text.setTooltip(new Tooltip("The flow as YAML; problems are listed below as you type (Ctrl+S saves)"));
        VBox.setVgrow(text, Priority.ALWAYS);
        text.editableProperty().bind(model.saving().not());
        text.textProperty().addListener((obs, old, now) -> {
            if (!filling) {
                checkLater.playFromStart();
            }
        });
        checkLater.setOnFinished(e -> model.check(text.getText()));

        problems.setId("flow-file-problems");
        problems.getStyleClass().add("flow-file-problems");
        problems.setPrefHeight(110);
        problems.setPlaceholder(new Label("No problems"));
        problems.setTooltip(new Tooltip("Click a problem, or press Enter on it, to go to its line"));
        problems.setItems(model.problems());
        problems.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(FlowProblem p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : (p.line() > 0 ? "line " + p.line() + ": " : "") + p.message());
            }
        });
        problems.setOnMouseClicked(e -> goToProblem());
        problems.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                goToProblem();
                e.consume();
            }
        });

        Label warning = new Label();
        warning.setId("flow-file-taxonomy-warning");
        warning.getStyleClass().addAll("inline-status", "problem");
        warning.setWrapText(true);
        warning.textProperty().bind(model.taxonomyWarning());
        warning.managedProperty().bind(warning.textProperty().isNotEmpty());
        warning.visibleProperty().bind(warning.managedProperty());

        status.setId("flow-file-status");
        status.getStyleClass().add("inline-status");
        status.setWrapText(true);
        status.textProperty().bind(model.status());

        save.setId("flow-file-save");
        save.setTooltip(new Tooltip("Save this file as the skill's flow (Ctrl+S)"));
        save.setOnAction(e -> save());
        save.disableProperty()
                .bind(Bindings.createBooleanBinding(
                        () -> !dirty()
                                || !model.problems().isEmpty()
                                || model.checking().get()
                                || model.saving().get(),
                        text.textProperty(),
                        model.saved(),
                        model.problems(),
                        model.checking(),
                        model.saving()));
        Button discard = Controls.button("Discard edits", "Show the flow as it is saved again", this::discard);
        discard.setId("flow-file-discard");
        discard.disableProperty()
                .bind(Bindings.createBooleanBinding(() -> !dirty(), text.textProperty(), model.saved()));
        Button export =
                Controls.button("Export…", "Write this text to a YAML file (for flows import elsewhere)", this::export);
        export.setId("flow-file-export");
        HBox buttons = new HBox(8, save, discard, export);
        buttons.setAlignment(Pos.CENTER_LEFT);

        root.getChildren()
                .addAll(title, explain, text, PromptsView.section("Problems"), problems, warning, buttons, status);
        root.setPadding(new Insets(8));
        root.setId("flow-file-pane");
        root.getStyleClass().add("prompt-editor");
        root.setVisible(false);
        this.saved = saved;
    }

    Node node() {
        return root;
    }

    FlowFileViewModel model() {
        return model;
    }

    /** Shows a skill's flow (null hides the pane). */
    void show(String skill, String name) {
        root.setVisible(skill != null);
        if (skill == null) {
            return;
        }
        title.setText("Flow file · " + name);
        fill("");
        model.open(skill, now -> {
            fill(now);
            model.check(now); // a stored flow may not fit a taxonomy edited since
        });
    }

    boolean isShowing() {
        return root.isVisible();
    }

    String skill() {
        return model.skill().get();
    }

    /** Whether the text differs from the saved flow. */
    boolean dirty() {
        return root.isVisible() && !text.getText().equals(model.saved().get());
    }

    void save() {
        if (save.isDisabled()) {
            return;
        }
        String skill = model.skill().get();
        model.save(text.getText(), now -> {
            int caret = text.getCaretPosition();
            fill(now);
            text.positionCaret(Math.min(caret, now.length()));
            saved.accept(skill);
        });
    }

    private void discard() {
        fill(model.saved().get());
        model.check(text.getText());
    }

    private void export() {
        String skill = model.skill().get();
        Optional.ofNullable(skill)
                .flatMap(s ->
                        context.dialogs().chooseSaveFile("Export the flow of " + s, s + ".yaml", "Flow files", "yaml"))
                .ifPresent(file -> model.export(text.getText(), file));
    }

    private void fill(String value) {
        filling = true;
        try {
            text.setText(value);
        } finally {
            filling = false;
        }
        checkLater.stop();
    }

    private void goToProblem() {
        FlowProblem p = problems.getSelectionModel().getSelectedItem();
        if (p == null || p.line() <= 0) {
            return;
        }
        String all = text.getText();
        int offset = 0;
        for (int line = 1; line < p.line() && offset >= 0; line++) {
            int next = all.indexOf('\n', offset);
            offset = next < 0 ? -1 : next + 1;
        }
        text.requestFocus();
        if (offset >= 0 && p.column() > 0) {
            int end = all.indexOf('\n', offset);
            offset = Math.min(offset + p.column() - 1, end < 0 ? all.length() : end);
        }
        text.positionCaret(offset < 0 ? all.length() : offset);
    }
}
