package io.arenainstruct.studio.ui.taxonomy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import io.arenainstruct.studio.domain.Taxonomy;
import io.arenainstruct.studio.domain.TaxonomyNode;
import io.arenainstruct.studio.service.taxonomy.TaxonomyFileException;
import io.arenainstruct.studio.service.taxonomy.TaxonomyService;
import io.arenainstruct.studio.service.taxonomy.TaxonomyYaml;
import io.arenainstruct.studio.service.taxonomy.VersionDiff;
import io.arenainstruct.studio.service.undo.UndoHistory;
import io.arenainstruct.studio.service.undo.UndoableEdit;
import io.arenainstruct.studio.ui.common.DialogService;
import io.arenainstruct.studio.ui.shell.HistoryUndoSupport;
import io.arenainstruct.studio.ui.task.Latest;
import io.arenainstruct.studio.ui.task.SerialTasks;
import io.arenainstruct.studio.ui.task.TaskExecutor;

/**
 * State and actions of the Taxonomies area. Edits change the in-memory tree on the FX thread through
 * undoable commands; after each one a copy of the skill's tree is saved in the background, in order.
 */
public final class TaxonomyViewModel {
    private final TaxonomyService service;
    private final TaskExecutor tasks;
    private final DialogService dialogs;
    private final SerialTasks writes;
    private final UndoHistory history = new UndoHistory();
    private final HistoryUndoSupport undoSupport = new HistoryUndoSupport(history);
    private final ObservableList<Taxonomy> skills = FXCollections.observableArrayList();
    private final ObjectProperty<Taxonomy> current = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<TaxonomyNode> focus = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper revision = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private final Latest loading = new Latest();
    private final ObservableList<VersionDiff> versions = FXCollections.observableArrayList();
    private final Latest loadingVersions = new Latest();
    /** Another client saved a taxonomy while the curator had unsaved edits in the form: they choose. */
    private final ReadOnlyBooleanWrapper elsewhere = new ReadOnlyBooleanWrapper();

    public TaxonomyViewModel(TaxonomyService taxonomies, TaskExecutor tasks, DialogService dialogs) {
        this.service = taxonomies;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.writes = tasks.serial();
        current.addListener((obs, o, n) -> loadVersions());
    }

    /**
     * Reloads the taxonomies when the store's differ from the ones shown (a loop accept, a restore or an import made
     * elsewhere), so an edit here does not save over them; the check runs after the saves pending. The undo history
     * starts again only when something changed.
     */
    public void reloadIfChangedElsewhere() {
        List<Taxonomy> shown = skills.stream().map(Taxonomy::deepCopy).toList();
        writes.wrap(() -> !same(shown, service.all()))
                .onSuccess(changed -> {
                    if (changed) {
                        tell("The taxonomies were changed outside this area; shown as stored now");
                        load(null);
                    }
                })
                .onFailure(e -> dialogs.showError("Cannot load taxonomies", e.getMessage()))
                .start();
    }

    /**
     * Another client saved a taxonomy (a team store): read again as on a visit, unless the curator has unsaved
     * edits in the form; then "changed elsewhere" shows ({@link #elsewhere()}) and they choose: {@link
     * #reloadFromStore()} or {@link #keepEditing()}.
     */
    public void changedElsewhere(boolean unsavedEdits) {
        if (unsavedEdits) {
            elsewhere.set(true);
        } else {
            reloadIfChangedElsewhere();
        }
    }

    /** The curator chose to see the taxonomies as stored now; their unsaved form edits are dropped. */
    public void reloadFromStore() {
        elsewhere.set(false);
        tell("Shown as stored now");
        load(null);
    }

    /** The curator chose to keep editing: saving then writes over the other client's change. */
    public void keepEditing() {
        elsewhere.set(false);
    }

    /** Whether a change made elsewhere waits for the curator's choice. */
    public ReadOnlyBooleanProperty elsewhere() {
        return elsewhere.getReadOnlyProperty();
    }

    private static boolean same(List<Taxonomy> a, List<Taxonomy> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).sameAs(b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Reads the current skill's versions in the background, newest first. */
    public void loadVersions() {
        Taxonomy t = current.get();
        if (t == null) {
            versions.clear();
            return;
        }
        String skill = t.skillId();
        tasks.wrap(() -> {
                    List<VersionDiff> newestFirst = new ArrayList<>(service.versions(skill));
                    Collections.reverse(newestFirst);
                    return newestFirst;
                })
                .onSuccess(list -> {
                    if (current.get() != null && current.get().skillId().equals(skill)) {
                        versions.setAll(list);
                    }
                })
                .onFailure(e -> dialogs.showError("Cannot read the taxonomy's versions", e.getMessage()))
                .latestOnly(loadingVersions)
                .start();
    }

    /**
     * Makes {@code version}'s content the skill's taxonomy again, as a new version (after the saves pending), then
     * reloads the tree; the in-app undo history starts again there, as after an import.
     */
    public void restore(VersionDiff version) {
        String skill = version.version().skillId();
        int number = version.version().number();
        writes.wrap(() -> service.restore(skill, number, "in the Taxonomy area"))
                .onSuccess(r -> {
                    tell(
                            r.added().isPresent()
                                    ? "Restored version " + number + " of " + skill + " as version "
                                            + r.added().getAsInt()
                                    : skill + " is version " + number + "'s content already");
                    load(skill);
                })
                .onFailure(e -> dialogs.showError("Cannot restore the version", e.getMessage()))
                .start();
    }

    /** Loads all skills from the store (in the background) and keeps the current one selected. */
    public void load(String selectSkill) {
        tasks.wrap(service::all)
                .onSuccess(all -> {
                    String keep = selectSkill != null
                            ? selectSkill
                            : current.get() != null ? current.get().skillId() : null;
                    skills.setAll(all);
                    current.set(all.stream()
                            .filter(t -> t.skillId().equals(keep))
                            .findFirst()
                            .orElse(all.isEmpty() ? null : all.get(0)));
                    history.clear();
                    revision.set(revision.get() + 1);
                })
                .onFailure(e -> dialogs.showError("Cannot load taxonomies", e.getMessage()))
                .latestOnly(loading)
                .start();
    }

    /**
     * Performs a checked edit of {@code taxonomy}; {@code focusAfter} is selected after it (and after
     * redo). Returns the curator-facing reason when the edit is not allowed.
     */
    public Optional<String> perform(
            Taxonomy taxonomy, EditFactory factory, TaxonomyNode focusAfter, TaxonomyNode focusOnUndo) {
        UndoableEdit edit;
        try {
            edit = factory.create();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        history.perform(new UndoableEdit() {
            @Override
            public String description() {
                return edit.description().substring(0, 1).toLowerCase()
                        + edit.description().substring(1);
            }

            @Override
            public void apply() {
                edit.apply();
                changed(
                        taxonomy,
                        focusAfter,
                        edit.description() + ": saved; Ctrl+Z undoes it",
                        TaxonomyService.EDITED_IN_AREA + ": " + description());
            }

            @Override
            public void revert() {
                edit.revert();
                changed(
                        taxonomy,
                        focusOnUndo,
                        "Undone: " + description() + "; Ctrl+Shift+Z redoes it",
                        TaxonomyService.EDITED_IN_AREA + ": undo of " + description());
            }
        });
        return Optional.empty();
    }

    /** Builds an edit; may refuse with {@link IllegalArgumentException}. */
    @FunctionalInterface
    public interface EditFactory {
        UndoableEdit create();
    }

    /** Shows the change, saves it in the background (a version made by {@code madeBy}), and says so once stored. */
    private void changed(Taxonomy taxonomy, TaxonomyNode focusNode, String savedNotice, String madeBy) {
        if (current.get() != taxonomy) {
            current.set(taxonomy);
        }
        focus.set(focusNode);
        revision.set(revision.get() + 1);
        Taxonomy copy = taxonomy.deepCopy();
        writes.wrap(() -> {
                    service.save(copy, madeBy);
                    return savedNotice;
                })
                .onSuccess(n -> {
                    tell(n);
                    loadVersions();
                })
                .onFailure(e -> dialogs.showError("Cannot save the taxonomy", e.getMessage()))
                .start();
    }

    /** The status bar shows every notice, also one equal to the last (the same edit saved twice). */
    private void tell(String text) {
        notice.set("");
        notice.set(text);
    }

    public void importFile(Path file) {
        tasks.wrap("Importing taxonomy", (progress, cancel) -> service.importFile(file))
                .onSuccess(result -> {
                    tell((result.replaced() ? "Replaced " : "Imported ") + "the taxonomy "
                            + result.taxonomy().skillId() + " from " + file.getFileName());
                    load(result.taxonomy().skillId());
                })
                .onFailure(error -> dialogs.showError(
                        "The taxonomy file has problems",
                        error instanceof TaxonomyFileException tfe
                                ? tfe.getMessage()
                                : "Cannot import " + file + ": " + error.getMessage()))
                .start();
    }

    public void exportFile(Taxonomy taxonomy, Path file) {
        Taxonomy copy = taxonomy.deepCopy();
        tasks.wrap("Exporting taxonomy", (progress, cancel) -> {
                    TaxonomyYaml.write(copy, file);
                    return file;
                })
                .onSuccess(written -> tell("Exported " + copy.skillId() + " to " + written))
                .onFailure(error -> dialogs.showError("Cannot export the taxonomy", error.getMessage()))
                .start();
    }

    /** Lets pending saves finish before the store closes. */
    public void close() {
        writes.awaitIdle(10, TimeUnit.SECONDS);
    }

    public ObservableList<Taxonomy> skills() {
        return skills;
    }

    public ObjectProperty<Taxonomy> current() {
        return current;
    }

    public ReadOnlyObjectProperty<TaxonomyNode> focus() {
        return focus.getReadOnlyProperty();
    }

    /** Increases after every change to the current tree (edit, undo, redo, reload). */
    public ReadOnlyIntegerProperty revision() {
        return revision.getReadOnlyProperty();
    }

    /** What was just done, for the status bar (empty in between, so a repeated notice is seen). */
    public ReadOnlyStringProperty notice() {
        return notice.getReadOnlyProperty();
    }

    /** The current skill's taxonomy versions, newest first, with what each changed. */
    public ObservableList<VersionDiff> versions() {
        return versions;
    }

    public HistoryUndoSupport undoSupport() {
        return undoSupport;
    }

    static String label(Taxonomy t) {
        return t.name() + "  ·  " + t.categoryCount() + " / " + t.subcategoryCount();
    }
}
