package io.arenainstruct.studio.ui.prompts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.flow.Agent;
import io.arenainstruct.studio.domain.flow.AgentRole;
import io.arenainstruct.studio.domain.flow.Flow;
import io.arenainstruct.studio.domain.flow.Prompt;
import io.arenainstruct.studio.domain.flow.PromptVersion;
import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.service.run.RunFixture;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.ui.FakeDialogService;
import io.arenainstruct.studio.ui.task.CallingThreadTaskExecutor;

/** The Agents & Prompts view model: loading, versions, saving, reverting, comparing and Try, without JavaFX. */
class PromptsViewModelTest {
    private static final String SKILL = RunFixture.SKILL;

    @TempDir
    Path tmp;

    private final CallingThreadTaskExecutor tasks = new CallingThreadTaskExecutor();
    private final FakeDialogService dialogs = new FakeDialogService();
    private final List<String> notices = new ArrayList<>();
    private Workspace ws;
    private Endpoint local;
    private PromptsViewModel model;

    @BeforeEach
    void open() {
        ws = Workspace.open(tmp.resolve("store"));
        // Port 9 (discard) is never asked: these tests use the dry run, which calls no server.
        local = RunFixture.install(ws, "http://127.0.0.1:9/v1", 3, 1);
        model = new PromptsViewModel(ws.flows(), ws.endpoints(), tasks, dialogs);
        model.notice().addListener((obs, o, n) -> {
            if (!n.isEmpty()) {
                notices.add(n);
            }
        });
    }

    @AfterEach
    void close() {
        model.close();
        ws.close();
    }

    private Agent select(String agentId) {
        List<Agent> got = new ArrayList<>();
        model.select(SKILL, agentId, got::add);
        assertThat(got).hasSize(1);
        return got.get(0);
    }

    @Test
    void loadingShowsTheFlowsAndTheEndpointsWithTheDryRunLast() {
        List<String> then = new ArrayList<>();
        model.load(() -> then.add("shown"));

        assertThat(then).containsExactly("shown");
        assertThat(model.flows()).extracting(Flow::skill).contains(SKILL);
        assertThat(model.endpoints()).containsExactly(local, PromptsViewModel.DRY_RUN);
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void aChangedPromptBecomesANewVersionAndRevertingMakesAnOldOneNewestAgain() {
        model.load(() -> {});
        Agent reviser = select("reviser");
        Prompt original = reviser.prompt();
        assertThat(model.history()).extracting(PromptVersion::version).containsExactly(1);
        Prompt edited = new Prompt(original.system(), "Revise {{instruction}} carefully, using {{suggestions}}");
        List<Agent> saved = new ArrayList<>();

        model.save(edited, "  more care ", PromptsViewModel.Settings.of(reviser), saved::add);

        assertThat(notices).containsExactly("Saved reviser as version 2");
        assertThat(saved).singleElement().satisfies(a -> assertThat(a.prompt()).isEqualTo(edited));
        assertThat(model.agent().get().prompt()).isEqualTo(edited);
        assertThat(model.history()).extracting(PromptVersion::version).containsExactly(1, 2);
        assertThat(model.history().get(1).note()).isEqualTo("more care");

        model.revert(1, a -> {});

        assertThat(notices).last().isEqualTo("Reverted reviser to version 1 (now version 3)");
        assertThat(ws.flows()
                        .find(SKILL)
                        .orElseThrow()
                        .agent("reviser")
                        .orElseThrow()
                        .prompt())
                .isEqualTo(original);
        assertThat(model.history()).extracting(PromptVersion::version).containsExactly(1, 2, 3);
        assertThat(model.history().get(2).prompt()).isEqualTo(original);
    }

    @Test
    void settingsAloneAreSavedWithoutAVersionAndEveryNoticeIsSeen() {
        model.load(() -> {});
        Agent solver = select("solver");
        PromptsViewModel.Settings settings = new PromptsViewModel.Settings("local", 0.3, 700);

        model.save(solver.prompt(), "", settings, a -> {});
        model.save(model.agent().get().prompt(), "", settings, a -> {});
        model.save(model.agent().get().prompt(), "", settings, a -> {});

        assertThat(notices).containsExactly("Saved the settings of solver", "Nothing to save", "Nothing to save");
        Agent stored = ws.flows().find(SKILL).orElseThrow().agent("solver").orElseThrow();
        assertThat(stored.endpoint()).isEqualTo("local");
        assertThat(stored.temperature()).isEqualTo(0.3);
        assertThat(stored.maxTokens()).isEqualTo(700);
        assertThat(ws.flows().history(SKILL, "solver")).hasSize(1);
    }

    @Test
    void versionsAreComparedOldestToNewestOrAgainstTheOneBefore() {
        model.load(() -> {});
        Agent critic = select("critic");
        Prompt p1 = critic.prompt();
        Prompt p2 = new Prompt(p1.system(), "Suggest two things for: {{instruction}}");
        Prompt p3 = new Prompt(p1.system(), "Suggest three things for: {{instruction}}");
        model.save(p2, "", PromptsViewModel.Settings.of(critic), a -> {});
        model.save(p3, "", PromptsViewModel.Settings.of(critic), a -> {});
        List<PromptVersion> versions = List.copyOf(model.history());
        PromptVersion v1 = versions.get(0);
        PromptVersion v2 = versions.get(1);
        PromptVersion v3 = versions.get(2);

        PromptsViewModel.Comparison none = model.compare(List.of());
        assertThat(none.newer()).isNull();
        assertThat(none.title())
                .isEqualTo("Choose one version to see what it changed, or two (Ctrl+click) to compare them");

        PromptsViewModel.Comparison first = model.compare(List.of(v1));
        assertThat(first.title()).isEqualTo("Version 1 is the first: its whole text");
        assertThat(first.older()).isNull();
        assertThat(first.newer()).isEqualTo(v1);

        PromptsViewModel.Comparison one = model.compare(List.of(v3));
        assertThat(one.older()).as("the version before it").isEqualTo(v2);
        assertThat(one.newer()).isEqualTo(v3);

        PromptsViewModel.Comparison two = model.compare(List.of(v3, v1));
        assertThat(two.older()).isEqualTo(v1);
        assertThat(two.newer()).isEqualTo(v3);
        assertThat(two.older().prompt().user()).isEqualTo(p1.user());
        assertThat(two.title())
                .isEqualTo("Changes from version 1 to version 3 (added words highlighted, removed ones"
                        + " struck through)");
    }

    @Test
    void templateProblemsAreSentencesNamingThePartAndTheKnownVariables() {
        assertThat(PromptsViewModel.problems(AgentRole.ANSWERER, "Answer well.", "Answer {{instruction}}"))
                .isEmpty();

        assertThat(PromptsViewModel.problems(AgentRole.ANSWERER, "", "Answer {{suggestions}}"))
                .containsExactly(
                        "User message: unknown variable {{suggestions}} for a answerer; known: category, input, "
                                + "instruction,"
                                + " instruction_type, passage, seed, seed_kind, seed_language, seed_name, skill,"
                                + " skill_description, skill_name, subcategory",
                        "System prompt: it may not be empty");
        assertThat(PromptsViewModel.problems(AgentRole.EDITOR, "Edit.", " "))
                .containsExactly("User message: it may not be empty");
    }

    @Test
    void anAgentAskedEarlierButFinishingLaterIsDropped() {
        model.load(() -> {});
        List<String> filled = new ArrayList<>();

        tasks.hold();
        model.select(SKILL, "critic", a -> filled.add(a.id()));
        model.select(SKILL, "solver", a -> filled.add(a.id()));
        tasks.runHeld(1, 0);
        assertThat(filled).containsExactly("solver");
        assertThat(model.agent().get().id()).isEqualTo("solver");

        tasks.hold();
        model.select(SKILL, "critic", a -> filled.add(a.id()));
        model.clearSelection();
        tasks.runHeld();
        assertThat(model.agent().get())
                .as("a skill was chosen instead meanwhile")
                .isNull();
        assertThat(model.history()).isEmpty();
    }

    @Test
    void aRefinementOutsideItsBoundsIsRefusedWithTheReasonAndAFittingOneIsSaved() {
        model.load(() -> {});
        List<String> problems = new ArrayList<>();
        List<String> saved = new ArrayList<>();

        model.saveRefinement(SKILL, 3, List.of("make it harder"), problems::add, () -> saved.add("saved"));
        assertThat(problems).containsExactly("");
        assertThat(saved).containsExactly("saved");
        Flow flow = model.flows().stream()
                .filter(f -> f.skill().equals(SKILL))
                .findFirst()
                .orElseThrow();
        assertThat(flow.rounds()).isEqualTo(3);
        assertThat(flow.goals()).containsExactly("make it harder");

        model.saveRefinement(SKILL, 3, List.of(" ", ""), problems::add, () -> saved.add("saved"));
        assertThat(problems).containsExactly("", "give at least one goal for the suggester, one per line");
        assertThat(saved).hasSize(1);
        assertThat(ws.flows().find(SKILL).orElseThrow().rounds()).isEqualTo(3);
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void endpointsAddedInAnotherAreaAppearOnRefreshBeforeTheDryRun() {
        model.load(() -> {});
        Endpoint other = Endpoint.of("other", local.provider(), "http://127.0.0.1:9/v1", "other-model");
        ws.endpoints().save(other);
        assertThat(model.endpoints()).containsExactly(local, PromptsViewModel.DRY_RUN);

        model.refreshEndpoints();

        assertThat(model.endpoints()).extracting(Endpoint::name).containsExactlyInAnyOrder("local", "other", "dry-run");
        assertThat(model.endpoints()).last().isEqualTo(PromptsViewModel.DRY_RUN);
    }

    @Test
    void aStoreThatCannotBeReadIsToldAndNothingIsShown() {
        ws.close();
        List<String> then = new ArrayList<>();

        model.load(() -> then.add("shown"));

        assertThat(then).isEmpty();
        assertThat(model.flows()).isEmpty();
        assertThat(dialogs.errors).singleElement().asString().startsWith("Cannot read the flows");
    }

    @Test
    void savingOrRevertingWithNoAgentChosenDoesNothing() {
        model.load(() -> {});
        Agent solver = select("solver");
        model.clearSelection();
        List<Agent> done = new ArrayList<>();

        model.save(new Prompt("Other.", "Answer {{instruction}}"), "", PromptsViewModel.Settings.of(solver), done::add);
        model.revert(1, done::add);

        assertThat(done).isEmpty();
        assertThat(notices).isEmpty();
        assertThat(ws.flows().history(SKILL, "solver")).hasSize(1);
    }
}
