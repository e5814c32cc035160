package io.arenainstruct.studio.service.agreement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.arenainstruct.studio.domain.arena.BattleVotes;
import io.arenainstruct.studio.domain.arena.BattleVotes.Vote;
import io.arenainstruct.studio.domain.arena.HumanMajority;
import io.arenainstruct.studio.domain.arena.VerdictSource;

/**
 * The running counts of one set of battles (all, or one category), fed battle by battle as the store streams them;
 * memory grows with judges and annotator pairs, not with battles.
 */
final class Tally {
    /** A judge: its model (or jury name), agent and prompt version, and whether it is a jury. */
    record JudgeKey(VerdictSource source, String voter, String agent, Integer promptVersion) {
        static final Comparator<JudgeKey> ORDER = Comparator.comparing(JudgeKey::voter)
                .thenComparing(JudgeKey::agent, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(JudgeKey::promptVersion, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(JudgeKey::source);
    }

    private record Pair(String a, String b) {}

    /** One judge's counts. */
    private static final class JudgeCounts {
        final ConfusionTable battles = new ConfusionTable();
        long games;
        long gamesAgreeing;
        long twoGameBattles;
        long consistent;
        long decidedGames;
        long firstWins;
        long decidedByLength;
        long longerWins;
    }

    private final Map<JudgeKey, JudgeCounts> judges = new HashMap<>();
    private final Map<Pair, ConfusionTable> pairs = new HashMap<>();
    private final KrippendorffAlpha alpha = KrippendorffAlpha.ofClasses();
    private long humanBattles;
    private long splitBattles;

    /** One battle's verdicts, read once per battle by whoever feeds several tallies. */
    record Read(
            TreeMap<String, AgreementClass> people,
            Optional<HumanMajority> majority,
            Map<JudgeKey, JudgeVotes> judges,
            Integer lengthA,
            Integer lengthB) {}

    /** A judge's latest rows on one battle: combined (game 0), single (no game: a jury, a vote row), games 1, 2. */
    static final class JudgeVotes {
        Vote combined;
        Vote single;
        Vote game1;
        Vote game2;

        /** The judge's verdict on the battle: its combined verdict, else its one verdict row or its one game. */
        Vote battleVerdict() {
            if (combined != null) {
                return combined;
            }
            if (single != null) {
                return single;
            }
            if (game1 == null || game2 == null) {
                return game1 != null ? game1 : game2;
            }
            return null; // two games but no combined verdict: an unreadable game left it undecided
        }
    }

    /** The battle's verdicts read once; {@code lengthA} and {@code lengthB} its answers' (null without one). */
    static Read read(BattleVotes battle, Integer lengthA, Integer lengthB) {
        // A voter's rows of one source come oldest first: a later row replaces an earlier one. An annotator who voted
        // twice on a battle counts once, with the latest vote (the earlier one was changed, not a second opinion).
        TreeMap<String, AgreementClass> people = new TreeMap<>();
        Map<JudgeKey, JudgeVotes> judges = new HashMap<>();
        for (Vote v : battle.votes()) {
            if (v.source() == VerdictSource.HUMAN) {
                AgreementClass c = AgreementClass.of(v.outcome());
                if (c == null) {
                    people.remove(v.voter());
                } else {
                    people.put(v.voter(), c);
                }
                continue;
            }
            JudgeVotes j = judges.computeIfAbsent(
                    new JudgeKey(v.source(), v.voter(), v.agent(), v.promptVersion()), k -> new JudgeVotes());
            Integer game = v.game();
            if (game == null) {
                j.single = v;
            } else if (game == 0) {
                j.combined = v;
            } else if (game == 1) {
                j.game1 = v;
            } else if (game == 2) {
                j.game2 = v;
            }
        }
        // Both-bad is a tie before the majority is taken: {A, A, both-bad} is A, {tie, both-bad} is a tie.
        Optional<HumanMajority> majority = HumanMajority.of(
                people.values().stream().map(AgreementClass::outcome).toList());
        return new Read(people, majority, judges, lengthA, lengthB);
    }

    void add(Read battle) {
        List<String> names = new ArrayList<>(battle.people().keySet());
        for (int i = 0; i < names.size(); i++) {
            for (int j = i + 1; j < names.size(); j++) {
                pairs.computeIfAbsent(new Pair(names.get(i), names.get(j)), k -> new ConfusionTable())
                        .add(battle.people().get(names.get(i)), battle.people().get(names.get(j)));
            }
        }
        alpha.addUnit(new ArrayList<>(battle.people().values()));

        AgreementClass human = null;
        if (battle.majority().isPresent()) {
            if (battle.majority().get().split()) {
                splitBattles++;
            } else {
                humanBattles++;
                human = AgreementClass.of(battle.majority().get().outcome());
            }
        }
        for (Map.Entry<JudgeKey, JudgeVotes> e : battle.judges().entrySet()) {
            // listed once seen on a battle people voted on, even if no figure of it can be computed
            JudgeCounts counts = judges.computeIfAbsent(e.getKey(), k -> new JudgeCounts());
            if (human != null) {
                addJudge(counts, e.getValue(), human, battle.lengthA(), battle.lengthB());
            }
        }
    }

    private static void addJudge(
            JudgeCounts counts, JudgeVotes votes, AgreementClass human, Integer lengthA, Integer lengthB) {
        Vote verdict = votes.battleVerdict();
        AgreementClass said = verdict == null ? null : AgreementClass.of(verdict.outcome());
        if (said != null) {
            counts.battles.add(said, human);
            if (said != AgreementClass.TIE && lengthA != null && lengthB != null && !lengthA.equals(lengthB)) {
                counts.decidedByLength++;
                if ((said == AgreementClass.A) == (lengthA > lengthB)) {
                    counts.longerWins++;
                }
            }
        }
        AgreementClass first = null;
        AgreementClass second = null;
        for (Vote game : new Vote[] {votes.game1, votes.game2}) {
            AgreementClass c = game == null ? null : AgreementClass.of(game.outcome());
            if (c == null) {
                continue;
            }
            if (game == votes.game1) {
                first = c;
            } else {
                second = c;
            }
            counts.games++;
            if (c == human) {
                counts.gamesAgreeing++;
            }
            if (c != AgreementClass.TIE) {
                counts.decidedGames++;
                // stored un-swapped: A won in the order shown when A was shown first, B when B was
                if ((c == AgreementClass.A) != game.swapped()) {
                    counts.firstWins++;
                }
            }
        }
        if (first != null && second != null) {
            counts.twoGameBattles++;
            if (first == second) {
                counts.consistent++;
            }
        }
    }

    AgreementReport report() {
        List<JudgeAgreement> judgeRows = judges.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(JudgeKey.ORDER))
                .map(e -> {
                    JudgeKey k = e.getKey();
                    JudgeCounts c = e.getValue();
                    return new JudgeAgreement(
                            k.voter(),
                            k.agent(),
                            k.promptVersion(),
                            k.source(),
                            c.battles.total(),
                            c.battles.agreement(),
                            c.battles.agreementWithoutTies(),
                            c.battles.kappa(),
                            Figures.share(c.gamesAgreeing, c.games),
                            Figures.share(c.consistent, c.twoGameBattles),
                            Figures.share(c.firstWins, c.decidedGames),
                            Figures.share(c.longerWins, c.decidedByLength));
                })
                .toList();
        List<AnnotatorAgreement> pairRows = pairs.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.comparing(Pair::a).thenComparing(Pair::b)))
                .map(e -> new AnnotatorAgreement(
                        e.getKey().a(),
                        e.getKey().b(),
                        e.getValue().total(),
                        e.getValue().agreement(),
                        e.getValue().kappa()))
                .toList();
        return new AgreementReport(judgeRows, pairRows, alpha.alpha(), humanBattles, splitBattles, alpha.units());
    }
}
