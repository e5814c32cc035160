package io.arenainstruct.studio.ui.prompts;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import javafx.application.Platform;
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
import io.arenainstruct.studio.service.flow.FlowYaml;
import io.arenainstruct.studio.service.task.SerialExecutor;
import io.arenainstruct.studio.ui.AppContext;
import io.arenainstruct.studio.ui.common.LiveReply;

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

    private final AppContext context;
    private final SerialExecutor writes;

    private final ObservableList<Flow> flows = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Agent> agent = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper skill = new ReadOnlyStringWrapper();
    private final ObservableList<PromptVersion> history = FXCollections.observableArrayList();
    private final ObservableList<Endpoint> endpoints = FXCollections.observableArrayList();
    private final ObservableList<Seed> seeds = FXCollections.observableArrayList();
    private final AtomicLong selectGeneration = new AtomicLong();
    private final AtomicLong seedGeneration = new AtomicLong();

    private final ReadOnlyStringWrapper rendered = new ReadOnlyStringWrapper("");
    private final LiveReply trialReply;
    public PromptsViewModel(AppContext context) {
        this.context = context;
        this.writes = new SerialExecutor(context.executor());
        this.trialReply = new LiveReply(context, new LiveReply.Wording("Esc stops", "Stopped before the model answered",
                "Stopped; the reply so far stays"));
    }

    // ---------------------------------------------------------------------------------------- loading

    /** Reloads the flows, endpoints and seeds; {@code then} runs on the FX thread once they are shown. */
    public void load(Runnable then) {
        context.executor().execute(() -> {
            try {
                List<Flow> all = context.workspace().flows().all();
                List<Endpoint> eps = context.workspace().endpoints().list();
                List<Seed> found = firstSeeds("");
                Platform.runLater(() -> {
                    flows.setAll(all);
                    List<Endpoint> withDry = new ArrayList<>(eps);
                    withDry.add(DRY_RUN);
                    endpoints.setAll(withDry);
                    seeds.setAll(found);
                    then.run();
                });
            } catch (RuntimeException e) {
                Platform.runLater(() -> context.dialogs().showError("Cannot read the flows", e.getMessage()));
            }
        });
    }

    /**
     * Saves a flow's rounds and goals, then reloads the flows; a refusal's reason goes to {@code problem}
     * (on the FX thread), and {@code saved} runs once the flows are shown again.
     */
    public void saveRefinement(String skill, int rounds, List<String> goals, Consumer<String> problem,
                               Runnable saved) {
        writes.execute(() -> {
            try {
                context.workspace().flows().saveRefinement(skill, rounds, goals);
                List<Flow> all = context.workspace().flows().all();
                Platform.runLater(() -> {
                    flows.setAll(all);
                    problem.accept("");
                    saved.run();
                });
            } catch (IllegalArgumentException e) {
                Platform.runLater(() -> problem.accept(e.getMessage()));
            } catch (RuntimeException e) {
                Platform.runLater(() -> context.dialogs().showError("Cannot save the refinement", e.getMessage()));
            }
        });
    }

    /** Reads the endpoints and seeds again (they may have changed in other areas); the flows stay as shown. */
    public void refreshChoices(String seedText) {
        long generation = seedGeneration.incrementAndGet();
        context.executor().execute(() -> {
            try {
                List<Endpoint> eps = new ArrayList<>(context.workspace().endpoints().list());
                eps.add(DRY_RUN);
                List<Seed> found = firstSeeds(seedText);
                Platform.runLater(() -> {
                    if (!endpoints.equals(eps)) {
                        endpoints.setAll(eps);
                    }
                    if (generation == seedGeneration.get() && !seeds.equals(found)) {
                        seeds.setAll(found);
                    }
                });
            } catch (RuntimeException e) {
                Platform.runLater(() -> context.dialogs().showError("Cannot read the endpoints and seeds", e.getMessage()));
            }
        });
    }

    private List<Seed> firstSeeds(String text) {
        List<Seed> all = context.workspace().seeds().list(new SeedFilter(text, ""));
        return all.size() > 500 ? List.copyOf(all.subList(0, 500)) : all;
    }

    /** Shows the seeds whose name or text has all the words (at most 500). */
    public void searchSeeds(String text) {
        long generation = seedGeneration.incrementAndGet();
        context.executor().execute(() -> {
            try {
                List<Seed> found = firstSeeds(text);
                Platform.runLater(() -> {
                    if (generation == seedGeneration.get()) {
                        seeds.setAll(found);
                    }
                });
            } catch (RuntimeException e) {
                Platform.runLater(() -> context.dialogs().showError("Cannot search the seeds", e.getMessage()));
            }
        });
    }

    /** Reads the agent (as stored now) and its versions; {@code then} gets the agent on the FX thread. */
    public void select(String skillId, String agentId, Consumer<Agent> then) {
        long generation = selectGeneration.incrementAndGet();
        context.executor().execute(() -> {
            try {
                Flow flow = context.workspace().flows().find(skillId).orElseThrow(
                        () -> new IllegalArgumentException("there is no flow for " + skillId));
                Agent a = flow.agent(agentId).orElseThrow(
                        () -> new IllegalArgumentException(skillId + " has no agent " + agentId));
                List<PromptVersion> versions = context.workspace().flows().history(skillId, agentId);
                Platform.runLater(() -> {
                    if (generation != selectGeneration.get()) {
                        return;
                    }
                    flows.replaceAll(f -> f.skill().equals(skillId) ? flow : f);
                    skill.set(skillId);
                    agent.set(a);
                    history.setAll(versions);
                    then.accept(a);
                });
            } catch (RuntimeException e) {
                Platform.runLater(() -> context.dialogs().showError("Cannot read the agent", e.getMessage()));
            }
        });
    }

    /** Forgets the chosen agent (a skill or stage is selected instead). */
    public void clearSelection() {
        selectGeneration.incrementAndGet();
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
        writes.execute(() -> {
            try {
                PromptVersion v = null;
                if (promptChanged) {
                    v = context.workspace().flows().savePrompt(skillId, current.id(), prompt,
                            note == null || note.isBlank() ? null : note.strip());
                }
                if (settingsChanged) {
                    context.workspace().flows().saveSettings(skillId, current.id(), settings.endpoint(),
                            settings.temperature(), settings.maxTokens());
                }
                PromptVersion version = v;
                Platform.runLater(() -> {
                    context.notice().set(version != null ? "Saved " + current.name() + " as version " + version.version()
                            : settingsChanged ? "Saved the settings of " + current.name() : "Nothing to save");
                    select(skillId, current.id(), saved);
                });
            } catch (RuntimeException e) {
                Platform.runLater(() -> context.dialogs().showError("Cannot save " + current.name(), e.getMessage()));
            }
        });
    }

    /** Makes an old version the newest again (as a new version). */
    public void revert(int version, Consumer<Agent> reverted) {
        Agent current = agent.get();
        String skillId = skill.get();
        if (current == null) {
            return;
        }
        writes.execute(() -> {
            try {
                PromptVersion v = context.workspace().flows().revert(skillId, current.id(), version);
                Platform.runLater(() -> {
                    context.notice().set("Reverted " + current.name() + " to version " + version + " (now version "
                            + v.version() + ")");
                    select(skillId, current.id(), reverted);
                });
            } catch (RuntimeException e) {
                Platform.runLater(() -> context.dialogs().showError("Cannot revert " + current.name(), e.getMessage()));
            }
        });
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
        trialReply.start("Trying " + current.name() + " on " + seed.name(), endpoint, "Rendering " + current.name()
                        + " on " + seed.name(),
                () -> context.workspace().runs().trial(skillId, current.id(), prompt, seed.id()).request(),
                request -> rendered.set(describe(request)),
                r -> r.dryRun() ? "Dry run: no model was asked; above is what would be sent"
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
            s.append(m.role() == Message.Role.SYSTEM ? "── System prompt ──" : m.role() == Message.Role.USER
                    ? "── User message ──" : "── Assistant ──").append('\n').append(m.content());
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
