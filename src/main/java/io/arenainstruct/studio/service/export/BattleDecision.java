package io.arenainstruct.studio.service.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.arenainstruct.studio.domain.arena.Battle;
import io.arenainstruct.studio.domain.arena.HumanMajority;
import io.arenainstruct.studio.domain.arena.Outcome;
import io.arenainstruct.studio.domain.arena.Verdict;
import io.arenainstruct.studio.domain.arena.VerdictSource;

/**
 * Which verdict decides a battle for an export (decision 0015). With {@link VerdictUse#HUMAN_OVER_JUDGE} the
 * people's majority decides where people voted (their split leaves the battle undecided), else the judges: the
 * newest verdict of each jury if there is one, else each judge's newest combined verdict (game 0; a file's row where
 * no game was played). The judges decide only when they all say the same; their verdict is strong only when every
 * one of them is, and its score gap is the smallest of theirs.
 *
 * @param outcome   the deciding outcome; null when the battle is undecided
 * @param by        people, jury or judge; null when undecided
 * @param deciding  the judges' verdicts that decided (one per judge or jury); empty when people decided
 * @param strong    a graded verdict said A&gt;&gt;B or B&gt;&gt;A (every judge); false for people and score judges
 * @param gap       the smallest |score A − score B| of the deciding judges; null when they gave no scores
 * @param problem   why the battle is undecided, in a curator's words; null when decided
 */
public record BattleDecision(
        Outcome outcome, By by, List<Verdict> deciding, boolean strong, Double gap, String problem) {

    /** Who decided. */
    public enum By {
        PEOPLE("people"),
        JURY("jury"),
        JUDGE("judge");

        private final String id;

        By(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    public BattleDecision {
        deciding = List.copyOf(deciding);
    }

    public boolean decided() {
        return outcome != null;
    }

    /** The removal rule an undecided battle counts under. */
    static final String NOT_JUDGED = "were not judged yet";

    static final String NO_PEOPLE = "had no verdict from people";
    static final String PEOPLE_SPLIT = "had people split";
    static final String JUDGES_SPLIT = "had judges that disagree";
    static final String UNREADABLE = "had no readable verdict";

    /** The decision on {@code battle} from its verdicts (any order). */
    public static BattleDecision of(Battle battle, List<Verdict> verdicts, VerdictUse use) {
        if (use != VerdictUse.JUDGE_ONLY) {
            List<Outcome> human = verdicts.stream()
                    .filter(v -> v.source() == VerdictSource.HUMAN)
                    .map(Verdict::outcome)
                    .toList();
            Optional<HumanMajority> majority = HumanMajority.of(human);
            if (majority.isPresent()) {
                return majority.get().split()
                        ? undecided(PEOPLE_SPLIT)
                        : new BattleDecision(majority.get().outcome(), By.PEOPLE, List.of(), false, null, null);
            }
            if (use == VerdictUse.HUMAN_ONLY) {
                return undecided(NO_PEOPLE);
            }
        }
        List<Verdict> jury = newestPerVoter(verdicts, VerdictSource.JURY);
        if (!jury.isEmpty()) {
            return judges(jury, By.JURY);
        }
        List<Verdict> judges = newestPerVoter(verdicts, VerdictSource.JUDGE);
        return judges.isEmpty() ? undecided(NOT_JUDGED) : judges(judges, By.JUDGE);
    }

    private static BattleDecision judges(List<Verdict> deciding, By by) {
        Outcome outcome = deciding.get(0).outcome();
        boolean strong = true;
        Double gap = null;
        for (Verdict v : deciding) {
            if (!v.outcome().decided()) {
                return undecided(UNREADABLE);
            }
            if (v.outcome() != outcome) {
                return undecided(by == By.JURY ? "had juries that disagree" : JUDGES_SPLIT);
            }
            strong &= v.label() != null && v.label().strong();
            Double g = v.scoreGap();
            if (g != null) {
                gap = gap == null ? Math.abs(g) : Math.min(gap, Math.abs(g));
            }
        }
        return new BattleDecision(outcome, by, deciding, strong, gap, null);
    }

    /**
     * Each voter's newest verdict of the source: a judge's combined verdict (game 0), or a file's row (no game); a
     * jury's pooled verdict. In voter order, so the same verdicts give the same decision.
     */
    private static List<Verdict> newestPerVoter(List<Verdict> verdicts, VerdictSource source) {
        Map<String, Verdict> newest = new TreeMap<>();
        for (Verdict v : verdicts) {
            boolean counts =
                    v.source() == source && (source == VerdictSource.JURY || v.game() == null || v.game() == 0);
            if (counts) {
                newest.merge(v.voter(), v, (a, b) -> a.id() >= b.id() ? a : b);
            }
        }
        return new ArrayList<>(newest.values());
    }

    private static BattleDecision undecided(String problem) {
        return new BattleDecision(null, null, List.of(), false, null, problem);
    }

    /** Whether {@code battle}'s model {@code model} lost this decision. */
    public boolean lost(Battle battle, String model) {
        return (outcome == Outcome.A && battle.modelB().equals(model))
                || (outcome == Outcome.B && battle.modelA().equals(model));
    }
}
