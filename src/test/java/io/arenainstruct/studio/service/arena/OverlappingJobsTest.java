package io.arenainstruct.studio.service.arena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.arena.ArenaJob;
import io.arenainstruct.studio.domain.run.RunStatus;
import io.arenainstruct.studio.service.arena.ArenaJobService.AnswerRequest;
import io.arenainstruct.studio.service.arena.ArenaJobService.JudgeRequest;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.testserver.FakeModelServer;

/**
 * A second job asking the same endpoints the same thing about items a running job holds would pay twice and race
 * to store the same games; it is refused, naming the running job. Other judges, other endpoints or other battles run
 * beside it.
 */
class OverlappingJobsTest {
    @TempDir
    Path tmp;

    private FakeModelServer server;
    private Workspace ws;
    private ArenaFixture.Battles sample;
    private Thread first;

    @BeforeEach
    void setUp() throws Exception {
        server = FakeModelServer.start();
        ws = ArenaFixture.open(tmp.resolve("store"));
        ArenaFixture.importSampleWithBattles(ws);
        sample = new ArenaFixture.Battles(ws);
        server.replyWith(sample.judge(g -> "[[A=B]]"));
        ArenaFixture.endpoint(ws, "judge", "judge-model", server.openAiBaseUrl(), 2);
        ArenaFixture.endpoint(ws, "other-judge", "judge-model-2", server.openAiBaseUrl(), 2);
    }

    @AfterEach
    void tearDown() throws Exception {
        server.resumeReplies();
        if (first != null) {
            first.join(30_000);
        }
        ws.close();
        server.close();
    }

    /** Starts judging battles 0..9 of the sample with the graded judge on "judge" and holds its first games. */
    private ArenaJobExecution holdFirstJob() throws InterruptedException {
        server.pauseReplies();
        ArenaJobExecution job = ws.arena().judge(request("judge", "graded", 0, 10));
        first = new Thread(job::run);
        first.start();
        server.awaitInFlight(2, Duration.ofSeconds(10));
        return job;
    }

    private JudgeRequest request(String judge, String prompt, int from, int to) {
        StringBuilder ids = new StringBuilder("ids:");
        for (int i = from; i < to; i++) {
            ids.append(i == from ? "" : ",").append(sample.all().get(i).id());
        }
        return new JudgeRequest(List.of(judge), prompt, null, ids.toString(), 2);
    }

    @Test
    void aSecondJobJudgingTheSameBattlesWithTheSameJudgeIsRefusedAndLeavesNoJobBehind() throws Exception {
        ArenaJobExecution running = holdFirstJob();

        assertThatThrownBy(() -> ws.arena().judge(request("judge", "graded", 5, 15)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("arena job " + running.jobId() + " is already judging 5 of these battles with Graded judge"
                        + " on judge; wait for it to finish, or pause and cancel it first");
        assertThat(ws.arena().list()).extracting(ArenaJob::id).containsExactly(running.jobId());

        server.resumeReplies();
        first.join(30_000);
        assertThat(ws.arena().list().get(0).status()).isEqualTo(RunStatus.COMPLETED);
        // once it is over the same request runs
        assertThat(ws.arena().judge(request("judge", "graded", 5, 15)).run()).isEqualTo(RunStatus.COMPLETED);
    }

    @Test
    void twoExecutionsMadeBeforeEitherRanCannotBothRun() throws Exception {
        ArenaJobExecution early = ws.arena().judge(request("judge", "graded", 0, 10));
        holdFirstJob();

        assertThatThrownBy(early::run).hasMessageContaining("is already judging 10 of these battles");
        assertThat(ws.arena().job(early.jobId()).orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);
    }

    @Test
    void anotherJudgeOtherEndpointsOrOtherBattlesRunBesideIt() throws Exception {
        holdFirstJob();
        server.resumeReplies();

        assertThat(ws.arena().judge(request("judge", "graded", 10, 12)).run()).isEqualTo(RunStatus.COMPLETED);
        assertThat(ws.arena().judge(request("other-judge", "graded", 0, 2)).run())
                .isEqualTo(RunStatus.COMPLETED);
        assertThat(ws.arena().judge(request("judge", "scores", 0, 2)).run()).isEqualTo(RunStatus.COMPLETED);
    }

    @Test
    void aSecondAnsweringJobOverTheSameInstructionsOnTheSameEndpointIsRefused() throws Exception {
        server.replyWith(r -> "an answer").pauseReplies();
        ArenaFixture.endpoint(ws, "answerer", "answer-model", server.openAiBaseUrl(), 2);
        ArenaJobExecution job = ws.arena().answer(new AnswerRequest(List.of("answerer"), "all", 1));
        first = new Thread(job::run);
        first.start();
        server.awaitInFlight(2, Duration.ofSeconds(10));

        assertThatThrownBy(() -> ws.arena().answer(new AnswerRequest(List.of("answerer"), "all", 1)))
                .hasMessage("arena job " + job.jobId() + " is already answering 40 of these instructions on answerer;"
                        + " wait for it to finish, or pause and cancel it first");
    }
}
