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

import io.arenainstruct.studio.domain.Seed;
import io.arenainstruct.studio.domain.SeedFilter;
import io.arenainstruct.studio.domain.flow.Agent;
import io.arenainstruct.studio.domain.flow.AgentRole;
import io.arenainstruct.studio.domain.flow.Flow;
import io.arenainstruct.studio.domain.flow.Prompt;
import io.arenainstruct.studio.domain.flow.PromptVersion;
import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.llm.Message;
import io.arenainstruct.studio.domain.llm.ModelRequest;
import io.arenainstruct.studio.domain.llm.Provider;
import io.arenainstruct.studio.service.flow.FlowService;
import io.arenainstruct.studio.service.flow.FlowYaml;
import io.arenainstruct.studio.service.llm.EndpointService;
import io.arenainstruct.studio.service.llm.ModelGateway;
import io.arenainstruct.studio.service.run.RunService;
import io.arenainstruct.studio.service.seeds.SeedService;
import io.arenainstruct.studio.ui.common.DialogService;
import io.arenainstruct.studio.ui.common.LiveReply;
import io.arenainstruct.studio.ui.task.Latest;
import io.arenainstruct.studio.ui.task.SerialTasks;
import io.arenainstruct.studio.ui.task.TaskExecutor;

/**
 * State and actions of the Agents &amp; Prompts area: the flows, the chosen agent and its prompt versions,
 * saving and reverting prompts and settings, and "Try on a seed" streamed live. Store reads and writes and
 * model calls run in the background; results land on the FX thread.
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
    private final SeedService seedService;
    private final RunService runService;
    private final TaskExecutor tasks;
    private final DialogService dialogs;
    private final SerialTasks writes;

    private final ObservableList<Flow> flows = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Agent> agent = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper skill = new ReadOnlyStringWrapper();
    private final ObservableList<PromptVersion> history = FXCollections.observableArrayList();
    private final ObservableList<Endpoint> endpoints = FXCollections.observableArrayList();
    private final ObservableList<Seed> seeds = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private final Latest selected = new Latest();
    private final Latest seedsAsked = new Latest();

    private final ReadOnlyStringWrapper rendered = new ReadOnlyStringWrapper("");
    private final LiveReply trialReply;

    /** {@code runs} renders an agent on a seed for "Try on a seed"; {@code gateway} sends it. */
    public PromptsViewModel(
            FlowService flows,
            EndpointService endpoints,
            SeedService seeds,
            RunService runs,
            ModelGateway gateway,
            TaskExecutor tasks,
            DialogService dialogs) {
        this.flowService = flows;
        this.endpointService = endpoints;
        this.seedService = seeds;
        this.runService = runs;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.writes = tasks.serial();
        this.trialReply = new LiveReply(
                tasks,
                gateway,
                new LiveReply.Wording(
                        "Esc stops", "Stopped before the model answered", "Stopped; the reply so far stays"));
    }

    // ---------------------------------------------------------------------------------------- loading

    /** Reloads the flows, endpoints and seeds; {@code then} runs on the FX thread once they are shown. */
    public void load(Runnable then) {
        tasks.wrap(() -> new Choices(flowService.all(), endpointsAndDryRun(), firstSeeds("")))
                .onSuccess(read -> {
                    flows.setAll(read.flows());
                    endpoints.setAll(read.endpoints());
                    seeds.setAll(read.seeds());
                    then.run();
                })
                .onFailure(e -> dialogs.showError("Cannot read the flows", e.getMessage()))
                .start();
    }

    private record Choices(List<Flow> flows, List<Endpoint> endpoints, List<Seed> seeds) {}

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

    /** Reads the endpoints and seeds again (they may have changed in other areas); the flows stay as shown. */
    public void refreshChoices(String seedText) {
        tasks.wrap(this::endpointsAndDryRun)
                .onSuccess(eps -> {
                    if (!endpoints.equals(eps)) {
                        endpoints.setAll(eps);
                    }
                })
                .onFailure(e -> dialogs.showError("Cannot read the endpoints and seeds", e.getMessage()))
                .start();
        tasks.wrap(() -> firstSeeds(seedText))
                .onSuccess(found -> {
                    if (!seeds.equals(found)) {
                        seeds.setAll(found);
                    }
                })
                .onFailure(e -> dialogs.showError("Cannot read the endpoints and seeds", e.getMessage()))
                .latestOnly(seedsAsked)
                .start();
    }

    private List<Seed> firstSeeds(String text) {
        List<Seed> all = seedService.list(new SeedFilter(text, ""));
        return all.size() > 500 ? List.copyOf(all.subList(0, 500)) : all;
    }

    /** Shows the seeds whose name or text has all the words (at most 500). */
    public void searchSeeds(String text) {
        tasks.wrap(() -> firstSeeds(text))
                .onSuccess(seeds::setAll)
                .onFailure(e -> dialogs.showError("Cannot search the seeds", e.getMessage()))
                .latestOnly(seedsAsked)
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

    // ------------------------------------------------------------------------------------ try on a seed

    /** Renders the agent with {@code prompt} (saved or not) on the seed and streams the endpoint's reply. */
    public void tryOnSeed(Prompt prompt, Seed seed, Endpoint endpoint) {
        Agent current = agent.get();
        String skillId = skill.get();
        if (current == null || seed == null || endpoint == null) {
            return;
        }
        if (trialReply.state().get() != LiveReply.State.STREAMING) {
            rendered.set("");
        }
        trialReply.start(
                "Trying " + current.name() + " on " + seed.name(),
                endpoint,
                "Rendering " + current.name() + " on " + seed.name(),
                () -> runService.trial(skillId, current.id(), prompt, seed.id()).request(),
                request -> rendered.set(describe(request)),
                r -> r.dryRun()
                        ? "Dry run: no model was asked; above is what would be sent"
                        : "Done: " + r.tokensIn() + " tokens in, " + r.tokensOut() + " out"
                                + (r.fromCache() ? " · from the call ledger (asked before)" : ""));
    }

    /** Stops the trial at once; what arrived stays shown. */
    public void cancelTrial() {
        trialReply.cancel();
    }

    /** The rendered messages as the curator reads them. */
    static String describe(ModelRequest request) {
        StringBuilder s = new StringBuilder();
        for (Message m : request.messages()) {
            if (s.length() > 0) {
                s.append("\n\n");
            }
            s.append(
                            m.role() == Message.Role.SYSTEM
                                    ? "── System prompt ──"
                                    : m.role() == Message.Role.USER ? "── User message ──" : "── Assistant ──")
                    .append('\n')
                    .append(m.content());
        }
        return s.toString();
    }

    public void close() {
        cancelTrial();
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

    public ObservableList<Seed> seeds() {
        return seeds;
    }

    public ReadOnlyObjectProperty<LiveReply.State> trialState() {
        return trialReply.state();
    }

    public ReadOnlyStringProperty rendered() {
        return rendered.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty output() {
        return trialReply.text();
    }

    public ReadOnlyStringProperty trialStatus() {
        return trialReply.status();
    }
}
