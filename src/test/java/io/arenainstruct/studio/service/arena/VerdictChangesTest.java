package io.arenainstruct.studio.service.arena;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.adjudication.HumanVote;
import io.arenainstruct.studio.domain.adjudication.VoteWrite;
import io.arenainstruct.studio.domain.arena.ArenaResponse;
import io.arenainstruct.studio.domain.arena.Battle;
import io.arenainstruct.studio.domain.arena.GradedLabel;
import io.arenainstruct.studio.domain.arena.VerdictSource;
import io.arenainstruct.studio.domain.run.RunStatus;
import io.arenainstruct.studio.service.arena.ArenaJobService.JudgeRequest;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.testserver.FakeModelServer;

/**
 * The signal the Leaderboard recomputes on: told after a vote, its undo, an edit-then-prefer, a judging job's
 * commits and a battle-file import, and not before the write can be read.
 */
class VerdictChangesTest {
    @TempDir
    Path tmp;

    private Workspace ws;
    private FakeModelServer server;

    @AfterEach
    void tearDown() {
        if (ws != null) {
            ws.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void listenersHearEachChangeUntilTheyCloseAndOneThatFailsStopsNeitherTheOthersNorTheWrite() throws Exception {
        VerdictChanges changes = new VerdictChanges();
        AtomicInteger heard = new AtomicInteger();
        AutoCloseable failing = changes.subscribe(() -> {
            throw new IllegalStateException("a broken listener");
        });
        AutoCloseable counting = changes.subscribe(heard::incrementAndGet);
        changes.changed();
        changes.changed();
        assertThat(heard).hasValue(2);
        assertThat(changes.version()).isEqualTo(2);
        counting.close();
        failing.close();
        changes.changed();
        assertThat(heard).hasValue(2);
        assertThat(changes.version()).isEqualTo(3);
    }

    @Test
    void changesFromManyThreadsAreEachHeardWhileListenersComeAndGo() throws Exception {
        VerdictChanges changes = new VerdictChanges();
        AtomicInteger heard = new AtomicInteger();
        AutoCloseable kept = changes.subscribe(heard::incrementAndGet);
        int threads = 4;
        int each = 2_000;
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    changes.changed();
                    try {
                        changes.subscribe(() -> {}).close();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
                done.countDown();
            });
            w.start();
        }
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(heard).hasValue(threads * each);
        assertThat(changes.version()).isEqualTo(threads * each);
        kept.close();
    }

    @Test
    void aVoteItsUndoAndAnEditThenPreferAreTold() throws Exception {
        ws = ArenaFixture.open(tmp.resolve("store"));
        assertThat(ArenaFixture.importSampleWithBattles(ws)).isEqualTo(40);
        Battle battle = new ArenaFixture.Battles(ws).all().get(0);
        // what the listener reads when told: the vote must be in the store already
        AtomicInteger votesSeen = new AtomicInteger(-1);
        AtomicInteger heard = new AtomicInteger();
        ws.verdictChanges().subscribe(() -> {
            heard.incrementAndGet();
            votesSeen.set((int) ws.battles().verdicts(battle.id()).stream()
                    .filter(v -> v.source() == VerdictSource.HUMAN)
                    .count());
        });

        VoteWrite vote =
                ws.adjudication().vote(HumanVote.shown(battle.id(), "ann", GradedLabel.A_BETTER, false, false));
        assertThat(heard).hasValue(1);
        assertThat(votesSeen).hasValue(1);
        ws.adjudication().withdraw(vote);
        assertThat(heard).hasValue(2);
        assertThat(votesSeen).hasValue(0);
        ArenaResponse answer = ws.battles().detail(battle.id()).orElseThrow().responseA();
        assertThat(ws.adjudication().edit(answer, answer.text() + " Edited.", "ann"))
                .isPresent();
        assertThat(heard).hasValue(3);
        // an edit that changes nothing stores nothing and tells nothing
        assertThat(ws.adjudication().edit(answer, answer.text(), "ann")).isEmpty();
        assertThat(heard).hasValue(3);
    }

    @Test
    void aBattleFileImportIsToldOnceAndAFileRefusedAfterAnotherStillTellsTheFirst() throws Exception {
        ws = ArenaFixture.open(tmp.resolve("store"));
        AtomicInteger heard = new AtomicInteger();
        ws.verdictChanges().subscribe(heard::incrementAndGet);
        ws.battleFiles().importFiles(List.of(battleFile("chatbot-arena.jsonl")), VerdictSource.HUMAN);
        assertThat(heard).hasValue(1);

        Path notBattles = Files.writeString(tmp.resolve("notes.jsonl"), "{\"text\": \"hello\"}\n");
        try {
            ws.battleFiles().importFiles(List.of(battleFile("fastchat_pair.jsonl"), notBattles), VerdictSource.HUMAN);
        } catch (IllegalArgumentException expected) {
            // the second file is refused; the first one's verdicts are stored
        }
        assertThat(heard).hasValue(2);
    }

    @Test
    void aJudgingJobTellsAsItCommitsItsGames() throws Exception {
        server = FakeModelServer.start();
        ws = ArenaFixture.open(tmp.resolve("store"));
        assertThat(ArenaFixture.importSampleWithBattles(ws)).isEqualTo(40);
        ArenaFixture.Battles sample = new ArenaFixture.Battles(ws);
        server.replyWith(sample.judge(g -> "[[A>B]]"));
        ArenaFixture.endpoint(ws, "judge", "judge-model", server.openAiBaseUrl(), 1);
        AtomicInteger heard = new AtomicInteger();
        ws.verdictChanges().subscribe(heard::incrementAndGet);
        long first = sample.all().get(0).id();

        RunStatus ran = ws.arena()
                .judge(new JudgeRequest(List.of("judge"), "graded", null, "ids:" + first, 2))
                .run();

        assertThat(ran).isEqualTo(RunStatus.COMPLETED);
        // one worker: game 1 in one commit, game 2 with the combined verdict in the next
        assertThat(heard).hasValue(2);
    }

    private static Path battleFile(String name) throws URISyntaxException {
        return Path.of(
                VerdictChangesTest.class.getResource("/battlefiles/" + name).toURI());
    }
}
