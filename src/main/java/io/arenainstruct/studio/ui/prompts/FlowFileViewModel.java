package io.arenainstruct.studio.ui.prompts;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import javafx.application.Platform;
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
import io.arenainstruct.studio.service.task.SerialExecutor;
import io.arenainstruct.studio.ui.AppContext;

/**
 * A skill's whole flow as a YAML file, edited in the app: the same text `flows export` writes, checked as it is
 * typed, saved like `flows import` of that one file. It is where what the forms do not cover is changed: which
 * transformers and generators there are, how a transformer is picked, generators' categories, output schemas.
 */
public final class FlowFileViewModel {
    static final String NOTE = "edited as a file in the app";

    private final AppContext context;
    private final SerialExecutor writes;
    private final AtomicLong checkGeneration = new AtomicLong();
    private final ReadOnlyStringWrapper skill = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper saved = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper checking = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper saving = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper taxonomyWarning = new ReadOnlyStringWrapper("");
    private final ObservableList<FlowProblem> problems = FXCollections.observableArrayList();

    public FlowFileViewModel(AppContext context) {
        this.context = context;
        this.writes = new SerialExecutor(context.executor());
    }

    /** Reads the skill's flow as a file; {@code then} gets the text on the FX thread. */
    public void open(String skillId, Consumer<String> then) {
        skill.set(skillId);
        problems.clear();
        status.set("");
        taxonomyWarning.set("");
        context.executor().execute(() -> {
            try {
                String text = context.workspace().flows().text(skillId).orElse("");
                Platform.runLater(() -> {
                    if (skillId.equals(skill.get())) {
                        saved.set(text);
                        then.accept(text);
                    }
                });
            } catch (RuntimeException e) {
                Platform.runLater(() -> context.dialogs().showError("Cannot read the flow of " + skillId,
                        e.getMessage()));
            }
        });
    }

    /** Checks the edited text off the FX thread; only the newest check's problems are shown. */
    public void check(String text) {
        String skillId = skill.get();
        if (skillId == null) {
            return;
        }
        long generation = checkGeneration.incrementAndGet();
        checking.set(true);
        context.executor().execute(() -> {
            List<FlowProblem> found;
            List<String> beforeRun = List.of();
            try {
                found = context.workspace().flows().check(skillId, text);
                if (found.isEmpty()) {
                    beforeRun = context.workspace().runs().taxonomyProblems(FlowYaml.parse(FlowService.sourceOf(skillId), text));
                }
            } catch (FlowFileException | RuntimeException e) {
                found = List.of(new FlowProblem(FlowService.sourceOf(skillId), 0, "cannot be checked: "
                        + e.getMessage()));
            }
            List<FlowProblem> shown = found;
            String warning = beforeRun.isEmpty() ? "" : "A run would be refused until the taxonomy fits: "
                    + String.join("; ", beforeRun);
            Platform.runLater(() -> {
                if (generation == checkGeneration.get()) {
                    problems.setAll(shown);
                    taxonomyWarning.set(warning);
                    checking.set(false);
                }
            });
        });
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
        writes.execute(() -> {
            try {
                FlowService.ImportResult result = context.workspace().flows().saveText(skillId, text, NOTE);
                String now = context.workspace().flows().text(skillId).orElse(text);
                Platform.runLater(() -> {
                    saving.set(false);
                    saved.set(now);
                    problems.clear();
                    status.set("Saved the flow of " + skillId + ": " + versions(result.newVersions())
                            + "; runs already started keep what they froze");
                    done.accept(now);
                });
            } catch (FlowFileException e) {
                List<FlowProblem> found = new ArrayList<>(e.problems());
                Platform.runLater(() -> {
                    saving.set(false);
                    problems.setAll(found);
                    status.set("Not saved: the file has problems");
                });
            } catch (RuntimeException e) {
                Platform.runLater(() -> {
                    saving.set(false);
                    context.dialogs().showError("Cannot save the flow of " + skillId, e.getMessage());
                });
            }
        });
    }

    /** Writes the text to a file the curator chose. */
    public void export(String text, Path file) {
        writes.execute(() -> {
            try {
                TextFiles.writeAtomically(file, text);
                Platform.runLater(() -> status.set("Exported to " + file));
            } catch (IOException | RuntimeException e) {
                Platform.runLater(() -> context.dialogs().showError("Cannot export the flow",
                        file + ": " + e.getMessage()));
            }
        });
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
