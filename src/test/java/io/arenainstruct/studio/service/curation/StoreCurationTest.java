package io.arenainstruct.studio.service.curation;

import static io.arenainstruct.studio.service.curation.CurationFixture.ABC;
import static io.arenainstruct.studio.service.curation.CurationFixture.POEM;
import static io.arenainstruct.studio.service.curation.CurationFixture.POEM_AGAIN;
import static io.arenainstruct.studio.service.curation.CurationFixture.QUESTIONS;
import static io.arenainstruct.studio.service.curation.CurationFixture.WATER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.Hashes;
import io.arenainstruct.studio.domain.curation.KeepDecision;
import io.arenainstruct.studio.domain.curation.ReferenceSetInfo;
import io.arenainstruct.studio.service.workspace.TemporaryUserData;
import io.arenainstruct.studio.service.workspace.TestWorkspaces;
import io.arenainstruct.studio.service.workspace.Workspace;

/** Reference sets and keep decisions in a real store, and a curation pass over it that uses both. */
class StoreCurationTest {
    @TempDir
    Path tmp;

    @RegisterExtension
    final TemporaryUserData userData = new TemporaryUserData();

    private Workspace ws;

    @BeforeEach
    void open() throws IOException {
        ws = TestWorkspaces.open(tmp.resolve("store"));
        CurationFixture.plant(ws, tmp);
    }

    @AfterEach
    void close() {
        ws.close();
    }

    private CurationReport pass() {
        return ws.curation().curate(List.of(), CurationOptions.defaults());
    }

    @Test
    void aStoredSetIsUsedByEveryPassWithoutNamingIt() throws Exception {
        assertThat(pass().contaminated()).isEmpty();

        ReferenceSetInfo info = ws.referenceSets().importFile(QUESTIONS, "arena-hard");

        assertThat(info.name()).isEqualTo("arena-hard");
        assertThat(info.sourceFile()).isEqualTo("question.jsonl");
        assertThat(info.format()).isEqualTo("jsonl-prompt");
        assertThat(info.promptCount()).isEqualTo(40); // the sample's lines
        assertThat(ws.referenceSets().list()).containsExactly(info);
        CurationReport report = pass();
        assertThat(report.contaminated()).singleElement().satisfies(c -> {
            assertThat(c.item().id()).isEqualTo(ABC);
            assertThat(c.referenceSet()).isEqualTo("arena-hard");
            assertThat(c.referenceId()).isEqualTo(CurationFixture.ABC_UID);
        });

        ws.referenceSets().remove("arena-hard");
        assertThat(pass().contaminated()).isEmpty();
        assertThat(ws.referenceSets().list()).isEmpty();
    }

    @Test
    void aFileGivenForOnePassIsUsedBesideTheStoredSets() throws Exception {
        Path water = Files.writeString(tmp.resolve("water.txt"), CurationFixture.PROMPTS.get(3) + "\n");
        ws.referenceSets().importFile(QUESTIONS, null);

        CurationReport report = ws.curation().curate(List.of(ReferenceFiles.read(water)), CurationOptions.defaults());

        assertThat(report.contaminated())
                .extracting(c -> c.item().id(), Contamination::referenceSet)
                .containsExactly(tuple(ABC, "question.jsonl"), tuple(WATER, "water.txt"));
    }

    @Test
    void theSameNameTwiceIsRefusedAndNothingChanges() throws Exception {
        ws.referenceSets().importFile(QUESTIONS, null);

        assertThatThrownBy(() -> ws.referenceSets().importFile(QUESTIONS, "  question.jsonl "))
                .isInstanceOf(CurationInputException.class)
                .hasMessage("A reference set named \"question.jsonl\" is already stored; remove it first to import it"
                        + " again, or import the file under another name.");
        assertThat(ws.referenceSets().list()).extracting(ReferenceSetInfo::name).containsExactly("question.jsonl");
    }

    @Test
    void anUnknownFormatOrSetIsToldInASentence() throws Exception {
        Path csv = Files.writeString(tmp.resolve("bench.csv"), "prompt\nhello\n");

        assertThatThrownBy(() -> ws.referenceSets().importFile(csv, null))
                .isInstanceOf(ReferenceFiles.ReferenceFileException.class)
                .hasMessageContaining("not a known reference format")
                .hasMessageContaining(".txt with one prompt per line");
        assertThatThrownBy(() -> ws.referenceSets().remove("nope"))
                .hasMessage("There is no reference set named \"nope\"; none is stored.");
        ws.referenceSets().importFile(QUESTIONS, "b");
        ws.referenceSets().importFile(QUESTIONS, "a");
        assertThatThrownBy(() -> ws.referenceSets().remove("nope"))
                .hasMessage("There is no reference set named \"nope\"; the stored ones are a, b.");
    }

    @Test
    void aKeptItemSurvivesItsClusterAndAContaminationUntilReleased() throws Exception {
        ws.referenceSets().importFile(QUESTIONS, null);
        assertThat(pass().droppedIds()).containsExactlyInAnyOrder(POEM_AGAIN, ABC);

        KeepDecision poem = ws.keepDecisions().keep(POEM_AGAIN, "ana");
        ws.keepDecisions().keep(ABC, "ben");

        assertThat(poem.textSha256()).isEqualTo(Hashes.sha256(CurationFixture.PROMPTS.get(1)));
        assertThat(poem.itemLabel()).isEqualTo("arena prompt 2");
        assertThat(poem.annotator()).isEqualTo("ana");
        CurationReport kept = pass();
        assertThat(kept.droppedIds()).isEmpty();
        assertThat(kept.clusters()).singleElement().satisfies(c -> {
            assertThat(c.kept().id()).isEqualTo(POEM);
            assertThat(c.keptBack())
                    .extracting(k -> k.item().id(), KeptBack::reason)
                    .containsExactly(tuple(POEM_AGAIN, "kept by ana"));
        });
        assertThat(kept.keptContaminated())
                .extracting(k -> k.item().id(), KeptBack::reason)
                .containsExactly(tuple(ABC, "kept by ben"));
        assertThat(ws.keepDecisions().list())
                .extracting(KeepDecision::itemLabel)
                .containsExactly("arena prompt 2", "arena prompt 3");

        ws.keepDecisions().release(POEM_AGAIN);

        assertThat(pass().droppedIds()).containsExactly(POEM_AGAIN);
        assertThatThrownBy(() -> ws.keepDecisions().release(POEM_AGAIN))
                .isInstanceOf(CurationInputException.class)
                .hasMessage("Arena prompt 2 is not kept back: no curator kept its text.");
    }

    @Test
    void anUnknownItemOrAnEmptyNameIsRefused() {
        assertThatThrownBy(() -> ws.keepDecisions().keep(999, "ana"))
                .isInstanceOf(CurationInputException.class)
                .hasMessageStartingWith("There is no item 999 to check");
        assertThatThrownBy(() -> ws.keepDecisions().keep(POEM, " "))
                .isInstanceOf(CurationInputException.class)
                .hasMessageStartingWith("Cannot keep arena prompt 1: the annotator's name is empty");
        assertThat(ws.keepDecisions().list()).isEmpty();
    }
}
