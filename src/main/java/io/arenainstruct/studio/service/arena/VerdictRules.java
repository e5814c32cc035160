package io.arenainstruct.studio.service.arena;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.arenainstruct.studio.domain.arena.GradedLabel;
import io.arenainstruct.studio.domain.arena.Outcome;

/**
 * The stated rules that turn readings into one verdict (README, "Judging"). All readings are in the battle's
 * orientation (un-swapped).
 *
 * <p>A judge's games, graded: each label votes its weight for A (A>>B +3, A>B +1, A=B 0, B>A −1, B>>A −3, a
 * strong verdict counting three times as Arena-Hard counts it); games pointing opposite ways (one above 0, one
 * below) are inconsistent, a position bias: the verdict is a tie, flagged. Otherwise the sign of the sum decides;
 * the verdict is strong only when every game said so strongly. Score style: the mean of each answer's scores,
 * the verdict following the gap; opposite gaps are inconsistent, a tie, flagged. A game with no readable verdict
 * makes the judge's verdict unparsable: it goes to people, never guessed.
 *
 * <p>A jury pools its judges' combined verdicts. Majority: the outcome more than half of the judges who decided
 * gave; without one, a tie. Mean: the mean of the judges' votes (graded: the weight of each judge's combined label,
 * ±3 strong, ±1, 0 for a tie, so every judge counts once whatever its number of games; score: each judge's gap
 * between its mean scores; a judge whose games contradict each other counts 0); a mean verdict is never strong.
 * Either way a jury whose judges do not all agree, or with a judge that could not be read, is disputed, and its
 * note says how the votes fell.
 */
public final class VerdictRules {
    private VerdictRules() {}

    /** A judge's verdict over its games (one game: that game). */
    public static Combined games(List<GameReading> games) {
        if (games.isEmpty()) {
            throw new IllegalArgumentException("no games to combine");
        }
        for (int i = 0; i < games.size(); i++) {
            if (!games.get(i).parsed()) {
                return new Combined(
                        Outcome.UNPARSABLE,
                        null,
                        null,
                        null,
                        true,
                        false,
                        "game " + (i + 1) + " has no readable verdict: "
                                + games.get(i).problem());
            }
        }
        boolean scored = games.get(0).label() == null;
        double sum = 0;
        double sumA = 0;
        double sumB = 0;
        boolean forA = false;
        boolean forB = false;
        boolean allStrong = true;
        for (GameReading g : games) {
            double vote = scored ? g.scoreA() - g.scoreB() : g.label().weight();
            sum += vote;
            forA |= vote > 0;
            forB |= vote < 0;
            if (scored) {
                sumA += g.scoreA();
                sumB += g.scoreB();
            } else {
                allStrong &= g.label().strong();
            }
        }
        Double meanA = scored ? sumA / games.size() : null;
        Double meanB = scored ? sumB / games.size() : null;
        if (forA && forB) {
            return new Combined(
                    Outcome.TIE,
                    scored ? null : GradedLabel.TIE,
                    meanA,
                    meanB,
                    true,
                    true,
                    "the games contradict each other once un-swapped (position bias): counted as a tie");
        }
        Outcome outcome = sum > 0 ? Outcome.A : sum < 0 ? Outcome.B : Outcome.TIE;
        GradedLabel label = scored ? null : label(outcome, allStrong);
        String note = games.size() == 1 ? "one game" : "the games agree";
        return new Combined(outcome, label, meanA, meanB, false, false, note);
    }

    /** How a jury pools its judges' verdicts. */
    public enum Pool {
        MAJORITY,
        MEAN
    }

    /** A jury's verdict from each judge's combined verdict. */
    public static Combined jury(List<Combined> judges, Pool pool) {
        if (judges.isEmpty()) {
            throw new IllegalArgumentException("a jury needs judges");
        }
        Map<Outcome, Integer> votes = new EnumMap<>(Outcome.class);
        for (Combined j : judges) {
            votes.merge(j.outcome(), 1, Integer::sum);
        }
        int unread = votes.getOrDefault(Outcome.UNPARSABLE, 0) + votes.getOrDefault(Outcome.ERROR, 0);
        int decided = judges.size() - unread;
        boolean unanimous = unread == 0 && votes.size() == 1;
        String tally = tally(votes, judges.size());
        boolean anyInconsistent = judges.stream().anyMatch(Combined::inconsistent);
        if (decided == 0) {
            return new Combined(
                    Outcome.UNPARSABLE, null, null, null, true, anyInconsistent, "no judge gave a readable verdict");
        }
        if (pool == Pool.MAJORITY) {
            Outcome winner = Outcome.TIE;
            for (Map.Entry<Outcome, Integer> e : votes.entrySet()) {
                if (e.getKey().decided() && e.getValue() * 2 > decided) {
                    winner = e.getKey();
                }
            }
            boolean strong = winner != Outcome.TIE
                    && judges.stream()
                            .filter(j -> j.outcome().decided())
                            .allMatch(j -> j.label() != null && j.label().strong());
            GradedLabel label = judges.stream()
                            .allMatch(j -> j.label() != null || !j.outcome().decided())
                    ? label(winner, strong)
                    : null;
            Double[] means = meanScores(judges);
            return new Combined(winner, label, means[0], means[1], !unanimous, anyInconsistent, "majority: " + tally);
        }
        double sum = 0;
        boolean scored = judges.stream().filter(j -> j.outcome().decided()).allMatch(j -> j.scoreA() != null);
        for (Combined j : judges) {
            if (j.outcome().decided()) {
                // A judge whose games contradict each other counts as a tie: its means still differ (8-6 and 5-6
                // average to 6.5-6), but it did not prefer either answer.
                sum += j.inconsistent() ? 0 : scored ? j.gap() : j.label().weight();
            }
        }
        double mean = sum / decided;
        Outcome outcome = mean > 0 ? Outcome.A : mean < 0 ? Outcome.B : Outcome.TIE;
        Double[] means = meanScores(judges);
        String how = scored
                ? String.format(Locale.ROOT, "mean gap %.2f: %s", mean, tally)
                : String.format(Locale.ROOT, "mean vote %.2f: %s", mean, tally);
        return new Combined(
                outcome, scored ? null : label(outcome, false), means[0], means[1], !unanimous, anyInconsistent, how);
    }

    private static GradedLabel label(Outcome outcome, boolean strong) {
        return switch (outcome) {
            case A -> strong ? GradedLabel.A_MUCH_BETTER : GradedLabel.A_BETTER;
            case B -> strong ? GradedLabel.B_MUCH_BETTER : GradedLabel.B_BETTER;
            default -> GradedLabel.TIE;
        };
    }

    private static Double[] meanScores(List<Combined> judges) {
        List<Combined> scored = judges.stream().filter(j -> j.scoreA() != null).toList();
        if (scored.isEmpty()) {
            return new Double[] {null, null};
        }
        double a = scored.stream().mapToDouble(Combined::scoreA).sum() / scored.size();
        double b = scored.stream().mapToDouble(Combined::scoreB).sum() / scored.size();
        return new Double[] {a, b};
    }

    private static String tally(Map<Outcome, Integer> votes, int of) {
        StringBuilder s = new StringBuilder();
        votes.forEach((o, n) ->
                s.append(s.length() == 0 ? "" : ", ").append(o.id()).append(' ').append(n));
        return s + " of " + of;
    }
}
