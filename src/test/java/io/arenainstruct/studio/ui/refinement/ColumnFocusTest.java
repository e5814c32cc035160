package io.arenainstruct.studio.ui.refinement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.arenainstruct.studio.domain.provenance.AgentCall;
import io.arenainstruct.studio.domain.run.CuratorReview;
import io.arenainstruct.studio.domain.run.Instruction;
import io.arenainstruct.studio.domain.run.InstructionStatus;
import io.arenainstruct.studio.domain.run.Round;

/** The Refinement area's column keys, its mode and its rules for the default column and Accept, without a window. */
class ColumnFocusTest {
    private static final List<ColumnKey> TWO_ROUNDS = List.of(
            ColumnKey.SEED,
            ColumnKey.PASSAGE,
            ColumnKey.GENERATED,
            ColumnKey.suggestion(1),
            ColumnKey.edited(1),
            ColumnKey.suggestion(2),
            ColumnKey.edited(2),
            ColumnKey.RESPONSE);

    /** An instruction generated as "Q0" whose rounds 1..n were edited as "Q1".."Qn" (null: round not edited yet). */
    private static Instruction instruction(String... edits) {
        List<Round> rounds = new ArrayList<>();
        for (int k = 0; k < edits.length; k++) {
            rounds.add(new Round(
                    k + 1,
                    "suggestions " + (k + 1),
                    edits[k],
                    null,
                    AgentCall.of("suggester", 1, 10 + k),
                    AgentCall.of("editor", 1, 20 + k)));
        }
        return new Instruction(
                7,
                1,
                "skill",
                1,
                1,
                0,
                "cat",
                null,
                new AgentCall("generator", 1, 1, "local", "m"),
                "Q0",
                null,
                2,
                null,
                AgentCall.NONE,
                InstructionStatus.COMPLETE,
                null,
                CuratorReview.NONE,
                Instant.EPOCH,
                rounds);
    }

    @Test
    void keysNameTheirColumnsAndTheTextAnEditIsStoredAs() {
        assertThat(TWO_ROUNDS)
                .extracting(ColumnKey::id)
                .containsExactly(
                        "seed",
                        "passage",
                        "round-0",
                        "suggestion-1",
                        "edited-1",
                        "suggestion-2",
                        "edited-2",
                        "response");
        assertThat(ColumnKey.SEED.editTarget()).isEmpty();
        assertThat(ColumnKey.PASSAGE.editTarget()).isEmpty();
        assertThat(ColumnKey.GENERATED.editTarget()).contains("round.0.edited");
        assertThat(ColumnKey.suggestion(2).editTarget()).contains("round.2.suggestion");
        assertThat(ColumnKey.edited(2).editTarget()).contains("round.2.edited");
        assertThat(ColumnKey.RESPONSE.editTarget()).contains("response");
        assertThat(TWO_ROUNDS.stream().filter(ColumnKey::isInstruction))
                .containsExactly(ColumnKey.GENERATED, ColumnKey.edited(1), ColumnKey.edited(2));
        assertThat(ColumnKey.instructionOf(0)).isEqualTo(ColumnKey.GENERATED);
        assertThat(ColumnKey.instructionOf(3)).isEqualTo(ColumnKey.edited(3));
    }

    @Test
    void aKeyOfTheWrongRoundIsRefused() {
        assertThatThrownBy(() -> ColumnKey.edited(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ColumnKey(ColumnKey.Kind.SEED, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anInstructionOpensOnItsLastEditedRoundElseRoundZero() {
        assertThat(ColumnFocus.defaultFor(instruction("Q1", "Q2"))).isEqualTo(ColumnKey.edited(2));
        assertThat(ColumnFocus.defaultFor(instruction("Q1", null))).isEqualTo(ColumnKey.edited(1));
        assertThat(ColumnFocus.defaultFor(instruction())).isEqualTo(ColumnKey.GENERATED);
    }

    @Test
    void acceptTakesTheChosenColumnsRoundOrTheLastEditedOne() {
        Instruction i = instruction("Q1", null);
        assertThat(ColumnFocus.roundToAccept(i, ColumnKey.GENERATED)).contains(0);
        assertThat(ColumnFocus.roundToAccept(i, ColumnKey.edited(1))).contains(1);
        assertThat(ColumnFocus.roundToAccept(i, ColumnKey.suggestion(1))).contains(1); // that round's instruction
        assertThat(ColumnFocus.roundToAccept(i, ColumnKey.edited(2))).isEmpty(); // not edited yet
        assertThat(ColumnFocus.roundToAccept(i, ColumnKey.SEED)).contains(1);
        assertThat(ColumnFocus.roundToAccept(i, ColumnKey.RESPONSE)).contains(1);
        assertThat(ColumnFocus.roundToAccept(i, null)).contains(1);
    }

    @Test
    void stepsStopAtTheEndsAndAClickChoosesOnlyAColumnTheInstructionHas() {
        ColumnFocus focus = new ColumnFocus();
        focus.show(7L, TWO_ROUNDS, ColumnKey.edited(2));
        assertThat(focus.chosen()).contains(ColumnKey.edited(2));
        focus.step(1);
        assertThat(focus.chosen()).contains(ColumnKey.RESPONSE);
        focus.step(1);
        assertThat(focus.chosen()).contains(ColumnKey.RESPONSE);
        focus.step(-TWO_ROUNDS.size());
        assertThat(focus.chosen()).contains(ColumnKey.SEED);
        assertThat(focus.choose(ColumnKey.edited(3))).isFalse();
        assertThat(focus.chosen()).contains(ColumnKey.SEED);
        assertThat(focus.choose(ColumnKey.suggestion(1))).isTrue();
        assertThat(focus.chosen()).contains(ColumnKey.suggestion(1));
    }

    @Test
    void aRefreshOfTheSameInstructionKeepsTheChoiceAnotherInstructionTakesItsDefault() {
        ColumnFocus focus = new ColumnFocus();
        focus.show(7L, TWO_ROUNDS, ColumnKey.edited(2));
        focus.choose(ColumnKey.PASSAGE);
        focus.show(7L, TWO_ROUNDS, ColumnKey.edited(2));
        assertThat(focus.chosen()).contains(ColumnKey.PASSAGE);
        focus.show(8L, TWO_ROUNDS, ColumnKey.edited(2));
        assertThat(focus.chosen()).contains(ColumnKey.edited(2));
        // The same instruction with fewer columns (a round gone): the default again.
        focus.choose(ColumnKey.edited(2));
        focus.show(8L, TWO_ROUNDS.subList(0, 5), ColumnKey.edited(1));
        assertThat(focus.chosen()).contains(ColumnKey.edited(1));
        focus.show(null, List.of(), null);
        assertThat(focus.chosen()).isEmpty();
    }

    @Test
    void whileEditingTheChoiceIsHeldAndARefreshOfThatInstructionWaits() {
        ColumnFocus focus = new ColumnFocus();
        focus.show(7L, TWO_ROUNDS, ColumnKey.edited(1));
        assertThat(focus.editing()).isEmpty();
        assertThat(focus.startEditing()).isTrue();
        assertThat(focus.mode()).isEqualTo(ColumnFocus.Mode.EDITING);
        assertThat(focus.editing()).contains(ColumnKey.edited(1));
        assertThat(focus.startEditing()).isFalse();
        assertThat(focus.step(1)).isFalse();
        assertThat(focus.choose(ColumnKey.SEED)).isFalse();
        assertThat(focus.chosen()).contains(ColumnKey.edited(1));
        assertThat(focus.holds(7L)).isTrue();
        assertThat(focus.holds(8L)).isFalse();
        focus.stopEditing();
        assertThat(focus.holds(7L)).isFalse();
        assertThat(focus.chosen()).contains(ColumnKey.edited(1));
        assertThat(focus.step(1)).isTrue();
    }

    @Test
    void nothingToEditWhenNothingIsChosen() {
        ColumnFocus focus = new ColumnFocus();
        assertThat(focus.startEditing()).isFalse();
        assertThat(focus.step(1)).isFalse();
    }
}
