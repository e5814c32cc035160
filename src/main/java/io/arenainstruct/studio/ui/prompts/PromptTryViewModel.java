package io.arenainstruct.studio.ui.prompts;

import java.util.List;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import io.arenainstruct.studio.domain.Seed;
import io.arenainstruct.studio.domain.SeedFilter;
import io.arenainstruct.studio.domain.flow.Agent;
import io.arenainstruct.studio.domain.flow.Prompt;
import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.llm.Message;
import io.arenainstruct.studio.domain.llm.ModelRequest;
import io.arenainstruct.studio.service.llm.ModelGateway;
import io.arenainstruct.studio.service.run.RunService;
import io.arenainstruct.studio.service.seeds.SeedService;
import io.arenainstruct.studio.ui.common.DialogService;
import io.arenainstruct.studio.ui.common.LiveReply;
import io.arenainstruct.studio.ui.task.Latest;
import io.arenainstruct.studio.ui.task.TaskExecutor;

/**
 * "Try on a seed" of the Agents &amp; Prompts area: the seeds to choose from, and an agent rendered with a prompt
 * (saved or not) on a seed, its reply streamed live. Which agent and endpoint are the caller's; nothing is saved.
 */
public final class PromptTryViewModel {
    /** A seed search shows at most this many seeds (a combo box of thousands helps nobody). */
    static final int MAX_SEEDS = 500;

    private final SeedService seedService;
    private final RunService runService;
    private final TaskExecutor tasks;
    private final DialogService dialogs;

    private final ObservableList<Seed> seeds = FXCollections.observableArrayList();
    private final Latest seedsAsked = new Latest();
    private final ReadOnlyStringWrapper rendered = new ReadOnlyStringWrapper("");
    private final LiveReply reply;

    /** {@code runs} renders an agent on a seed; {@code gateway} sends it. */
    public PromptTryViewModel(
            SeedService seeds, RunService runs, ModelGateway gateway, TaskExecutor tasks, DialogService dialogs) {
        this.seedService = seeds;
        this.runService = runs;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.reply = new LiveReply(
                tasks,
                gateway,
                new LiveReply.Wording(
                        "Esc stops", "Stopped before the model answered", "Stopped; the reply so far stays"));
    }

    /**
     * Shows the seeds whose name or text has all the words (at most {@value #MAX_SEEDS}); the list is left as it is
     * when they are the ones shown already, so the chosen seed stays chosen.
     */
    public void searchSeeds(String text) {
        tasks.wrap(() -> firstSeeds(text))
                .onSuccess(found -> {
                    if (!seeds.equals(found)) {
                        seeds.setAll(found);
                    }
                })
                .onFailure(e -> dialogs.showError("Cannot read the seeds", e.getMessage()))
                .latestOnly(seedsAsked)
                .start();
    }

    private List<Seed> firstSeeds(String text) {
        List<Seed> all = seedService.list(new SeedFilter(text, ""));
        return all.size() > MAX_SEEDS ? List.copyOf(all.subList(0, MAX_SEEDS)) : all;
    }

    /**
     * Renders {@code agent} of {@code skill} with {@code prompt} on the seed and streams the endpoint's reply; does
     * nothing while a reply streams or when something is missing.
     */
    public void tryOnSeed(String skill, Agent agent, Prompt prompt, Seed seed, Endpoint endpoint) {
        if (skill == null || agent == null || seed == null || endpoint == null) {
            return;
        }
        if (reply.state().get() != LiveReply.State.STREAMING) {
            rendered.set("");
        }
        reply.start(
                "Trying " + agent.name() + " on " + seed.name(),
                endpoint,
                "Rendering " + agent.name() + " on " + seed.name(),
                () -> runService.trial(skill, agent.id(), prompt, seed.id()).request(),
                request -> rendered.set(describe(request)),
                r -> r.dryRun()
                        ? "Dry run: no model was asked; above is what would be sent"
                        : "Done: " + r.tokensIn() + " tokens in, " + r.tokensOut() + " out"
                                + (r.fromCache() ? " · from the call ledger (asked before)" : ""));
    }

    /** Stops the reply at once; what arrived stays shown. */
    public void cancel() {
        reply.cancel();
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

    /** Stops a streaming reply (the area is closing). */
    public void close() {
        cancel();
    }

    public ObservableList<Seed> seeds() {
        return seeds;
    }

    public ReadOnlyObjectProperty<LiveReply.State> state() {
        return reply.state();
    }

    public ReadOnlyStringProperty rendered() {
        return rendered.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty output() {
        return reply.text();
    }

    public ReadOnlyStringProperty status() {
        return reply.status();
    }
}
