package io.arenainstruct.studio.ui.arena;

import javafx.beans.InvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import io.arenainstruct.studio.domain.arena.JudgeAgent;
import io.arenainstruct.studio.domain.arena.JudgeStyle;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.ui.AppContext;
import io.arenainstruct.studio.ui.common.Controls;
import io.arenainstruct.studio.ui.task.JobEventBridge;

/**
 * The Judge tab of the Arena area: on the left, the judge endpoints (several make a jury), the judge prompt, how a
 * jury pools, one game or two with the positions swapped, and which battles, with the estimate of the whole
 * jury's calls and cost; on the right, the judging jobs with their progress and failures. Keys: Ctrl+Enter starts,
 * Ctrl+P pauses or goes on, Esc cancels, Ctrl+R resumes the selected job, F5 reads the store again.
 */
public final class JudgePane extends BorderPane {
    private final JudgeViewModel model;

    private static JudgeViewModel newModel(AppContext context) {
        Workspace ws = context.workspace();
        return new JudgeViewModel(
                ws.arena(),
                ws.endpoints(),
                ws.battles(),
                new JobEventBridge<>(ws.arenaJobs(), context.taskExecutor()),
                context.taskExecutor(),
                context.dialogs());
    }

    public JudgePane(AppContext context) {
        this.model = newModel(context);
        setId("judge-pane");
        getStyleClass().add("arena-job-pane");
        SplitPane split = new SplitPane(form(), new AnswersJudgeJobsView("judge", model.jobs()));
        split.setDividerPositions(0.45);
        setCenter(split);
        AnswersJudgeFormView.keys(this, model::start, model.jobs(), model::refresh);
        model.refresh();
    }

    private BorderPane form() {
        Label title = new Label("Judge battles");
        title.getStyleClass().add("title-3");

        VBox judges = AnswersJudgeFormView.endpointBoxes(
                "judge", model.form(), "Its model judges each battle; tick several for a jury");

        ComboBox<JudgeAgent> prompt = new ComboBox<>(model.prompts());
        prompt.setId("judge-prompt");
        prompt.setTooltip(new Tooltip("The judge prompt (edited and versioned in Agents & Prompts)"));
        prompt.setConverter(new StringConverter<>() {
            @Override
            public String toString(JudgeAgent a) {
                return a == null ? "" : a.name() + (a.style() == JudgeStyle.GRADED ? " · graded" : " · scores");
            }

            @Override
            public JudgeAgent fromString(String s) {
                return null;
            }
        });
        prompt.valueProperty().bindBidirectional(model.prompt());
        Label promptInfo = new Label();
        promptInfo.setId("judge-prompt-info");
        promptInfo.setWrapText(true);
        promptInfo.getStyleClass().add("arena-estimate");
        promptInfo.textProperty().bind(model.promptInfo());

        ComboBox<JudgeViewModel.Pool> pool = new ComboBox<>();
        pool.getItems().setAll(JudgeViewModel.Pool.values());
        pool.setId("judge-pool");
        pool.setTooltip(new Tooltip("How a jury's verdicts make one: majority vote of the judges' verdicts, or the"
                + " mean of their scores; a split jury marks the battle disputed"));
        pool.valueProperty().bindBidirectional(model.pool());
        // a single judge has nothing to pool
        pool.disableProperty()
                .bind(Bindings.createBooleanBinding(
                        () -> model.form().chosen().size() < 2, model.form().endpoints()));

        CheckBox swapped = new CheckBox("Two games, positions swapped");
        swapped.setId("judge-games");
        swapped.setTooltip(new Tooltip(
                "Ticked: each battle is judged twice with A and B swapped, so position bias" + " shows (Space ticks)"));
        swapped.setSelected(model.games().get() == 2);
        swapped.selectedProperty().addListener((obs, o, n) -> model.games().set(n ? 2 : 1));
        model.games().addListener((obs, o, n) -> swapped.setSelected(n.intValue() == 2));
        Controls.whole(swapped);

        ComboBox<JudgeViewModel.Battles> which = new ComboBox<>();
        which.getItems().setAll(JudgeViewModel.Battles.values());
        which.setId("judge-battles");
        which.setTooltip(
                new Tooltip("Which battles: the unjudged ones, all, or those with a status, model or" + " category"));
        which.valueProperty().bindBidirectional(model.which());
        ComboBox<String> value = AnswersJudgeFormView.nameField(
                "judge-battles-value",
                "status, model or category",
                "The status, model or category (type or pick one)",
                model.value(),
                Bindings.createBooleanBinding(
                        () -> model.which().get() == null
                                || !model.which().get().named(),
                        model.which()));
        value.getItems().setAll(model.values());
        model.values()
                .addListener((InvalidationListener) obs -> value.getItems().setAll(model.values()));
        VBox battles = AnswersJudgeFormView.stacked(which, value);

        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(8);
        grid.addRow(0, new Label("Judges"), judges);
        grid.addRow(1, new Label("Judge prompt"), prompt);
        grid.add(promptInfo, 1, 2);
        grid.addRow(3, new Label("Jury pools by"), pool);
        grid.addRow(4, new Label("Games"), swapped);
        grid.addRow(5, new Label("Battles"), battles);
        Controls.labelledColumns(grid);

        Label note = new Label(
                "A game the store holds already (same battle, judge and prompt version) is not" + " played again.");
        note.setWrapText(true);
        note.getStyleClass().add("arena-estimate");
        VBox box = new VBox(12, title, grid, note);
        box.setPadding(new Insets(12));
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        BorderPane pane = new BorderPane(scroll);
        pane.setId("judge-form");
        pane.setBottom(AnswersJudgeFormView.footer(
                "judge", model.form(), "Judge the battles; it goes on in the background", model::start));
        return pane;
    }

    /** Reads the endpoints, judge prompts, battles' models and categories, and jobs again. */
    public void refresh() {
        model.refresh();
    }

    /** Stops listening to the jobs; they go on. */
    public void close() {
        model.close();
    }

    JudgeViewModel model() {
        return model;
    }
}
