package io.arenainstruct.studio.ui.instructions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.run.InstructionFilter;
import io.arenainstruct.studio.domain.run.InstructionRow;
import io.arenainstruct.studio.domain.run.RunConfig;
import io.arenainstruct.studio.domain.run.RunStatus;
import io.arenainstruct.studio.domain.run.SeedSelection;
import io.arenainstruct.studio.service.job.JobEvent;
import io.arenainstruct.studio.service.job.JobState;
import io.arenainstruct.studio.service.llm.KeyResolver;
import io.arenainstruct.studio.service.run.RunFixture;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.service.workspace.WorkspaceRepositories;
import io.arenainstruct.studio.testserver.FakeModelServer;
import io.arenainstruct.studio.testserver.SchemaReplies;
import io.arenainstruct.studio.ui.FakeDialogService;
import io.arenainstruct.studio.ui.task.CallingThreadTaskExecutor;

/**
 * The Instructions view model's filters, paging, detail and dropping of stale reads, without JavaFX running.
 * One store for the class (read only): a real run's 6 instructions (one failed at the answer, one edited by
 * hand) and 1,200 rows of another skill written straight to the store, so 1,206 in all, 7 pages of 200.
 */
class InstructionsViewModelTest {
    private static final int BULK = 1_200;

    @TempDir
    static Path tmp;

    private static FakeModelServer server;
    private static Workspace ws;
    private static long failedId;
    private static long editedId;

    private final CallingThreadTaskExecutor tasks = new CallingThreadTaskExecutor();
    private final FakeDialogService dialogs = new FakeDialogService();
    private InstructionsViewModel model;

    @BeforeAll
    static void fill() {
        server = FakeModelServer.start().replyWith(SchemaReplies.fill());
        KeyResolver keys = new KeyResolver(tmp.resolve("home/secrets.properties"), new HashMap<String, String>()::get);
        ws = Workspace.open(tmp.resolve("store"), keys, RunFixture.QUICK_RETRIES);
        RunFixture.install(ws, server.openAiBaseUrl(), 3, 4);
        RunConfig config = RunConfig.of(List.of(RunFixture.SKILL), SeedSelection.all(), "local")
                .withPerSeed(2);
        assertThat(ws.runs().start(config).run()).isEqualTo(RunStatus.COMPLETED);
        List<Long> ids = ws.instructions().ids(InstructionFilter.ofRun(1));
        assertThat(ids).hasSize(6);
        failedId = ids.get(0);
        editedId = ids.get(3);
        ws.instructions().edit(editedId, "response", "Riverton.", "ana");
        WorkspaceRepositories.store(ws).write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE instruction SET response = NULL, status = 'failed',"
                    + " failed_stage = 'answer', error_class = 'TIMEOUT', error_message = 'no reply in time'"
                    + " WHERE id = ?")) {
                ps.setLong(1, failedId);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO instruction (run_id, skill, seed_id,"
                    + " passage_id, slot, category, rounds_planned, rounds_done, instruction, response, status,"
                    + " created_at)"
                    + " VALUES (1, 'bulk-skill', 1, 1, ?, 'Bulk', 2, 2, ?, 'answer', 'complete', ?)")) {
                for (int i = 0; i < BULK; i++) {
                    ps.setInt(1, 1_000 + i); // clear of the run's own slots
                    ps.setString(2, "Bulk instruction " + i);
                    ps.setTimestamp(3, Timestamp.from(Instant.parse("2026-11-20T10:00:00Z")));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    @AfterAll
    static void close() {
        ws.close();
        server.close();
    }

    @BeforeEach
    void newModel() {
        model = new InstructionsViewModel(ws.instructions(), ws.runs(), ws.flows(), tasks, dialogs);
    }

    private InstructionRow show(int index) {
        InstructionsViewModel.Slot slot = model.slots().get(index);
        model.shown(slot);
        return slot.row().get();
    }

    @Test
    void reloadCountsEveryMatchReadsTheFilterChoicesAndNoRowsYet() {
        model.reload();

        assertThat(model.total().get()).isEqualTo(1_206);
        assertThat(model.slots()).hasSize(1_206);
        assertThat(model.loadedRows()).isZero();
        assertThat(model.runIds()).containsExactly(1L);
        assertThat(model.skills()).containsExactlyInAnyOrder(RunFixture.SKILL, "bulk-skill");
        assertThat(model.categories()).contains("Bulk", "Questions");
        assertThat(model.skillName(RunFixture.SKILL)).as("the flow's name").isEqualTo("Test skill");
        assertThat(model.skillName("bulk-skill")).as("no flow names it").isEqualTo("bulk-skill");
        assertThat(model.loading().get()).isFalse();
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void eachFilterNarrowsTheList() {
        model.skill().set(RunFixture.SKILL);
        assertThat(model.total().get()).isEqualTo(6);
        model.skill().set("bulk-skill");
        assertThat(model.total().get()).isEqualTo(BULK);
        model.skill().set(" ");
        assertThat(model.total().get()).as("blank is any").isEqualTo(1_206);

        model.status().set("failed");
        assertThat(model.total().get()).isEqualTo(1);
        assertThat(show(0).id()).isEqualTo(failedId);
        model.status().set(null);

        model.hasAnswer().set(false);
        assertThat(model.total().get()).isEqualTo(1);
        model.hasAnswer().set(null);

        model.edited().set(true);
        assertThat(model.total().get()).isEqualTo(1);
        assertThat(show(0).id()).isEqualTo(editedId);
    }

    @Test
    void aShownRowReadsItsWholePageOnceAndTheOldestOfMoreThanFivePagesIsDropped() {
        model.reload();

        InstructionRow first = show(0);
        assertThat(first).isNotNull();
        assertThat(model.loadedRows()).isEqualTo(InstructionsViewModel.PAGE_SIZE);
        tasks.hold();
        show(199);
        assertThat(tasks.heldCount()).as("page 0 is held already").isZero();
        tasks.runHeld();

        for (int page = 1; page <= 5; page++) {
            show(page * InstructionsViewModel.PAGE_SIZE);
        }

        assertThat(model.loadedRows()).isEqualTo(InstructionsViewModel.PAGES_KEPT * InstructionsViewModel.PAGE_SIZE);
        assertThat(model.slots().get(0).row().get())
                .as("page 0, shown longest ago")
                .isNull();
        assertThat(model.slots().get(1_000).row().get()).isNotNull();
        assertThat(show(1_200)).as("the last page has 6 rows").isNotNull();
        assertThat(model.loadedRows()).isEqualTo(4 * InstructionsViewModel.PAGE_SIZE + 6);
    }

    @Test
    void aPageReadForTheFilterBeforeIsDroppedWhenItArrivesLate() {
        model.reload();
        tasks.hold();
        model.shown(model.slots().get(0));
        model.skill().set(RunFixture.SKILL);
        assertThat(tasks.heldCount()).isEqualTo(2);

        tasks.runHeld(1, 0); // the new filter's count first, then the old filter's page

        assertThat(model.slots()).hasSize(6);
        assertThat(model.slots().get(0).row().get()).isNull();
        assertThat(show(0).skill()).isEqualTo(RunFixture.SKILL);
    }

    @Test
    void aListingForAFilterLeftBehindIsDropped() {
        tasks.hold();
        model.skill().set("bulk-skill");
        model.skill().set(RunFixture.SKILL);

        tasks.runHeld(1, 0);

        assertThat(model.total().get()).isEqualTo(6);
        assertThat(model.slots()).hasSize(6);
    }

    @Test
    void theDetailOfAFailedInstructionSaysWhereItFailedAndWhy() {
        model.status().set("failed");

        model.select(show(0));

        InstructionsViewModel.Detail detail = model.detail().get();
        assertThat(detail.instruction().id()).isEqualTo(failedId);
        assertThat(detail.text()).contains("\n\nResponse\n(not answered yet)");
        assertThat(detail.provenance())
                .startsWith("Run 1 · seed ")
                .contains("Generator: asker, prompt version 1")
                .contains("Error: Answer failed, TIMEOUT: no reply in time");
    }

    @Test
    void theDetailLeadsWithTheHandEdit() {
        model.edited().set(true);

        model.select(show(0));

        assertThat(model.detail().get().text()).startsWith("Final text: ").contains("Response\nRiverton.");
        assertThat(model.detail().get().finalText().edited()).isTrue();
    }

    @Test
    void onlyTheLastSelectedInstructionIsShownHoweverTheReadsFinish() {
        model.skill().set(RunFixture.SKILL);
        InstructionRow a = show(0);
        InstructionRow b = show(1);
        tasks.hold();
        model.select(a);
        model.select(b);
        tasks.runHeld(1, 0);
        assertThat(model.detail().get().instruction().id()).isEqualTo(b.id());

        tasks.hold();
        model.select(a);
        model.select(null);
        tasks.runHeld();
        assertThat(model.detail().get()).isNull();
    }

    // ---- news from running jobs (the registry's events, as the bridge delivers them) ----

    private static JobEvent<Object> stored(long runId, JobEvent.Item kind, long itemId) {
        return new JobEvent.ItemChanged<>(runId, kind, itemId);
    }

    @Test
    void anInstructionStoredByARunReadsTheListAgainOnceAndNewsDuringTheReadOnceAfterIt() {
        model.reload();
        int[] reads = {0};
        model.loading().addListener((obs, was, now) -> reads[0] += now ? 1 : 0);
        tasks.hold();
        model.jobEvent(stored(1, JobEvent.Item.INSTRUCTION, 5));
        assertThat(tasks.heldCount()).as("one read started").isEqualTo(1);
        // three more while it reads: no read of their own
        model.jobEvent(stored(1, JobEvent.Item.INSTRUCTION, 6));
        model.jobEvent(stored(1, JobEvent.Item.INSTRUCTION, 7));
        model.jobEvent(new JobEvent.Finished<>(1, JobState.COMPLETED));
        assertThat(tasks.heldCount()).isEqualTo(1);
        assertThat(reads[0]).isEqualTo(1);
        // the read ends, and exactly one more read follows for the news that came meanwhile
        tasks.runHeld();
        assertThat(reads[0]).isEqualTo(2);
        assertThat(model.loading().get()).isFalse();
        assertThat(model.total().get()).isEqualTo(1_206);
    }

    @Test
    void newsThatConcernsNothingListedReadsNothing() {
        model.runId().set(1L);
        tasks.hold();
        model.jobEvent(stored(2, JobEvent.Item.INSTRUCTION, 5)); // another run than the one filtered on
        model.jobEvent(stored(1, JobEvent.Item.PASSAGE, 9)); // passages are not listed here
        model.jobEvent(new JobEvent.Started<>(1));
        model.jobEvent(new JobEvent.Progressed<>(1, "figures"));
        model.jobEvent(new JobEvent.PausedOrResumed<>(1, true));
        assertThat(tasks.heldCount()).isZero();
        model.jobEvent(stored(1, JobEvent.Item.INSTRUCTION, 5));
        assertThat(tasks.heldCount()).isEqualTo(1);
        tasks.runHeld();
    }

    @Test
    void anyRunEndingReadsTheListAgainForItsCounts() {
        model.runId().set(1L);
        tasks.hold();
        model.jobEvent(new JobEvent.Finished<>(3, JobState.CANCELLED));
        assertThat(tasks.heldCount()).isEqualTo(1);
        tasks.runHeld();
        assertThat(model.total().get()).isEqualTo(1_206);
        assertThat(model.loading().get()).isFalse();
    }

    @Test
    void whileTheAreaIsAwayNewsReadsNothingAndAClosedModelNeither() {
        model.showing().set(false);
        tasks.hold();
        model.jobEvent(stored(1, JobEvent.Item.INSTRUCTION, 5));
        model.jobEvent(new JobEvent.Finished<>(1, JobState.COMPLETED));
        assertThat(tasks.heldCount()).isZero();
        model.showing().set(true);
        model.close();
        model.jobEvent(new JobEvent.Finished<>(1, JobState.COMPLETED));
        assertThat(tasks.heldCount()).isZero();
    }
}
