package io.arenainstruct.studio.service.adjudication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.adjudication.HumanVote;
import io.arenainstruct.studio.domain.adjudication.QueueEntry;
import io.arenainstruct.studio.domain.adjudication.QueueFilter;
import io.arenainstruct.studio.domain.adjudication.VerdictsComplete;
import io.arenainstruct.studio.domain.adjudication.VoteWrite;
import io.arenainstruct.studio.domain.arena.GradedLabel;
import io.arenainstruct.studio.service.llm.KeyResolver;
import io.arenainstruct.studio.service.llm.RetryPolicy;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.service.workspace.WorkspaceRepositories;
import io.arenainstruct.studio.store.AdjudicationRepository;
import io.arenainstruct.studio.store.TestStores;
import io.arenainstruct.studio.ui.arena.ArenaFixture;

/**
 * Claims on the queue (decision 0023), on the embedded store: a battle shown to one annotator is theirs until the
 * claim expires or they vote or move on; with K verdicts wanted no more than K annotators hold or gave one; the
 * K+1-th vote is refused; a vote sent again with its key is stored once; two threads claiming or voting at once on
 * the same battle never both get the last place.
 */
class QueueClaimTest {
    private static final Instant T0 = Instant.parse("2026-12-07T12:00:00Z");

    @TempDir
    Path tmp;

    private Workspace ws;
    private AdjudicationService service;
    private AdjudicationRepository claims;
    private List<Long> ids;

    @BeforeEach
    void setUp() {
        ws = Workspace.open(
                tmp.resolve("store"),
                new KeyResolver(tmp.resolve("secrets.properties"), n -> null),
                RetryPolicy.DEFAULT);
        service = ws.adjudication();
        claims = new AdjudicationRepository(WorkspaceRepositories.store(ws));
        ids = new ArenaFixture(ws).battles(4);
    }

    @AfterEach
    void tearDown() {
        ws.close();
    }

    private static HumanVote vote(long battle, String who) {
        return HumanVote.shown(battle, who, GradedLabel.A_BETTER, false, false);
    }

    private int humanRows(long battle) {
        return (int) ws.battles().detail(battle).orElseThrow().verdicts().stream()
                .filter(v -> v.source().id().equals("human"))
                .count();
    }

    @Test
    void aClaimKeepsTheBattleToOneAnnotatorUntilItExpires() {
        long b = ids.get(0);
        Instant until = T0.plus(Duration.ofMinutes(5));
        assertThat(claims.claim(b, "Ana", 1, T0, until)).isTrue();
        // Ana again: renewed, still hers
        assertThat(claims.claim(b, "Ana", 1, T0.plusSeconds(10), until)).isTrue();
        assertThat(claims.claim(b, "Bo", 1, T0.plusSeconds(299), T0.plusSeconds(599)))
                .isFalse();
        assertThat(claims.claimants(b, T0.plusSeconds(299))).containsExactly("Ana");
        // at its expiry the battle is free again
        assertThat(claims.claim(b, "Bo", 1, until, until.plusSeconds(300))).isTrue();
        assertThat(claims.claimants(b, until)).containsExactly("Bo");
        assertThat(claims.claim(b, "Ana", 1, until.plusSeconds(1), until.plusSeconds(301)))
                .isFalse();
    }

    @Test
    void withTwoVerdictsWantedTwoAnnotatorsDecideABattleAndAThirdWaits() {
        long b = ids.get(0);
        assertThat(service.claim(b, "Ana", 2)).isTrue();
        assertThat(service.claim(b, "Bo", 2)).isTrue();
        assertThat(service.claim(b, "Cy", 2)).isFalse();
        // Ana's vote gives up her claim in its transaction: one verdict and Bo's claim still make two
        service.vote(vote(b, "Ana"), AdjudicationService.voteKey(), 2);
        assertThat(service.claimants(b)).containsExactly("Bo");
        assertThat(service.claim(b, "Cy", 2)).isFalse();
        // Bo moves on without voting: Cy may take the second place; Ana, who voted, may not claim it again
        service.release(b, "Bo");
        assertThat(service.claim(b, "Ana", 2)).isFalse();
        assertThat(service.claim(b, "Cy", 2)).isTrue();
        // Ana's queue leaves out the battle she voted on
        assertThat(service.queue(QueueFilter.ALL, "Ana", 2, AdjudicationService.Position.START, 10)
                        .entries())
                .extracting(QueueEntry::battleId)
                .containsExactly(ids.get(1), ids.get(2), ids.get(3));
        // and with K = 1 a battle another annotator holds is not in Bo's queue
        assertThat(service.claim(ids.get(1), "Ana", 1)).isTrue();
        assertThat(service.queue(QueueFilter.ALL, "Bo", 1, AdjudicationService.Position.START, 10)
                        .entries())
                .extracting(QueueEntry::battleId)
                .containsExactly(ids.get(2), ids.get(3));
    }

    @Test
    void theVoteAfterTheKthIsRefusedAndNothingIsStored() {
        long b = ids.get(0);
        service.vote(vote(b, "Ana"), AdjudicationService.voteKey(), 1);
        assertThatThrownBy(() -> service.vote(vote(b, "Bo"), AdjudicationService.voteKey(), 1))
                .isInstanceOf(VerdictsComplete.class)
                .hasMessageContaining("has its 1 human verdict already");
        assertThat(humanRows(b)).isEqualTo(1);
        // Ana changing her own vote is not a further verdict
        service.vote(HumanVote.shown(b, "Ana", GradedLabel.TIE, false, false), AdjudicationService.voteKey(), 1);
        assertThat(humanRows(b)).isEqualTo(1);
    }

    @Test
    void aVoteSentAgainWithItsKeyIsStoredOnce() {
        long b = ids.get(0);
        String key = AdjudicationService.voteKey();
        VoteWrite first = service.vote(vote(b, "Ana"), key, 1);
        // the first send was committed but its answer lost: the same vote again, with its key
        VoteWrite again = service.vote(vote(b, "Ana"), key, 1);
        assertThat(again.verdictId()).isEqualTo(first.verdictId());
        assertThat(humanRows(b)).isEqualTo(1);
    }

    @Test
    void theVerdictsWantedPerBattleAreAWorkspaceSetting() {
        assertThat(service.verdictsPerBattle()).isEqualTo(1);
        service.setVerdictsPerBattle(3);
        assertThat(service.verdictsPerBattle()).isEqualTo(3);
        assertThatThrownBy(() -> service.setVerdictsPerBattle(0)).hasMessageContaining("from 1 to 9");
    }

    @Test
    void twoThreadsClaimingAndVotingOnTheSameBattlesAtOnceNeverBothGetIt() throws Exception {
        race(ws);
    }

    @Test
    void onPostgresqlTooTwoThreadsRacingOnEachBattleNeverBothGetIt() throws Exception {
        try (Workspace pg = Workspace.open(
                TestStores.freshDatabase(),
                new KeyResolver(tmp.resolve("secrets.properties"), n -> null),
                RetryPolicy.DEFAULT)) {
            race(pg);
        }
    }

    /** Two threads meet at each battle, claim it at once, release, and vote on it at once (K = 1). */
    private static void race(Workspace ws) throws Exception {
        AdjudicationService service = ws.adjudication();
        List<Long> many = new ArenaFixture(ws).battles(60);
        CyclicBarrier together = new CyclicBarrier(2);
        Map<Long, List<String>> claimedBy = new ConcurrentHashMap<>();
        Map<Long, List<String>> votedBy = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (String me : List.of("Ana", "Bo")) {
                done.add(pool.submit(() -> {
                    for (long b : many) {
                        together.await(10, TimeUnit.SECONDS);
                        if (service.claim(b, me, 1)) {
                            claimedBy.computeIfAbsent(b, k -> new ArrayList<>()).add(me);
                        }
                        together.await(10, TimeUnit.SECONDS);
                        service.release(b, me);
                        together.await(10, TimeUnit.SECONDS);
                        // both vote at once without a claim: the battle's row lock lets one through
                        try {
                            service.vote(vote(b, me), AdjudicationService.voteKey(), 1);
                            votedBy.computeIfAbsent(b, k -> new ArrayList<>()).add(me);
                        } catch (VerdictsComplete e) {
                            // the other was first
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        for (long b : many) {
            assertThat(claimedBy.get(b)).as("claims on %d", b).hasSize(1);
            assertThat(votedBy.get(b)).as("votes on %d", b).hasSize(1);
            assertThat(ws.battles().detail(b).orElseThrow().verdicts().stream()
                            .filter(v -> v.source().id().equals("human"))
                            .count())
                    .isEqualTo(1);
        }
    }
}
