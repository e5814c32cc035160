package io.arenainstruct.studio.domain.arena;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A battle's human verdict: the outcome more than half of its human votes give (a tie and both-bad are outcomes of
 * their own). Without such a majority the people split and the battle is disputed. Votes that decide nothing
 * (unparsable, error) are not counted.
 *
 * @param outcome the majority's outcome; null when the votes split
 * @param votes   the votes counted
 */
public record HumanMajority(Outcome outcome, int votes) {
    /** The majority of these votes; empty when there is none to count. */
    public static Optional<HumanMajority> of(List<Outcome> votes) {
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        int counted = 0;
        for (Outcome o : votes) {
            if (o.decided()) {
                counts.merge(o, 1, Integer::sum);
                counted++;
            }
        }
        if (counted == 0) {
            return Optional.empty();
        }
        for (Map.Entry<Outcome, Integer> e : counts.entrySet()) {
            if (e.getValue() * 2 > counted) {
                return Optional.of(new HumanMajority(e.getKey(), counted));
            }
        }
        return Optional.of(new HumanMajority(null, counted));
    }

    /** The votes split: no outcome has more than half of them. */
    public boolean split() {
        return outcome == null;
    }

    /** adjudicated when a majority decided, disputed when the people split. */
    public BattleStatus status() {
        return split() ? BattleStatus.DISPUTED : BattleStatus.ADJUDICATED;
    }
}
