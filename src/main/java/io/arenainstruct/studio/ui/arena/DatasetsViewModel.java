package io.arenainstruct.studio.ui.arena;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import io.arenainstruct.studio.domain.arena.ArenaDataset;
import io.arenainstruct.studio.service.arena.DatasetImportReport;
import io.arenainstruct.studio.service.arena.DatasetService;
import io.arenainstruct.studio.service.arena.formats.DatasetFormat;
import io.arenainstruct.studio.service.job.JobEvent;
import io.arenainstruct.studio.ui.common.DialogService;
import io.arenainstruct.studio.ui.task.Latest;
import io.arenainstruct.studio.ui.task.TaskExecutor;

/**
 * The Datasets tab: the imported datasets, and an import of files (format, name, the model of answers that name
 * none) run in the background with progress and Cancel, whose report (what was imported, every rejected line)
 * stays to be read and copied.
 */
public final class DatasetsViewModel {
    /** The format choice that lets each file's format be detected. */
    public static final String AUTO = "auto";

    private static final int MOST_NAME = 200;

    private final DatasetService datasets;
    private final TaskExecutor tasks;
    private final DialogService dialogs;

    private final StringProperty format = new SimpleStringProperty(AUTO);
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty model = new SimpleStringProperty("");
    private final ObservableList<ArenaDataset> list = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper importing = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<DatasetImportReport> lastImport = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper report = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final Latest listing = new Latest();
    private final BooleanProperty showing = new SimpleBooleanProperty(true);

    public DatasetsViewModel(DatasetService datasets, TaskExecutor tasks, DialogService dialogs) {
        this.datasets = datasets;
        this.tasks = tasks;
        this.dialogs = dialogs;
        name.addListener((obs, o, n) -> problem.set(nameProblem(n)));
    }

    /** The choices of the format field: auto, then the five formats by the ids the command line takes. */
    public static List<String> formats() {
        List<String> all = new ArrayList<>();
        all.add(AUTO);
        for (DatasetFormat f : DatasetFormat.values()) {
            all.add(f.id());
        }
        return all;
    }

    /** Reads the datasets again. */
    public void refresh() {
        tasks.wrap(datasets::list)
                .onSuccess(list::setAll)
                .onFailure(e -> dialogs.showError("Cannot list the datasets", e.getMessage()))
                .latestOnly(listing)
                .start();
    }

    /** An arena job that ended may have added responses: the list is read again while the tab shows. */
    void jobEvent(JobEvent<?> event) {
        if (event instanceof JobEvent.Finished<?> && showing.get()) {
            refresh();
        }
    }

    /** Whether the tab shows; the view binds it. */
    public BooleanProperty showing() {
        return showing;
    }

    /** Asks for the files (a dialog), then imports them. */
    public void chooseAndImport() {
        if (importing.get()) {
            return;
        }
        importPaths(dialogs.chooseFiles("Import dataset files (JSONL)"));
    }

    /** Imports the files in the background with progress and Cancel in the status bar; the report stays. */
    public void importPaths(List<Path> files) {
        if (files.isEmpty() || importing.get()) {
            return;
        }
        String wrong = nameProblem(name.get());
        if (!wrong.isEmpty()) {
            problem.set(wrong);
            return;
        }
        DatasetFormat chosen = AUTO.equals(format.get()) || format.get() == null
                ? null
                : DatasetFormat.of(format.get()).orElse(null);
        String dataset = blankToNull(name.get());
        String defaultModel = blankToNull(model.get());
        List<Path> paths = List.copyOf(files);
        importing.set(true);
        tasks.wrap(
                        "Importing " + (paths.size() == 1 ? paths.get(0).getFileName() : paths.size() + " files"),
                        (progress, cancel) ->
                                datasets.importFiles(paths, chosen, dataset, defaultModel, progress, cancel))
                .onSuccess(r -> {
                    importing.set(false);
                    lastImport.set(r);
                    report.set(reportText(r));
                    refresh();
                })
                .onFailure(e -> {
                    importing.set(false);
                    dialogs.showError("The import failed", e.getMessage());
                    refresh();
                })
                .start();
    }

    /**
     * The report as the curator reads it: the summary, what was there already, the format of each file, then one
     * line per rejected line ({@code FILE:LINE: reason}).
     */
    static String reportText(DatasetImportReport r) {
        StringBuilder s = new StringBuilder(r.summary());
        if (r.instructionsPresent() + r.responsesPresent() > 0) {
            s.append("\nAlready in the store (not added again): ")
                    .append(count(r.instructionsPresent(), "instruction"))
                    .append(", ")
                    .append(count(r.responsesPresent(), "response"));
        }
        for (DatasetImportReport.FileFormat f : r.formats()) {
            s.append("\nRead as ").append(f.format()).append(f.detected() ? " (detected): " : ": ");
            s.append(f.file());
        }
        if (!r.rejections().isEmpty()) {
            s.append("\n\nRejected (the rest was imported):");
            for (DatasetImportReport.Rejection x : r.rejections()) {
                s.append('\n').append(x.where()).append(": ").append(x.reason());
            }
        }
        return s.toString();
    }

    private static String count(int n, String word) {
        return String.format("%,d %s%s", n, word, n == 1 ? "" : "s");
    }

    static String nameProblem(String name) {
        return name != null && name.strip().length() > MOST_NAME
                ? "A dataset name has at most " + MOST_NAME + " characters"
                : "";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** auto, or one of {@link #formats()}. */
    public StringProperty format() {
        return format;
    }

    /** The dataset the instructions join; blank for the default (the benchmark or the file's name). */
    public StringProperty name() {
        return name;
    }

    /** The model of answers whose line names none; blank for none. */
    public StringProperty model() {
        return model;
    }

    public ObservableList<ArenaDataset> datasets() {
        return list;
    }

    public ReadOnlyBooleanProperty importing() {
        return importing.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<DatasetImportReport> lastImport() {
        return lastImport.getReadOnlyProperty();
    }

    /** The last import's report as text; empty before the first. */
    public ReadOnlyStringProperty report() {
        return report.getReadOnlyProperty();
    }

    /** What is wrong with the name field; empty when nothing. */
    public ReadOnlyStringProperty problem() {
        return problem.getReadOnlyProperty();
    }
}
