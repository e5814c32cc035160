package io.arenainstruct.studio.service.arena;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.arena.ArenaInstruction;
import io.arenainstruct.studio.domain.arena.ArenaResponse;
import io.arenainstruct.studio.domain.arena.InstructionSelection;
import io.arenainstruct.studio.domain.run.InstructionFilter;
import io.arenainstruct.studio.domain.run.RunConfig;
import io.arenainstruct.studio.domain.run.RunStatus;
import io.arenainstruct.studio.domain.run.SeedSelection;
import io.arenainstruct.studio.service.llm.KeyResolver;
import io.arenainstruct.studio.service.llm.RetryPolicy;
import io.arenainstruct.studio.service.run.RunFixture;
import io.arenainstruct.studio.service.run.RunHandle;
import io.arenainstruct.studio.service.workspace.TestWorkspaces;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.service.workspace.WorkspaceRepositories;
import io.arenainstruct.studio.store.ArenaRepository;
import io.arenainstruct.studio.store.ArenaRepository.Item;
import io.arenainstruct.studio.testserver.FakeModelServer;
import io.arenainstruct.studio.testserver.SchemaReplies;

/** {@code run:ID} selects each run instruction's current final text, and only that (decision 0010). */
class InstructionSelectorTest {
    @TempDir
    Path tmp;

    private FakeModelServer server;
    private Workspace ws;
    private ArenaRepository arena;
    private InstructionSelector selector;
    private long runId;
    private long first;
    private long second;

    @BeforeEach
    void setUp() {
        server = FakeModelServer.start().replyWith(SchemaReplies.fill());
        ws = TestWorkspaces.open(
                tmp.resolve("store"), new KeyResolver(tmp.resolve("s.properties"), n -> null), RetryPolicy.DEFAULT);
        RunFixture.install(ws, server.openAiBaseUrl(), 1, 2);
        RunHandle run = ws.runs()
                .start(RunConfig.of(List.of(RunFixture.SKILL), SeedSelection.all(), "local")
                        .withPerSeed(2));
        runId = run.runId();
        assertThat(run.run()).isEqualTo(RunStatus.COMPLETED);
        List<Long> ids = ws.instructions().ids(InstructionFilter.ofRun(runId));
        assertThat(ids).as("the run made two instructions").hasSize(2);
        first = ids.get(0);
        second = ids.get(1);
        // hand edits give both run instructions texts written here, so the expected prompts are known
        ws.instructions().edit(first, "instruction", "Name two rivers.", "ana");
        ws.instructions().edit(second, "instruction", "Why do markets grow?", "ana");
        arena = new ArenaRepository(WorkspaceRepositories.store(ws));
        selector = new InstructionSelector(arena, ws.instructions());
    }

    @AfterEach
    void tearDown() {
        ws.close();
        server.close();
    }

    private List<String> selectedPrompts(InstructionSelection selection) {
        return selector.select(selection).stream().map(ArenaInstruction::prompt).toList();
    }

    @Test
    void afterAHandEditTheRunSelectsOnlyTheNewTextAndTheOldOneKeepsItsAnswers() {
        List<ArenaInstruction> before = selector.select(InstructionSelection.run(runId));
        assertThat(before)
                .extracting(ArenaInstruction::prompt)
                .containsExactly("Name two rivers.", "Why do markets grow?");
        long old = before.get(0).id();
        arena.addResponse(ArenaResponse.imported(old, "m1", "The Rhine and the Danube.", null));

        ws.instructions().edit(first, "instruction", "Name three rivers.", "ben");

        assertThat(selectedPrompts(InstructionSelection.run(runId)))
                .containsExactlyInAnyOrder("Name three rivers.", "Why do markets grow?");
        // the old text stays in the arena with its answer: nothing is deleted, it is just not the run's any more
        assertThat(arena.instruction(old)).map(ArenaInstruction::prompt).contains("Name two rivers.");
        assertThat(arena.responses(old)).extracting(ArenaResponse::text).containsExactly("The Rhine and the Danube.");
        // all takes the run's texts as they are now too: the replaced one is nobody's to answer again
        assertThat(selectedPrompts(InstructionSelection.all()))
                .containsExactlyInAnyOrder("Name three rivers.", "Why do markets grow?");

        // editing back to the old text selects the old arena instruction again, answers and all
        ws.instructions().edit(first, "instruction", "Name two rivers.", "ana");
        List<ArenaInstruction> back = selector.select(InstructionSelection.run(runId));
        assertThat(back)
                .extracting(ArenaInstruction::prompt)
                .containsExactly("Name two rivers.", "Why do markets grow?");
        assertThat(back.get(0).id()).isEqualTo(old);
    }

    @Test
    void aTextImportedFromADatasetFirstIsSelectedByTheRunWhoseTextItIs() {
        long imported = arena.add(
                        "rivers",
                        "prompts",
                        List.of(new Item(
                                ArenaInstruction.of(List.of(), "Name two rivers.", null, null), "r1", List.of())))
                .instructionIds()
                .get(0);

        List<ArenaInstruction> selected = selector.select(InstructionSelection.run(runId));

        assertThat(selected)
                .extracting(ArenaInstruction::prompt)
                .containsExactly("Name two rivers.", "Why do markets grow?");
        assertThat(selected.get(0).id()).isEqualTo(imported);
        assertThat(selected.get(0).runInstructionId())
                .as("made by the import, not by the run")
                .isNull();
        assertThat(selectedPrompts(InstructionSelection.dataset("rivers"))).containsExactly("Name two rivers.");
    }

    @Test
    void aRunInstructionTheCuratorRejectsLeavesTheRunsSelection() {
        assertThat(selectedPrompts(InstructionSelection.run(runId)))
                .containsExactly("Name two rivers.", "Why do markets grow?");
        long taken = selector.select(InstructionSelection.run(runId)).get(1).id();

        ws.instructions().reject(second, "ana");

        assertThat(selectedPrompts(InstructionSelection.run(runId))).containsExactly("Name two rivers.");
        // nor does all select it; it stays in the store, taken in before it was rejected
        assertThat(selectedPrompts(InstructionSelection.all())).doesNotContain("Why do markets grow?");
        assertThat(arena.instructions(InstructionSelection.ids(List.of(taken))))
                .extracting(ArenaInstruction::prompt)
                .containsExactly("Why do markets grow?");
    }

    @Test
    void anotherRunsSelectionIsEmpty() {
        assertThat(selectedPrompts(InstructionSelection.run(runId + 1))).isEmpty();
        assertThat(selectedPrompts(InstructionSelection.run(runId))).hasSize(2);
    }
}
