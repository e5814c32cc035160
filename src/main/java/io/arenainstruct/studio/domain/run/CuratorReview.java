package io.arenainstruct.studio.domain.run;

import java.time.Instant;

/**
 * The curator's review of an instruction: the decision, the round taken as final, who decided and when.
 *
 * @param acceptedRound the round accepted as final (0 = as generated); null unless accepted
 * @param by            who decided; null without a decision
 * @param at            when; null without a decision
 */
public record CuratorReview(Review decision, Integer acceptedRound, String by, Instant at) {
    /** Not reviewed. */
    public static final CuratorReview NONE = new CuratorReview(Review.NONE, null, null, null);

    public CuratorReview {
        decision = decision == null ? Review.NONE : decision;
    }

    public boolean reviewed() {
        return decision != Review.NONE;
    }

    public boolean accepted() {
        return decision == Review.ACCEPTED;
    }
}
