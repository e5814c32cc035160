package io.arenainstruct.studio.ui.prompts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.arena.JudgeAgent;
import io.arenainstruct.studio.domain.flow.Prompt;
import io.arenainstruct.studio.domain.flow.PromptVersion;
import io.arenainstruct.studio.service.llm.KeyResolver;
import io.arenainstruct.studio.service.run.RunFixture;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.ui.FakeDialogService;
import io.arenainstruct.studio.ui.task.CallingThreadTaskExecutor;

/** The arena judges in Agents & Prompts without JavaFX: listed, saved as versions, refused, reverted. */
class JudgesViewModelTest {
    @TempDir
    Path tmp;

    private final CallingThreadTaskExecutor tasks = new CallingThreadTaskExecutor();
    private final FakeDialogService dialogs = new FakeDialogService();
    private Workspace ws;
    private JudgesViewModel model;

    @BeforeEach
    void open() {
        ws = Workspace.open(
                tmp.resolve("store"),
                new KeyResolver(tmp.resolve("secrets.properties"), n -> null),
                RunFixture.QUICK_RETRIES);
        model = new JudgesViewModel(ws.arena().judges(), tasks, dialogs);
    }

    @AfterEach
    void close() {
        model.close();
        ws.close();
    }

    @Test
    void theShippedJudgesAreListedWithTheirStyleAndFirstVersion() {
        List<String> shown = new ArrayList<>();
        model.load(() -> shown.add("loaded"));

        assertThat(shown).containsExactly("loaded");
        assertThat(model.judges()).extracting(JudgeAgent::id).containsExactly("graded", "scores");
        AtomicReference<JudgeAgent> chosen = new AtomicReference<>();
        model.select("scores", chosen::set);
        assertThat(chosen.get().name()).isEqualTo("Score judge");
        assertThat(chosen.get().version()).isEqualTo(1);
        assertThat(JudgesViewModel.style(chosen.get().style())).startsWith("scores: 1 to 10");
        assertThat(model.history()).extracting(PromptVersion::note).containsExactly("as shipped");
    }

    @Test
    void aPromptWithoutTheSecondAnswerIsRefusedWithTheReasonAndNothingIsSaved() {
        model.select("graded", j -> {});
        JudgeAgent graded = model.judge().get();
        List<String> problems = new ArrayList<>();
        Prompt broken = new Prompt(graded.prompt().system(), "{{question}} {{answer_a}} {{answr_b}}");

        model.save(broken, "typo", problems::add, j -> problems.add("saved?"));

        assertThat(problems)
                .containsExactly("the prompt must show {{answer_b}}\nunknown variable {{answr_b}}: a judge is given"
                        + " only question, answer_a, answer_b, reference, reference_block, category");
        assertThat(ws.arena().judges().history("graded")).hasSize(1);
    }

    @Test
    void anEditIsSavedAsANewVersionWithItsNoteAndAnOldVersionComesBackAsTheNewest() {
        model.select("graded", j -> {});
        JudgeAgent graded = model.judge().get();
        Prompt edited = new Prompt(
                "Be strict. " + graded.prompt().system(), graded.prompt().user());
        List<String> problems = new ArrayList<>();
        List<String> notices = new ArrayList<>();
        model.notice().addListener((obs, o, n) -> notices.add(n));
        AtomicReference<JudgeAgent> after = new AtomicReference<>();

        model.save(edited, " stricter ", problems::add, after::set);

        assertThat(problems).containsExactly("");
        assertThat(after.get().version()).isEqualTo(2);
        assertThat(after.get().prompt()).isEqualTo(edited);
        assertThat(model.history()).extracting(PromptVersion::note).containsExactly("as shipped", "stricter");
        assertThat(notices).contains("Saved Graded judge as version 2");
        assertThat(model.compare(List.of(model.history().get(1))).title())
                .startsWith("Changes from version 1 to version 2");

        model.revert(1, after::set);

        assertThat(after.get().version()).isEqualTo(3);
        assertThat(after.get().prompt()).isEqualTo(graded.prompt());
        assertThat(ws.arena().judges().history("graded"))
                .extracting(PromptVersion::note)
                .containsExactly("as shipped", "stricter", "reverted to version 1");
        assertThat(dialogs.errors).isEmpty();
    }
}
