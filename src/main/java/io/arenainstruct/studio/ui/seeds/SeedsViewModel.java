package io.arenainstruct.studio.ui.seeds;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.util.Duration;

import io.arenainstruct.studio.domain.Seed;
import io.arenainstruct.studio.domain.SeedFilter;
import io.arenainstruct.studio.domain.SeedSnapshot;
import io.arenainstruct.studio.domain.Tags;
import io.arenainstruct.studio.service.seeds.ImportOptions;
import io.arenainstruct.studio.service.seeds.ImportReport;
import io.arenainstruct.studio.service.task.SerialExecutor;
import io.arenainstruct.studio.service.undo.UndoHistory;
import io.arenainstruct.studio.service.undo.UndoableEdit;
import io.arenainstruct.studio.store.SeedRepository;
import io.arenainstruct.studio.ui.AppContext;
import io.arenainstruct.studio.ui.shell.HistoryUndoSupport;

/** State and actions of the Seeds area. All store work runs in the background; results land on the FX thread. */
public final class SeedsViewModel {
    /** Previews show at most this much text; the store keeps all of it. */
    static final int PREVIEW_LIMIT = 200_000;

    private final AppContext context;
    private final SeedRepository repository;
    private final SerialExecutor writes;
    private final UndoHistory history = new UndoHistory();
    private final HistoryUndoSupport undoSupport = new HistoryUndoSupport(history);

    private final ObservableList<Seed> seeds = FXCollections.observableArrayList();
    private final ObservableList<String> tags = FXCollections.observableArrayList();
    private final StringProperty searchText = new SimpleStringProperty("");
    private final StringProperty tagFilter = new SimpleStringProperty("");
    private final ObjectProperty<Seed> selected = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper preview = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper total = new ReadOnlyIntegerWrapper();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper importing = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<ImportReport> lastImport = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private final StringProperty jsonlField = new SimpleStringProperty(ImportOptions.DEFAULT_TEXT_FIELD);
    private final DoubleProperty maxSizeMb = new SimpleDoubleProperty(ImportOptions.DEFAULT_MAX_BYTES / 1024.0 / 1024.0);
    private final PauseTransition searchDelay = new PauseTransition(Duration.millis(200));
    private final AtomicLong listGeneration = new AtomicLong();
    private final AtomicLong previewGeneration = new AtomicLong();

    public SeedsViewModel(AppContext context) {
        this.context = context;
        this.repository = context.workspace().seeds();
        this.writes = new SerialExecutor(context.executor());
        searchDelay.setOnFinished(e -> refresh());
        searchText.addListener((obs, o, n) -> searchDelay.playFromStart());
        tagFilter.addListener((obs, o, n) -> refresh());
        selected.addListener((obs, o, seed) -> loadPreview(seed));
    }

    /** Reloads the list for the current search and tag, plus the tag list and the total. */
    public void refresh() {
        long generation = listGeneration.incrementAndGet();
        SeedFilter filter = new SeedFilter(searchText.get(), tagFilter.get());
        loading.set(true);
        context.executor().execute(() -> {
            try {
                List<Seed> found = repository.list(filter);
                List<String> allTags = repository.allTags();
                int count = repository.count();
                Platform.runLater(() -> {
                    if (generation == listGeneration.get()) {
                        seeds.setAll(found);
                        tags.setAll(allTags);
                        total.set(count);
                        loading.set(false);
                    }
                });
            } catch (RuntimeException e) {
                Platform.runLater(() -> {
                    loading.set(false);
                    context.dialogs().showError("Cannot list seeds", e.getMessage());
                });
            }
        });
    }

    private void loadPreview(Seed seed) {
        long generation = previewGeneration.incrementAndGet();
        if (seed == null) {
            preview.set("");
            return;
        }
        context.executor().execute(() -> {
            String text = repository.content(seed.id()).orElse("");
            String shown = text.length() > PREVIEW_LIMIT ? text.substring(0, PREVIEW_LIMIT) : text;
            Platform.runLater(() -> {
                if (generation == previewGeneration.get()) {
                    preview.set(shown);
                }
            });
        });
    }

    /** Imports in the background with progress and Cancel; the report stays visible afterwards. */
    public void importPaths(List<Path> paths) {
        if (paths.isEmpty()) {
            return;
        }
        ImportOptions options = new ImportOptions(jsonlField.get(), (long) (maxSizeMb.get() * 1024 * 1024), List.of());
        importing.set(true);
        context.tasks().run("Importing seeds",
                (progress, cancel) -> context.workspace().seedImporter().importPaths(paths, options, progress, cancel),
                report -> {
                    importing.set(false);
                    lastImport.set(report);
                    notice.set(report.summary());
                    refresh();
                },
                error -> {
                    importing.set(false);
                    context.dialogs().showError("Import failed", error.getMessage());
                    refresh();
                });
    }

    public void dismissImportReport() {
        lastImport.set(null);
    }

    /** Deletes the seeds; Undo puts them back with their ids, tags and text. */
    public void delete(List<Seed> toDelete) {
        if (toDelete.isEmpty()) {
            return;
        }
        List<Long> ids = toDelete.stream().map(Seed::id).toList();
        String what = toDelete.size() == 1 ? "delete of '" + toDelete.get(0).name() + "'"
                : "delete of " + toDelete.size() + " seeds";
        history.perform(new UndoableEdit() {
            private volatile List<SeedSnapshot> deleted = List.of();

            @Override
            public String description() {
                return what;
            }

            @Override
            public void apply() {
                write(() -> deleted = repository.delete(ids), "Deleted " + seedCount(ids.size()) + "; Ctrl+Z undoes it");
            }

            @Override
            public void revert() {
                write(() -> repository.restore(deleted), "Restored " + seedCount(ids.size()));
            }
        });
    }

    private static String seedCount(int n) {
        return n == 1 ? "1 seed" : n + " seeds";
    }

    /** Sets the tags of the seeds to what the curator typed (comma-separated); undoable. */
    public void setTags(List<Seed> targets, String typed) {
        if (targets.isEmpty()) {
            return;
        }
        List<String> newTags = Tags.parse(typed);
        Map<Long, List<String>> before = new LinkedHashMap<>();
        Map<Long, List<String>> after = new LinkedHashMap<>();
        for (Seed s : targets) {
            before.put(s.id(), s.tags());
            after.put(s.id(), newTags);
        }
        history.perform(new UndoableEdit() {
            @Override
            public String description() {
                return "tags of " + (targets.size() == 1 ? "'" + targets.get(0).name() + "'" : targets.size() + " seeds");
            }

            @Override
            public void apply() {
                write(() -> repository.setTags(after), "Tags saved");
            }

            @Override
            public void revert() {
                write(() -> repository.setTags(before), "Tags restored");
            }
        });
    }

    private void write(Runnable work, String done) {
        writes.execute(() -> {
            try {
                work.run();
                Platform.runLater(() -> {
                    notice.set(done);
                    refresh();
                });
            } catch (RuntimeException e) {
                Platform.runLater(() -> context.dialogs().showError("Cannot save the change", e.getMessage()));
            }
        });
    }

    /** Lets pending writes finish before the store closes. */
    public void close() {
        // A search still waiting would run on a closed store.
        searchDelay.stop();
        writes.awaitIdle(10, TimeUnit.SECONDS);
    }

    public ObservableList<Seed> seeds() {
        return seeds;
    }

    public ObservableList<String> tags() {
        return tags;
    }

    public StringProperty searchText() {
        return searchText;
    }

    public StringProperty tagFilter() {
        return tagFilter;
    }

    public ObjectProperty<Seed> selected() {
        return selected;
    }

    public ReadOnlyStringProperty preview() {
        return preview.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty total() {
        return total.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loading() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty importing() {
        return importing.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ImportReport> lastImport() {
        return lastImport.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty notice() {
        return notice.getReadOnlyProperty();
    }

    public StringProperty jsonlField() {
        return jsonlField;
    }

    public DoubleProperty maxSizeMb() {
        return maxSizeMb;
    }

    public HistoryUndoSupport undoSupport() {
        return undoSupport;
    }
}
