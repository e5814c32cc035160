package io.arenainstruct.studio.ui.export;

import static io.arenainstruct.studio.service.curation.CurationFixture.ABC;
import static io.arenainstruct.studio.service.curation.CurationFixture.POEM;
import static io.arenainstruct.studio.service.curation.CurationFixture.POEM_AGAIN;
import static io.arenainstruct.studio.service.curation.CurationFixture.QUESTIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.curation.KeepDecision;
import io.arenainstruct.studio.domain.curation.ReferenceSetInfo;
import io.arenainstruct.studio.service.curation.CurationFixture;
import io.arenainstruct.studio.service.run.InstructionService;
import io.arenainstruct.studio.service.workspace.TemporaryUserData;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.ui.FakeDialogService;
import io.arenainstruct.studio.ui.export.DuplicatesViewModel.Role;
import io.arenainstruct.studio.ui.export.DuplicatesViewModel.Row;
import io.arenainstruct.studio.ui.task.CallingThreadTaskExecutor;

/** The Duplicates pane's decisions over CurationFixture's store, every task run on the calling thread. */
class DuplicatesViewModelTest {
    @TempDir
    Path tmp;

    @RegisterExtension
    final TemporaryUserData userData = new TemporaryUserData();

    private final CallingThreadTaskExecutor tasks = new CallingThreadTaskExecutor();
    private final FakeDialogService dialogs = new FakeDialogService();
    private Workspace ws;
    private DuplicatesViewModel model;
    private String annotator = "ana";

    @BeforeEach
    void open() throws Exception {
        ws = Workspace.open(tmp.resolve("store"));
        CurationFixture.plant(ws, tmp);
        ws.referenceSets().importFile(QUESTIONS, "arena-hard");
        model = new DuplicatesViewModel(
                ws.curation(), ws.referenceSets(), ws.keepDecisions(), tasks, dialogs, () -> annotator);
        model.refresh();
    }

    @AfterEach
    void close() {
        ws.close();
    }

    private Row row(long id) {
        return model.rows().stream()
                .filter(r -> r.item().id() == id)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void theClusterAndTheContaminatedItemAreRowsWithReasonsAndReference() {
        assertThat(model.rows())
                .extracting(Row::group, Row::role, r -> r.item().id(), Row::reason, Row::reference)
                .containsExactly(
                        tuple("exact cluster 1", Role.KEPT, POEM, "kept: the lowest id of 2 alike items", ""),
                        tuple(
                                "exact cluster 1",
                                Role.DROPPED,
                                POEM_AGAIN,
                                "same text after normalisation as arena prompt 1",
                                ""),
                        tuple(
                                "contaminated",
                                Role.DROPPED,
                                ABC,
                                "shares 13 words in a row with arena-hard prompt " + CurationFixture.ABC_UID
                                        + ": \u201cuse abc notation to write a melody in the style of a folk\u201d",
                                "arena-hard prompt " + CurationFixture.ABC_UID));
        assertThat(model.summary().get())
                .isEqualTo("4 items: 1 contaminated, 1 exact duplicates in 1 cluster, 0 near duplicates in 0"
                        + " clusters; 2 kept");
        assertThat(model.referenceSets()).extracting(ReferenceSetInfo::name).containsExactly("arena-hard");
        assertThat(model.computing().get()).isFalse();
    }

    @Test
    void onlyADroppedRowCanBeKeptAndOnlyAKeptBackOneReleased() {
        model.selected().set(row(POEM));
        assertThat(model.canKeep().get()).isFalse();
        assertThat(model.canRelease().get()).isFalse();
        model.keepSelected();
        assertThat(ws.keepDecisions().list()).isEmpty();

        model.selected().set(row(POEM_AGAIN));
        assertThat(model.canKeep().get()).isTrue();
        assertThat(model.canRelease().get()).isFalse();
    }

    @Test
    void keepingTheSelectedDroppedItemRecomputesWithItKeptBackAndSelected() {
        model.selected().set(row(POEM_AGAIN));

        model.keepSelected();

        assertThat(ws.keepDecisions().list())
                .extracting(KeepDecision::itemLabel, KeepDecision::annotator)
                .containsExactly(tuple("arena prompt 2", "ana"));
        assertThat(model.selected().get().item().id()).isEqualTo(POEM_AGAIN);
        assertThat(model.selected().get().role()).isEqualTo(Role.KEPT_BACK);
        assertThat(model.selected().get().reason())
                .isEqualTo("kept by ana; would be dropped: same text after normalisation as arena prompt 1");
        assertThat(model.report().get().kept()).extracting(i -> i.id()).contains(POEM_AGAIN);
        assertThat(model.canRelease().get()).isTrue();

        model.releaseSelected();

        assertThat(ws.keepDecisions().list()).isEmpty();
        assertThat(model.selected().get().role()).isEqualTo(Role.DROPPED);
        assertThat(model.report().get().droppedIds()).contains(POEM_AGAIN);
    }

    @Test
    void withoutAnAnnotatorNameTheOperatingSystemUserKeeps() {
        annotator = null;
        model.selected().set(row(ABC));

        model.keepSelected();

        assertThat(ws.keepDecisions().list())
                .extracting(KeepDecision::annotator)
                .containsExactly(InstructionService.currentUser());
        assertThat(row(ABC).role()).isEqualTo(Role.KEPT_BACK);
        assertThat(row(ABC).group()).isEqualTo("contaminated");
    }

    @Test
    void removingASetAsksFirstAndThenNothingIsContaminated() {
        model.selectedSet().set(model.referenceSets().get(0));
        dialogs.confirmAnswer = false;

        model.removeSelectedSet();

        assertThat(dialogs.confirms)
                .containsExactly("Remove reference set: Remove the reference set \u201carena-hard\u201d (40 prompts)?"
                        + " Items that contain its prompts will no longer be dropped as contaminated.");
        assertThat(ws.referenceSets().list()).hasSize(1);

        dialogs.confirmAnswer = true;
        model.removeSelectedSet();

        assertThat(ws.referenceSets().list()).isEmpty();
        assertThat(model.referenceSets()).isEmpty();
        assertThat(model.selectedSet().get()).isNull();
        assertThat(model.report().get().contaminated()).isEmpty();
    }

    @Test
    void importedFilesAreStoredAndOnesThatCannotBeAreToldTogether() throws Exception {
        Path water = Files.writeString(tmp.resolve("water.txt"), CurationFixture.PROMPTS.get(3) + "\n");
        Path csv = Files.writeString(tmp.resolve("bench.csv"), "prompt\nhello\n");
        dialogs.files.add(List.of(water, csv));

        model.chooseAndImport();

        assertThat(model.referenceSets()).extracting(ReferenceSetInfo::name).containsExactly("arena-hard", "water.txt");
        assertThat(dialogs.errors)
                .singleElement()
                .asString()
                .startsWith("Some files were not imported (the others were): " + csv + ": not a known reference"
                        + " format");
        assertThat(model.report().get().contaminated())
                .extracting(c -> c.item().id())
                .containsExactly(ABC, CurationFixture.WATER);
        assertThat(model.writing().get()).isFalse();
    }

    @Test
    void oneComputationAtATime() throws Exception {
        tasks.hold();
        model.refresh();
        model.refresh();
        model.refresh();

        assertThat(tasks.heldCount())
                .as("the two asked meanwhile wait for the first")
                .isEqualTo(1);
        assertThat(model.computing().get()).isTrue();
        ws.keepDecisions().keep(POEM_AGAIN, "ben");

        tasks.runHeld();

        assertThat(model.computing().get()).isFalse();
        assertThat(row(POEM_AGAIN).role()).isEqualTo(Role.KEPT_BACK);
    }
}
