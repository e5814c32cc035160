package io.arenainstruct.studio.ui.ledger;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

import io.arenainstruct.studio.domain.llm.ErrorClass;
import io.arenainstruct.studio.domain.llm.LedgerEntry;
import io.arenainstruct.studio.domain.llm.LedgerOutcome;
import io.arenainstruct.studio.ui.AppContext;
import io.arenainstruct.studio.ui.common.Controls;
import io.arenainstruct.studio.ui.common.DetailPane;
import io.arenainstruct.studio.ui.common.LongText;
import io.arenainstruct.studio.ui.common.ReadOnlyText;
import io.arenainstruct.studio.ui.shell.ModelAreaView;

/** The Call ledger area: totals, filters, a paged table of calls and the selected call in full. */
public final class LedgerView extends ModelAreaView<LedgerViewModel> {
    private static final KeyCombination REFRESH = new KeyCodeCombination(KeyCode.F5);
    private static final KeyCombination NEXT_PAGE =
            new KeyCodeCombination(KeyCode.PAGE_DOWN, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination PREVIOUS_PAGE =
            new KeyCodeCombination(KeyCode.PAGE_UP, KeyCombination.SHORTCUT_DOWN);
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
    static final String ANY_ENDPOINT = "All endpoints";
    static final String ANY_OUTCOME = "Any outcome";
    static final String ANY_ERROR = "Any error class";
    private static final List<String> OUTCOMES =
            List.of(ANY_OUTCOME, LedgerOutcome.OK, LedgerOutcome.FAILED, LedgerOutcome.CACHED, LedgerOutcome.DRY_RUN);

    private final TableView<LedgerEntry> table = new TableView<>();
    private final ComboBox<String> endpointFilter = new ComboBox<>();
    private final ComboBox<String> outcomeFilter = new ComboBox<>();
    private final ComboBox<String> errorFilter = new ComboBox<>();
    private final TextField runFilter = new TextField();
    private final Label runProblem = new Label();
    private final Label detailTitle = new Label("Select a call to see its request and reply");
    private final TextArea requestArea = new TextArea();
    private final ReadOnlyText requestAreaText = new ReadOnlyText(requestArea);
    private final TextArea replyArea = new TextArea();
    private final ReadOnlyText replyAreaText = new ReadOnlyText(replyArea);
    private final PauseTransition runDelay = new PauseTransition(Duration.millis(300));
    /** The call last selected, to select it again after a reload. */
    private long selectedId = -1;

    public LedgerView(AppContext context) {
        super(
                "ledger-area",
                new LedgerViewModel(
                        context.workspace().callLedger(),
                        context.workspace().endpoints(),
                        context.taskExecutor(),
                        context.dialogs()));
        root.setTop(header());
        SplitPane split = new SplitPane(tablePane(), detailPane());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.55);
        root.setCenter(split);
    }

    /** Every visit shows the calls made since (in the Endpoints area, by runs). */
    @Override
    public void shown() {
        model.refresh();
        table.requestFocus();
    }

    @Override
    public Map<KeyCombination, Runnable> shortcuts() {
        return Map.of(REFRESH, model::refresh, NEXT_PAGE, model::nextPage, PREVIOUS_PAGE, model::previousPage);
    }

    private Node header() {
        Label totals = new Label();
        totals.setId("ledger-totals");
        totals.getStyleClass().add("ledger-totals");
        totals.setWrapText(true);
        totals.textProperty().bind(model.totals());
        totals.setTooltip(new Tooltip("Calls sent to a model, answers taken from the ledger instead (cache hits),"
                + " failures by class, tokens, and the cost of the models with a price (set in Endpoints)."
                + " With a run id filter: that run only."));

        endpointFilter.setId("filter-endpoint");
        endpointFilter.setTooltip(new Tooltip("Only the calls to this endpoint"));
        endpointFilter.getItems().add(ANY_ENDPOINT);
        endpointFilter.setValue(ANY_ENDPOINT);
        model.endpointNames().addListener((ListChangeListener<String>) c -> {
            String keep = endpointFilter.getValue();
            List<String> items = new ArrayList<>();
            items.add(ANY_ENDPOINT);
            items.addAll(model.endpointNames());
            endpointFilter.getItems().setAll(items);
            endpointFilter.setValue(items.contains(keep) ? keep : ANY_ENDPOINT);
        });
        endpointFilter
                .valueProperty()
                .addListener((obs, o, n) -> model.endpoint().set(n == null || ANY_ENDPOINT.equals(n) ? null : n));

        outcomeFilter.setId("filter-outcome");
        outcomeFilter.setTooltip(new Tooltip("ok: answered; failed: gave up (see the error class); cached: answered"
                + " from the ledger without a call; dry run: no model asked"));
        outcomeFilter.getItems().setAll(OUTCOMES);
        outcomeFilter.setValue(ANY_OUTCOME);
        outcomeFilter
                .valueProperty()
                .addListener((obs, o, n) -> model.outcome().set(n == null || ANY_OUTCOME.equals(n) ? null : n));

        errorFilter.setId("filter-error");
        errorFilter.setTooltip(new Tooltip("Only the failures of this kind"));
        List<String> errors = new ArrayList<>();
        errors.add(ANY_ERROR);
        for (ErrorClass e : ErrorClass.values()) {
            errors.add(e.label());
        }
        errorFilter.getItems().setAll(errors);
        errorFilter.setValue(ANY_ERROR);
        errorFilter
                .valueProperty()
                .addListener((obs, o, n) -> model.errorClass().set(errorClassOf(n)));

        runFilter.setId("filter-run");
        runFilter.setPromptText("Run id");
        runFilter.setPrefColumnCount(6);
        runFilter.setTooltip(new Tooltip("Only the calls of this run, and the totals of that run; blank for all"));
        runFilter.textProperty().addListener((obs, o, n) -> runDelay.playFromStart());
        runFilter.setOnAction(e -> applyRun());
        runDelay.setOnFinished(e -> applyRun());
        runProblem.setId("filter-run-problem");
        runProblem.getStyleClass().add("problem");

        Button clear = Controls.button("Clear filters", "Show all calls again", this::clearFilters);
        clear.setId("clear-filters");
        Button refresh = Controls.button("Refresh", "Read the ledger again (F5)", model::refresh);
        refresh.setId("ledger-refresh");
        for (Control c : List.of(endpointFilter, outcomeFilter, errorFilter, clear, refresh)) {
            c.setMinWidth(Region.USE_PREF_SIZE);
        }
        // The filters wrap onto a second row in a narrow window rather than squeeze "Show" to "S…".
        FlowPane filters = new FlowPane(
                8,
                6,
                Controls.whole(new Label("Show")),
                endpointFilter,
                outcomeFilter,
                errorFilter,
                runFilter,
                runProblem,
                clear,
                refresh);
        filters.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(8, totals, filters);
        box.getStyleClass().add("area-toolbar");
        box.setPadding(new Insets(8));
        return box;
    }

    private Node tablePane() {
        table.setId("ledger-table");
        table.setItems(model.calls());
        // Fixed widths that fit the headers; a narrow window scrolls sideways instead of cutting them.
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.setPlaceholder(new Label("No calls here yet. Calls appear when a prompt is tried in Endpoints or a run"
                + " asks a model; or clear the filters."));
        table.getColumns()
                .setAll(List.of(
                        column("Time", 160, e -> WHEN.format(e.at()), false),
                        column("Endpoint", 100, LedgerEntry::endpoint, false),
                        column("Model", 110, LedgerEntry::model, false),
                        column("Outcome", 92, LedgerEntry::outcome, false),
                        column(
                                "Error class",
                                120,
                                e -> e.errorClass() == null
                                        ? ""
                                        : e.errorClass().label(),
                                false),
                        column("Attempts", 92, LedgerEntry::attempts, true),
                        column("Tokens in", 102, LedgerEntry::tokensIn, true),
                        column("Tokens out", 110, LedgerEntry::tokensOut, true),
                        column("Latency ms", 112, e -> e.latency().toMillis(), true),
                        column("Cost", 90, model::costOf, true),
                        column("Step", 130, e -> e.step() == null ? "" : e.step(), false)));
        table.getSelectionModel().selectedItemProperty().addListener((obs, o, n) -> {
            if (n != null) {
                selectedId = n.id();
            }
            model.select(n);
        });
        // A reload (F5, a filter, another page) keeps the selected call selected when it is still listed.
        model.calls().addListener((ListChangeListener<LedgerEntry>) c -> {
            table.scrollTo(0);
            model.calls().stream().filter(e -> e.id() == selectedId).findFirst().ifPresent(e -> {
                table.getSelectionModel().select(e);
                table.scrollTo(e);
            });
        });
        model.detail().addListener((obs, o, d) -> showDetail(d));

        Button previous = Controls.button("Previous page", "The newer calls (Ctrl+Page Up)", model::previousPage);
        previous.setId("ledger-previous");
        Button next = Controls.button("Next page", "The older calls (Ctrl+Page Down)", model::nextPage);
        next.setId("ledger-next");
        previous.disableProperty()
                .bind(Bindings.createBooleanBinding(() -> !model.hasPreviousPage(), model.offset(), model.total()));
        next.disableProperty()
                .bind(Bindings.createBooleanBinding(() -> !model.hasNextPage(), model.offset(), model.total()));
        Label page = new Label();
        page.setId("ledger-page");
        page.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> pageText(
                                model.offset().get(),
                                model.calls().size(),
                                model.total().get(),
                                model.loading().get()),
                        model.offset(),
                        model.calls(),
                        model.total(),
                        model.loading()));
        HBox pager = new HBox(8, previous, page, next);
        pager.setAlignment(Pos.CENTER_LEFT);
        pager.getStyleClass().add("table-footer");
        VBox box = new VBox(table, pager);
        VBox.setVgrow(table, Priority.ALWAYS);
        return box;
    }

    static String pageText(int offset, int shown, int total, boolean loading) {
        if (loading && total == 0) {
            return "Loading…";
        }
        if (shown == 0) {
            return "No calls match";
        }
        return String.format("Showing %,d–%,d of %,d calls, newest first", offset + 1, offset + shown, total);
    }

    private Node detailPane() {
        detailTitle.setId("ledger-detail-title");
        requestArea.setId("ledger-request");
        requestArea.getStyleClass().add("json-text");
        replyArea.setId("ledger-reply");
        LongText.wrapUnlessShaped(replyArea);
        return DetailPane.of(
                detailTitle,
                "Request (as sent; never a key)",
                requestAreaText,
                "Reply, or what went wrong",
                replyAreaText,
                0.5,
                "ledger-detail");
    }

    private void showDetail(LedgerViewModel.Detail d) {
        if (d == null) {
            detailTitle.setText("Select a call to see its request and reply");
            requestAreaText.clear();
            replyAreaText.clear();
            return;
        }
        LedgerEntry e = d.entry();
        detailTitle.setText("Call " + e.id() + " · " + e.outcome() + " · " + e.endpoint() + " (" + e.provider() + ") · "
                + e.model() + " · " + WHEN.format(e.at()) + (e.runId() == null ? "" : " · run " + e.runId())
                + (e.step() == null ? "" : " · " + e.step()));
        requestAreaText.setText(d.requestJson());
        replyAreaText.setText(d.reply());
    }

    private void applyRun() {
        runDelay.stop();
        String text = runFilter.getText().strip();
        if (text.isEmpty()) {
            runProblem.setText("");
            model.runId().set(null);
            return;
        }
        try {
            long id = Long.parseLong(text);
            runProblem.setText("");
            model.runId().set(id);
        } catch (NumberFormatException e) {
            runProblem.setText("A run id is a whole number");
        }
    }

    private void clearFilters() {
        endpointFilter.setValue(ANY_ENDPOINT);
        outcomeFilter.setValue(ANY_OUTCOME);
        errorFilter.setValue(ANY_ERROR);
        runFilter.clear();
        applyRun();
    }

    private static ErrorClass errorClassOf(String label) {
        for (ErrorClass e : ErrorClass.values()) {
            if (e.label().equals(label)) {
                return e;
            }
        }
        return null;
    }

    private static <T> TableColumn<LedgerEntry, T> column(
            String title, double width, Function<LedgerEntry, T> value, boolean numeric) {
        TableColumn<LedgerEntry, T> col = new TableColumn<>(title);
        col.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        col.setPrefWidth(width);
        // The store gives the page newest first; sorting would only reorder this one page.
        col.setSortable(false);
        if (numeric) {
            col.getStyleClass().add("numeric");
        }
        return col;
    }
}
