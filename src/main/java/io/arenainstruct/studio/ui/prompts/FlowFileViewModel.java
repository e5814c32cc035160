package io.arenainstruct.studio.ui.prompts;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import io.arenainstruct.studio.service.files.TextFiles;
import io.arenainstruct.studio.service.flow.FlowFileException;
import io.arenainstruct.studio.service.flow.FlowProblem;
import io.arenainstruct.studio.service.flow.FlowService;
import io.arenainstruct.studio.service.flow.FlowYaml;
import io.arenainstruct.studio.service.run.RunService;
import io.arenainstruct.studio.ui.common.DialogService;
import io.arenainstruct.studio.ui.task.Latest;
import io.arenainstruct.studio.ui.task.SerialTasks;
import io.arenainstruct.studio.ui.task.TaskExecutor;

/**
 * A skill's whole flow as a YAML file, edited in the app: the same text `flows export` writes, checked as it is
 * typed, saved like `flows import` of that one file. It is where what the forms do not cover is changed: which
 * transformers and generators there are, how a transformer is picked, generators' categories, output schemas.
 */
public final class FlowFileViewModel {
    static final String NOTE = "edited as a file in the app";

    private final FlowService flows;
    private final RunService runs;
    private final TaskExecutor tasks;
    private final DialogService dialogs;
    private final SerialTasks writes;
    private final Latest opened = new Latest();
    private final Latest checked = new Latest();
    private final ReadOnlyStringWrapper skill = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper saved = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper checking = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper saving = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper taxonomyWarning = new ReadOnlyStringWrapper("");
    private final ObservableList<FlowProblem> problems = FXCollections.observableArrayList();

    /** {@code runs} says whether a flow fits its skill's taxonomy, as a run would check it. */
    public FlowFileViewModel(FlowService flows, RunService runs, TaskExecutor tasks, DialogService dialogs) {
        this.flows = flows;
        this.runs = runs;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.writes = tasks.serial();
    }

    /** Reads the skill's flow as a file; {@code then} gets the text on the FX thread. */
    public void open(String skillId, Consumer<String> then) {
        skill.set(skillId);
        problems.clear();
        status.set("");
        taxonomyWarning.set("");
        // A check of the skill shown before must not put its problems on this one.
        checked.invalidate();
        checking.set(false);
        tasks.wrap(() -> flows.text(skillId).orElse(""))
                .onSuccess(text -> {
                    saved.set(text);
                    then.accept(text);
                })
                .onFailure(e -> dialogs.showError("Cannot read the flow of " + skillId, e.getMessage()))
                .latestOnly(opened)
                .start();
    }

    /** Checks the edited text off the FX thread; only the newest check's problems are shown. */
    public void check(String text) {
        String skillId = skill.get();
        if (skillId == null) {
            return;
        }
        checking.set(true);
        tasks.wrap(() -> checkNow(skillId, text))
                .onSuccess(result -> {
                    problems.setAll(result.problems());
                    taxonomyWarning.set(result.warning());
                    checking.set(false);
                })
                .latestOnly(checked)
                .start();
    }

    private record Check(List<FlowProblem> problems, String warning) {}

    private Check checkNow(String skillId, String text) {
        List<FlowProblem> found;
        List<String> beforeRun = List.of();
        try {
            found = flows.check(skillId, text);
            if (found.isEmpty()) {
                beforeRun = runs.taxonomyProblems(FlowYaml.parse(FlowService.sourceOf(skillId), text));
            }
        } catch (FlowFileException | RuntimeException e) {
            found = List.of(new FlowProblem(FlowService.sourceOf(skillId), 0, "cannot be checked: " + e.getMessage()));
        }
        return new Check(
                found,
                beforeRun.isEmpty()
                        ? ""
                        : "A run would be refused until the taxonomy fits: " + String.join("; ", beforeRun));
    }

    /**
     * Saves the text as the skill's flow. {@code done} gets the flow as now stored, written the way export writes
     * it, on the FX thread after a save (the flows changed); a refusal lists its problems instead.
     */
    public void save(String text, Consumer<String> done) {
        String skillId = skill.get();
        if (skillId == null) {
            return;
        }
        saving.set(true);
        writes.wrap(() -> {
                    FlowService.ImportResult result = flows.saveText(skillId, text, NOTE);
                    return new Saved(result, flows.text(skillId).orElse(text));
                })
                .onSuccess(s -> {
                    saving.set(false);
                    saved.set(s.text());
                    problems.clear();
                    status.set("Saved the flow of " + skillId + ": "
                            + versions(s.result().newVersions()) + "; runs already started keep what they froze");
                    done.accept(s.text());
                })
                .onFailure(e -> {
                    saving.set(false);
                    if (e instanceof FlowFileException refused) {
                        problems.setAll(new ArrayList<>(refused.problems()));
                        status.set("Not saved: the file has problems");
                    } else {
                        dialogs.showError("Cannot save the flow of " + skillId, e.getMessage());
                    }
                })
                .start();
    }

    private record Saved(FlowService.ImportResult result, String text) {}

    /** Writes the text to a file the curator chose. */
    public void export(String text, Path file) {
        writes.wrap(() -> {
                    TextFiles.writeAtomically(file, text);
                    return file;
                })
                .onSuccess(written -> status.set("Exported to " + written))
                .onFailure(e -> dialogs.showError("Cannot export the flow", file + ": " + e.getMessage()))
                .start();
    }

    private static String versions(int n) {
        return n == 0 ? "no prompt changed" : n == 1 ? "1 new prompt version" : n + " new prompt versions";
    }

    public ReadOnlyStringProperty skill() {
        return skill.getReadOnlyProperty();
    }

    /** The text as it is in the store (what "Discard edits" goes back to). */
    public ReadOnlyStringProperty saved() {
        return saved.getReadOnlyProperty();
    }

    /**
     * What does not fit the skill's taxonomy (a generator's category it lacks): saving is allowed, since the
     * taxonomy may be edited next, but a run is refused until it fits.
     */
    public ReadOnlyStringProperty taxonomyWarning() {
        return taxonomyWarning.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty status() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty checking() {
        return checking.getReadOnlyProperty();
    }

    /** While a save is being written (the text is not editable then, so nothing typed is lost to the reload). */
    public ReadOnlyBooleanProperty saving() {
        return saving.getReadOnlyProperty();
    }

    public ObservableList<FlowProblem> problems() {
        return problems;
    }
}
