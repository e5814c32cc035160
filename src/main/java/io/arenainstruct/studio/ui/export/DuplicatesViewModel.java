package io.arenainstruct.studio.ui.export;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import io.arenainstruct.studio.domain.Counts;
import io.arenainstruct.studio.domain.curation.ReferenceSetInfo;
import io.arenainstruct.studio.service.curation.Cluster;
import io.arenainstruct.studio.service.curation.Contamination;
import io.arenainstruct.studio.service.curation.CurationInputException;
import io.arenainstruct.studio.service.curation.CurationItem;
import io.arenainstruct.studio.service.curation.CurationOptions;
import io.arenainstruct.studio.service.curation.CurationReport;
import io.arenainstruct.studio.service.curation.Dropped;
import io.arenainstruct.studio.service.curation.KeepDecisions;
import io.arenainstruct.studio.service.curation.KeptBack;
import io.arenainstruct.studio.service.curation.ReferenceFiles;
import io.arenainstruct.studio.service.curation.ReferenceSets;
import io.arenainstruct.studio.service.curation.StoreCuration;
import io.arenainstruct.studio.service.run.InstructionService;
import io.arenainstruct.studio.ui.common.DialogService;
import io.arenainstruct.studio.ui.task.TaskExecutor;

/**
 * The Duplicates pane of the Export area: a curation pass over the store (decision 0014) computed in the background,
 * shown as rows (each cluster's kept item, its dropped items with their reasons and the items a curator kept back;
 * then the contaminated items with their reference), a keep-back and a release of the selected item, and the stored
 * reference sets with import and remove. One computation at a time: a request made meanwhile runs once it ends.
 */
public final class DuplicatesViewModel {
    /** What a pass does with a row's item. */
    public enum Role {
        /** The item a cluster keeps (its lowest id). */
        KEPT("kept"),
        /** Dropped as a duplicate or as contaminated. */
        DROPPED("dropped"),
        /** Would be dropped, kept because a curator said so. */
        KEPT_BACK("kept back");

        private final String text;

        Role(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** The group contaminated items are shown under. */
    public static final String CONTAMINATED = "contaminated";

    /**
     * One line of the table.
     *
     * @param group     "exact cluster 1", "near cluster 2" or {@value #CONTAMINATED}
     * @param reason    why the pass keeps or drops it
     * @param reference for a contaminated item, the set and the prompt it matched; else empty
     */
    public record Row(String group, Role role, CurationItem item, String reason, String reference) {}

    private final StoreCuration curation;
    private final ReferenceSets references;
    private final KeepDecisions keeps;
    private final TaskExecutor tasks;
    private final DialogService dialogs;
    private final Supplier<String> annotator;

    private final ObjectProperty<CurationOptions> options = new SimpleObjectProperty<>(CurationOptions.defaults());
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObjectProperty<Row> selected = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<CurationReport> report = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper computing = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper writing = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canKeep = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canRelease = new ReadOnlyBooleanWrapper();
    private final ObservableList<ReferenceSetInfo> sets = FXCollections.observableArrayList();
    private final ObjectProperty<ReferenceSetInfo> selectedSet = new SimpleObjectProperty<>();

    private boolean running;
    private boolean pending;
    private boolean closed;
    /** The item to select again once the rows are computed anew (the one just kept or released). */
    private Long reselect;

    /**
     * @param annotator the name the curator gave for verdicts (null or blank: none given, the operating-system user
     *                  is recorded)
     */
    public DuplicatesViewModel(
            StoreCuration curation,
            ReferenceSets references,
            KeepDecisions keeps,
            TaskExecutor tasks,
            DialogService dialogs,
            Supplier<String> annotator) {
        this.curation = curation;
        this.references = references;
        this.keeps = keeps;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.annotator = annotator;
        selected.addListener((obs, o, n) -> decideActions());
        writing.addListener((obs, o, n) -> decideActions());
        options.addListener((obs, o, n) -> refresh());
    }

    private void decideActions() {
        Row row = selected.get();
        canKeep.set(!writing.get() && row != null && row.role() == Role.DROPPED);
        canRelease.set(!writing.get() && row != null && row.role() == Role.KEPT_BACK);
    }

    /** What a computation read: the report and the stored sets it used. */
    private record Computed(CurationReport report, List<ReferenceSetInfo> sets) {}

    /** Computes the pass again now (F5, a change), or as soon as the one under way ends. */
    public void refresh() {
        if (closed) {
            return;
        }
        if (running) {
            pending = true;
            return;
        }
        running = true;
        computing.set(true);
        CurationOptions asked = options.get();
        tasks.wrap(() -> {
                    List<ReferenceSetInfo> stored = references.list();
                    return new Computed(curation.curate(List.of(), asked), stored);
                })
                .onSuccess(c -> finished(c, null))
                .onFailure(e -> finished(null, e))
                .start();
    }

    private void finished(Computed computed, Throwable error) {
        running = false;
        computing.set(false);
        if (closed) {
            return;
        }
        if (computed == null) {
            summary.set("The duplicates could not be computed: " + error.getMessage());
        } else {
            report.set(computed.report());
            setsChanged(computed.sets());
            Long again = reselect != null
                    ? reselect
                    : selected.get() == null ? null : selected.get().item().id();
            reselect = null;
            rows.setAll(rows(computed.report()));
            selected.set(
                    again == null
                            ? null
                            : rows.stream()
                                    .filter(r -> r.item().id() == again)
                                    .findFirst()
                                    .orElse(null));
            summary.set(
                    computed.report().checked() == 0
                            ? "Nothing to check: the store has no instruction texts or arena prompts."
                            : computed.report().summary());
        }
        if (pending) {
            pending = false;
            refresh();
        }
    }

    private void setsChanged(List<ReferenceSetInfo> now) {
        if (!sets.equals(now)) {
            ReferenceSetInfo was = selectedSet.get();
            sets.setAll(now);
            selectedSet.set(
                    was == null
                            ? null
                            : now.stream()
                                    .filter(s -> s.name().equals(was.name()))
                                    .findFirst()
                                    .orElse(null));
        }
    }

    /** The report as rows: every cluster (kept, dropped, kept back), then the contaminated items. */
    static List<Row> rows(CurationReport report) {
        List<Row> out = new ArrayList<>();
        int n = 0;
        for (Cluster c : report.clusters()) {
            String group = c.kind().name().toLowerCase(Locale.ROOT) + " cluster " + ++n;
            out.add(new Row(group, Role.KEPT, c.kept(), "kept: the lowest id of " + c.size() + " alike items", ""));
            for (Dropped d : c.dropped()) {
                out.add(new Row(group, Role.DROPPED, d.item(), d.reason(), ""));
            }
            for (KeptBack k : c.keptBack()) {
                out.add(new Row(group, Role.KEPT_BACK, k.item(), keptReason(k), ""));
            }
        }
        for (Contamination c : report.contaminated()) {
            out.add(new Row(
                    CONTAMINATED, Role.DROPPED, c.item(), c.reason(), c.referenceSet() + " prompt " + c.referenceId()));
        }
        for (KeptBack k : report.keptContaminated()) {
            out.add(new Row(CONTAMINATED, Role.KEPT_BACK, k.item(), keptReason(k), ""));
        }
        return out;
    }

    private static String keptReason(KeptBack k) {
        return k.reason() + "; would be dropped: " + k.overruled();
    }

    /** The name a keep decision records: the annotator's, else the operating-system user's. */
    private String keeper() {
        String name = annotator.get();
        return name == null || name.isBlank() ? InstructionService.currentUser() : name;
    }

    /** Keeps the selected dropped item back (K): the pass computed again shows it kept. */
    public void keepSelected() {
        Row row = selected.get();
        if (!canKeep.get() || row == null) {
            return;
        }
        String by = keeper();
        write(
                () -> keeps.keep(row.item(), by),
                row.item(),
                "Cannot keep " + row.item().label());
    }

    /** Withdraws the keep decision on the selected kept-back item (R): the next pass may drop it again. */
    public void releaseSelected() {
        Row row = selected.get();
        if (!canRelease.get() || row == null) {
            return;
        }
        write(
                () -> keeps.release(row.item()),
                row.item(),
                "Cannot release " + row.item().label());
    }

    /** A keep decision's write. */
    @FunctionalInterface
    private interface Decision {
        void run() throws CurationInputException;
    }

    private void write(Decision decision, CurationItem item, String failure) {
        writing.set(true);
        tasks.wrap(() -> {
                    decision.run();
                    return item;
                })
                .onSuccess(i -> {
                    writing.set(false);
                    reselect = i.id();
                    refresh();
                })
                .onFailure(e -> {
                    writing.set(false);
                    dialogs.showError(failure, e.getMessage());
                    refresh();
                })
                .start();
    }

    /** Asks for reference files (a dialog), then stores each as a set named by its file. */
    public void chooseAndImport() {
        if (writing.get()) {
            return;
        }
        importFiles(dialogs.chooseFiles("Import reference prompt sets: " + ReferenceFiles.FORMATS));
    }

    /** Stores each file as a set, whole or not at all; the files that cannot be are told in one message. */
    public void importFiles(List<Path> files) {
        if (files.isEmpty() || writing.get()) {
            return;
        }
        List<Path> paths = List.copyOf(files);
        writing.set(true);
        tasks.wrap(() -> {
                    List<String> problems = new ArrayList<>();
                    for (Path file : paths) {
                        try {
                            references.importFile(file, null);
                        } catch (ReferenceFiles.ReferenceFileException | CurationInputException e) {
                            problems.add(e.getMessage());
                        }
                    }
                    return problems;
                })
                .onSuccess(problems -> {
                    writing.set(false);
                    if (!problems.isEmpty()) {
                        dialogs.showError(
                                problems.size() == paths.size()
                                        ? "Nothing was imported"
                                        : "Some files were not imported (the others were)",
                                String.join("\n", problems));
                    }
                    refresh();
                })
                .onFailure(e -> {
                    writing.set(false);
                    dialogs.showError("The import failed", e.getMessage());
                    refresh();
                })
                .start();
    }

    /** Removes the selected reference set (Delete) once the curator confirms. */
    public void removeSelectedSet() {
        ReferenceSetInfo set = selectedSet.get();
        if (set == null || writing.get()) {
            return;
        }
        if (!dialogs.confirm(
                "Remove reference set",
                "Remove the reference set \u201c" + set.name() + "\u201d (" + Counts.of(set.promptCount(), "prompts")
                        + ")? Items that contain its prompts will no longer be dropped as contaminated.",
                "Remove")) {
            return;
        }
        writing.set(true);
        tasks.wrap(() -> references.remove(set.name()))
                .onSuccess(removed -> {
                    writing.set(false);
                    refresh();
                })
                .onFailure(e -> {
                    writing.set(false);
                    dialogs.showError("Cannot remove " + set.name(), e.getMessage());
                    refresh();
                })
                .start();
    }

    /** Stops taking results: the area is closing. */
    public void close() {
        closed = true;
    }

    /** The options of the pass; a change computes it again. */
    public ObjectProperty<CurationOptions> options() {
        return options;
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    /** The row the table selects; the view keeps the two in step. */
    public ObjectProperty<Row> selected() {
        return selected;
    }

    /** The last report computed; null until one is. */
    public ReadOnlyObjectProperty<CurationReport> report() {
        return report.getReadOnlyProperty();
    }

    /** The report's line, or why there is none. */
    public ReadOnlyStringProperty summary() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty computing() {
        return computing.getReadOnlyProperty();
    }

    /** A keep, release, import or remove is being written. */
    public ReadOnlyBooleanProperty writing() {
        return writing.getReadOnlyProperty();
    }

    /** Whether the selected row is a dropped item that can be kept back. */
    public ReadOnlyBooleanProperty canKeep() {
        return canKeep.getReadOnlyProperty();
    }

    /** Whether the selected row is a kept-back item that can be released. */
    public ReadOnlyBooleanProperty canRelease() {
        return canRelease.getReadOnlyProperty();
    }

    public ObservableList<ReferenceSetInfo> referenceSets() {
        return sets;
    }

    public ObjectProperty<ReferenceSetInfo> selectedSet() {
        return selectedSet;
    }
}
