package io.arenainstruct.studio.ui.seeds;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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

import io.arenainstruct.studio.domain.Seed;
import io.arenainstruct.studio.domain.SeedFilter;
import io.arenainstruct.studio.domain.SeedSnapshot;
import io.arenainstruct.studio.domain.Tags;
import io.arenainstruct.studio.service.seeds.ImportOptions;
import io.arenainstruct.studio.service.seeds.ImportReport;
import io.arenainstruct.studio.service.seeds.SeedService;
import io.arenainstruct.studio.service.undo.UndoHistory;
import io.arenainstruct.studio.service.undo.UndoableEdit;
import io.arenainstruct.studio.ui.common.DialogService;
import io.arenainstruct.studio.ui.shell.HistoryUndoSupport;
import io.arenainstruct.studio.ui.task.Latest;
import io.arenainstruct.studio.ui.task.SerialTasks;
import io.arenainstruct.studio.ui.task.TaskExecutor;

/**
 * State and actions of the Seeds area. All store work runs in the background; results land on the FX thread. The
 * view waits for a pause in typing before it asks for a search ({@link #refresh()}).
 */
public final class SeedsViewModel {
    /** Previews show at most this much text; the store keeps all of it. */
    static final int PREVIEW_LIMIT = 200_000;

    private final SeedService seedLibrary;
    private final TaskExecutor tasks;
    private final DialogService dialogs;
    private final SerialTasks writes;
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
    private final DoubleProperty maxSizeMb =
            new SimpleDoubleProperty(ImportOptions.DEFAULT_MAX_BYTES / 1024.0 / 1024.0);
    private final Latest listing = new Latest();
    private final Latest previewAsked = new Latest();

    public SeedsViewModel(SeedService seeds, TaskExecutor tasks, DialogService dialogs) {
        this.seedLibrary = seeds;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.writes = tasks.serial();
        tagFilter.addListener((obs, o, n) -> refresh());
        selected.addListener((obs, o, seed) -> loadPreview(seed));
    }

    /** Reloads the list for the current search and tag, plus the tag list and the total. */
    public void refresh() {
        SeedFilter filter = new SeedFilter(searchText.get(), tagFilter.get());
        loading.set(true);
        tasks.wrap(() -> new Listing(seedLibrary.list(filter), seedLibrary.allTags(), seedLibrary.count()))
                .onSuccess(read -> {
                    seeds.setAll(read.seeds());
                    tags.setAll(read.tags());
                    total.set(read.count());
                    loading.set(false);
                })
                .onFailure(e -> {
                    loading.set(false);
                    dialogs.showError("Cannot list seeds", e.getMessage());
                })
                .latestOnly(listing)
                .start();
    }

    private record Listing(List<Seed> seeds, List<String> tags, int count) {}

    private void loadPreview(Seed seed) {
        if (seed == null) {
            previewAsked.invalidate();
            preview.set("");
            return;
        }
        tasks.wrap(() -> {
                    String text = seedLibrary.content(seed.id()).orElse("");
                    return text.length() > PREVIEW_LIMIT ? text.substring(0, PREVIEW_LIMIT) : text;
                })
                .onSuccess(preview::set)
                .latestOnly(previewAsked)
                .start();
    }

    /** Imports in the background with progress and Cancel; the report stays visible afterwards. */
    public void importPaths(List<Path> paths) {
        if (paths.isEmpty()) {
            return;
        }
        ImportOptions options = new ImportOptions(jsonlField.get(), (long) (maxSizeMb.get() * 1024 * 1024), List.of());
        importing.set(true);
        tasks.wrap("Importing seeds", (progress, cancel) -> seedLibrary.importPaths(paths, options, progress, cancel))
                .onSuccess(report -> {
                    importing.set(false);
                    lastImport.set(report);
                    notice.set(report.summary());
                    refresh();
                })
                .onFailure(error -> {
                    importing.set(false);
                    dialogs.showError("Import failed", error.getMessage());
                    refresh();
                })
                .start();
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
        String what = toDelete.size() == 1
                ? "delete of '" + toDelete.get(0).name() + "'"
                : "delete of " + toDelete.size() + " seeds";
        history.perform(new UndoableEdit() {
            private volatile List<SeedSnapshot> deleted = List.of();

            @Override
            public String description() {
                return what;
            }

            @Override
            public void apply() {
                write(
                        () -> deleted = seedLibrary.delete(ids),
                        "Deleted " + seedCount(ids.size()) + "; Ctrl+Z undoes it");
            }

            @Override
            public void revert() {
                write(() -> seedLibrary.restore(deleted), "Restored " + seedCount(ids.size()));
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
                return "tags of "
                        + (targets.size() == 1 ? "'" + targets.get(0).name() + "'" : targets.size() + " seeds");
            }

            @Override
            public void apply() {
                write(() -> seedLibrary.setTags(after), "Tags saved");
            }

            @Override
            public void revert() {
                write(() -> seedLibrary.setTags(before), "Tags restored");
            }
        });
    }

    private void write(Runnable work, String done) {
        writes.wrap(() -> {
                    work.run();
                    return done;
                })
                .onSuccess(d -> {
                    notice.set(done);
                    refresh();
                })
                .onFailure(e -> dialogs.showError("Cannot save the change", e.getMessage()))
                .start();
    }

    /** Lets pending writes finish before the store closes. */
    public void close() {
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
