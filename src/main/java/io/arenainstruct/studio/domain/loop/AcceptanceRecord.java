package io.arenainstruct.studio.domain.loop;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one {@code loop accept} changed, kept so {@code loop undo} can put it back (V16).
 *
 * @param changes  in the order they were made
 * @param undoneAt when it was undone; null while it stands
 */
public record AcceptanceRecord(
        long id,
        int iteration,
        String target,
        Instant acceptedAt,
        String acceptedBy,
        List<Change> changes,
        Instant undoneAt) {
    /** What a change set. */
    public enum Kind {
        /** A skill's taxonomy: the values are taxonomy versions. */
        TAXONOMY,
        /** A skill's refinement rounds. */
        ROUNDS,
        /** An agent's prompt: the values are prompt versions. */
        PROMPT
    }

    /**
     * One change.
     *
     * @param agent  the agent of a prompt change; null otherwise
     * @param before the version (or rounds) before the acceptance
     * @param after  the version (or rounds) it made
     */
    public record Change(Kind kind, String skill, String agent, int before, int after) {
        public Change {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(skill, "skill");
        }
    }

    public AcceptanceRecord {
        Objects.requireNonNull(acceptedAt, "acceptedAt");
        changes = List.copyOf(changes);
    }
}
