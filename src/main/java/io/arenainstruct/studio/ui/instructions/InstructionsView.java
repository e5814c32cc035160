package io.arenainstruct.studio.ui.instructions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import io.arenainstruct.studio.domain.run.InstructionRow;
import io.arenainstruct.studio.ui.AppContext;
import io.arenainstruct.studio.ui.Navigation;
import io.arenainstruct.studio.ui.common.Controls;
import io.arenainstruct.studio.ui.common.DetailPane;
import io.arenainstruct.studio.ui.common.LongText;
import io.arenainstruct.studio.ui.common.ReadOnlyText;
import io.arenainstruct.studio.ui.shell.ModelAreaView;
import io.arenainstruct.studio.ui.task.Subscriptions;

/**
 * The Instructions area: filters, a table of every matching instruction whose rows are read page by page as
 * they scroll into view, and the selected instruction in full with its provenance.
 */
public final class InstructionsView extends ModelAreaView<InstructionsViewModel> {
    private static final KeyCombination REFRESH = new KeyCodeCombination(KeyCode.F5);
    private static final KeyCombination FIND = new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN);
    static final String ALL_RUNS = "All runs";
    static final String ALL_SKILLS = "All skills";
    static final String ALL_CATEGORIES = "All categories";
    static final String ANY_STATUS = "Any status";
    static final String ANY_ANSWER = "Answered or not";
    static final String ANSWERED = "Answered";
    static final String NOT_ANSWERED = "Not answered";
    private static final List<String> STATUSES =
            List.of(ANY_STATUS, "pending", "complete", "failed", "accepted", "rejected");

    private final TableView<InstructionsViewModel.Slot> table = new TableView<>();
    private final ComboBox<String> runFilter = new ComboBox<>();
    private final ComboBox<String> skillFilter = new ComboBox<>();
    private final ComboBox<String> categoryFilter = new ComboBox<>();
    private final ComboBox<String> statusFilter = new ComboBox<>();
    private final ComboBox<String> answerFilter = new ComboBox<>();
    private final CheckBox editedFilter = new CheckBox("Edited by hand");
    private final Label detailTitle = new Label();
    private final TextArea textArea = new TextArea();
    private final ReadOnlyText textAreaText = new ReadOnlyText(textArea);
    private final TextArea provenanceArea = new TextArea();
    private final ReadOnlyText provenanceAreaText = new ReadOnlyText(provenanceArea);
    /** What running jobs do reaches the model through the workspace's job registry, not a timer. */
    private final AutoCloseable jobEvents;

    private final AppContext context;
    private InstructionsViewModel.Slot lastClicked;

    public InstructionsView(AppContext context) {
        super(
                "instructions-area",
                new InstructionsViewModel(
                        context.workspace().instructions(),
                        context.workspace().runs(),
                        context.workspace().flows(),
                        context.taskExecutor(),
                        context.dialogs()),
                InstructionsViewModel::close);
        this.context = context;
        root.setTop(filters());
        SplitPane split = new SplitPane(tablePane(), detailPane());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.55);
        root.setCenter(split);
        model.showing().bind(root.sceneProperty().isNotNull().and(root.visibleProperty()));
        jobEvents = context.jobEvents().subscribe(model::jobEvent);
        showDetail(null);
    }

    /** Each visit reads the list again; while the area shows, runs' news reads it again too. */
    @Override
    public void shown() {
        if (firstShowing()) {
            model.reload();
        } else {
            model.refresh();
        }
        table.requestFocus();
    }

    @Override
    public Map<KeyCombination, Runnable> shortcuts() {
        return Map.of(REFRESH, model::refresh, FIND, runFilter::requestFocus);
    }

    @Override
    public void close() {
        Subscriptions.close(jobEvents);
        super.close();
    }

    private Node filters() {
        runFilter.setId("instructions-filter-run");
        runFilter.setTooltip(new Tooltip("Only the instructions of this run (Ctrl+F focuses the filters)"));
        fillChoices(
                runFilter,
                ALL_RUNS,
                model.runIds().stream().map(id -> "Run " + id).toList());
        model.runIds().addListener((ListChangeListener<Long>) c -> fillChoices(
                runFilter,
                ALL_RUNS,
                model.runIds().stream().map(id -> "Run " + id).toList()));
        runFilter
                .valueProperty()
                .addListener((obs, o, n) -> model.runId()
                        .set(n == null || ALL_RUNS.equals(n) ? null : Long.valueOf(n.substring("Run ".length()))));

        skillFilter.setId("instructions-filter-skill");
        skillFilter.setTooltip(new Tooltip("Only the instructions of this skill"));
        Controls.skillChoices(skillFilter, ALL_SKILLS, model::skillName);
        fillChoices(skillFilter, ALL_SKILLS, model.skills());
        model.skills()
                .addListener((ListChangeListener<String>) c -> fillChoices(skillFilter, ALL_SKILLS, model.skills()));
        skillFilter.valueProperty().addListener((obs, o, n) -> model.skill().set(ALL_SKILLS.equals(n) ? null : n));

        categoryFilter.setId("instructions-filter-category");
        categoryFilter.setTooltip(new Tooltip("Only the instructions of this taxonomy category"));
        fillChoices(categoryFilter, ALL_CATEGORIES, model.categories());
        model.categories().addListener((ListChangeListener<String>)
                c -> fillChoices(categoryFilter, ALL_CATEGORIES, model.categories()));
        categoryFilter
                .valueProperty()
                .addListener((obs, o, n) -> model.category().set(ALL_CATEGORIES.equals(n) ? null : n));

        statusFilter.setId("instructions-filter-status");
        statusFilter.setTooltip(new Tooltip("pending: a step is still to run; complete: generated, refined and"
                + " answered; failed: a step gave up (the reason is below); accepted / rejected: your review"));
        statusFilter.getItems().setAll(STATUSES);
        statusFilter.setValue(ANY_STATUS);
        statusFilter.valueProperty().addListener((obs, o, n) -> model.status().set(ANY_STATUS.equals(n) ? null : n));

        answerFilter.setId("instructions-filter-answer");
        answerFilter.setTooltip(new Tooltip("Only the instructions with (or without) a response"));
        answerFilter.getItems().setAll(ANY_ANSWER, ANSWERED, NOT_ANSWERED);
        answerFilter.setValue(ANY_ANSWER);
        answerFilter
                .valueProperty()
                .addListener((obs, o, n) -> model.hasAnswer()
                        .set(ANSWERED.equals(n) ? Boolean.TRUE : NOT_ANSWERED.equals(n) ? Boolean.FALSE : null));

        editedFilter.setId("instructions-filter-edited");
        editedFilter.setTooltip(new Tooltip("Only the instructions you (or another curator) edited by hand in the"
                + " Refinement area; Space turns it on or off"));
        editedFilter.setMinWidth(Region.USE_PREF_SIZE);
        editedFilter
                .selectedProperty()
                .addListener((obs, o, n) -> model.edited().set(n ? Boolean.TRUE : null));

        Button clear = Controls.button("Clear filters", "Show every instruction again", this::clearFilters);
        clear.setId("instructions-clear-filters");
        Button refresh = Controls.button("Refresh", "Read the instructions again (F5)", model::refresh);
        refresh.setId("instructions-refresh");
        for (Control c : List.of(clear, refresh)) {
            c.setMinWidth(Region.USE_PREF_SIZE);
        }
        // Filters sized by their longest choice (a category name, a run label) would push the bar off the window.
        sizeFilter(runFilter, 130);
        sizeFilter(skillFilter, 190);
        sizeFilter(categoryFilter, 200);
        sizeFilter(statusFilter, 130);
        sizeFilter(answerFilter, 180);
        Label show = new Label("Show");
        show.setMinWidth(Region.USE_PREF_SIZE);
        Label total = new Label();
        total.setMinWidth(Region.USE_PREF_SIZE);
        total.setId("instructions-total");
        total.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> totalText(model.total().get(), model.loading().get()), model.total(), model.loading()));
        // The filters wrap onto a second row in a narrow window rather than shrink to "All …".
        return Controls.toolbar(
                show,
                runFilter,
                skillFilter,
                categoryFilter,
                statusFilter,
                answerFilter,
                editedFilter,
                clear,
                new Separator(Orientation.VERTICAL),
                total,
                refresh);
    }

    private static void sizeFilter(ComboBox<String> box, double width) {
        box.setPrefWidth(width);
        box.setMinWidth(width);
    }

    static String totalText(int total, boolean loading) {
        if (loading && total == 0) {
            return "Loading…";
        }
        return String.format("%,d %s", total, total == 1 ? "instruction" : "instructions");
    }

    private static void fillChoices(ComboBox<String> box, String any, List<String> values) {
        String keep = box.getValue();
        List<String> items = new ArrayList<>();
        items.add(any);
        items.addAll(values);
        if (!box.getItems().equals(items)) {
            box.getItems().setAll(items);
        }
        box.setValue(keep != null && items.contains(keep) ? keep : any);
    }

    private void clearFilters() {
        runFilter.setValue(ALL_RUNS);
        skillFilter.setValue(ALL_SKILLS);
        categoryFilter.setValue(ALL_CATEGORIES);
        statusFilter.setValue(ANY_STATUS);
        answerFilter.setValue(ANY_ANSWER);
        editedFilter.setSelected(false);
    }

    private Node tablePane() {
        table.setId("instructions-table");
        table.setItems(model.slots());
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.setPlaceholder(
                new Label("No instructions here yet. A run in the Runs area makes them; or clear the" + " filters."));
        table.getColumns()
                .setAll(List.of(
                        column("Id", 60, InstructionRow::id, true),
                        column("Run", 55, InstructionRow::runId, true),
                        column("Skill", 150, r -> model.skillName(r.skill()), false),
                        column("Category", 150, InstructionRow::category, false),
                        column("Subcategory", 150, r -> r.subcategory() == null ? "" : r.subcategory(), false),
                        column("Status", 85, InstructionRow::status, false),
                        column("Rounds", 78, InstructionRow::roundsDone, true),
                        column("Answered", 98, r -> r.hasAnswer() ? "yes" : "no", false),
                        column(
                                "Instruction",
                                420,
                                r -> r.instructionStart() == null ? "" : oneLine(r.instructionStart()),
                                false)));
        table.getSelectionModel().selectedItemProperty().addListener((obs, o, n) -> selectSlot(n));
        // Enter or a double click opens the instruction in the Refinement area, side by side.
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                openInRefinement();
                e.consume();
            }
        });
        table.setOnMouseClicked(e -> {
            // Only a double click on one and the same row: the list may have changed under the first click.
            InstructionsViewModel.Slot now = table.getSelectionModel().getSelectedItem();
            if (e.getClickCount() >= 2 && now != null && now == lastClicked) {
                openInRefinement();
            }
            lastClicked = now;
        });
        table.setTooltip(new Tooltip("Enter or a double click opens the instruction in the" + " Refinement area"));
        // New filters start from the top.
        model.slots().addListener((ListChangeListener<InstructionsViewModel.Slot>) c -> {
            while (c.next()) {
                if (c.wasReplaced() && c.getFrom() == 0) {
                    table.scrollTo(0);
                }
            }
        });
        model.detail().addListener((obs, o, d) -> showDetail(d));
        VBox box = new VBox(table);
        VBox.setVgrow(table, Priority.ALWAYS);
        return box;
    }

    private void openInRefinement() {
        InstructionsViewModel.Slot slot = table.getSelectionModel().getSelectedItem();
        InstructionRow row = slot == null ? null : slot.row().get();
        if (row != null) {
            context.navigation().open("refinement", new Navigation.InstructionSubject(row.id()));
        }
    }

    /** The slot's row may still be on its way; the detail follows when it arrives. */
    private void selectSlot(InstructionsViewModel.Slot slot) {
        if (slot == null) {
            model.select(null);
            return;
        }
        InstructionRow row = slot.row().get();
        if (row != null) {
            model.select(row);
            return;
        }
        slot.row().addListener(new ChangeListener<>() {
            @Override
            public void changed(ObservableValue<? extends InstructionRow> obs, InstructionRow o, InstructionRow n) {
                slot.row().removeListener(this);
                if (n != null && table.getSelectionModel().getSelectedItem() == slot) {
                    model.select(n);
                }
            }
        });
    }

    /** A table cell's text: one line, with bidi controls shown as marks (a reply must not reorder the row). */
    private static String oneLine(String s) {
        return LongText.visible(s.replace('\n', ' '));
    }

    private Node detailPane() {
        detailTitle.setId("instruction-detail-title");
        textArea.setId("instruction-text");
        LongText.wrapUnlessShaped(textArea);
        provenanceArea.setId("instruction-provenance");
        LongText.wrapUnlessShaped(provenanceArea);
        provenanceArea.getStyleClass().add("instruction-provenance");
        return DetailPane.of(
                detailTitle,
                "Final text (what a dataset takes), then the models' texts",
                textAreaText,
                "Where it came from",
                provenanceAreaText,
                0.65,
                "instruction-detail");
    }

    private void showDetail(InstructionsViewModel.Detail d) {
        if (d == null) {
            detailTitle.setText("Select an instruction to see it in full");
            textAreaText.clear();
            provenanceAreaText.clear();
            return;
        }
        detailTitle.setText(
                "Instruction " + d.instruction().id() + " · " + d.instruction().displayStatus() + " · run "
                        + d.instruction().runId() + (d.finalText().edited() ? " · edited by hand" : ""));
        textAreaText.setText(d.text());
        provenanceAreaText.setText(d.provenance());
    }

    private <T> TableColumn<InstructionsViewModel.Slot, T> column(
            String title, double width, Function<InstructionRow, T> value, boolean numeric) {
        TableColumn<InstructionsViewModel.Slot, T> col = new TableColumn<>(title);
        col.setCellValueFactory(c -> {
            InstructionsViewModel.Slot slot = c.getValue();
            model.shown(slot);
            return slot.row().map(value);
        });
        col.setPrefWidth(width);
        // Rows come from the store in its order (newest run first); sorting would read every row.
        col.setSortable(false);
        if (numeric) {
            col.getStyleClass().add("numeric");
        }
        return col;
    }
}
