package io.arenainstruct.studio.ui.arena;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import io.arenainstruct.studio.domain.arena.BattleLinks;
import io.arenainstruct.studio.domain.arena.BattleStatus;
import io.arenainstruct.studio.ui.common.Controls;
import io.arenainstruct.studio.ui.common.LongText;
import io.arenainstruct.studio.ui.common.ReadOnlyText;

/**
 * The Battles tab: filters, a page of battles, and the selected battle: its instruction and both answers side by
 * side, every verdict below. Everything from models is plain text in read-only text areas (long or right-to-left
 * text shown in pieces by {@link ReadOnlyText}); nothing is rendered as markup.
 */
final class BattlesPane {
    static final String ANY_STATUS = "Any status";
    static final String ANY_MODEL = "All models";
    static final String ANY_CATEGORY = "All categories";
    static final String ANY_JUDGE = "Any judge";
    private static final String NO_BATTLE = "Select a battle to see its instruction, both answers and every verdict";

    private final BattlesViewModel model;
    private final BorderPane root = new BorderPane();
    private final TableView<BattlesViewModel.Row> table = new TableView<>();
    private final ComboBox<String> statusFilter = new ComboBox<>();
    private final ComboBox<String> modelFilter = new ComboBox<>();
    private final ComboBox<String> categoryFilter = new ComboBox<>();
    private final ComboBox<String> judgeFilter = new ComboBox<>();
    private final Label detailTitle = new Label(NO_BATTLE);
    private final Label headingA = new Label("Answer A");
    private final Label headingB = new Label("Answer B");
    private final ReadOnlyText instruction = text("battle-instruction");
    private final ReadOnlyText answerA = text("battle-answer-a");
    private final ReadOnlyText answerB = text("battle-answer-b");
    private final ReadOnlyText verdicts = text("battle-verdicts");
    /** The regeneration links of the battle shown: the battle it redoes, the battles that redo it. */
    private final HBox links = new HBox(16);
    /** A link was followed by keys or a click: the next battle shown puts the focus on its first link. */
    private boolean focusLinkNext;
    /** The battle last selected, to select it again after the page is read again. */
    private long selectedId = -1;

    BattlesPane(BattlesViewModel model) {
        this.model = model;
        root.setId("arena-battles");
        root.setTop(filters());
        SplitPane split = new SplitPane(tablePane(), detailPane());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.45);
        root.setCenter(split);
        model.detail().addListener((obs, o, d) -> showDetail(d));
    }

    Node node() {
        return root;
    }

    void focus() {
        table.requestFocus();
    }

    void focusFilters() {
        statusFilter.requestFocus();
    }

    private static ReadOnlyText text(String id) {
        TextArea area = new TextArea();
        area.setId(id);
        LongText.wrapUnlessShaped(area);
        return new ReadOnlyText(area);
    }

    private Node filters() {
        statusFilter.setId("battle-filter-status");
        List<String> statuses = new ArrayList<>();
        statuses.add(ANY_STATUS);
        for (BattleStatus s : BattleStatus.values()) {
            statuses.add(s.id());
        }
        statusFilter.getItems().setAll(statuses);
        statusFilter.setValue(ANY_STATUS);
        statusFilter.setTooltip(new Tooltip("unjudged: no verdict yet; judged: the judges settled it; disputed: a game"
                + " with no readable verdict, games that disagree once un-swapped, or a split jury; adjudicated: a"
                + " person decided (Ctrl+F focuses the filters)"));
        statusFilter
                .valueProperty()
                .addListener((obs, o, n) ->
                        model.status().set(n == null || ANY_STATUS.equals(n) ? null : BattleStatus.of(n)));

        modelFilter.setId("battle-filter-model");
        modelFilter.setTooltip(new Tooltip("Only the battles of this model, as A or as B"));
        choices(modelFilter, ANY_MODEL, model.models());
        modelFilter.valueProperty().addListener((obs, o, n) -> model.model().set(any(n, ANY_MODEL)));

        categoryFilter.setId("battle-filter-category");
        categoryFilter.setTooltip(new Tooltip("Only the battles on instructions of this category"));
        choices(categoryFilter, ANY_CATEGORY, model.categories());
        categoryFilter
                .valueProperty()
                .addListener((obs, o, n) -> model.category().set(any(n, ANY_CATEGORY)));

        judgeFilter.setId("battle-filter-judge");
        judgeFilter.setTooltip(new Tooltip("Only the battles this judge model (or jury) gave a verdict on"));
        choices(judgeFilter, ANY_JUDGE, model.judges());
        judgeFilter.valueProperty().addListener((obs, o, n) -> model.judge().set(any(n, ANY_JUDGE)));

        for (ComboBox<String> box : List.of(statusFilter, modelFilter, categoryFilter, judgeFilter)) {
            // Sized by their longest choice (a model or category name), the filters would push the bar off the window.
            box.setPrefWidth(150);
            box.setMinWidth(120);
        }
        Button clear = Controls.button("Clear filters", "Show every battle again", this::clearFilters);
        clear.setId("battle-clear-filters");
        return Controls.toolbar(new Label("Show"), statusFilter, modelFilter, categoryFilter, judgeFilter, clear);
    }

    private static String any(String value, String anyChoice) {
        return value == null || anyChoice.equals(value) ? null : value;
    }

    /** Keeps a filter's choices in step with the view model's list, its value kept while it is still a choice. */
    static void choices(ComboBox<String> box, String anyChoice, ObservableList<String> values) {
        Runnable fill = () -> {
            String keep = box.getValue();
            List<String> items = new ArrayList<>();
            items.add(anyChoice);
            items.addAll(values);
            if (!box.getItems().equals(items)) {
                box.getItems().setAll(items);
            }
            box.setValue(keep != null && items.contains(keep) ? keep : anyChoice);
        };
        fill.run();
        values.addListener((ListChangeListener<String>) c -> fill.run());
    }

    private void clearFilters() {
        statusFilter.setValue(ANY_STATUS);
        modelFilter.setValue(ANY_MODEL);
        categoryFilter.setValue(ANY_CATEGORY);
        judgeFilter.setValue(ANY_JUDGE);
    }

    private Node tablePane() {
        table.setId("battle-table");
        table.setItems(model.rows());
        // The columns share the table's width (at 1024 pixels the verdicts were scrolled off to the right); their
        // preferred widths are the proportions, their minimums keep each one readable.
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.setPlaceholder(new Label("No battles here. The command line's battles create pairs the answers"
                + " instructions have, battles import reads battle files; or clear the filters."));
        table.getColumns()
                .setAll(List.of(
                        column("Instruction", 330, 140, r -> oneLine(r.instruction())),
                        column(
                                "Model A",
                                140,
                                80,
                                r -> LongText.visible(r.battle().modelA())),
                        column(
                                "Model B",
                                140,
                                80,
                                r -> LongText.visible(r.battle().modelB())),
                        column(
                                "Category",
                                130,
                                70,
                                r -> r.battle().category() == null
                                        ? ""
                                        : LongText.visible(r.battle().category())),
                        column("Status", 95, 80, r -> r.battle().status().id()),
                        column("Verdicts", 260, 120, r -> oneLine(r.verdicts()))));
        table.getSelectionModel().selectedItemProperty().addListener((obs, o, n) -> {
            if (n != null) {
                selectedId = n.id();
            }
            model.select(n);
        });
        // A page read again (a judging job stored verdicts, F5) keeps the selected battle selected, and shows it
        // again with what was added.
        model.rows().addListener((ListChangeListener<BattlesViewModel.Row>) c -> {
            model.rows().stream()
                    .filter(r -> r.id() == selectedId)
                    .findFirst()
                    .ifPresentOrElse(
                            r -> {
                                table.getSelectionModel().select(r);
                                table.scrollTo(r);
                            },
                            () -> table.scrollTo(0));
        });
        table.setTooltip(new Tooltip("Alt+Page Down / Alt+Page Up: the next / previous page"));

        Button previous =
                Controls.button("Previous page", "The battles before these (Alt+Page Up)", model::previousPage);
        previous.setId("battle-previous");
        Button next = Controls.button("Next page", "The battles after these (Alt+Page Down)", model::nextPage);
        next.setId("battle-next");
        previous.disableProperty().bind(model.page().isEqualTo(0).or(model.loading()));
        next.disableProperty().bind(model.hasNextPage().not().or(model.loading()));
        Label page = new Label();
        page.setId("battle-page");
        page.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> BattlesViewModel.pageText(
                                model.page().get(),
                                model.rows().size(),
                                model.total().get(),
                                model.loading().get()),
                        model.page(),
                        model.rows(),
                        model.total(),
                        model.loading()));
        Button refresh = Controls.button("Refresh", "Read the battles and their verdicts again (F5)", model::refresh);
        refresh.setId("battle-refresh");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox pager = new HBox(8, previous, page, next, gap, refresh);
        pager.setAlignment(Pos.CENTER_LEFT);
        pager.getStyleClass().add("table-footer");
        VBox box = new VBox(table, pager);
        VBox.setVgrow(table, Priority.ALWAYS);
        return box;
    }

    private Node detailPane() {
        detailTitle.setId("battle-detail-title");
        detailTitle.getStyleClass().add("title-4");
        detailTitle.setWrapText(true);
        detailTitle.setMinHeight(Region.USE_PREF_SIZE);
        headingA.setId("battle-answer-a-heading");
        headingB.setId("battle-answer-b-heading");
        SplitPane texts = new SplitPane(
                column(new Label("Instruction"), instruction), column(headingA, answerA), column(headingB, answerB));
        texts.setDividerPositions(0.3, 0.65);
        SplitPane parts = new SplitPane(texts, column(new Label("Verdicts (labels about A and B as above)"), verdicts));
        parts.setOrientation(Orientation.VERTICAL);
        parts.setDividerPositions(0.6);
        links.setId("battle-links");
        links.getStyleClass().add("battle-links");
        links.setAlignment(Pos.CENTER_LEFT);
        showLinks(null);
        VBox box = new VBox(6, detailTitle, links, parts);
        VBox.setVgrow(parts, Priority.ALWAYS);
        box.setPadding(new Insets(8));
        box.getStyleClass().add("battle-detail");
        return box;
    }

    private static VBox column(Label heading, ReadOnlyText text) {
        VBox box = new VBox(4, heading, text);
        VBox.setVgrow(text, Priority.ALWAYS);
        return box;
    }

    private void showDetail(BattlesViewModel.Detail d) {
        showLinks(d == null ? null : d.links());
        if (d == null) {
            detailTitle.setText(NO_BATTLE);
            headingA.setText("Answer A");
            headingB.setText("Answer B");
            instruction.clear();
            answerA.clear();
            answerB.clear();
            verdicts.clear();
            return;
        }
        detailTitle.setText(LongText.visible(d.title()));
        headingA.setText("A: " + LongText.visible(d.battle().battle().modelA()));
        headingB.setText("B: " + LongText.visible(d.battle().battle().modelB()));
        instruction.setText(d.instruction());
        answerA.setText(d.answerA());
        answerB.setText(d.answerB());
        verdicts.setText(d.verdicts());
    }

    /**
     * Fills the links row: "Redoes battle #N (both bad)" on a regenerated battle, "Regenerated as battle #M" on a
     * failed one; each goes to that battle (Tab to it, then Space or Enter; or a click). Hidden when there are none.
     */
    private void showLinks(BattleLinks l) {
        List<Node> shown = new ArrayList<>();
        if (l != null && l.regenerates() != null) {
            shown.add(link("battle-redoes", BattleText.redoes(l.regenerates()), l.regenerates()));
        }
        if (l != null) {
            for (long id : l.regeneratedAs()) {
                shown.add(link("battle-regenerated-as-" + id, BattleText.regeneratedAs(id), id));
            }
        }
        links.getChildren().setAll(shown);
        links.setVisible(!shown.isEmpty());
        links.setManaged(!shown.isEmpty());
        if (focusLinkNext && !shown.isEmpty()) {
            focusLinkNext = false;
            shown.get(0).requestFocus();
        }
    }

    private Hyperlink link(String id, String text, long battle) {
        Hyperlink link = new Hyperlink(text);
        link.setId(id);
        link.getStyleClass().add("battle-link");
        link.setTooltip(new Tooltip("Show battle " + battle + " (Space or Enter)"));
        link.setOnAction(e -> goTo(battle));
        link.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                e.consume();
                goTo(battle);
            }
        });
        return link;
    }

    /** Shows battle {@code id}: selected in the table when the page holds it, else in the detail alone. */
    private void goTo(long id) {
        focusLinkNext = true;
        selectedId = id;
        Optional<BattlesViewModel.Row> row =
                model.rows().stream().filter(r -> r.id() == id).findFirst();
        if (row.isPresent()) {
            table.getSelectionModel().select(row.get());
            table.scrollTo(row.get());
        } else {
            table.getSelectionModel().clearSelection();
            model.show(id);
        }
    }

    /** A table cell's text: one line, with bidi controls shown as marks (a prompt must not reorder the row). */
    private static String oneLine(String s) {
        return LongText.visible(s.replace('\r', ' ').replace('\n', ' '));
    }

    private static <T> TableColumn<BattlesViewModel.Row, T> column(
            String title, double width, double min, Function<BattlesViewModel.Row, T> value) {
        TableColumn<BattlesViewModel.Row, T> col = new TableColumn<>(title);
        col.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        col.setPrefWidth(width);
        col.setMinWidth(min);
        // The store gives the page in id order; sorting would only reorder this one page.
        col.setSortable(false);
        return col;
    }
}
