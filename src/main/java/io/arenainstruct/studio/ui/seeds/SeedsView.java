package io.arenainstruct.studio.ui.seeds;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import javafx.scene.control.CustomMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.Separator;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

import io.arenainstruct.studio.domain.Seed;
import io.arenainstruct.studio.domain.SeedKind;
import io.arenainstruct.studio.domain.Tags;
import io.arenainstruct.studio.domain.run.SeedSelection;
import io.arenainstruct.studio.service.seeds.ImportReport;
import io.arenainstruct.studio.ui.AppContext;
import io.arenainstruct.studio.ui.common.Controls;
import io.arenainstruct.studio.ui.common.LongText;
import io.arenainstruct.studio.ui.shell.ModelAreaView;
import io.arenainstruct.studio.ui.shell.UndoSupport;

/** The Seeds area: import, search and filter, preview, tags, delete with undo. */
public final class SeedsView extends ModelAreaView<SeedsViewModel> {
    private static final KeyCombination IMPORT_FILES = new KeyCodeCombination(KeyCode.I, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination IMPORT_FOLDER =
            new KeyCodeCombination(KeyCode.I, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    private static final KeyCombination FIND = new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination EDIT_TAGS = new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination DELETE = new KeyCodeCombination(KeyCode.DELETE);
    private static final KeyCombination RUN = new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN);
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneId.systemDefault());
    private static final String ALL_TAGS = "All tags";

    private final AppContext context;
    private final TableView<Seed> table = new TableView<>();
    private final TextField search = new TextField();
    private final TextField tagsField = new TextField();
    private final LineNumberedText codePreview = new LineNumberedText();
    private final TextArea textPreview = new TextArea();
    private final StackPane previewStack = new StackPane();
    private final Label previewTitle = new Label("Select a seed to preview it");
    private final Label previewDetails = new Label();
    /** A search starts once typing pauses, not at every key. */
    private final PauseTransition searchDelay = new PauseTransition(Duration.millis(200));

    public SeedsView(AppContext context) {
        super(
                "seeds-area",
                new SeedsViewModel(context.workspace().seedService(), context.taskExecutor(), context.dialogs()),
                SeedsViewModel::close);
        this.context = context;
        searchDelay.setOnFinished(e -> model.refresh());
        model.searchText().addListener((obs, o, n) -> searchDelay.playFromStart());
        root.setTop(toolbar());
        SplitPane split = new SplitPane(tablePane(), previewPane());
        split.setDividerPositions(0.6);
        root.setCenter(split);
        root.setBottom(importReportPane());
        model.notice().addListener((obs, o, n) -> context.notice().set(n));
    }

    @Override
    public void shown() {
        if (firstShowing()) {
            model.refresh();
        }
        table.requestFocus();
    }

    @Override
    public Optional<UndoSupport> undoSupport() {
        return Optional.of(model.undoSupport());
    }

    @Override
    public void close() {
        // A search still waiting would run on a closed store.
        searchDelay.stop();
        super.close();
    }

    @Override
    public Map<KeyCombination, Runnable> shortcuts() {
        return Map.of(
                RUN,
                this::runSelected,
                IMPORT_FOLDER,
                this::importFolder,
                IMPORT_FILES,
                this::importFiles,
                FIND,
                () -> Controls.focusAndSelect(search),
                EDIT_TAGS,
                () -> Controls.focusAndSelect(tagsField),
                DELETE,
                () -> {
                    if (table.isFocused()) {
                        deleteSelected();
                    }
                });
    }

    private Node toolbar() {
        Button importFiles = Controls.button(
                "Import files…", "Import text, Markdown, code or JSONL files (Ctrl+I)", this::importFiles);
        importFiles.setId("import-files");
        Button importFolder = Controls.button(
                "Import folder…",
                "Import every supported file in a folder and its subfolders" + " (Ctrl+Shift+I)",
                this::importFolder);
        importFolder.setId("import-folder");
        importFiles.disableProperty().bind(model.importing());
        importFolder.disableProperty().bind(model.importing());

        TextField jsonlField = new TextField();
        jsonlField.setId("jsonl-field");
        jsonlField.setPrefColumnCount(7);
        jsonlField.textProperty().bindBidirectional(model.jsonlField());
        jsonlField.setTooltip(new Tooltip("Which field of each JSONL line holds the seed text"));
        Spinner<Double> maxSize = new Spinner<>(0.1, 1024.0, model.maxSizeMb().get(), 1.0);
        maxSize.setId("max-size");
        maxSize.setEditable(true);
        maxSize.setPrefWidth(90);
        maxSize.setTooltip(new Tooltip("Files larger than this many megabytes are rejected"));
        maxSize.valueProperty().addListener((obs, o, n) -> model.maxSizeMb().set(n));

        search.setId("seed-search");
        search.setPromptText("Search names and text (Ctrl+F)");
        search.setTooltip(new Tooltip("Shows seeds whose name or text contains all the words (Ctrl+F)"));
        search.textProperty().bindBidirectional(model.searchText());
        HBox.setHgrow(search, Priority.ALWAYS);
        search.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                search.clear();
                table.requestFocus();
            } else if (e.getCode() == KeyCode.DOWN || e.getCode() == KeyCode.ENTER) {
                table.requestFocus();
                if (table.getSelectionModel().isEmpty() && !table.getItems().isEmpty()) {
                    table.getSelectionModel().selectFirst();
                }
            }
        });

        ComboBox<String> tag = new ComboBox<>();
        tag.setId("tag-filter");
        tag.setTooltip(new Tooltip("Show only seeds with this tag"));
        tag.getItems().add(ALL_TAGS);
        tag.setValue(ALL_TAGS);
        model.tags().addListener((ListChangeListener<String>) c -> {
            String keep = tag.getValue();
            List<String> items = new ArrayList<>();
            items.add(ALL_TAGS);
            items.addAll(model.tags());
            tag.getItems().setAll(items);
            tag.setValue(items.contains(keep) ? keep : ALL_TAGS);
        });
        tag.valueProperty().addListener((obs, o, n) -> model.tagFilter().set(n == null || ALL_TAGS.equals(n) ? "" : n));

        Button delete = Controls.button(
                "Delete", "Delete the selected seeds; Ctrl+Z brings them back (Delete)", this::deleteSelected);
        delete.setId("delete-seeds");
        delete.disableProperty().bind(Bindings.isEmpty(table.getSelectionModel().getSelectedItems()));

        Button run = Controls.button(
                "Run on these…", "Open a new run on the selected seeds in the Runs area (Ctrl+R)", this::runSelected);
        run.setId("run-seeds");
        run.disableProperty().bind(Bindings.isEmpty(table.getSelectionModel().getSelectedItems()));

        MenuButton options = new MenuButton("Import options");
        options.setId("import-options");
        options.setTooltip(new Tooltip("The JSONL text field and the file size limit used by imports"));
        options.getItems().addAll(optionItem("JSONL text field", jsonlField), optionItem("Size limit (MB)", maxSize));
        for (Control c : List.of(importFiles, importFolder, options, delete, run)) {
            c.setMinWidth(Region.USE_PREF_SIZE);
        }
        search.setPrefWidth(280);
        tag.setMinWidth(Region.USE_PREF_SIZE);
        // Search and tag stay together; in a narrow window they wrap below the buttons, whole.
        HBox filters = new HBox(8, search, tag);
        filters.setAlignment(Pos.CENTER_LEFT);
        return Controls.toolbar(
                importFiles, importFolder, options, delete, run, new Separator(Orientation.VERTICAL), filters);
    }

    /** Sends the curator to a new run on the selected seeds. */
    private void runSelected() {
        List<Long> ids = table.getSelectionModel().getSelectedItems().stream()
                .map(Seed::id)
                .toList();
        if (!ids.isEmpty()) {
            context.navigation().open("runs", SeedSelection.ids(ids));
        }
    }

    private Node tablePane() {
        table.setId("seed-table");
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        ListChangeListener<Seed> reselect = keepSelectionAcrossRefresh();
        table.setItems(model.seeds());
        table.setPlaceholder(new Label(
                "No seeds here. Import files (Ctrl+I) or a folder (Ctrl+Shift+I)," + " or clear the search."));
        // the id is what a run's seeds and the command line name a seed by
        TableColumn<Seed, Long> id = column("Id", 60, Seed::id);
        id.setId("seed-id-column");
        id.setMinWidth(48); // the heading stays whole when the table is narrow
        id.getStyleClass().add("numeric");
        // A name's bidi controls shown as marks: "a\u202Etxt.md" must not pass for a .txt file.
        TableColumn<Seed, String> name = column("Name", 230, s -> LongText.visible(s.name()));
        TableColumn<Seed, String> kind = column(
                "Kind",
                120,
                s -> s.kind() == SeedKind.CODE
                        ? "code · " + s.language()
                        : s.kind().label());
        TableColumn<Seed, String> tags = column("Tags", 140, s -> Tags.format(s.tags()));
        TableColumn<Seed, Integer> chars = new TableColumn<>("Chars");
        chars.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().chars()));
        chars.setPrefWidth(80);
        chars.setMinWidth(64); // headings stay whole when the table is narrow
        chars.getStyleClass().add("numeric");
        TableColumn<Seed, String> imported = column("Imported", 90, s -> WHEN.format(s.importedAt()));
        imported.setMinWidth(100); // a whole date
        table.getColumns().setAll(List.of(id, name, kind, tags, chars, imported));
        // after the table's own listeners: select again what was selected before the rows were replaced
        model.seeds().addListener(reselect);
        table.getSelectionModel().selectedItemProperty().addListener((obs, o, n) -> {
            model.selected().set(n);
            showSelection(n);
        });

        Label count = new Label();
        count.setId("seed-count");
        count.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> model.loading().get()
                                ? "Loading…"
                                : model.seeds().size() + " of " + model.total().get() + " seeds shown",
                        model.seeds(),
                        model.total(),
                        model.loading()));
        VBox box = new VBox(table, count);
        count.getStyleClass().add("table-footer");
        VBox.setVgrow(table, Priority.ALWAYS);
        return box;
    }

    /**
     * Reading the seeds again (after saving tags, say) replaces the rows, which clears the table's selection and
     * with it the preview. A listener added before the table's own notes the selected ids; the returned one,
     * added after them, selects those seeds again (the focused one last, so the preview shows it).
     */
    private ListChangeListener<Seed> keepSelectionAcrossRefresh() {
        List<Long> kept = new ArrayList<>();
        long[] focused = {-1};
        boolean[] typingTags = {false};
        model.seeds().addListener((ListChangeListener<Seed>) c -> {
            typingTags[0] = tagsField.isFocused();
            kept.clear();
            table.getSelectionModel().getSelectedItems().forEach(seed -> kept.add(seed.id()));
            Seed f = table.getSelectionModel().getSelectedItem();
            focused[0] = f == null ? -1 : f.id();
        });
        return c -> {
            if (kept.isEmpty()) {
                return;
            }
            List<Integer> indices = new ArrayList<>();
            int focusIndex = -1;
            List<Seed> items = table.getItems();
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i).id() == focused[0]) {
                    focusIndex = i;
                } else if (kept.contains(items.get(i).id())) {
                    indices.add(i);
                }
            }
            kept.clear();
            if (focusIndex >= 0) {
                indices.add(focusIndex);
            }
            if (!indices.isEmpty()) {
                table.getSelectionModel()
                        .selectIndices(
                                indices.get(0),
                                indices.stream()
                                        .skip(1)
                                        .mapToInt(Integer::intValue)
                                        .toArray());
                if (typingTags[0]) {
                    // the field was disabled for a moment without a selection: give the keys back to it
                    tagsField.requestFocus();
                    tagsField.end();
                }
            }
        };
    }

    private static <T> TableColumn<Seed, T> column(String title, double width, Function<Seed, T> value) {
        TableColumn<Seed, T> col = new TableColumn<>(title);
        col.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        col.setPrefWidth(width);
        return col;
    }

    private Node previewPane() {
        previewTitle.getStyleClass().add("title-4");
        previewTitle.setId("preview-title");
        previewDetails.getStyleClass().add("text-muted");
        previewDetails.setWrapText(true);

        tagsField.setId("seed-tags");
        tagsField.setPromptText("Tags, separated by commas (Ctrl+T); Enter saves");
        tagsField.setTooltip(new Tooltip("Tags of the selected seeds; Enter saves, Ctrl+Z undoes (Ctrl+T)"));
        tagsField.setOnAction(e -> applyTags());
        Button applyTags =
                Controls.button("Save tags", "Save the tags for the selected seeds (Enter)", this::applyTags);
        applyTags.setId("save-tags");
        HBox tagRow = new HBox(6, tagsField, applyTags);
        HBox.setHgrow(tagsField, Priority.ALWAYS);
        tagRow.disableProperty().bind(Bindings.isEmpty(table.getSelectionModel().getSelectedItems()));

        textPreview.setId("text-preview");
        textPreview.setEditable(false);
        LongText.wrapUnlessShaped(textPreview);
        textPreview.getStyleClass().add("text-preview");
        codePreview.setId("code-preview");
        previewStack.getChildren().setAll(textPreview);
        model.preview().addListener((obs, o, text) -> showPreviewText(text));

        VBox box = new VBox(8, previewTitle, previewDetails, tagRow, previewStack);
        VBox.setVgrow(previewStack, Priority.ALWAYS);
        box.setPadding(new Insets(8));
        box.getStyleClass().add("preview-pane");
        return box;
    }

    private void showSelection(Seed seed) {
        if (seed == null) {
            previewTitle.setText("Select a seed to preview it");
            previewDetails.setText("");
            tagsField.clear();
            return;
        }
        previewTitle.setText(LongText.visible(seed.name()));
        previewDetails.setText(seed.kind().label() + (seed.language().isEmpty() ? "" : " (" + seed.language() + ")")
                + " · " + seed.chars() + " characters · from " + seed.source() + "\nSHA-256 " + seed.sha256());
        tagsField.setText(Tags.format(seed.tags()));
    }

    private void showPreviewText(String text) {
        Seed seed = model.selected().get();
        String shown = text.length() >= SeedsViewModel.PREVIEW_LIMIT
                ? text + "\n… (preview shows the first " + SeedsViewModel.PREVIEW_LIMIT + " characters)"
                : text;
        if (seed != null && seed.kind() == SeedKind.CODE) {
            codePreview.setText(shown);
            previewStack.getChildren().setAll(codePreview);
        } else {
            textPreview.setText(shown);
            previewStack.getChildren().setAll(textPreview);
        }
    }

    private Node importReportPane() {
        Label summary = new Label();
        summary.setId("import-summary");
        summary.getStyleClass().add("import-summary");
        ListView<ImportReport.Rejection> rejections = new ListView<>();
        rejections.setId("import-rejections");
        rejections.setPrefHeight(140);
        rejections.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(ImportReport.Rejection r, boolean empty) {
                super.updateItem(r, empty);
                setText(empty || r == null ? null : r.path() + " — " + r.reason());
                setTooltip(empty || r == null ? null : new Tooltip(r.path() + "\n" + r.reason()));
            }
        });
        Button dismiss = Controls.button("Dismiss", "Hide this import report", model::dismissImportReport);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(8, summary, spacer, dismiss);
        header.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(6, header, rejections);
        box.setPadding(new Insets(8));
        box.getStyleClass().add("import-report");
        box.setId("import-report");
        model.lastImport().addListener((obs, o, report) -> {
            box.setVisible(report != null);
            box.setManaged(report != null);
            if (report != null) {
                summary.setText("Last import: " + report.summary());
                rejections.getItems().setAll(report.rejections());
                rejections.setVisible(!report.rejections().isEmpty());
                rejections.setManaged(!report.rejections().isEmpty());
            }
        });
        box.setVisible(false);
        box.setManaged(false);
        return box;
    }

    private void importFiles() {
        if (!model.importing().get()) {
            model.importPaths(context.dialogs().chooseFiles("Import seed files"));
        }
    }

    private void importFolder() {
        if (!model.importing().get()) {
            context.dialogs()
                    .chooseFolder("Import a folder of seeds")
                    .ifPresent(dir -> model.importPaths(List.of(dir)));
        }
    }

    private void deleteSelected() {
        List<Seed> selected = List.copyOf(table.getSelectionModel().getSelectedItems());
        model.delete(selected);
    }

    private void applyTags() {
        List<Seed> selected = List.copyOf(table.getSelectionModel().getSelectedItems());
        model.setTags(selected, tagsField.getText());
    }

    private static CustomMenuItem optionItem(String label, Node field) {
        HBox row = new HBox(8, new Label(label), field);
        row.setAlignment(Pos.CENTER_LEFT);
        CustomMenuItem item = new CustomMenuItem(row);
        item.setHideOnClick(false);
        return item;
    }
}
