package io.arenainstruct.studio.ui.refinement;

import java.util.Optional;

import io.arenainstruct.studio.domain.run.HumanEdit;

/**
 * Which column of an instruction the Refinement area shows: the seed, the transformed passage, round 0 (the generated
 * instruction), a round's suggestions or edited instruction, or the response.
 *
 * @param round the round for {@link Kind#SUGGESTION} and {@link Kind#EDITED} (1 and up), 0 for {@link Kind#GENERATED},
 *              unused otherwise
 */
public record ColumnKey(Kind kind, int round) {
    public enum Kind {
        SEED,
        PASSAGE,
        GENERATED,
        SUGGESTION,
        EDITED,
        RESPONSE
    }

    public static final ColumnKey SEED = new ColumnKey(Kind.SEED, 0);
    public static final ColumnKey PASSAGE = new ColumnKey(Kind.PASSAGE, 0);
    public static final ColumnKey GENERATED = new ColumnKey(Kind.GENERATED, 0);
    public static final ColumnKey RESPONSE = new ColumnKey(Kind.RESPONSE, 0);

    public ColumnKey {
        boolean ofRound = kind == Kind.SUGGESTION || kind == Kind.EDITED;
        if (ofRound ? round < 1 : round != 0) {
            throw new IllegalArgumentException(kind + " cannot be of round " + round);
        }
    }

    public static ColumnKey suggestion(int round) {
        return new ColumnKey(Kind.SUGGESTION, round);
    }

    public static ColumnKey edited(int round) {
        return new ColumnKey(Kind.EDITED, round);
    }

    /** The instruction of a round as a column: round 0 is the generated one. */
    public static ColumnKey instructionOf(int round) {
        return round == 0 ? GENERATED : edited(round);
    }

    /** The column's id in the view (and in tests): seed, passage, round-0, suggestion-N, edited-N, response. */
    public String id() {
        return switch (kind) {
            case SEED -> "seed";
            case PASSAGE -> "passage";
            case GENERATED -> "round-0";
            case SUGGESTION -> "suggestion-" + round;
            case EDITED -> "edited-" + round;
            case RESPONSE -> "response";
        };
    }

    /** What a hand edit of this column is stored as; the seed and the passage are not edited by hand. */
    public Optional<String> editTarget() {
        return switch (kind) {
            case SEED, PASSAGE -> Optional.empty();
            case GENERATED, EDITED -> Optional.of(HumanEdit.editedInstruction(round));
            case SUGGESTION -> Optional.of(HumanEdit.suggestions(round));
            case RESPONSE -> Optional.of(HumanEdit.RESPONSE);
        };
    }

    /** Whether the column holds an instruction a curator can accept (round 0 or a round's edited instruction). */
    public boolean isInstruction() {
        return kind == Kind.GENERATED || kind == Kind.EDITED;
    }

    /** The round the column belongs to (0 for the generated instruction), if any. */
    public Optional<Integer> ofRound() {
        return switch (kind) {
            case GENERATED, SUGGESTION, EDITED -> Optional.of(round);
            default -> Optional.empty();
        };
    }
}
