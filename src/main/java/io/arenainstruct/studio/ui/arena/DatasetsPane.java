package io.arenainstruct.studio.ui.arena;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import io.arenainstruct.studio.domain.arena.ArenaDataset;
import io.arenainstruct.studio.service.arena.formats.DatasetFormat;
import io.arenainstruct.studio.ui.common.Controls;
import io.arenainstruct.studio.ui.common.LongText;
import io.arenainstruct.studio.ui.common.ReadOnlyText;

/** The Datasets tab: import controls, the datasets, and the last import's report. */
final class DatasetsPane {
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private final DatasetsViewModel model;
    private final BorderPane root = new BorderPane();
    private final TableView<ArenaDataset> table = new TableView<>();
    private final ComboBox<String> format = new ComboBox<>();
    private final TextArea reportArea = new TextArea();
    private final ReadOnlyText report = new ReadOnlyText(reportArea);

    DatasetsPane(DatasetsViewModel model) {
        this.model = model;
        root.setId("arena-datasets");
        root.setTop(toolbar());
        SplitPane split = new SplitPane(tablePane(), reportPane());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.5);
        root.setCenter(split);
    }

    Node node() {
        return root;
    }

    void focus() {
        table.requestFocus();
    }

    private Node toolbar() {
        format.setId("dataset-format");
        format.getItems().setAll(DatasetsViewModel.formats());
        format.valueProperty().bindBidirectional(model.format());
        StringBuilder formats = new StringBuilder("auto: each file's format is told by its fields. Or name it:");
        for (DatasetFormat f : DatasetFormat.values()) {
            formats.append("\n").append(f.id()).append(": ").append(f.description());
        }
        format.setTooltip(new Tooltip(formats.toString()));
        Label formatLabel = new Label("_Format");
        formatLabel.setMnemonicParsing(true);
        formatLabel.setLabelFor(format);

        TextField name = new TextField();
        name.setId("dataset-name");
        name.setPromptText("from the files");
        name.setPrefColumnCount(10);
        name.textProperty().bindBidirectional(model.name());
        name.setTooltip(new Tooltip("The dataset the instructions join. Blank: an Arena-Hard question file's"
                + " benchmark, else the file's name without its extension"));
        Label nameLabel = new Label("_Name");
        nameLabel.setMnemonicParsing(true);
        nameLabel.setLabelFor(name);

        TextField answerModel = new TextField();
        answerModel.setId("dataset-model");
        answerModel.setPromptText("none");
        answerModel.setPrefColumnCount(8);
        answerModel.textProperty().bindBidirectional(model.model());
        answerModel.setTooltip(new Tooltip("The model of answers whose line names none (an OpenAI chat line"
                + " without metadata.model, an Alpaca output); blank: such answers are not kept"));
        Label modelLabel = new Label("Answers' _model");
        modelLabel.setMnemonicParsing(true);
        modelLabel.setLabelFor(answerModel);

        Label problem = new Label();
        problem.setId("dataset-name-problem");
        problem.getStyleClass().add("problem");
        problem.textProperty().bind(model.problem());

        Button importButton = Controls.button(
                "Import…",
                "Import JSONL files: OpenAI chat, ShareGPT, Alpaca, plain prompts, Arena-Hard questions and"
                        + " answers (Ctrl+I). Runs in the background; Cancel is in the status bar",
                model::chooseAndImport);
        importButton.setId("dataset-import");
        importButton.disableProperty().bind(model.importing());
        Button refresh = Controls.button("Refresh", "Read the datasets again (F5)", model::refresh);
        refresh.setId("dataset-refresh");
        return Controls.toolbar(
                formatLabel, format, nameLabel, name, modelLabel, answerModel, importButton, refresh, problem);
    }

    private Node tablePane() {
        table.setId("dataset-table");
        table.setItems(model.datasets());
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.setPlaceholder(new Label("No datasets yet: Import… (Ctrl+I) reads instruction files"));
        table.getColumns()
                .setAll(List.of(
                        column("Name", 260, d -> LongText.visible(d.name()), false),
                        column("Format", 100, ArenaDataset::format, false),
                        column("Instructions", 120, ArenaDataset::instructions, true),
                        column("Responses", 110, ArenaDataset::responses, true),
                        column("Imported", 150, d -> d.createdAt() == null ? "" : WHEN.format(d.createdAt()), false)));
        VBox box = new VBox(table);
        VBox.setVgrow(table, Priority.ALWAYS);
        return box;
    }

    private Node reportPane() {
        Label title = new Label("The last import's report: what was imported, and each rejected line");
        title.setId("dataset-report-title");
        title.setWrapText(true);
        reportArea.setId("dataset-report");
        LongText.wrapUnlessShaped(reportArea);
        reportArea.setPromptText("Nothing imported yet in this session");
        model.report().addListener((obs, o, n) -> report.setText(n));
        VBox box = new VBox(4, title, report);
        VBox.setVgrow(report, Priority.ALWAYS);
        box.setPadding(new Insets(8));
        box.getStyleClass().add("dataset-report");
        return box;
    }

    private static <T> TableColumn<ArenaDataset, T> column(
            String title, double width, Function<ArenaDataset, T> value, boolean numeric) {
        TableColumn<ArenaDataset, T> col = new TableColumn<>(title);
        col.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        col.setPrefWidth(width);
        if (numeric) {
            col.getStyleClass().add("numeric");
        }
        return col;
    }
}
