package io.arenainstruct.studio.ui.loop;

import java.util.List;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.cell.CheckBoxTableCell;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import io.arenainstruct.studio.ui.common.Controls;
import io.arenainstruct.studio.ui.loop.NextIterationModel.EndpointChoice;

/**
 * The Next iteration tab: the run endpoint, the pool and the judges (ticked as the previous iteration had them), the
 * seeds, a note; the plan's estimate per stage below, or the sentence that refuses it; Start (Ctrl+Enter) runs the
 * chain in the background and Cancel stops it at the job running.
 */
final class NextIterationPane {
    private final VBox root = new VBox(10);
    private final ComboBox<String> endpoint = new ComboBox<>();
    private final TableView<EndpointChoice> table = new TableView<>();
    private final Button start;
    private final NextIterationModel model;

    NextIterationPane(NextIterationModel model) {
        this.model = model;
        start = Controls.button("Start", "Make the iteration as planned, in the background (Ctrl+Enter)", model::start);
        start.setId("loop-next-start");
        start.disableProperty().bind(model.plan().isNull().or(model.running()));
        root.getStyleClass().add("loop-next");
        Label intro = new Label("The next iteration in one step: a run with the accepted weights and rounds, its"
                + " instructions answered by the pool, paired into battles as the previous iteration did, and judged.");
        intro.getStyleClass().add("loop-rule");
        intro.setWrapText(true);
        intro.setMinHeight(Label.USE_PREF_SIZE);

        endpoint.setId("loop-next-endpoint");
        endpoint.setItems(model.endpoints());
        endpoint.valueProperty().bindBidirectional(model.endpoint());
        CheckBox reuse = new CheckBox("_Reuse seeds (all seeds, asked afresh)");
        reuse.setId("loop-next-reuse");
        reuse.setMnemonicParsing(true);
        reuse.selectedProperty().bindBidirectional(model.reuseSeeds());
        CheckBox resume = new CheckBox("Con_tinue the stopped iteration");
        resume.setId("loop-next-resume");
        resume.setMnemonicParsing(true);
        resume.selectedProperty().bindBidirectional(model.resume());
        TextField note = new TextField();
        note.setId("loop-next-note");
        note.setPromptText("What the iteration is for");
        note.setPrefColumnCount(30);
        note.textProperty().bindBidirectional(model.note());

        GridPane form = Controls.labelledColumns(new GridPane());
        form.setHgap(8);
        form.setVgap(6);
        // Start beside the first choice, in sight in the smallest window whatever the table and the estimate take
        form.addRow(0, label("Run _endpoint:", endpoint), new HBox(16, endpoint, buttons()));
        form.addRow(1, label("N_ote:", note), note);
        form.add(new HBox(16, reuse, resume), 1, 2);
        form.getChildren().stream().filter(n -> n instanceof CheckBox).forEach(n -> Controls.whole((CheckBox) n));

        buildTable(model);
        Label tableTitle = new Label("Answer endpoints and judges (on a row: Space ticks Answers, J ticks Judge)");
        tableTitle.getStyleClass().add("section-title");

        Label estimate = new Label();
        estimate.setId("loop-next-estimate");
        estimate.getStyleClass().add("loop-estimate");
        estimate.setWrapText(true);
        estimate.setMinHeight(Label.USE_PREF_SIZE);
        estimate.textProperty().bind(model.estimate());
        Label problem = new Label();
        problem.setId("loop-next-problem");
        problem.getStyleClass().addAll("inline-status", "problem");
        problem.setWrapText(true);
        problem.setMinHeight(Label.USE_PREF_SIZE);
        problem.textProperty().bind(model.problem());
        problem.managedProperty().bind(problem.textProperty().isNotEmpty());
        problem.visibleProperty().bind(problem.managedProperty());

        Label outcome = new Label();
        outcome.setId("loop-next-outcome");
        outcome.getStyleClass().add("inline-status");
        outcome.setWrapText(true);
        outcome.setMinHeight(Label.USE_PREF_SIZE);
        outcome.textProperty().bind(model.outcome());
        model.outcomeFailed().addListener((obs, o, n) -> Controls.styleIf(outcome, "problem", n));
        outcome.managedProperty().bind(outcome.textProperty().isNotEmpty());
        outcome.visibleProperty().bind(outcome.managedProperty());

        Label estimateTitle = new Label("The plan and its estimate");
        estimateTitle.getStyleClass().add("section-title");
        VBox content = new VBox(10, intro, form, outcome, estimateTitle, estimate, problem, tableTitle, table);
        content.getStyleClass().add("loop-dashboard");
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        root.getChildren().setAll(scroll);
        VBox.setVgrow(scroll, Priority.ALWAYS);
    }

    private HBox buttons() {
        Button cancel = Controls.button(
                "Cancel", "Stop the chain at the job running now; what it made is kept (Ctrl+Period)", model::cancel);
        cancel.setId("loop-next-cancel");
        cancel.disableProperty().bind(model.running().not());
        Button again = Controls.button("Estimate again", "Work out the plan again from the store", model::open);
        again.disableProperty().bind(model.running());
        HBox buttons = new HBox(8, start, cancel, again);
        buttons.setAlignment(Pos.CENTER_LEFT);
        return buttons;
    }

    private static Label label(String text, Node field) {
        Label l = new Label(text);
        l.setMnemonicParsing(true);
        l.setLabelFor(field);
        return Controls.whole(l);
    }

    private void buildTable(NextIterationModel model) {
        table.setId("loop-next-endpoints");
        table.setEditable(true);
        table.setItems(model.choices());
        table.setPlaceholder(new Label("No endpoints: add them in Endpoints."));
        TableColumn<EndpointChoice, String> name = new TableColumn<>("Endpoint");
        name.setCellValueFactory(d -> new ReadOnlyStringWrapper(d.getValue().name()));
        name.setPrefWidth(200);
        TableColumn<EndpointChoice, String> modelName = new TableColumn<>("Model");
        modelName.setCellValueFactory(
                d -> new ReadOnlyStringWrapper(d.getValue().model()));
        modelName.setPrefWidth(200);
        TableColumn<EndpointChoice, Boolean> answers = new TableColumn<>("Answers");
        answers.setCellValueFactory(d -> d.getValue().answers());
        answers.setCellFactory(CheckBoxTableCell.forTableColumn(answers));
        answers.setMinWidth(90);
        TableColumn<EndpointChoice, Boolean> judges = new TableColumn<>("Judge");
        judges.setCellValueFactory(d -> d.getValue().judges());
        judges.setCellFactory(CheckBoxTableCell.forTableColumn(judges));
        judges.setMinWidth(80);
        table.getColumns().setAll(List.of(name, modelName, answers, judges));
        table.getColumns().forEach(c -> c.setSortable(false));
        name.setEditable(false);
        modelName.setEditable(false);
        table.setFixedCellSize(30);
        table.prefHeightProperty()
                .bind(table.fixedCellSizeProperty()
                        .multiply(Bindings.max(2, Bindings.size(model.choices())))
                        // the header and the borders
                        .add(48));
        table.setMinHeight(Label.USE_PREF_SIZE);
        table.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            EndpointChoice c = table.getFocusModel().getFocusedItem();
            if (c == null || e.isShortcutDown() || e.isAltDown()) {
                return;
            }
            if (e.getCode() == KeyCode.SPACE) {
                c.answers().set(!c.answers().get());
                e.consume();
            } else if (e.getCode() == KeyCode.J) {
                c.judges().set(!c.judges().get());
                e.consume();
            }
        });
    }

    Node node() {
        return root;
    }

    /** Where the keys go when the tab opens. */
    ComboBox<String> endpoint() {
        return endpoint;
    }

    Button start() {
        return start;
    }

    TableView<EndpointChoice> table() {
        return table;
    }
}
