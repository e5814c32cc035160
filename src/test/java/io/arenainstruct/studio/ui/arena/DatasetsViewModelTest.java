package io.arenainstruct.studio.ui.arena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.arena.ArenaDataset;
import io.arenainstruct.studio.service.job.JobEvent;
import io.arenainstruct.studio.service.job.JobState;
import io.arenainstruct.studio.service.task.Cancellation;
import io.arenainstruct.studio.service.task.ProgressListener;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.ui.FakeDialogService;
import io.arenainstruct.studio.ui.task.CallingThreadTaskExecutor;

/** The Datasets tab's view model over a real store, without JavaFX running. */
class DatasetsViewModelTest {
    @TempDir
    Path tmp;

    private final CallingThreadTaskExecutor tasks = new CallingThreadTaskExecutor();
    private final FakeDialogService dialogs = new FakeDialogService();
    private Workspace ws;
    private DatasetsViewModel model;

    @BeforeEach
    void open() {
        ws = Workspace.open(tmp.resolve("store"));
        model = new DatasetsViewModel(ws.datasets(), tasks, dialogs);
    }

    @AfterEach
    void close() {
        ws.close();
    }

    @Test
    void theFormatChoicesAreAutoAndTheFiveFormats() {
        assertThat(DatasetsViewModel.formats())
                .containsExactly("auto", "openai", "sharegpt", "alpaca", "prompts", "arena-hard");
        assertThat(model.format().get()).isEqualTo("auto");
    }

    @Test
    void theArenaHardSampleIsImportedInTheBackgroundAndListed() {
        dialogs.files.add(ArenaFixture.sampleFiles());

        model.chooseAndImport();

        assertThat(tasks.monitoredTitles).containsExactly("Importing 3 files");
        assertThat(model.importing().get()).isFalse();
        assertThat(model.lastImport().get().instructions()).isEqualTo(40);
        assertThat(model.report().get())
                .startsWith("imported 40 instructions, 80 responses, rejected 0\nRead as arena-hard (detected): ")
                .doesNotContain("Rejected");
        assertThat(model.datasets())
                .extracting(
                        ArenaDataset::name, ArenaDataset::format, ArenaDataset::instructions, ArenaDataset::responses)
                .containsExactly(tuple("arena-hard-v0.1", "arena-hard", 40, 80));

        dialogs.files.add(ArenaFixture.sampleFiles());
        model.chooseAndImport();
        assertThat(model.report().get())
                .startsWith("imported 0 instructions, 0 responses, rejected 0\n"
                        + "Already in the store (not added again): 40 instructions, 80 responses\n");
        assertThat(model.datasets()).hasSize(1);
    }

    @Test
    void everyRejectedLineIsReportedByFileAndLineAndTheRestImported() throws Exception {
        Path file = tmp.resolve("mixed.jsonl");
        Files.writeString(file, """
                {"prompt": "Explain recursion."}
                {"prompt": "Name three rivers."
                {"prompt": "Write a haiku."}
                [1, 2]
                """);
        model.name().set("  my set ");
        model.format().set("prompts");

        model.importPaths(List.of(file));

        String report = model.report().get();
        assertThat(report)
                .startsWith("imported 2 instructions, 0 responses, rejected 2\nRead as prompts: " + file + "\n")
                .contains("\n\nRejected (the rest was imported):\n" + file + ":2: not valid JSON")
                .endsWith("\n" + file + ":4: not a JSON object");
        assertThat(model.datasets()).extracting(ArenaDataset::name).containsExactly("my set");
    }

    @Test
    void anArenaJobThatEndedReadsTheListAgainWhileTheTabShows() {
        model.refresh();
        assertThat(model.datasets()).isEmpty();
        ws.datasets()
                .importFiles(ArenaFixture.sampleFiles(), null, null, null, ProgressListener.NONE, Cancellation.NEVER);

        model.showing().set(false);
        model.jobEvent(new JobEvent.Finished<>(3, JobState.COMPLETED));
        assertThat(model.datasets()).as("not shown: not read").isEmpty();
        model.showing().set(true);
        model.jobEvent(new JobEvent.PausedOrResumed<>(3, true));
        assertThat(model.datasets()).isEmpty();
        model.jobEvent(new JobEvent.Finished<>(3, JobState.COMPLETED));
        assertThat(model.datasets()).extracting(ArenaDataset::responses).containsExactly(80);
    }

    @Test
    void nothingChosenImportsNothingAndATooLongNameIsAProblemOfItsField() {
        model.chooseAndImport();
        assertThat(tasks.monitoredTitles).isEmpty();

        model.name().set("n".repeat(201));
        assertThat(model.problem().get()).isEqualTo("A dataset name has at most 200 characters");
        model.importPaths(ArenaFixture.sampleFiles());
        assertThat(tasks.monitoredTitles).isEmpty();

        model.name().set("n".repeat(200));
        assertThat(model.problem().get()).isEmpty();
    }

    @Test
    void aFailedImportIsShownAndTheTabCanImportAgain() {
        tasks.hold();
        model.importPaths(List.of(tmp.resolve("a.jsonl")));
        assertThat(model.importing().get()).isTrue();
        model.importPaths(List.of(tmp.resolve("b.jsonl")));
        assertThat(tasks.monitoredTitles).as("one import at a time").hasSize(1);
        tasks.runHeld();

        assertThat(model.importing().get()).isFalse();
        assertThat(model.report().get()).contains(tmp.resolve("a.jsonl") + ": cannot read it: the file does not exist");
    }
}
