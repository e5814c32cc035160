package io.arenainstruct.studio.ui.arena;

import java.util.ArrayList;
import java.util.List;

import javafx.beans.binding.Bindings;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import io.arenainstruct.studio.ui.common.Controls;

/** Builders the Answers and Judge panes share: the endpoint boxes, the estimate footer, the keys. */
final class AnswersJudgeFormView {
    static final KeyCombination START = new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination PAUSE = new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination RESUME = new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination CANCEL = new KeyCodeCombination(KeyCode.ESCAPE);
    static final KeyCombination REFRESH = new KeyCodeCombination(KeyCode.F5);

    private AnswersJudgeFormView() {}

    /**
     * One check box per endpoint, rebuilt when the store's endpoints change: each takes the focus with Tab and
     * ticks with Space, as a person expects of a list of choices.
     */
    static VBox endpointBoxes(String prefix, AnswersJudgeForm form, String tooltip) {
        VBox box = new VBox(4);
        box.setId(prefix + "-endpoints");
        Runnable fill = () -> {
            List<Node> boxes = new ArrayList<>();
            for (AnswersJudgeForm.EndpointChoice c : form.endpoints()) {
                CheckBox b = new CheckBox(c.toString());
                b.setId(prefix + "-endpoint-" + c.name());
                b.setTooltip(new Tooltip(tooltip + " (Space ticks)"));
                b.selectedProperty().bindBidirectional(c.chosen());
                boxes.add(Controls.whole(b));
            }
            if (boxes.isEmpty()) {
                boxes.add(new Label("No endpoint yet: add one in Endpoints."));
            }
            box.getChildren().setAll(boxes);
        };
        form.endpoints().addListener((ListChangeListener<AnswersJudgeForm.EndpointChoice>) c -> {
            while (c.next()) {
                if (!c.wasUpdated()) {
                    fill.run();
                    return;
                }
            }
        });
        fill.run();
        return box;
    }

    /** The estimate (or "Estimating…"), the problems, and Start, kept in sight below the form. */
    /**
     * The name a choice takes (a dataset, a category, a model…): an editable combo whose typed or picked text is the
     * view model's value.
     */
    static ComboBox<String> nameField(
            String id, String prompt, String tooltip, StringProperty value, ObservableValue<Boolean> off) {
        ComboBox<String> name = new ComboBox<>();
        name.setId(id);
        name.setEditable(true);
        name.setPromptText(prompt);
        name.setTooltip(new Tooltip(tooltip));
        name.disableProperty().bind(off);
        name.getEditor().textProperty().addListener((obs, o, n) -> value.set(n == null ? "" : n));
        name.valueProperty().addListener((obs, o, n) -> {
            if (n != null && !n.equals(name.getEditor().getText())) {
                name.getEditor().setText(n);
            }
        });
        return name;
    }

    /** A choice above the name it takes: side by side, both are cut short in a 1024 px window. */
    static VBox stacked(ComboBox<?> choice, ComboBox<String> name) {
        choice.setMinWidth(Region.USE_PREF_SIZE);
        name.setMaxWidth(Double.MAX_VALUE);
        return new VBox(6, choice, name);
    }

    static VBox footer(String prefix, AnswersJudgeForm form, String startTooltip, Runnable start) {
        Label estimate = new Label();
        estimate.setId(prefix + "-estimate");
        estimate.getStyleClass().add("arena-estimate");
        estimate.setWrapText(true);
        estimate.textProperty()
                .bind(Bindings.when(form.checkingNow()).then("Estimating…").otherwise(form.estimate()));
        estimate.managedProperty().bind(estimate.textProperty().isNotEmpty());
        estimate.visibleProperty().bind(estimate.managedProperty());

        Label problems = new Label();
        problems.setId(prefix + "-problems");
        problems.getStyleClass().add("problem");
        problems.setWrapText(true);
        problems.textProperty()
                .bind(Bindings.createStringBinding(() -> String.join("\n", form.problems()), form.problems()));
        problems.managedProperty().bind(problems.textProperty().isNotEmpty());
        problems.visibleProperty().bind(problems.managedProperty());

        Button button = Controls.button("Start", startTooltip + " (Ctrl+Enter)", start);
        button.setId(prefix + "-start");
        button.getStyleClass().add("accent");
        button.disableProperty().bind(form.canStart().not());

        VBox footer = new VBox(8, estimate, problems, button);
        footer.setPadding(new Insets(8, 12, 12, 12));
        footer.getStyleClass().add("arena-form-footer");
        return footer;
    }

    /**
     * The pane's keys wherever the focus is inside it: Ctrl+Enter, Ctrl+P, Ctrl+R and F5 before any control sees
     * them (a text field would take Enter); Esc only when no control used it (a combo box closes its list first).
     */
    static void keys(Node pane, Runnable start, AnswersJudgeJobs jobs, Runnable refresh) {
        pane.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            Runnable action = null;
            if (START.match(e)) {
                action = start;
            } else if (PAUSE.match(e)) {
                action = jobs::togglePause;
            } else if (RESUME.match(e)) {
                action = jobs::resumeSelected;
            } else if (REFRESH.match(e)) {
                action = refresh;
            }
            if (action != null) {
                action.run();
                e.consume();
            }
        });
        pane.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (CANCEL.match(e) && jobs.active().get()) {
                jobs.cancel();
                e.consume();
            }
        });
    }
}
