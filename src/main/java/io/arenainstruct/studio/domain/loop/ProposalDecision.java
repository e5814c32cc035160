package io.arenainstruct.studio.domain.loop;

import java.time.Instant;
import java.util.Objects;

/**
 * A proposal as the curator decided it in an iteration: accepted (applied) or passed over.
 *
 * @param iteration the number of the iteration it was decided in (the newest then)
 * @param decidedBy who decided; null when not known
 * @param undoneAt  when {@code loop undo} took an accepted proposal back (it stays accepted, then undone); null when
 *                  not undone
 */
public record ProposalDecision(
        int iteration, Proposal proposal, boolean accepted, Instant decidedAt, String decidedBy, Instant undoneAt) {
    public ProposalDecision {
        Objects.requireNonNull(proposal, "proposal");
        Objects.requireNonNull(decidedAt, "decidedAt");
    }

    /** A decision not undone. */
    public ProposalDecision(int iteration, Proposal proposal, boolean accepted, Instant decidedAt, String decidedBy) {
        this(iteration, proposal, accepted, decidedAt, decidedBy, null);
    }

    public boolean undone() {
        return undoneAt != null;
    }
}
