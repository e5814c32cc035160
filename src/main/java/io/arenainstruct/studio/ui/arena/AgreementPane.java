package io.arenainstruct.studio.ui.arena;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import io.arenainstruct.studio.service.agreement.AnnotatorAgreement;
import io.arenainstruct.studio.service.agreement.JudgeAgreement;
import io.arenainstruct.studio.ui.common.Controls;
import io.arenainstruct.studio.ui.common.Focus;
import io.arenainstruct.studio.ui.common.LongText;

/**
 * The Agreement tab: a category chooser, the judges against the people's majority verdict, the pairs of annotators,
 * and Krippendorff's alpha. Every column's title explains its figure in a tooltip; a dash is a figure that cannot be
 * computed (no battles to count, or chance alone explains the agreement).
 */
final class AgreementPane {
    static final String ALL_CATEGORIES = "All categories";

    private final AgreementViewModel model;
    private final BorderPane root = new BorderPane();
    private final ComboBox<String> category = new ComboBox<>();
    private final TableView<JudgeAgreement> judges = new TableView<>();
    private final TableView<AnnotatorAgreement> annotators = new TableView<>();

    AgreementPane(AgreementViewModel model) {
        this.model = model;
        root.setId("arena-agreement");
        root.setTop(toolbar());
        SplitPane split = new SplitPane(judgesPane(), annotatorsPane());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.55);
        root.setCenter(split);
    }

    Node node() {
        return root;
    }

    /**
     * Focuses the category chooser, once the tab pane has finished switching to this tab (asked at once, the
     * focus went back to the tab pane as it finished switching).
     */
    void focus() {
        Platform.runLater(() -> Focus.whenShown(category));
    }

    private Node toolbar() {
        category.setId("agreement-category");
        category.setTooltip(new Tooltip("Only the battles on instructions of this taxonomy category"));
        category.setPrefWidth(180);
        Runnable fill = () -> {
            String keep = category.getValue();
            List<String> items = new ArrayList<>();
            items.add(ALL_CATEGORIES);
            items.addAll(model.categories());
            if (!category.getItems().equals(items)) {
                category.getItems().setAll(items);
            }
            category.setValue(keep != null && items.contains(keep) ? keep : ALL_CATEGORIES);
        };
        fill.run();
        model.categories().addListener((ListChangeListener<String>) c -> fill.run());
        category.valueProperty()
                .addListener((obs, o, n) -> model.category().set(n == null || ALL_CATEGORIES.equals(n) ? null : n));
        Button refresh =
                Controls.button("Refresh", "Read the verdicts and work the figures out again (F5)", model::refresh);
        refresh.setId("agreement-refresh");
        Label summary = new Label();
        summary.setId("agreement-summary");
        summary.textProperty().bind(model.summary());
        // Reading every battle people voted on takes seconds on a large store; the figures shown stay until then.
        Label reading = new Label("Reading the verdicts…");
        reading.setId("agreement-reading");
        reading.getStyleClass().add("field-caption");
        reading.visibleProperty().bind(model.loading());
        reading.managedProperty().bind(model.loading());
        return Controls.toolbar(new Label("Category"), category, refresh, summary, reading);
    }

    private Node judgesPane() {
        judges.setId("agreement-judges");
        judges.setItems(model.judges());
        judges.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        judges.setPlaceholder(new Label("No judge verdicts on battles people voted on. Judge battles (Judge tab),"
                + " vote on them, or import human votes with the command line's battles import."));
        // One column per figure, its meaning in plain words in the title's tooltip.
        List<TableColumn<JudgeAgreement, ?>> cols = judges.getColumns();
        cols.add(text(
                "judge",
                "Judge",
                200,
                "The judge model (or jury) and the judge prompt it judged with",
                j -> LongText.visible(j.agent() == null ? j.judge() : j.judge() + " · " + j.agent())));
        cols.add(text(
                "prompt",
                "Prompt",
                60,
                "The judge prompt's version (a dash for verdicts imported from files, which name none)",
                j -> j.promptVersion() == null ? "—" : "v" + j.promptVersion()));
        cols.add(number(
                "battles",
                "Battles",
                70,
                "Battles with a human majority verdict that this judge decided",
                j -> Long.toString(j.battles())));
        cols.add(number(
                "agreement",
                "Agrees",
                70,
                "How often the judge's verdict (A better, B better, or a tie) is the people's; both-bad counts as a"
                        + " tie",
                j -> AgreementViewModel.figure(j.agreement())));
        cols.add(number(
                "without-ties",
                "Without ties",
                90,
                "The same, counting only battles where neither the judge nor the people said tie",
                j -> AgreementViewModel.figure(j.agreementWithoutTies())));
        cols.add(number(
                "kappa",
                "Kappa",
                70,
                "Cohen's kappa: agreement beyond what chance alone would give. 1: always agree; 0: no better than"
                        + " chance; below 0: worse than chance",
                j -> AgreementViewModel.figure(j.kappa())));
        cols.add(number(
                "games",
                "Games agree",
                90,
                "Each of the judge's games (in either order of the answers) against the people's verdict",
                j -> AgreementViewModel.figure(j.gameAgreement())));
        cols.add(number(
                "consistency",
                "Same both ways",
                110,
                "Of the battles judged twice with the answers swapped, how often both games gave the same verdict"
                        + " once the swap is undone (low: the order of the answers sways the judge)",
                j -> AgreementViewModel.figure(j.positionConsistency())));
        cols.add(number(
                "first",
                "Shown first wins",
                110,
                "Of the games with a winner, how often the answer shown first won (0.5: no preference for a"
                        + " position)",
                j -> AgreementViewModel.figure(j.firstPositionWins())));
        cols.add(number(
                "longer",
                "Longer wins",
                90,
                "Of the battles the judge gave to one answer, how often the longer one (by characters) won; answers"
                        + " of equal length are left out",
                j -> AgreementViewModel.figure(j.longerWins())));
        Label heading = new Label("Judges against the people's majority verdict");
        heading.getStyleClass().add("title-4");
        Label legend = new Label("Point at a column's title for what it counts. A dash: the figure cannot be"
                + " computed (nothing to count, or chance alone explains it).");
        legend.getStyleClass().add("field-caption");
        legend.setWrapText(true);
        return section(heading, legend, judges);
    }

    private Node annotatorsPane() {
        annotators.setId("agreement-annotators");
        annotators.setItems(model.annotators());
        annotators.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        annotators.setPlaceholder(new Label("No two annotators voted on the same battle."));
        List<TableColumn<AnnotatorAgreement, ?>> cols = annotators.getColumns();
        cols.add(text("a", "Annotator", 160, "One of the two annotators", a -> LongText.visible(a.a())));
        cols.add(text("b", "With", 160, "The other annotator", a -> LongText.visible(a.b())));
        cols.add(number(
                "pair-battles",
                "Battles",
                70,
                "Battles both of them voted on (each one's latest vote)",
                a -> Long.toString(a.battles())));
        cols.add(number(
                "pair-agreement",
                "Agree",
                70,
                "How often the two gave the same verdict (A better, B better, or a tie; both-bad is a tie)",
                a -> AgreementViewModel.figure(a.agreement())));
        cols.add(number(
                "pair-kappa",
                "Kappa",
                70,
                "Cohen's kappa: their agreement beyond chance. 1: always agree; 0: no better than chance",
                a -> AgreementViewModel.figure(a.kappa())));
        Label heading = new Label("Annotators with each other");
        heading.getStyleClass().add("title-4");
        Label alpha = new Label();
        alpha.setId("agreement-alpha");
        alpha.textProperty().bind(model.alpha());
        alpha.setTooltip(new Tooltip("Krippendorff's alpha (nominal) over every annotator at once, counting the"
                + " battles two or more of them voted on. 1: perfect agreement; 0: what chance would give;"
                + " 0.8 and above is usually taken as reliable"));
        return section(heading, alpha, annotators);
    }

    private static VBox section(Label heading, Label caption, TableView<?> table) {
        VBox box = new VBox(4, heading, caption, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        box.setPadding(new Insets(8));
        return box;
    }

    /**
     * A column whose title carries its explanation as a tooltip (a column has no tooltip of its own, so the title
     * is a label that has one).
     */
    private static <R> TableColumn<R, String> text(
            String id, String title, double width, String explanation, Function<R, String> value) {
        TableColumn<R, String> col = new TableColumn<>();
        Label header = new Label(title);
        header.setTooltip(new Tooltip(explanation));
        col.setGraphic(header);
        col.setId("agreement-column-" + id);
        col.setPrefWidth(width);
        col.setMinWidth(Math.min(width, 60));
        col.setSortable(false);
        col.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        return col;
    }

    private static <R> TableColumn<R, String> number(
            String id, String title, double width, String explanation, Function<R, String> value) {
        TableColumn<R, String> col = text(id, title, width, explanation, value);
        col.getStyleClass().add("numeric");
        return col;
    }
}
