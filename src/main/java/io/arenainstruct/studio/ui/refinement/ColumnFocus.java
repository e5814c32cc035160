package io.arenainstruct.studio.ui.refinement;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.arenainstruct.studio.domain.run.Instruction;
import io.arenainstruct.studio.domain.run.Round;

/**
 * The Refinement area's mode: which column of the shown instruction is chosen, and whether it is being edited by
 * hand. While a column is edited the choice is held: moving between columns or instructions waits for the edit to
 * be kept or cancelled. Plain Java, so its rules are tested without a window.
 */
public final class ColumnFocus {
    public enum Mode {
        BROWSING,
        EDITING
    }

    private List<ColumnKey> columns = List.of();
    private Long instructionId;
    private ColumnKey chosen;
    private Mode mode = Mode.BROWSING;

    /**
     * Shows an instruction's columns. The chosen column stays when the same instruction comes again (a refresh) and
     * still has it; otherwise {@code fallback} is chosen. An edit in progress ends (callers keep it by not calling
     * this while {@link #holds(Long)}).
     */
    public void show(Long id, List<ColumnKey> keys, ColumnKey fallback) {
        boolean same = Objects.equals(id, instructionId);
        instructionId = id;
        columns = List.copyOf(keys);
        mode = Mode.BROWSING;
        if (!same || chosen == null || !columns.contains(chosen)) {
            chosen = id == null ? null : fallback;
        }
    }

    /** Whether showing instruction {@code id} again now would throw away an edit in progress. */
    public boolean holds(Long id) {
        return mode == Mode.EDITING && id != null && id.equals(instructionId);
    }

    public Mode mode() {
        return mode;
    }

    public boolean isEditing() {
        return mode == Mode.EDITING;
    }

    public Optional<ColumnKey> chosen() {
        return Optional.ofNullable(chosen);
    }

    /** The column being edited, if any: always the chosen one. */
    public Optional<ColumnKey> editing() {
        return mode == Mode.EDITING ? chosen() : Optional.empty();
    }

    public Long instructionId() {
        return instructionId;
    }

    /** Chooses a column (a click); refused while editing or for a column the instruction does not have. */
    public boolean choose(ColumnKey key) {
        if (mode == Mode.EDITING || !columns.contains(key)) {
            return false;
        }
        chosen = key;
        return true;
    }

    /** Moves the choice by {@code step} columns, stopping at the first and the last; refused while editing. */
    public boolean step(int step) {
        if (mode == Mode.EDITING || columns.isEmpty()) {
            return false;
        }
        int at = chosen == null ? 0 : Math.max(0, columns.indexOf(chosen));
        chosen = columns.get(Math.max(0, Math.min(columns.size() - 1, at + step)));
        return true;
    }

    /** Starts editing the chosen column; refused when nothing is chosen or an edit is already open. */
    public boolean startEditing() {
        if (mode == Mode.EDITING || chosen == null) {
            return false;
        }
        mode = Mode.EDITING;
        return true;
    }

    /** Ends an edit (kept or cancelled); the edited column stays chosen. */
    public void stopEditing() {
        mode = Mode.BROWSING;
    }

    /** The column an instruction opens on: its last edited instruction, else the generated one. */
    public static ColumnKey defaultFor(Instruction i) {
        return ColumnKey.instructionOf(lastEditedRound(i));
    }

    /**
     * The round Accept takes: the chosen column's round (a suggestion's round means that round's instruction), or
     * the last round with an edited instruction when the chosen column has no round (seed, passage, response).
     * Empty when the chosen round has no instruction yet.
     */
    public static Optional<Integer> roundToAccept(Instruction i, ColumnKey chosen) {
        Optional<Integer> round = chosen == null ? Optional.empty() : chosen.ofRound();
        if (round.isPresent()) {
            return i.instructionAt(round.get()) == null ? Optional.empty() : round;
        }
        return Optional.of(lastEditedRound(i));
    }

    private static int lastEditedRound(Instruction i) {
        return i.rounds().stream()
                .filter(r -> r.edited() != null)
                .mapToInt(Round::round)
                .max()
                .orElse(0);
    }
}
