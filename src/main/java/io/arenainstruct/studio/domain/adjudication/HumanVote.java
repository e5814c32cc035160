package io.arenainstruct.studio.domain.adjudication;

import java.util.Objects;

import io.arenainstruct.studio.domain.arena.GradedLabel;
import io.arenainstruct.studio.domain.arena.Outcome;

/**
 * A person's verdict on a battle, in the battle's orientation (A = the battle's model A) whatever side it was shown
 * on.
 *
 * @param label             A>>B, A>B, A=B, B>A or B>>A; null for both-bad
 * @param shownSwapped      the battle's B was shown on the left
 * @param namesShown        the annotator saw the models' names when voting
 * @param preferredResponse edit-then-prefer: the edited response the verdict prefers; null otherwise
 */
public record HumanVote(
        long battleId,
        String annotator,
        Outcome outcome,
        GradedLabel label,
        boolean shownSwapped,
        boolean namesShown,
        Long preferredResponse) {
    public HumanVote {
        Objects.requireNonNull(outcome, "outcome");
        annotator = Annotators.require(annotator);
        if (!outcome.decided()) {
            throw new IllegalArgumentException("a person's verdict decides: A, B, a tie or both bad");
        }
        if ((outcome == Outcome.BOTH_BAD) != (label == null)) {
            throw new IllegalArgumentException("both-bad has no label; every other verdict has one");
        }
        if (label != null && label.outcome() != outcome) {
            throw new IllegalArgumentException(label.text() + " does not say " + outcome.id());
        }
    }

    /** A vote by what the annotator saw: the label about left (A) and right (B), or both-bad when null. */
    public static HumanVote shown(
            long battleId, String annotator, GradedLabel shownLabel, boolean shownSwapped, boolean namesShown) {
        GradedLabel label = shownLabel == null ? null : shownSwapped ? shownLabel.swapped() : shownLabel;
        Outcome outcome = label == null ? Outcome.BOTH_BAD : label.outcome();
        return new HumanVote(battleId, annotator, outcome, label, shownSwapped, namesShown, null);
    }

    public HumanVote preferring(long editedResponse) {
        return new HumanVote(battleId, annotator, outcome, label, shownSwapped, namesShown, editedResponse);
    }
}
