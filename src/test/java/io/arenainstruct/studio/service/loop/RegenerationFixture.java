package io.arenainstruct.studio.service.loop;

import java.util.List;

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

/**
 * Six battles of m1 against m2 on "Prompt 1".."Prompt 6" (categories Math, Code, Math, ...): 1 the judge found both
 * bad; 2 the judge found both bad but a person voted A; 3 the judge said A&gt;B but a person voted both bad; 4 the
 * judge said A&gt;B; 5 is not judged; 6 the judge found both bad. Both-bad by people over judges: 1, 3 and 6. The
 * judge is the endpoint {@code judge} (model {@link #JUDGE_MODEL}).
 */
public final class RegenerationFixture {
    public static final String JUDGE_MODEL = "judge-model";

    private RegenerationFixture() {}

    /** Plants the six battles; returns their ids in order. */
    public static List<Long> plant(Workspace ws) {
        BattleRepository battles = new BattleRepository(WorkspaceRepositories.store(ws));
        ArenaFixture plant = new ArenaFixture(ws);
        List<Long> ids = plant.battles(6);
        judgeSays(battles, ids.get(0), Outcome.BOTH_BAD);
        judgeSays(battles, ids.get(1), Outcome.BOTH_BAD);
        plant.human(ids.get(1), "ann", Outcome.A, BattleStatus.ADJUDICATED);
        plant.judged(
                ids.get(2),
                "judge",
                GradedLabel.A_BETTER,
                GradedLabel.B_BETTER,
                GradedLabel.A_BETTER,
                BattleStatus.JUDGED,
                false);
        plant.human(ids.get(2), "ann", Outcome.BOTH_BAD, BattleStatus.ADJUDICATED);
        plant.judged(
                ids.get(3),
                "judge",
                GradedLabel.A_BETTER,
                GradedLabel.B_BETTER,
                GradedLabel.A_BETTER,
                BattleStatus.JUDGED,
                false);
        judgeSays(battles, ids.get(5), Outcome.BOTH_BAD);
        return ids;
    }

    /** The judge endpoint's game and combined verdict, as a judging job would have stored them. */
    private static void judgeSays(BattleRepository battles, long battle, Outcome outcome) {
        AgentCall call = new AgentCall("graded", 1, 0, "judge", JUDGE_MODEL);
        battles.addVerdicts(
                battle,
                List.of(
                        new Verdict(
                                0,
                                battle,
                                VerdictSource.JUDGE,
                                1,
                                false,
                                JUDGE_MODEL,
                                outcome,
                                null,
                                null,
                                null,
                                null,
                                "neither answers",
                                call,
                                false,
                                "p:" + battle + ":1",
                                null,
                                null),
                        new Verdict(
                                0,
                                battle,
                                VerdictSource.JUDGE,
                                0,
                                false,
                                JUDGE_MODEL,
                                outcome,
                                null,
                                null,
                                null,
                                null,
                                null,
                                call,
                                false,
                                "p:" + battle + ":0",
                                null,
                                null)),
                BattleStatus.JUDGED,
                false);
    }
}
