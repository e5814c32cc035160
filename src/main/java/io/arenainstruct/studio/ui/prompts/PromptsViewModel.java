package io.arenainstruct.studio.ui.prompts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import io.arenainstruct.studio.domain.flow.Agent;
import io.arenainstruct.studio.domain.flow.AgentRole;
import io.arenainstruct.studio.domain.flow.Flow;
import io.arenainstruct.studio.domain.flow.Prompt;
import io.arenainstruct.studio.domain.flow.PromptVersion;
import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.llm.Provider;
import io.arenainstruct.studio.service.flow.FlowService;
import io.arenainstruct.studio.service.flow.FlowYaml;
import io.arenainstruct.studio.service.llm.EndpointService;
import io.arenainstruct.studio.ui.common.DialogService;
import io.arenainstruct.studio.ui.task.Latest;
import io.arenainstruct.studio.ui.task.SerialTasks;
import io.arenainstruct.studio.ui.task.TaskExecutor;

/**
 * State and actions of the Agents &amp; Prompts area: the flows, the chosen agent and its prompt versions,
 * saving and reverting prompts and settings ("Try on a seed" is {@link PromptTryViewModel}'s). Store reads and
 * writes run in the background; results land on the FX thread.
 */
public final class PromptsViewModel {

    /** The endpoint "Try on a seed" offers for checking the rendered messages without a server. */
    public static final Endpoint DRY_RUN = Endpoint.of("dry-run", Provider.DRY_RUN, "", "dry-run");

    /** The settings of an agent as the form holds them (endpoint null: the run's). */
    public record Settings(String endpoint, Double temperature, Integer maxTokens) {
        static Settings of(Agent a) {
            return new Settings(a.endpoint(), a.temperature(), a.maxTokens());
        }
    }

    private final FlowService flowService;
    private final EndpointService endpointService;
    private final TaskExecutor tasks;
    private final DialogService dialogs;
    private final SerialTasks writes;

    private final ObservableList<Flow> flows = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Agent> agent = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper skill = new ReadOnlyStringWrapper();
    private final ObservableList<PromptVersion> history = FXCollections.observableArrayList();
    private final ObservableList<Endpoint> endpoints = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private final Latest selected = new Latest();

    public PromptsViewModel(FlowService flows, EndpointService endpoints, TaskExecutor tasks, DialogService dialogs) {
        this.flowService = flows;
        this.endpointService = endpoints;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.writes = tasks.serial();
    }

    // ---------------------------------------------------------------------------------------- loading

    /** Reloads the flows and endpoints; {@code then} runs on the FX thread once they are shown. */
    public void load(Runnable then) {
        tasks.wrap(() -> new Choices(flowService.all(), endpointsAndDryRun()))
                .onSuccess(read -> {
                    flows.setAll(read.flows());
                    endpoints.setAll(read.endpoints());
                    then.run();
                })
                .onFailure(e -> dialogs.showError("Cannot read the flows", e.getMessage()))
                .start();
    }

    private record Choices(List<Flow> flows, List<Endpoint> endpoints) {}

    private List<Endpoint> endpointsAndDryRun() {
        List<Endpoint> eps = new ArrayList<>(endpointService.list());
        eps.add(DRY_RUN);
        return eps;
    }

    /**
     * Saves a flow's rounds and goals, then reloads the flows; a refusal's reason goes to {@code problem}
     * (on the FX thread), and {@code saved} runs once the flows are shown again.
     */
    public void saveRefinement(String skill, int rounds, List<String> goals, Consumer<String> problem, Runnable saved) {
        writes.wrap(() -> {
                    flowService.saveRefinement(skill, rounds, goals);
                    return flowService.all();
                })
                .onSuccess(all -> {
                    flows.setAll(all);
                    problem.accept("");
                    saved.run();
                })
                .onFailure(e -> {
                    if (e instanceof IllegalArgumentException refused) {
                        problem.accept(refused.getMessage());
                    } else {
                        dialogs.showError("Cannot save the refinement", e.getMessage());
                    }
                })
                .start();
    }

    /** Reads the endpoints again (they may have changed in another area); the flows stay as shown. */
    public void refreshEndpoints() {
        tasks.wrap(this::endpointsAndDryRun)
                .onSuccess(eps -> {
                    if (!endpoints.equals(eps)) {
                        endpoints.setAll(eps);
                    }
                })
                .onFailure(e -> dialogs.showError("Cannot read the endpoints", e.getMessage()))
                .start();
    }

    /** Reads the agent (as stored now) and its versions; {@code then} gets the agent on the FX thread. */
    public void select(String skillId, String agentId, Consumer<Agent> then) {
        tasks.wrap(() -> {
                    Flow flow = flowService
                            .find(skillId)
                            .orElseThrow(() -> new IllegalArgumentException("there is no flow for " + skillId));
                    Agent a = flow.agent(agentId)
                            .orElseThrow(() -> new IllegalArgumentException(skillId + " has no agent " + agentId));
                    return new Selection(flow, a, flowService.history(skillId, agentId));
                })
                .onSuccess(read -> {
                    flows.replaceAll(f -> f.skill().equals(skillId) ? read.flow() : f);
                    skill.set(skillId);
                    agent.set(read.agent());
                    history.setAll(read.versions());
                    then.accept(read.agent());
                })
                .onFailure(e -> dialogs.showError("Cannot read the agent", e.getMessage()))
                .latestOnly(selected)
                .start();
    }

    private record Selection(Flow flow, Agent agent, List<PromptVersion> versions) {}

    /** Forgets the chosen agent (a skill or stage is selected instead). */
    public void clearSelection() {
        selected.invalidate();
        agent.set(null);
        skill.set(null);
        history.clear();
    }

    // ---------------------------------------------------------------------------------------- checking

    /** What is wrong with the templates, as sentences; empty when the prompt can be saved. */
    public static List<String> problems(AgentRole role, String system, String user) {
        List<String> out = new ArrayList<>();
        FlowYaml.templateProblems(system, role).forEach(p -> out.add("System prompt: " + p));
        FlowYaml.templateProblems(user, role).forEach(p -> out.add("User message: " + p));
        if (system.isBlank()) {
            out.add("System prompt: it may not be empty");
        }
        if (user.isBlank()) {
            out.add("User message: it may not be empty");
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------- saving

    /**
     * Saves the prompt (as a new version with the note, when it changed) and the settings (when they
     * changed); {@code saved} gets the agent as stored afterwards.
     */
    public void save(Prompt prompt, String note, Settings settings, Consumer<Agent> saved) {
        Agent current = agent.get();
        String skillId = skill.get();
        if (current == null) {
            return;
        }
        boolean promptChanged = !current.prompt().equals(prompt);
        boolean settingsChanged = !Settings.of(current).equals(settings);
        writes.wrap(() -> {
                    PromptVersion v = null;
                    if (promptChanged) {
                        v = flowService.savePrompt(
                                skillId, current.id(), prompt, note == null || note.isBlank() ? null : note.strip());
                    }
                    if (settingsChanged) {
                        flowService.saveSettings(
                                skillId,
                                current.id(),
                                settings.endpoint(),
                                settings.temperature(),
                                settings.maxTokens());
                    }
                    return Optional.ofNullable(v);
                })
                .onSuccess(version -> {
                    tell(version.map(v -> "Saved " + current.name() + " as version " + v.version())
                            .orElse(settingsChanged ? "Saved the settings of " + current.name() : "Nothing to save"));
                    select(skillId, current.id(), saved);
                })
                .onFailure(e -> dialogs.showError("Cannot save " + current.name(), e.getMessage()))
                .start();
    }

    /** Makes an old version the newest again (as a new version). */
    public void revert(int version, Consumer<Agent> reverted) {
        Agent current = agent.get();
        String skillId = skill.get();
        if (current == null) {
            return;
        }
        writes.wrap(() -> flowService.revert(skillId, current.id(), version))
                .onSuccess(v -> {
                    tell("Reverted " + current.name() + " to version " + version + " (now version " + v.version()
                            + ")");
                    select(skillId, current.id(), reverted);
                })
                .onFailure(e -> dialogs.showError("Cannot revert " + current.name(), e.getMessage()))
                .start();
    }

    /** The status bar shows every notice, also one equal to the last (the same save twice). */
    private void tell(String text) {
        notice.set("");
        notice.set(text);
    }

    // ---------------------------------------------------------------------------------------- comparing

    /** What the diff pane shows: {@code newer} against {@code older} (null: newer is the first, shown whole). */
    public record Comparison(String title, PromptVersion older, PromptVersion newer) {}

    /**
     * The two versions to compare for the versions chosen in the list: the oldest and newest of them, or one
     * against the version before it.
     */
    public Comparison compare(List<PromptVersion> chosenVersions) {
        return compare(chosenVersions, history);
    }

    /** The same for any agent's versions ({@code history}: all of them, oldest first). */
    static Comparison compare(List<PromptVersion> chosenVersions, List<PromptVersion> history) {
        List<PromptVersion> chosen = new ArrayList<>(chosenVersions);
        chosen.removeIf(Objects::isNull);
        chosen.sort(Comparator.comparingInt(PromptVersion::version));
        if (chosen.isEmpty()) {
            return new Comparison(
                    "Choose one version to see what it changed, or two (Ctrl+click) to compare them", null, null);
        }
        PromptVersion newer = chosen.get(chosen.size() - 1);
        PromptVersion older = chosen.size() > 1
                ? chosen.get(0)
                : history.stream()
                        .filter(v -> v.version() < newer.version())
                        .reduce((x, y) -> y)
                        .orElse(null);
        if (older == null) {
            return new Comparison("Version " + newer.version() + " is the first: its whole text", null, newer);
        }
        return new Comparison(
                "Changes from version " + older.version() + " to version " + newer.version()
                        + " (added words highlighted, removed ones struck through)",
                older,
                newer);
    }

    /** Waits for the saves still being written (the store closes next). */
    public void close() {
        writes.awaitIdle(10, TimeUnit.SECONDS);
    }

    // ------------------------------------------------------------------------------------- properties

    public ObservableList<Flow> flows() {
        return flows;
    }

    public ReadOnlyObjectProperty<Agent> agent() {
        return agent.getReadOnlyProperty();
    }

    /** What was just saved, for the status bar (empty in between, so a repeated notice is seen). */
    public ReadOnlyStringProperty notice() {
        return notice.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty skill() {
        return skill.getReadOnlyProperty();
    }

    public ObservableList<PromptVersion> history() {
        return history;
    }

    public ObservableList<Endpoint> endpoints() {
        return endpoints;
    }
}
