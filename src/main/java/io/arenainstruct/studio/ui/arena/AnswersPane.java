package io.arenainstruct.studio.ui.arena;

import java.util.List;

import javafx.beans.InvalidationListener;
import javafx.geometry.Insets;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.ui.AppContext;
import io.arenainstruct.studio.ui.common.Controls;
import io.arenainstruct.studio.ui.task.JobEventBridge;

/**
 * The Answers tab of the Arena area: on the left, which endpoints' models answer which instructions, with the
 * estimate of calls, tokens and cost; on the right, the answering jobs with their progress and failures. A job
 * runs in the background and goes on when the tab closes. Keys: Ctrl+Enter starts, Ctrl+P pauses or goes on,
 * Esc cancels, Ctrl+R resumes the selected job, F5 reads the store again.
 */
public final class AnswersPane extends BorderPane {
    private final AnswersViewModel model;

    /** The one place the tab unpacks the context: its view model takes only the services it uses. */
    private static AnswersViewModel newModel(AppContext context) {
        Workspace ws = context.workspace();
        return new AnswersViewModel(
                ws.arena(),
                ws.endpoints(),
                ws.datasets(),
                new JobEventBridge<>(ws.arenaJobs(), context.taskExecutor()),
                context.taskExecutor(),
                context.dialogs());
    }

    public AnswersPane(AppContext context) {
        this.model = newModel(context);
        setId("answers-pane");
        getStyleClass().add("arena-job-pane");
        SplitPane split = new SplitPane(form(), new AnswersJudgeJobsView("answers", model.jobs()));
        split.setDividerPositions(0.45);
        setCenter(split);
        AnswersJudgeFormView.keys(this, model::start, model.jobs(), model::refresh);
        model.refresh();
    }

    private BorderPane form() {
        Label title = new Label("Answer instructions");
        title.getStyleClass().add("title-3");

        VBox endpoints = AnswersJudgeFormView.endpointBoxes(
                "answers", model.form(), "Its model answers each chosen instruction");

        ComboBox<AnswersViewModel.Source> source = new ComboBox<>();
        source.getItems().setAll(AnswersViewModel.Source.values());
        source.setId("answers-source");
        source.setTooltip(new Tooltip("Which instructions: all of them, a dataset's, a category's or a run's"));
        source.valueProperty().bindBidirectional(model.source());

        ComboBox<String> value = AnswersJudgeFormView.nameField(
                "answers-value",
                "dataset, category or run number",
                "The dataset or category (type or pick one), or the run's number",
                model.value(),
                model.source().isEqualTo(AnswersViewModel.Source.ALL));
        VBox instructions = AnswersJudgeFormView.stacked(source, value);
        Runnable offer = () -> value.getItems()
                .setAll(model.source().get() == AnswersViewModel.Source.DATASET ? model.datasetNames() : List.of());
        model.source().addListener((obs, o, n) -> offer.run());
        model.datasetNames().addListener((InvalidationListener) obs -> offer.run());

        Spinner<Integer> perModel = new Spinner<>(
                1, AnswersViewModel.MAX_PER_MODEL, model.perModel().get());
        perModel.setId("answers-per-model");
        perModel.setEditable(true);
        perModel.setPrefWidth(80);
        perModel.setTooltip(new Tooltip("Answers each model gives to each instruction (samples)"));
        perModel.valueProperty().addListener((obs, o, n) -> model.perModel().set(n == null ? 1 : n));

        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(8);
        grid.addRow(0, new Label("Endpoints"), endpoints);
        grid.addRow(1, new Label("Instructions"), instructions);
        grid.addRow(2, new Label("Answers per model"), perModel);
        Controls.labelledColumns(grid);

        Label note = new Label("An instruction a model has answered already is not asked again.");
        note.setWrapText(true);
        note.getStyleClass().add("arena-estimate");
        VBox box = new VBox(12, title, grid, note);
        box.setPadding(new Insets(12));
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        BorderPane pane = new BorderPane(scroll);
        pane.setId("answers-form");
        pane.setBottom(AnswersJudgeFormView.footer(
                "answers",
                model.form(),
                "Ask the models for their answers; it goes on in the background",
                model::start));
        return pane;
    }

    /** Reads the endpoints, datasets and jobs again (when the tab is shown). */
    public void refresh() {
        model.refresh();
    }

    /** Stops listening to the jobs; they go on. */
    public void close() {
        model.close();
    }

    AnswersViewModel model() {
        return model;
    }
}
