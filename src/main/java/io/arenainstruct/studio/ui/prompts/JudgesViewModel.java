package io.arenainstruct.studio.ui.prompts;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import io.arenainstruct.studio.domain.arena.JudgeAgent;
import io.arenainstruct.studio.domain.arena.JudgeStyle;
import io.arenainstruct.studio.domain.flow.Prompt;
import io.arenainstruct.studio.domain.flow.PromptVersion;
import io.arenainstruct.studio.domain.flow.Template;
import io.arenainstruct.studio.service.arena.JudgeAgents;
import io.arenainstruct.studio.service.arena.JudgeRequests;
import io.arenainstruct.studio.ui.common.DialogService;
import io.arenainstruct.studio.ui.prompts.PromptsViewModel.Comparison;
import io.arenainstruct.studio.ui.task.Latest;
import io.arenainstruct.studio.ui.task.SerialTasks;
import io.arenainstruct.studio.ui.task.TaskExecutor;

/**
 * The arena judges in Agents &amp; Prompts: the judges, the chosen one and its prompt versions, saving an edited
 * prompt as a new version (a prompt that cannot judge is refused with the reason) and reverting to a version
 * ("Try on a battle" is {@link JudgeTryViewModel}'s). Store work runs in the background.
 */
public final class JudgesViewModel {
    private final JudgeAgents service;
    private final TaskExecutor tasks;
    private final DialogService dialogs;
    private final SerialTasks writes;

    private final ObservableList<JudgeAgent> judges = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<JudgeAgent> judge = new ReadOnlyObjectWrapper<>();
    private final ObservableList<PromptVersion> history = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private final Latest selected = new Latest();

    public JudgesViewModel(JudgeAgents judges, TaskExecutor tasks, DialogService dialogs) {
        this.service = judges;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.writes = tasks.serial();
    }

    /** Reads the judges; {@code then} runs on the FX thread once they are in {@link #judges()}. */
    public void load(Runnable then) {
        tasks.wrap(service::all)
                .onSuccess(all -> {
                    judges.setAll(all);
                    then.run();
                })
                .onFailure(e -> dialogs.showError("Cannot read the arena judges", e.getMessage()))
                .start();
    }

    /** Reads a judge (its latest version) and its versions; {@code then} gets it on the FX thread. */
    public void select(String id, Consumer<JudgeAgent> then) {
        tasks.wrap(() -> new Selection(
                        service.find(id).orElseThrow(() -> new IllegalArgumentException("there is no judge " + id)),
                        service.history(id)))
                .onSuccess(read -> {
                    judges.replaceAll(j -> j.id().equals(id) ? read.judge() : j);
                    judge.set(read.judge());
                    history.setAll(read.versions());
                    then.accept(read.judge());
                })
                .onFailure(e -> dialogs.showError("Cannot read the judge", e.getMessage()))
                .latestOnly(selected)
                .start();
    }

    private record Selection(JudgeAgent judge, List<PromptVersion> versions) {}

    /** Forgets the chosen judge (something else is chosen in the tree). */
    public void clearSelection() {
        selected.invalidate();
        judge.set(null);
        history.clear();
    }

    /**
     * What keeps a judge prompt from being saved, as sentences; empty when it can be. The judge needs the question
     * and both answers ({@link JudgeAgents#problems}); a variable it is never given would stay as typed.
     */
    public static List<String> problems(String system, String user) {
        List<String> out = new ArrayList<>(JudgeAgents.problems(new Prompt(system, user)));
        for (String text : List.of(system, user)) {
            for (Template.Occurrence o : Template.occurrences(text)) {
                String unknown = "unknown variable {{" + o.name() + "}}: a judge is given only "
                        + String.join(", ", JudgeRequests.VARIABLES.keySet());
                if (!JudgeRequests.VARIABLES.containsKey(o.name()) && !out.contains(unknown)) {
                    out.add(unknown);
                }
            }
        }
        if (system.isBlank()) {
            out.add("the system prompt may not be empty");
        }
        return out;
    }

    /** How a judge gives its verdict, in words. */
    public static String style(JudgeStyle style) {
        return style == JudgeStyle.GRADED
                ? "graded: one label of [[A>>B]] [[A>B]] [[A=B]] [[B>A]] [[B>>A]]"
                : "scores: 1 to 10 for each answer, [[7, 5]]; the verdict follows the gap";
    }

    /**
     * Saves the prompt as the chosen judge's next version with the note; a refusal's reason goes to
     * {@code problem} (on the FX thread, empty after a save), and {@code saved} gets the judge as stored.
     */
    public void save(Prompt prompt, String note, Consumer<String> problem, Consumer<JudgeAgent> saved) {
        JudgeAgent current = judge.get();
        if (current == null) {
            return;
        }
        if (current.prompt().equals(prompt)) {
            tell("Nothing to save");
            return;
        }
        List<String> found = problems(prompt.system(), prompt.user());
        if (!found.isEmpty()) {
            problem.accept(String.join("\n", found));
            return;
        }
        String cleanNote = note == null || note.isBlank() ? null : note.strip();
        writes.wrap(() -> service.save(current.id(), prompt, cleanNote))
                .onSuccess(v -> {
                    problem.accept("");
                    tell("Saved " + current.name() + " as version " + v.version());
                    select(current.id(), saved);
                })
                .onFailure(e -> {
                    if (e instanceof IllegalArgumentException refused) {
                        problem.accept(refused.getMessage());
                    } else {
                        dialogs.showError("Cannot save " + current.name(), e.getMessage());
                    }
                })
                .start();
    }

    /** Makes an old version the newest again (as a new version, noted so). */
    public void revert(int version, Consumer<JudgeAgent> reverted) {
        JudgeAgent current = judge.get();
        PromptVersion old =
                history.stream().filter(v -> v.version() == version).findFirst().orElse(null);
        if (current == null || old == null) {
            return;
        }
        writes.wrap(() -> service.save(current.id(), old.prompt(), "reverted to version " + version))
                .onSuccess(v -> {
                    tell("Reverted " + current.name() + " to version " + version + " (now version " + v.version()
                            + ")");
                    select(current.id(), reverted);
                })
                .onFailure(e -> dialogs.showError("Cannot revert " + current.name(), e.getMessage()))
                .start();
    }

    /** The versions to compare for those chosen in the list (see {@link PromptsViewModel#compare}). */
    public Comparison compare(List<PromptVersion> chosen) {
        return PromptsViewModel.compare(chosen, history);
    }

    /** The status bar shows every notice, also one equal to the last. */
    private void tell(String text) {
        notice.set("");
        notice.set(text);
    }

    /** Waits for the saves still being written (the store closes next). */
    public void close() {
        writes.awaitIdle(10, TimeUnit.SECONDS);
    }

    public ObservableList<JudgeAgent> judges() {
        return judges;
    }

    public ReadOnlyObjectProperty<JudgeAgent> judge() {
        return judge.getReadOnlyProperty();
    }

    public ObservableList<PromptVersion> history() {
        return history;
    }

    public ReadOnlyStringProperty notice() {
        return notice.getReadOnlyProperty();
    }
}
