package io.arenainstruct.studio.service.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.TimeRange;
import io.arenainstruct.studio.domain.arena.BattleStatus;
import io.arenainstruct.studio.domain.arena.GradedLabel;
import io.arenainstruct.studio.domain.arena.Outcome;
import io.arenainstruct.studio.domain.arena.Verdict;
import io.arenainstruct.studio.domain.arena.VerdictSource;
import io.arenainstruct.studio.domain.provenance.AgentCall;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.service.workspace.WorkspaceRepositories;
import io.arenainstruct.studio.store.BattleRepository;
import io.arenainstruct.studio.ui.arena.ArenaFixture;

/** Agreement read from a store whose verdicts are planted by hand; every expected figure is worked out below. */
class AgreementServiceTest {
    @TempDir
    Path tmp;

    private Workspace ws;
    private ArenaFixture arena;
    private BattleRepository battles;

    @BeforeEach
    void open() {
        ws = Workspace.open(tmp.resolve("store"));
        arena = new ArenaFixture(ws);
        battles = new BattleRepository(WorkspaceRepositories.store(ws));
    }

    @AfterEach
    void close() {
        ws.close();
    }

    private static JudgeAgreement judge(AgreementReport r, String name) {
        return r.judges().stream()
                .filter(j -> j.judge().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no judge " + name + " in " + r.judges()));
    }

    /**
     * Four battles; answer A is longer in battles 1–3, B in battle 4. One person (ann) says A, A, B, B.
     *
     * <p>"lefty" always prefers the answer shown first: game 1 (A first) writes A>B, game 2 (B first) writes A>B,
     * which un-swapped is B>A; its combined verdict is a tie (the games contradict each other). So: 4 battles, its
     * verdict is always a tie while the human never says tie: agreement 0/4 = 0; without ties nothing is left:
     * null; kappa: p_o = 0 and p_e = 4·0/16 = 0 (it never says A or B, the human never says tie), kappa = 0 (a real
     * 0, not "cannot be computed"); games: in each battle one of its two games matches the human: 4/8 = 0.5; two-game
     * battles whose games agree: 0/4 = 0; decided games won by the answer shown first: 8/8 = 1; decided battles:
     * none, so longer_wins is null.
     *
     * <p>"fair" judges on content: A, A, B, B in both games (game 2 written about the swapped order). Agreement
     * 4/4 = 1, without ties 1, kappa: diagonal A 2, B 2, p_e = (2·2 + 2·2)/16 = 1/2, kappa = 1; games 8/8 = 1;
     * consistency 4/4 = 1; first position: battles 1–2 game 1 (A first, A wins) yes, game 2 (B first, A wins) no;
     * battles 3–4 game 1 (A first, B wins) no, game 2 (B first, B wins) yes: 4/8 = 0.5; longer answer wins in
     * battles 1 (A), 2 (A), 4 (B), not 3 (A longer, B wins): 3/4 = 0.75.
     */
    @Test
    void aJudgeThatAlwaysPrefersTheFirstPositionAndOneThatJudgesOnContent() {
        long b1 = arena.battle("Q1", "m1", "a long answer", "m2", "short");
        long b2 = arena.battle("Q2", "m1", "a long answer", "m2", "short");
        long b3 = arena.battle("Q3", "m1", "a long answer", "m2", "short");
        long b4 = arena.battle("Q4", "m1", "short", "m2", "a long answer");
        List<Long> all = List.of(b1, b2, b3, b4);
        Outcome[] human = {Outcome.A, Outcome.A, Outcome.B, Outcome.B};
        for (int i = 0; i < 4; i++) {
            long b = all.get(i);
            arena.human(b, "ann", human[i], BattleStatus.ADJUDICATED);
            arena.judged(
                    b,
                    "lefty",
                    GradedLabel.A_BETTER,
                    GradedLabel.A_BETTER,
                    GradedLabel.TIE,
                    BattleStatus.DISPUTED,
                    true);
            if (human[i] == Outcome.A) {
                arena.judged(
                        b,
                        "fair",
                        GradedLabel.A_BETTER,
                        GradedLabel.B_BETTER,
                        GradedLabel.A_BETTER,
                        BattleStatus.JUDGED,
                        false);
            } else {
                arena.judged(
                        b,
                        "fair",
                        GradedLabel.B_BETTER,
                        GradedLabel.A_BETTER,
                        GradedLabel.B_BETTER,
                        BattleStatus.JUDGED,
                        false);
            }
        }

        AgreementReport r = ws.agreement().compute(null).overall();

        assertThat(r.humanBattles()).isEqualTo(4);
        assertThat(r.splitBattles()).isZero();
        assertThat(r.judges()).extracting(JudgeAgreement::judge).containsExactly("fair", "lefty");
        JudgeAgreement lefty = judge(r, "lefty");
        assertThat(lefty.battles()).isEqualTo(4);
        assertThat(lefty.agreement()).isEqualTo(0.0);
        assertThat(lefty.agreementWithoutTies()).isNull();
        assertThat(lefty.kappa()).isEqualTo(0.0);
        assertThat(lefty.gameAgreement()).isEqualTo(0.5);
        assertThat(lefty.positionConsistency()).isEqualTo(0.0);
        assertThat(lefty.firstPositionWins()).isEqualTo(1.0);
        assertThat(lefty.longerWins()).isNull();
        assertThat(lefty.source()).isEqualTo(VerdictSource.JUDGE);

        JudgeAgreement fair = judge(r, "fair");
        assertThat(fair.battles()).isEqualTo(4);
        assertThat(fair.agreement()).isEqualTo(1.0);
        assertThat(fair.agreementWithoutTies()).isEqualTo(1.0);
        assertThat(fair.kappa()).isEqualTo(1.0);
        assertThat(fair.gameAgreement()).isEqualTo(1.0);
        assertThat(fair.positionConsistency()).isEqualTo(1.0);
        assertThat(fair.firstPositionWins()).isEqualTo(0.5);
        assertThat(fair.longerWins()).isEqualTo(0.75);

        // one annotator: no pair, alpha has no unit
        assertThat(r.annotators()).isEmpty();
        assertThat(r.krippendorffAlpha()).isNull();
        assertThat(r.alphaUnits()).isZero();
    }

    /**
     * ann and bob always agree, cat always disagrees: battles (A, A, B), (B, B, A), (A, A, tie), (tie, tie, A).
     * ann–bob: 4 battles, agreement 1; diagonal A 2, B 1, tie 1, p_e = (2·2 + 1·1 + 1·1)/16 = 3/8, kappa = 1.
     * ann–cat (and bob–cat): agreement 0; both have A 2, B 1, tie 1, so p_e = 3/8 and kappa = (0 − 3/8)/(5/8) =
     * −0.6. Alpha (worked out in KrippendorffAlphaTest): 1/45. The majority of each battle is ann's and bob's,
     * which "j" always gives: agreement 1.
     */
    @Test
    void threeAnnotatorsOneAlwaysDisagreeing() {
        List<Long> ids = arena.battles(4);
        String[][] votes = {{"a", "a", "b"}, {"b", "b", "a"}, {"a", "a", "tie"}, {"tie", "tie", "a"}};
        for (int i = 0; i < 4; i++) {
            arena.human(ids.get(i), "ann", Outcome.of(votes[i][0]), BattleStatus.ADJUDICATED);
            arena.human(ids.get(i), "bob", Outcome.of(votes[i][1]), BattleStatus.ADJUDICATED);
            arena.human(ids.get(i), "cat", Outcome.of(votes[i][2]), BattleStatus.ADJUDICATED);
            arena.jury(ids.get(i), "j", Outcome.of(votes[i][0]), null, BattleStatus.JUDGED);
        }

        AgreementReport r = ws.agreement().compute(null).overall();

        assertThat(r.annotators())
                .extracting(AnnotatorAgreement::a, AnnotatorAgreement::b, AnnotatorAgreement::battles)
                .containsExactly(tuple("ann", "bob", 4L), tuple("ann", "cat", 4L), tuple("bob", "cat", 4L));
        assertThat(r.annotators().get(0).agreement()).isEqualTo(1.0);
        assertThat(r.annotators().get(0).kappa()).isCloseTo(1.0, within(1e-12));
        for (AnnotatorAgreement withCat : r.annotators().subList(1, 3)) {
            assertThat(withCat.agreement()).isEqualTo(0.0);
            assertThat(withCat.kappa()).isCloseTo(-0.6, within(1e-12));
        }
        assertThat(r.krippendorffAlpha()).isCloseTo(1.0 / 45, within(1e-12));
        assertThat(r.alphaUnits()).isEqualTo(4);
        JudgeAgreement jury = judge(r, "j");
        assertThat(jury.source()).isEqualTo(VerdictSource.JURY);
        assertThat(jury.battles()).isEqualTo(4);
        assertThat(jury.agreement()).isEqualTo(1.0);
        // a jury has no games of its own
        assertThat(jury.gameAgreement()).isNull();
        assertThat(jury.positionConsistency()).isNull();
        assertThat(jury.firstPositionWins()).isNull();
    }

    /**
     * Battle 1: ann votes A, then changes to B; bob votes A. Counting ann's latest vote only, the people split
     * (B against A): battle 1 is left out of the judges' figures and counted as split; the pair ann–bob disagrees
     * on it. (Counting both of ann's votes would make it A, 2 of 3.) Battle 2: ann both-bad, bob tie, cat A:
     * both-bad is a tie, so the majority is a tie (2 of 3); judge "j" says tie there (one game only) and A on
     * battle 1. j: 1 battle (battle 2), agreement 1.
     */
    @Test
    void theLatestVotePerAnnotatorCountsBothBadIsATieAndSplitBattlesAreLeftOut() {
        List<Long> ids = arena.battles(2);
        long b1 = ids.get(0);
        long b2 = ids.get(1);
        arena.human(b1, "ann", Outcome.A, BattleStatus.ADJUDICATED);
        arena.human(b1, "bob", Outcome.A, BattleStatus.ADJUDICATED);
        arena.human(b1, "ann", Outcome.B, BattleStatus.DISPUTED);
        arena.human(b2, "ann", Outcome.BOTH_BAD, BattleStatus.ADJUDICATED);
        arena.human(b2, "bob", Outcome.TIE, BattleStatus.ADJUDICATED);
        arena.human(b2, "cat", Outcome.A, BattleStatus.ADJUDICATED);
        battles.addVerdicts(b1, List.of(judgeVerdict(b1, "j", null, 0, 1, Outcome.A)), BattleStatus.JUDGED, false);
        battles.addVerdicts(b2, List.of(judgeVerdict(b2, "j", null, 0, 1, Outcome.TIE)), BattleStatus.JUDGED, false);

        AgreementReport r = ws.agreement().compute(null).overall();

        assertThat(r.humanBattles()).isEqualTo(1);
        assertThat(r.splitBattles()).isEqualTo(1);
        JudgeAgreement j = judge(r, "j");
        assertThat(j.battles()).isEqualTo(1);
        assertThat(j.agreement()).isEqualTo(1.0);
        // ann–bob: battle 1 (B, A) and battle 2 (tie, tie): 1 of 2
        AnnotatorAgreement annBob = r.annotators().get(0);
        assertThat(annBob.a() + "-" + annBob.b()).isEqualTo("ann-bob");
        assertThat(annBob.battles()).isEqualTo(2);
        assertThat(annBob.agreement()).isEqualTo(0.5);
    }

    /**
     * One judge model with two prompt versions is two judges; its combined verdict (game 0) is its battle verdict,
     * not its games. Battle (human A): v1 combined A over games A and tie; v2 combined B. v1: agreement 1, games
     * 1/2 = 0.5; v2: agreement 0.
     */
    @Test
    void promptVersionsAreSeparateJudgesAndTheCombinedVerdictIsTheBattleVerdict() {
        long b = arena.battles(1).get(0);
        arena.human(b, "ann", Outcome.A, BattleStatus.ADJUDICATED);
        battles.addVerdicts(
                b,
                List.of(
                        judgeVerdict(b, "gpt-j", 1, 1, 1, Outcome.A),
                        judgeVerdict(b, "gpt-j", 1, 2, 2, Outcome.TIE),
                        judgeVerdict(b, "gpt-j", 1, 0, 3, Outcome.A),
                        judgeVerdict(b, "gpt-j", 2, 0, 4, Outcome.B)),
                BattleStatus.JUDGED,
                false);

        AgreementReport r = ws.agreement().compute(null).overall();

        assertThat(r.judges()).extracting(JudgeAgreement::promptVersion).containsExactly(1, 2);
        JudgeAgreement v1 = r.judges().get(0);
        assertThat(v1.agent()).isEqualTo("arena-hard-judge");
        assertThat(v1.agreement()).isEqualTo(1.0);
        assertThat(v1.gameAgreement()).isEqualTo(0.5);
        JudgeAgreement v2 = r.judges().get(1);
        assertThat(v2.agreement()).isEqualTo(0.0);
        assertThat(v2.gameAgreement()).isNull();
    }

    /**
     * Battles 1 and 3 are "Math", 2 and 4 "Code" (the fixture's categories). Humans say A on all; j says A on the
     * Math battles and B on the Code ones. Overall 2/4; Math 1; Code 0; asked for Code only, the overall figures
     * are Code's.
     */
    @Test
    void perCategoryAndOneCategory() {
        List<Long> ids = arena.battles(4);
        for (int i = 0; i < 4; i++) {
            long b = ids.get(i);
            arena.human(b, "ann", Outcome.A, BattleStatus.ADJUDICATED);
            arena.jury(b, "j", i % 2 == 0 ? Outcome.A : Outcome.B, null, BattleStatus.JUDGED);
        }

        Agreement all = ws.agreement().compute(null);
        assertThat(judge(all.overall(), "j").agreement()).isEqualTo(0.5);
        assertThat(all.byCategory()).containsOnlyKeys("Code", "Math");
        assertThat(judge(all.byCategory().get("Math"), "j").agreement()).isEqualTo(1.0);
        assertThat(judge(all.byCategory().get("Code"), "j").agreement()).isEqualTo(0.0);
        assertThat(ws.agreement().categories()).containsExactly("Code", "Math");

        Agreement code = ws.agreement().compute("Code");
        assertThat(code.overall().humanBattles()).isEqualTo(2);
        assertThat(judge(code.overall(), "j").agreement()).isEqualTo(0.0);

        AgreementReport nothing = ws.agreement().compute("No such category").overall();
        assertThat(nothing.judges()).isEmpty();
        assertThat(nothing.humanBattles()).isZero();
        assertThat(nothing.krippendorffAlpha()).isNull();
    }

    /**
     * An iteration's agreement (decision 0017) is over the battles created in its range. Battles 1 and 2 made in
     * January, 3 and 4 in February; j agrees with ann on 1, 2 and 3, not on 4. January: 2/2 = 1; from February on:
     * 1/2 = 0.5; all time 3/4 = 0.75, and one category within a range (Code from February: battle 4 only) 0/1.
     */
    @Test
    void battlesCreatedInARange() {
        List<Long> ids = arena.battles(4);
        for (int i = 0; i < 4; i++) {
            long b = ids.get(i);
            arena.human(b, "ann", Outcome.A, BattleStatus.ADJUDICATED);
            arena.jury(b, "j", i < 3 ? Outcome.A : Outcome.B, null, BattleStatus.JUDGED);
            String month = i < 2 ? "2031-01-10" : "2031-02-10";
            WorkspaceRepositories.store(ws)
                    .write(c -> c.createStatement()
                            .executeUpdate("UPDATE battle SET created_at = TIMESTAMP WITH TIME ZONE '" + month
                                    + " 00:00:00+00' WHERE id = " + b));
        }
        Instant february = Instant.parse("2031-02-01T00:00:00Z");

        AgreementService service = ws.agreement();
        assertThat(judge(service.compute(null, new TimeRange(null, february)).overall(), "j")
                        .agreement())
                .isEqualTo(1.0);
        AgreementReport later =
                service.compute(null, new TimeRange(february, null)).overall();
        assertThat(later.humanBattles()).isEqualTo(2);
        assertThat(judge(later, "j").agreement()).isEqualTo(0.5);
        assertThat(judge(service.compute(null, TimeRange.ALL).overall(), "j").agreement())
                .isEqualTo(0.75);
        AgreementReport code =
                service.compute("Code", new TimeRange(february, null)).overall();
        assertThat(code.humanBattles()).isEqualTo(1);
        assertThat(judge(code, "j").agreement()).isEqualTo(0.0);
    }

    /**
     * The service keeps answer lengths between reads; answers stored after a read still count. Battle 1: A's answer
     * longer, the jury says A: the longer wins 1/1. Battle 2, stored after the first read: B's answer longer, the
     * jury says A: 1/2.
     */
    @Test
    void answersStoredAfterAReadAreMeasuredOnTheNext() {
        long b1 = arena.battle("Q1", "m1", "a long answer", "m2", "short");
        arena.human(b1, "ann", Outcome.A, BattleStatus.ADJUDICATED);
        arena.jury(b1, "j", Outcome.A, null, BattleStatus.JUDGED);
        assertThat(judge(ws.agreement().compute(null).overall(), "j").longerWins())
                .isEqualTo(1.0);

        long b2 = arena.battle("Q2", "m1", "short", "m2", "a much longer answer");
        arena.human(b2, "ann", Outcome.A, BattleStatus.ADJUDICATED);
        arena.jury(b2, "j", Outcome.A, null, BattleStatus.JUDGED);
        assertThat(judge(ws.agreement().compute(null).overall(), "j").longerWins())
                .isEqualTo(0.5);
    }

    /** A judge's verdict: agent "arena-hard-judge" at the version (null: imported, no agent), a game (0: combined). */
    private static Verdict judgeVerdict(long battle, String judge, Integer version, int game, int n, Outcome outcome) {
        AgentCall call = version == null ? AgentCall.NONE : AgentCall.chosen("arena-hard-judge", version);
        return new Verdict(
                0,
                battle,
                VerdictSource.JUDGE,
                game == 0 && version == null ? null : game,
                game == 2,
                judge,
                outcome,
                null,
                null,
                null,
                null,
                null,
                call,
                false,
                "k:" + battle + ":" + judge + ":" + version + ":" + n,
                null,
                null);
    }
}
