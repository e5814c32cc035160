package io.arenainstruct.studio.ui.export;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import io.arenainstruct.studio.domain.curation.ReferenceSetInfo;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.ui.AppContext;
import io.arenainstruct.studio.ui.common.Controls;
import io.arenainstruct.studio.ui.common.Focus;
import io.arenainstruct.studio.ui.common.LongText;
import io.arenainstruct.studio.ui.export.DuplicatesViewModel.Role;
import io.arenainstruct.studio.ui.export.DuplicatesViewModel.Row;

/**
 * The Duplicates pane (for the Export area): the clusters and contaminated items of a curation pass over the store,
 * K keeps the selected dropped item back, R releases a kept-back one; beside it the stored reference sets, with
 * Import… and Remove (Delete, confirmed). Binds to {@link DuplicatesViewModel}, which decides.
 */
public final class DuplicatesView {
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());
    /** A row's text is shown on one line, cut to this many characters (the whole text is in the tooltip). */
    private static final int SNIPPET = 120;

    private static final KeyCombination REFRESH = new KeyCodeCombination(KeyCode.F5);

    private final DuplicatesViewModel model;
    private final BorderPane root = new BorderPane();
    private final TableView<Row> table = new TableView<>();
    private final TableView<ReferenceSetInfo> sets = new TableView<>();

    public DuplicatesView(DuplicatesViewModel model) {
        this.model = model;
        root.setId("duplicates-pane");
        root.getStyleClass().add("duplicates-pane");
        root.setTop(toolbar());
        SplitPane split = new SplitPane(tablePane(), setsPane());
        // the sets below the clusters: their table has five columns and needs the width
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.7);
        root.setCenter(split);
    }

    /** The pane over a workspace, with the curator's annotator name from the preferences. */
    public static DuplicatesView create(AppContext context) {
        Workspace ws = context.workspace();
        return new DuplicatesView(new DuplicatesViewModel(
                ws.curation(),
                ws.referenceSets(),
                ws.keepDecisions(),
                context.taskExecutor(),
                context.dialogs(),
                () -> context.preferences().annotator().get()));
    }

    public DuplicatesViewModel model() {
        return model;
    }

    public Node node() {
        return root;
    }

    /** The table takes the keys (K, R). */
    public void focus() {
        Focus.whenShown(table);
    }

    /** Keys the shell handles wherever the focus is in the area: F5 computes again. */
    public Map<KeyCombination, Runnable> shortcuts() {
        Map<KeyCombination, Runnable> keys = new LinkedHashMap<>();
        keys.put(REFRESH, model::refresh);
        return keys;
    }

    private Node toolbar() {
        Button keep = Controls.button(
                "Keep back",
                "Keep the selected dropped item (K): no pass drops its text again, until released",
                model::keepSelected);
        keep.setId("duplicates-keep");
        keep.disableProperty().bind(model.canKeep().not());
        Button release = Controls.button(
                "Release",
                "Withdraw the keep decision on the selected kept-back item (R): the next pass may drop it",
                model::releaseSelected);
        release.setId("duplicates-release");
        release.disableProperty().bind(model.canRelease().not());
        Button refresh = Controls.button("Refresh", "Compute the duplicates again (F5)", model::refresh);
        refresh.setId("duplicates-refresh");
        Label computing = new Label("Computing…");
        computing.setId("duplicates-computing");
        computing.getStyleClass().add("field-caption");
        computing.visibleProperty().bind(model.computing());
        computing.managedProperty().bind(model.computing());
        Label summary = new Label();
        summary.setId("duplicates-summary");
        summary.setWrapText(true);
        summary.textProperty().bind(model.summary());
        return Controls.toolbar(keep, release, refresh, computing, summary);
    }

    private Node tablePane() {
        table.setId("duplicates-table");
        table.getStyleClass().add("duplicates-table");
        table.setItems(model.rows());
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.setPlaceholder(new Label("No duplicates and nothing contaminated"));
        table.getColumns()
                .setAll(List.of(
                        column("Group", 140, Row::group),
                        column("Status", 90, r -> r.role().text()),
                        column("Item", 150, r -> LongText.visible(r.item().label())),
                        column("Text", 360, r -> snippet(r.item().text())),
                        column("Reason", 420, r -> LongText.visible(r.reason())),
                        column("Reference", 260, r -> LongText.visible(r.reference()))));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(Row row, boolean empty) {
                super.updateItem(row, empty);
                for (Role role : Role.values()) {
                    Controls.styleIf(this, styleClass(role), !empty && row != null && row.role() == role);
                }
                setTooltip(
                        empty || row == null
                                ? null
                                : new Tooltip(LongText.visible(row.item().text())));
            }
        });
        table.getSelectionModel()
                .selectedItemProperty()
                .addListener((obs, o, n) -> model.selected().set(n));
        model.selected().addListener((obs, o, n) -> {
            if (n != table.getSelectionModel().getSelectedItem()) {
                if (n == null) {
                    table.getSelectionModel().clearSelection();
                } else {
                    table.getSelectionModel().select(n);
                    table.scrollTo(n);
                }
            }
        });
        table.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.isShortcutDown() || e.isAltDown() || e.isShiftDown()) {
                return;
            }
            if (e.getCode() == KeyCode.K) {
                model.keepSelected();
                e.consume();
            } else if (e.getCode() == KeyCode.R) {
                model.releaseSelected();
                e.consume();
            }
        });
        VBox box = new VBox(table);
        VBox.setVgrow(table, Priority.ALWAYS);
        return box;
    }

    private Node setsPane() {
        Label title = new Label("Reference sets: every pass drops the items that contain their prompts");
        title.setWrapText(true);
        title.getStyleClass().add("field-caption");
        sets.setId("reference-sets");
        sets.setItems(model.referenceSets());
        sets.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        sets.setPlaceholder(new Label("None: Import… stores benchmark questions"));
        sets.getColumns()
                .setAll(List.of(
                        setColumn("Name", 150, s -> LongText.visible(s.name())),
                        setColumn("Prompts", 80, ReferenceSetInfo::promptCount),
                        setColumn("File", 140, s -> LongText.visible(s.sourceFile())),
                        setColumn("Format", 110, ReferenceSetInfo::format),
                        setColumn("Imported", 130, s -> WHEN.format(s.importedAt()))));
        sets.getSelectionModel()
                .selectedItemProperty()
                .addListener((obs, o, n) -> model.selectedSet().set(n));
        model.selectedSet().addListener((obs, o, n) -> {
            if (n != sets.getSelectionModel().getSelectedItem()) {
                if (n == null) {
                    sets.getSelectionModel().clearSelection();
                } else {
                    sets.getSelectionModel().select(n);
                }
            }
        });
        sets.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.DELETE && !e.isShortcutDown()) {
                model.removeSelectedSet();
                e.consume();
            }
        });
        Button importButton = Controls.button(
                "Import…", "Store reference prompt files, each as a set named by its file", model::chooseAndImport);
        importButton.setId("reference-import");
        importButton.disableProperty().bind(model.writing());
        Button remove = Controls.button(
                "Remove", "Remove the selected reference set (Delete), after a confirmation", model::removeSelectedSet);
        remove.setId("reference-remove");
        remove.disableProperty().bind(model.selectedSet().isNull().or(model.writing()));
        VBox box = new VBox(6, title, Controls.toolbar(importButton, remove), sets);
        VBox.setVgrow(sets, Priority.ALWAYS);
        box.setPadding(new Insets(6));
        return box;
    }

    static String styleClass(Role role) {
        return switch (role) {
            case KEPT -> "duplicate-kept";
            case DROPPED -> "duplicate-dropped";
            case KEPT_BACK -> "duplicate-kept-back";
        };
    }

    /** The text on one line (whitespace runs as one space, controls made visible), cut to {@link #SNIPPET}. */
    static String snippet(String text) {
        String flat = LongText.visible(text.strip().replaceAll("\\s+", " "));
        if (flat.codePointCount(0, flat.length()) <= SNIPPET) {
            return flat;
        }
        return flat.substring(0, flat.offsetByCodePoints(0, SNIPPET - 1)) + "…";
    }

    private static <T> TableColumn<Row, T> column(String title, double width, Function<Row, T> value) {
        TableColumn<Row, T> col = new TableColumn<>(title);
        col.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        col.setPrefWidth(width);
        return col;
    }

    private static <T> TableColumn<ReferenceSetInfo, T> setColumn(
            String title, double width, Function<ReferenceSetInfo, T> value) {
        TableColumn<ReferenceSetInfo, T> col = new TableColumn<>(title);
        col.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        col.setPrefWidth(width);
        return col;
    }
}
