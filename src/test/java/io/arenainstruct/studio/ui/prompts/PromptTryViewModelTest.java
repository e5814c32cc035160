package io.arenainstruct.studio.ui.prompts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.NewSeed;
import io.arenainstruct.studio.domain.Seed;
import io.arenainstruct.studio.domain.SeedKind;
import io.arenainstruct.studio.domain.flow.Agent;
import io.arenainstruct.studio.domain.flow.Prompt;
import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.service.llm.KeyResolver;
import io.arenainstruct.studio.service.run.RunFixture;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.service.workspace.WorkspaceRepositories;
import io.arenainstruct.studio.testserver.FakeModelServer;
import io.arenainstruct.studio.testserver.Fault;
import io.arenainstruct.studio.ui.FakeDialogService;
import io.arenainstruct.studio.ui.common.LiveReply.State;
import io.arenainstruct.studio.ui.task.CallingThreadTaskExecutor;

/** "Try on a seed" without JavaFX: the seeds offered, and an agent rendered and sent to an in-test model server. */
class PromptTryViewModelTest {
    private static final String SKILL = RunFixture.SKILL;

    @TempDir
    Path tmp;

    private final CallingThreadTaskExecutor tasks = new CallingThreadTaskExecutor();
    private final FakeDialogService dialogs = new FakeDialogService();
    private final Map<String, String> environment = new HashMap<>();
    private FakeModelServer server;
    private Workspace ws;
    private Endpoint local;
    private Agent solver;
    private PromptTryViewModel model;

    @BeforeEach
    void open() {
        server = FakeModelServer.start();
        KeyResolver keys = new KeyResolver(tmp.resolve("home/secrets.properties"), environment::get);
        ws = Workspace.open(tmp.resolve("store"), keys, RunFixture.QUICK_RETRIES);
        local = RunFixture.install(ws, server.openAiBaseUrl(), 3, 1);
        solver = ws.flows().find(SKILL).orElseThrow().agent("solver").orElseThrow();
        model = new PromptTryViewModel(ws.seedService(), ws.runs(), ws.gateway(), tasks, dialogs);
    }

    @AfterEach
    void close() {
        model.close();
        ws.close();
        server.close();
    }

    private Seed seed(String name) {
        model.searchSeeds("");
        return model.seeds().stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void seedsAreSearchedByTheirWordsAndASearchFinishingAfterANewerOneIsDropped() {
        WorkspaceRepositories.seeds(ws)
                .insertNew(List.of(NewSeed.of(
                        "ice.txt", "/fixture/ice.txt", SeedKind.TEXT, "", List.of(), "A glacier moves slowly.")));

        model.searchSeeds("");
        assertThat(model.seeds())
                .extracting(Seed::name)
                .containsExactlyInAnyOrder("seed-0.txt", "seed-1.txt", "seed-2.txt", "ice.txt");

        model.searchSeeds("glacier");
        assertThat(model.seeds()).extracting(Seed::name).containsExactly("ice.txt");

        tasks.hold();
        model.searchSeeds("");
        model.searchSeeds("volcano");
        tasks.runHeld(1, 0);
        assertThat(model.seeds())
                .as("no seed tells of volcanoes; the older search came too late")
                .isEmpty();
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void theDryRunShowsTheUnsavedPromptRenderedOnTheSeedAndAsksNoModel() {
        Prompt unsaved = new Prompt("You answer about {{seed_name}}.", "Answer: {{instruction}} on {{seed}}");

        model.tryOnSeed(SKILL, solver, unsaved, seed("seed-1.txt"), PromptsViewModel.DRY_RUN);

        assertThat(tasks.monitoredTitles).containsExactly("Trying solver on seed-1.txt");
        assertThat(model.rendered().get()).isEqualTo("""
                ── System prompt ──
                You answer about seed-1.txt.

                ── User message ──
                Answer: (example instruction: an earlier step writes it during a run) on Seed number 1 tells of \
                rivers and markets in a town.""");
        assertThat(model.state().get()).isEqualTo(State.DONE);
        assertThat(model.status().get()).isEqualTo("Dry run: no model was asked; above is what would be sent");
        assertThat(model.output().get()).startsWith("DRY RUN").contains("You answer about seed-1.txt.");
        assertThat(server.chatRequests()).isEmpty();
        assertThat(ws.flows().history(SKILL, "solver"))
                .as("trying saves nothing")
                .hasSize(1);
    }

    @Test
    void anEndpointsReplyIsShownAndTheSameTryAgainComesFromTheCallLedger() {
        // The answerer asks for {"response": ...}; a reply that is not that JSON would fail the schema check.
        String reply = "{\"response\": \"Rivers meet markets.\"}";
        server.reply(reply);
        Prompt prompt = new Prompt("Be brief.", "Tell me of {{seed_name}}");

        model.tryOnSeed(SKILL, solver, prompt, seed("seed-2.txt"), local);

        assertThat(model.state().get()).as(model.status().get()).isEqualTo(State.DONE);
        assertThat(model.output().get()).isEqualTo(reply);
        assertThat(model.status().get()).matches("Done: \\d+ tokens in, \\d+ out");
        assertThat(server.chatRequests()).hasSize(1);
        assertThat(server.lastRequest().lastUserMessage()).isEqualTo("Tell me of seed-2.txt");

        model.tryOnSeed(SKILL, solver, prompt, seed("seed-2.txt"), local);

        assertThat(model.output().get()).isEqualTo(reply);
        assertThat(model.status().get()).endsWith(" · from the call ledger (asked before)");
        assertThat(server.chatRequests()).as("the ledger answered").hasSize(1);
    }

    @Test
    void aFailingEndpointSaysWhyInTheStatus() {
        server.enqueue(Fault.quotaExceeded());

        model.tryOnSeed(SKILL, solver, solver.prompt(), seed("seed-0.txt"), local);

        assertThat(model.state().get()).isEqualTo(State.FAILED);
        assertThat(model.status().get()).startsWith("Failed (quota exceeded): ");
        assertThat(model.rendered().get()).as("what was sent stays shown").startsWith("── System prompt ──");
    }

    @Test
    void stoppingBeforeTheModelAnswersKeepsItStoppedAndASecondTryWhileOneRunsIsIgnored() {
        Seed first = seed("seed-0.txt");
        Seed second = seed("seed-1.txt");
        tasks.hold();

        model.tryOnSeed(SKILL, solver, solver.prompt(), first, local);
        model.tryOnSeed(SKILL, solver, solver.prompt(), second, local);
        assertThat(model.state().get()).isEqualTo(State.STREAMING);
        assertThat(tasks.monitoredTitles).containsExactly("Trying solver on seed-0.txt");

        model.cancel();
        tasks.runHeld();

        assertThat(model.state().get()).isEqualTo(State.CANCELLED);
        assertThat(model.status().get()).isEqualTo("Stopped before the model answered");
        assertThat(model.output().get()).isEmpty();
    }

    @Test
    void nothingIsTriedWithoutAnAgentASeedOrAnEndpoint() {
        Seed seed = seed("seed-0.txt");

        model.tryOnSeed(SKILL, null, solver.prompt(), seed, local);
        model.tryOnSeed(SKILL, solver, solver.prompt(), null, local);
        model.tryOnSeed(SKILL, solver, solver.prompt(), seed, null);

        assertThat(tasks.monitoredTitles).isEmpty();
        assertThat(model.state().get()).isEqualTo(State.IDLE);
        assertThat(model.status().get()).isEmpty();
    }
}
