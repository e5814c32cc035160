package io.arenainstruct.studio.ui.prompts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.flow.Flow;
import io.arenainstruct.studio.service.run.RunFixture;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.ui.FakeDialogService;
import io.arenainstruct.studio.ui.task.CallingThreadTaskExecutor;

/** A skill's flow edited as a file: checks by line, saving, refusals and late checks, without JavaFX running. */
class FlowFileViewModelTest {
    @TempDir
    Path tmp;

    private final CallingThreadTaskExecutor tasks = new CallingThreadTaskExecutor();
    private final FakeDialogService dialogs = new FakeDialogService();
    private Workspace ws;
    private FlowFileViewModel model;
    private String stored;

    @BeforeEach
    void open() {
        ws = Workspace.open(tmp.resolve("store"));
        RunFixture.install(ws, "http://127.0.0.1:9/v1", 1, 1);
        stored = ws.flows().text(RunFixture.SKILL).orElseThrow();
        model = new FlowFileViewModel(ws.flows(), ws.runs(), tasks, dialogs);
    }

    @AfterEach
    void close() {
        ws.close();
    }

    private String opened() {
        List<String> shown = new ArrayList<>();
        model.open(RunFixture.SKILL, shown::add);
        assertThat(shown).hasSize(1);
        return shown.get(0);
    }

    /** The 1-based line of the first {@code part} in {@code text}. */
    private static int lineOf(String text, String part) {
        return (int) text.substring(0, text.indexOf(part))
                        .chars()
                        .filter(c -> c == '\n')
                        .count()
                + 1;
    }

    @Test
    void theStoredFileIsOpenedAndABadValueIsAProblemOnItsLine() {
        assertThat(opened()).isEqualTo(stored).contains("pick: random");
        assertThat(model.saved().get()).isEqualTo(stored);

        model.check(stored.replace("pick: random", "pick: sometimes"));

        assertThat(model.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(lineOf(stored, "pick: random"));
            assertThat(p.message()).contains("not 'sometimes'");
        });
        assertThat(model.checking().get()).isFalse();
        model.check(stored);
        assertThat(model.problems()).isEmpty();
        assertThat(model.taxonomyWarning().get()).isEmpty();
    }

    @Test
    void aFixedFileIsSavedAsTheFlowWithANewPromptVersion() {
        opened();
        String edited = stored.replace("pick: random", "pick: all").replace("Ask about (", "Ask carefully about (");
        List<String> done = new ArrayList<>();

        model.save(edited, done::add);

        Flow flow = ws.flows().find(RunFixture.SKILL).orElseThrow();
        assertThat(flow.pick()).isEqualTo(Flow.Pick.ALL);
        assertThat(flow.agent("asker").orElseThrow().prompt().user()).startsWith("Ask carefully about (");
        assertThat(ws.flows().history(RunFixture.SKILL, "asker"))
                .hasSize(2)
                .last()
                .satisfies(v -> assertThat(v.note()).isEqualTo("edited as a file in the app"));
        assertThat(model.status().get())
                .isEqualTo("Saved the flow of test-skill: 1 new prompt version; runs already"
                        + " started keep what they froze");
        String now = ws.flows().text(RunFixture.SKILL).orElseThrow();
        assertThat(done).containsExactly(now);
        assertThat(model.saved().get()).isEqualTo(now);
        assertThat(model.saving().get()).isFalse();
    }

    @Test
    void anotherSkillsFlowIsNotSavedHereAndItsProblemIsListed() {
        opened();
        List<String> done = new ArrayList<>();

        model.save(stored.replace("skill: test-skill", "skill: coding"), done::add);

        assertThat(done).isEmpty();
        assertThat(model.problems())
                .singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith("this is the flow of test-skill"));
        assertThat(model.status().get()).isEqualTo("Not saved: the file has problems");
        assertThat(model.saving().get()).isFalse();
        assertThat(ws.flows().text(RunFixture.SKILL)).contains(stored);
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void aCategoryTheTaxonomyLacksIsAWarningNotAProblem() {
        opened();
        assertThat(stored).contains("- Weightless");

        model.check(stored.replace("- Weightless", "- Nowhere"));

        assertThat(model.problems()).isEmpty();
        assertThat(model.taxonomyWarning().get())
                .startsWith("A run would be refused until the taxonomy fits: ")
                .contains("category 'Nowhere'");
    }

    @Test
    void aCheckThatFinishesLateOrIsForTheSkillShownBeforeIsDropped() {
        opened();
        String bad = stored.replace("pick: random", "pick: sometimes");

        tasks.hold();
        model.check(bad);
        model.check(stored);
        tasks.runHeld(1, 0);
        assertThat(model.problems())
                .as("the text as typed last has no problems")
                .isEmpty();
        assertThat(model.checking().get()).isFalse();

        tasks.hold();
        model.check(bad);
        List<String> shown = new ArrayList<>();
        model.open(RunFixture.SKILL, shown::add);
        tasks.runHeld(0, 1);
        assertThat(shown).containsExactly(stored);
        assertThat(model.problems())
                .as("a check started before the file was opened again")
                .isEmpty();
    }

    @Test
    void theTextIsExportedToTheChosenFile() throws Exception {
        opened();
        Path file = tmp.resolve("out").resolve("flow.yaml");
        Files.createDirectories(file.getParent());

        model.export(stored, file);

        assertThat(Files.readString(file)).isEqualTo(stored);
        assertThat(model.status().get()).isEqualTo("Exported to " + file);
    }
}
