package io.arenainstruct.studio.service.adjudication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.adjudication.HumanVote;
import io.arenainstruct.studio.domain.adjudication.OverrideReason;
import io.arenainstruct.studio.domain.adjudication.QueueEntry;
import io.arenainstruct.studio.domain.adjudication.QueueFilter;
import io.arenainstruct.studio.domain.adjudication.QueueSegment;
import io.arenainstruct.studio.domain.adjudication.StoredVote;
import io.arenainstruct.studio.domain.adjudication.VoteWrite;
import io.arenainstruct.studio.domain.arena.ArenaResponse;
import io.arenainstruct.studio.domain.arena.BattleFilter;
import io.arenainstruct.studio.domain.arena.BattleStatus;
import io.arenainstruct.studio.domain.arena.GradedLabel;
import io.arenainstruct.studio.domain.arena.Outcome;
import io.arenainstruct.studio.domain.arena.ResponseOrigin;
import io.arenainstruct.studio.domain.arena.Verdict;
import io.arenainstruct.studio.domain.arena.VerdictSource;
import io.arenainstruct.studio.service.llm.KeyResolver;
import io.arenainstruct.studio.service.llm.RetryPolicy;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.ui.arena.ArenaFixture;

class AdjudicationServiceTest {
    @TempDir
    Path tmp;

    private Workspace ws;
    private AdjudicationService service;
    private ArenaFixture plant;
    private List<Long> ids;

    @BeforeEach
    void setUp() {
        ws = Workspace.open(
                tmp.resolve("store"),
                new KeyResolver(tmp.resolve("secrets.properties"), n -> null),
                RetryPolicy.DEFAULT);
        service = ws.adjudication();
        plant = new ArenaFixture(ws);
        // battles 1..6 (m1 vs m2): Math for odd k, Code for even k
        ids = plant.battles(6);
    }

    @AfterEach
    void tearDown() {
        ws.close();
    }

    private BattleStatus status(int k) {
        return ws.battles().battle(ids.get(k - 1)).orElseThrow().status();
    }

    private HumanVote vote(int k, String who, GradedLabel shown, boolean swapped) {
        return HumanVote.shown(ids.get(k - 1), who, shown, swapped, false);
    }

    @Test
    void theQueueTakesDisputedThenUnjudgedThenSettledBattlesAndSaysHowMany() {
        // 2: judged; 4: the judge's games contradict each other (disputed); 5: judged
        plant.judged(
                ids.get(1),
                "judge",
                GradedLabel.A_BETTER,
                GradedLabel.B_BETTER,
                GradedLabel.A_BETTER,
                BattleStatus.JUDGED,
                false);
        plant.judged(
                ids.get(3),
                "judge",
                GradedLabel.A_BETTER,
                GradedLabel.A_BETTER,
                GradedLabel.TIE,
                BattleStatus.DISPUTED,
                true);
        plant.judged(
                ids.get(4),
                "judge",
                GradedLabel.B_BETTER,
                GradedLabel.A_BETTER,
                GradedLabel.B_BETTER,
                BattleStatus.JUDGED,
                false);

        AdjudicationService.Page page = service.queue(QueueFilter.ALL, AdjudicationService.Position.START, 3);
        assertThat(page.entries())
                .containsExactly(
                        new QueueEntry(QueueSegment.DISPUTED, ids.get(3)),
                        new QueueEntry(QueueSegment.UNJUDGED, ids.get(0)),
                        new QueueEntry(QueueSegment.UNJUDGED, ids.get(2)));
        assertThat(page.more()).isTrue();
        AdjudicationService.Page rest = service.queue(QueueFilter.ALL, page.next(), 10);
        assertThat(rest.entries()).extracting(QueueEntry::battleId).containsExactly(ids.get(5), ids.get(1), ids.get(4));
        assertThat(rest.more()).isFalse();
        assertThat(service.counts(QueueFilter.ALL).words()).isEqualTo("1 disputed, 3 unjudged, 2 settled");
        // only the Code battles (2, 4, 6), only the judge's
        assertThat(service.counts(new QueueFilter("Code", null, null, "judge", null, 0, null))
                        .words())
                .isEqualTo("1 disputed, 0 unjudged, 1 settled");
    }

    @Test
    void aVoteIsStoredUnswappedAndMakesTheBattleAdjudicatedAndAnUndoGivesTheJudgesStandingBack() {
        plant.judged(
                ids.get(0),
                "judge",
                GradedLabel.A_BETTER,
                GradedLabel.B_BETTER,
                GradedLabel.A_BETTER,
                BattleStatus.JUDGED,
                false);
        // shown swapped: the right answer is the battle's A; "left much better" is B>>A
        VoteWrite w = service.vote(vote(1, "ana", GradedLabel.A_MUCH_BETTER, true));

        Verdict stored = ws.battles().verdicts(ids.get(0)).stream()
                .filter(v -> v.source() == VerdictSource.HUMAN)
                .findFirst()
                .orElseThrow();
        assertThat(stored.voter()).isEqualTo("ana");
        assertThat(stored.outcome()).isEqualTo(Outcome.B);
        assertThat(stored.label()).isEqualTo(GradedLabel.B_MUCH_BETTER);
        assertThat(stored.swapped()).isTrue();
        assertThat(stored.createdAt()).isNotNull();
        assertThat(status(1)).isEqualTo(BattleStatus.ADJUDICATED);

        service.withdraw(w);
        assertThat(ws.battles().verdicts(ids.get(0))).noneMatch(v -> v.source() == VerdictSource.HUMAN);
        assertThat(status(1)).isEqualTo(BattleStatus.JUDGED);
        service.vote(vote(2, "ana", GradedLabel.TIE, false));
        assertThat(status(2)).isEqualTo(BattleStatus.ADJUDICATED);
        service.withdraw(
                new VoteWrite(service.myVote(ids.get(1), "ana").orElseThrow().verdictId(), List.of()));
        assertThat(status(2)).isEqualTo(BattleStatus.UNJUDGED);
    }

    @Test
    void votingAgainReplacesTheAnnotatorsVoteAndUndoBringsTheFirstBack() {
        VoteWrite first = service.vote(vote(1, "ana", GradedLabel.A_BETTER, false));
        service.reason(first.verdictId(), OverrideReason.WRONG_FACT, null);
        VoteWrite second = service.vote(vote(1, "ana", null, false));

        assertThat(second.replaced()).extracting(StoredVote::verdictId).containsExactly(first.verdictId());
        List<StoredVote> now =
                ws.adjudication().myVote(ids.get(0), "ana").stream().toList();
        assertThat(now).extracting(s -> s.vote().outcome()).containsExactly(Outcome.BOTH_BAD);

        service.withdraw(second);
        StoredVote back = service.myVote(ids.get(0), "ana").orElseThrow();
        // back under its own row: an undo further back still finds it
        assertThat(back.verdictId()).isEqualTo(first.verdictId());
        assertThat(back.vote().outcome()).isEqualTo(Outcome.A);
        assertThat(back.reason()).isEqualTo(OverrideReason.WRONG_FACT);
        assertThat(back.at()).isEqualTo(second.replaced().get(0).at());

        // undoing the first vote too leaves no vote and the battle unjudged again
        service.withdraw(first);
        assertThat(service.myVote(ids.get(0), "ana")).isEmpty();
        assertThat(ws.battles().verdicts(ids.get(0))).noneMatch(v -> v.source() == VerdictSource.HUMAN);
        assertThat(status(1)).isEqualTo(BattleStatus.UNJUDGED);
    }

    @Test
    void battlesPeopleFoundBothBadAreListedForRegeneration() {
        service.vote(vote(1, "ana", null, false));
        // 2: both bad for one of two: split, not to regenerate; 3: both bad for two of three
        service.vote(vote(2, "ana", null, false));
        service.vote(vote(2, "ben", GradedLabel.A_BETTER, false));
        service.vote(vote(3, "ana", null, true));
        service.vote(vote(3, "ben", null, false));
        service.vote(vote(3, "cy", GradedLabel.TIE, false));
        service.vote(vote(4, "ana", GradedLabel.TIE, false));

        assertThat(ws.battles().page(BattleFilter.toRegenerate(), 0, 100))
                .extracting(b -> b.id())
                .containsExactly(ids.get(0), ids.get(2));
        assertThat(ws.battles().count(BattleFilter.toRegenerate())).isEqualTo(2);
    }

    @Test
    void annotatorsWhoSplitMakeTheBattleDisputedAndAThirdVoteSettlesIt() {
        service.vote(vote(1, "ana", GradedLabel.A_BETTER, false));
        service.vote(vote(1, "ben", GradedLabel.B_BETTER, false));
        assertThat(status(1)).isEqualTo(BattleStatus.DISPUTED);
        assertThat(service.queue(QueueFilter.ALL, AdjudicationService.Position.START, 1)
                        .entries())
                .containsExactly(new QueueEntry(QueueSegment.DISPUTED, ids.get(0)));
        service.vote(vote(1, "cy", GradedLabel.A_MUCH_BETTER, false));
        assertThat(status(1)).isEqualTo(BattleStatus.ADJUDICATED);
        assertThat(ws.battles().verdicts(ids.get(0)))
                .filteredOn(v -> v.source() == VerdictSource.HUMAN)
                .hasSize(3);
    }

    @Test
    void queueFiltersByModelPairVotesAndNotYetVotedByMe() {
        service.vote(vote(1, "ana", GradedLabel.A_BETTER, false));
        service.vote(vote(2, "ben", GradedLabel.A_BETTER, false));
        service.vote(vote(2, "ana", GradedLabel.A_BETTER, false));

        assertThat(service.counts(new QueueFilter(null, null, null, null, null, 0, "ana"))
                        .total())
                .isEqualTo(4);
        assertThat(service.counts(new QueueFilter(null, null, null, null, "ben", 0, null))
                        .total())
                .isEqualTo(1);
        assertThat(service.counts(new QueueFilter(null, null, null, null, null, 2, null))
                        .total())
                .isEqualTo(5);
        assertThat(service.counts(new QueueFilter(null, "m2", "m1", null, null, 0, null))
                        .total())
                .isEqualTo(6);
        assertThat(service.counts(new QueueFilter(null, "m2", "m3", null, null, 0, null))
                        .total())
                .isZero();
        assertThat(service.counts(new QueueFilter(null, "m2", null, null, null, 0, null))
                        .total())
                .isEqualTo(6);
    }

    @Test
    void editThenPreferKeepsTheOriginalAndAnEditThatChangesNothingStoresNothing() {
        ArenaResponse original = ws.battles().detail(ids.get(0)).orElseThrow().responseA();
        assertThat(service.edit(original, original.text(), "ana")).isEmpty();

        long edited = service.edit(original, original.text() + " Fixed.", "ana").orElseThrow();
        service.vote(vote(1, "ana", GradedLabel.A_BETTER, false).preferring(edited));

        ArenaResponse kept = ws.battles().detail(ids.get(0)).orElseThrow().responseA();
        assertThat(kept.id()).isEqualTo(original.id());
        assertThat(service.myVote(ids.get(0), "ana").orElseThrow().vote().preferredResponse())
                .isEqualTo(edited);
    }

    @Test
    void sidesAreFixedPerBattleAndAnnotatorAndVaryAcrossBattles() {
        long swapped = 0;
        for (long battle = 1; battle <= 1000; battle++) {
            boolean s = AdjudicationService.shownSwapped(battle, "ana");
            assertThat(AdjudicationService.shownSwapped(battle, "ana")).isEqualTo(s);
            swapped += s ? 1 : 0;
        }
        // a fair coin: 1,000 tosses land within 430..570 with overwhelming probability
        assertThat(swapped).isBetween(430L, 570L);
        long differ = 0;
        for (long battle = 1; battle <= 200; battle++) {
            differ += AdjudicationService.shownSwapped(battle, "ana") != AdjudicationService.shownSwapped(battle, "ben")
                    ? 1
                    : 0;
        }
        assertThat(differ).isBetween(60L, 140L);
    }

    @Test
    void anEmptyAnnotatorIsRefusedAndOtherNeedsWords() {
        assertThatThrownBy(() -> vote(1, "  ", GradedLabel.A_BETTER, false)).hasMessageContaining("name is empty");
        VoteWrite w = service.vote(vote(1, "ana", GradedLabel.A_BETTER, false));
        assertThatThrownBy(() -> service.reason(w.verdictId(), OverrideReason.OTHER, " "))
                .hasMessageContaining("needs its reason");
        service.reason(w.verdictId(), OverrideReason.OTHER, "cites a retracted paper");
        assertThat(service.myVote(ids.get(0), "ana").orElseThrow().reasonText()).isEqualTo("cites a retracted paper");
    }

    @Test
    void aPersonOverridesTheJudgesWhenTheyDifferAsAgreementCountsThem() {
        assertThat(AdjudicationService.overrides(Outcome.A, Outcome.B)).isTrue();
        assertThat(AdjudicationService.overrides(Outcome.TIE, Outcome.A)).isTrue();
        assertThat(AdjudicationService.overrides(Outcome.BOTH_BAD, Outcome.TIE)).isFalse();
        assertThat(AdjudicationService.overrides(Outcome.A, Outcome.A)).isFalse();
        assertThat(ResponseOrigin.EDITED.id()).isEqualTo("edited");
    }
}
