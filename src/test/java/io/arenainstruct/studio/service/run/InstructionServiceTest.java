package io.arenainstruct.studio.service.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.run.FinalText;
import io.arenainstruct.studio.domain.run.HumanEdit;
import io.arenainstruct.studio.domain.run.Instruction;
import io.arenainstruct.studio.domain.run.InstructionFilter;
import io.arenainstruct.studio.domain.run.InstructionRow;
import io.arenainstruct.studio.domain.run.Review;
import io.arenainstruct.studio.domain.run.RunConfig;
import io.arenainstruct.studio.domain.run.SeedSelection;
import io.arenainstruct.studio.service.llm.KeyResolver;
import io.arenainstruct.studio.service.llm.RetryPolicy;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.testserver.FakeModelServer;
import io.arenainstruct.studio.testserver.SchemaReplies;

/** Reviews, hand edits and the filtered list of instructions. */
class InstructionServiceTest {
    @TempDir
    Path tmp;

    private FakeModelServer server;
    private Workspace ws;
    private List<Long> ids;

    @BeforeEach
    void setUp() {
        server = FakeModelServer.start().replyWith(SchemaReplies.fill());
        ws = Workspace.open(
                tmp.resolve("store"), new KeyResolver(tmp.resolve("s.properties"), n -> null), RetryPolicy.DEFAULT);
        RunFixture.install(ws, server.openAiBaseUrl(), 2, 2);
        ws.runs()
                .start(RunConfig.of(List.of(RunFixture.SKILL), SeedSelection.all(), "local")
                        .withPerSeed(2))
                .run();
        ids = ws.instructions().ids(InstructionFilter.ALL);
    }

    @AfterEach
    void tearDown() {
        ws.close();
        server.close();
    }

    @Test
    void reviewsAreCheckedStoredAndFiltered() {
        ws.instructions().accept(ids.get(0), 1, "ana");
        ws.instructions().reject(ids.get(1), "ana");
        assertThatThrownBy(() -> ws.instructions().accept(ids.get(2), 3, "ana"))
                .hasMessageContaining("no finished round 3");
        assertThat(ws.instructions().find(ids.get(0)).orElseThrow().review().acceptedRound())
                .isEqualTo(1);
        assertThat(ws.instructions().count(new InstructionFilter(null, null, null, "accepted", null)))
                .isEqualTo(1);
        assertThat(ws.instructions().count(new InstructionFilter(null, null, null, "rejected", null)))
                .isEqualTo(1);
        assertThat(ws.instructions().count(new InstructionFilter(null, null, null, "complete", null)))
                .isEqualTo(2);
        assertThat(ws.instructions().count(new InstructionFilter(null, null, null, null, true)))
                .isEqualTo(4);
        List<InstructionRow> rows = ws.instructions().page(InstructionFilter.ALL, 0, 10);
        assertThat(rows)
                .extracting(InstructionRow::status)
                .containsExactly("accepted", "rejected", "complete", "complete");
        ws.instructions().clearReview(ids.get(0));
        assertThat(ws.instructions().find(ids.get(0)).orElseThrow().review().decision())
                .isEqualTo(Review.NONE);
    }

    @Test
    void handEditsKeepTheModelTextAndRefuseUnknownTargets() {
        String generated = ws.instructions().find(ids.get(0)).orElseThrow().generated();
        ws.instructions().edit(ids.get(0), "round.0.edited", "A better first question.", "ana");
        ws.instructions().edit(ids.get(0), "round.2.suggestion", "Ask for two reasons.", "ben");
        assertThat(ws.instructions().humanEdits(ids.get(0)))
                .extracting(e -> e.target() + "=" + e.author())
                .containsExactly("round.0.edited=ana", "round.2.suggestion=ben");
        assertThat(ws.instructions().find(ids.get(0)).orElseThrow().generated()).isEqualTo(generated);
        assertThatThrownBy(() -> ws.instructions().edit(ids.get(0), "round.0.suggestion", "x", "ana"))
                .hasMessageContaining("not an editable text");
        assertThatThrownBy(() -> ws.instructions().edit(ids.get(0), "seed", "x", "ana"))
                .hasMessageContaining("not an editable text");
    }

    @Test
    void theFinalTextIsTheHandEditElseTheAcceptedRoundElseTheLastRound() {
        long id = ids.get(0);
        Instruction model = ws.instructions().find(id).orElseThrow();
        FinalText last = ws.instructions().finalText(id).orElseThrow();
        assertThat(last.instruction()).isEqualTo(model.instructionAt(2)).isEqualTo(model.instruction());
        assertThat(last.input()).isEqualTo(model.rounds().get(1).editedInput());
        assertThat(last.response()).isEqualTo(model.response());
        assertThat(last.edited()).isFalse();
        assertThat(last.source()).isEqualTo("last round 2");
        assertThat(listed(id)).isEqualTo(model.instructionAt(2));

        ws.instructions().accept(id, 1, "ana");
        FinalText accepted = ws.instructions().finalText(id).orElseThrow();
        assertThat(accepted.instruction()).isEqualTo(model.instructionAt(1));
        assertThat(accepted.source()).isEqualTo("accepted round 1");
        assertThat(listed(id)).isEqualTo(model.instructionAt(1)); // the Instructions table shows the final text

        // A hand edit comes first, whichever round it is of (the rule: hand edit, else accepted, else last).
        ws.instructions().edit(id, "round.2.edited", "Not the accepted one.", null, "ben");
        FinalText other = ws.instructions().finalText(id).orElseThrow();
        assertThat(other.instruction()).isEqualTo("Not the accepted one.");
        assertThat(other.round()).isEqualTo(2);
        assertThat(other.accepted()).isFalse();
        assertThat(other.source()).isEqualTo("hand edit of round 2 by ben");
        assertThat(listed(id)).isEqualTo("Not the accepted one.");
        ws.instructions().edit(id, "round.1.edited", "Summarise the passage.", "The passage.", "ana");
        ws.instructions().edit(id, "response", "A summary.", null, "ana");
        FinalText edited = ws.instructions().finalText(id).orElseThrow();
        assertThat(edited.instruction()).isEqualTo("Summarise the passage.");
        assertThat(edited.input()).isEqualTo("The passage.");
        assertThat(edited.response()).isEqualTo("A summary.");
        assertThat(edited.edited()).isTrue();
        assertThat(edited.source())
                .isEqualTo("hand edit of round 1 by ana, the accepted round; response edited by" + " hand by ana");

        // Not accepted: the newest hand edit of any round.
        ws.instructions().clearReview(id);
        assertThat(ws.instructions().finalText(id).orElseThrow().instruction()).isEqualTo("Summarise the passage.");
        assertThat(ws.instructions().finalText(id).orElseThrow().round()).isEqualTo(1);
        assertThat(listed(id)).isEqualTo("Summarise the passage.");

        // Kept apart in the store; a blank input is none; only an instruction's edit has an input.
        assertThat(ws.instructions().humanEdits(id))
                .extracting(HumanEdit::input)
                .containsExactly(null, "The passage.", null);
        assertThatThrownBy(() -> ws.instructions().edit(id, "response", "x", "an input", "ana"))
                .hasMessageContaining("only an edit of an instruction has an input");

        // The edited filter.
        assertThat(ws.instructions().ids(InstructionFilter.ALL.withEdited(true)))
                .containsExactly(id);
        assertThat(ws.instructions().count(InstructionFilter.ALL.withEdited(false)))
                .isEqualTo(ids.size() - 1);
    }

    /** How the instruction's row in the list (the Instructions table) starts. */
    private String listed(long id) {
        return ws.instructions().page(InstructionFilter.ALL, 0, 100).stream()
                .filter(r -> r.id() == id)
                .findFirst()
                .orElseThrow()
                .instructionStart();
    }
}
