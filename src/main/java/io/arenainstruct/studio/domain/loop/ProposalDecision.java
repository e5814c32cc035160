package io.arenainstruct.studio.domain.loop;

import java.time.Instant;
import java.util.Objects;

/**
 * A proposal as the curator decided it in an iteration: accepted (applied) or passed over.
 *
 * @param iteration the number of the iteration it was decided in (the newest then)
 * @param decidedBy who decided; null when not known
 */
public record ProposalDecision(
        int iteration, Proposal proposal, boolean accepted, Instant decidedAt, String decidedBy) {
    public ProposalDecision {
        Objects.requireNonNull(proposal, "proposal");
        Objects.requireNonNull(decidedAt, "decidedAt");
    }
}
