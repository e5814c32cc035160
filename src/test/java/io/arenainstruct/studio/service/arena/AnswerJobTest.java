package io.arenainstruct.studio.service.arena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.arena.ArenaInstruction;
import io.arenainstruct.studio.domain.arena.ArenaResponse;
import io.arenainstruct.studio.domain.arena.InstructionSelection;
import io.arenainstruct.studio.domain.arena.ResponseOrigin;
import io.arenainstruct.studio.domain.provenance.Failure;
import io.arenainstruct.studio.domain.run.RunStatus;
import io.arenainstruct.studio.service.arena.ArenaJobService.AnswerRequest;
import io.arenainstruct.studio.service.arena.ArenaJobService.Estimate;
import io.arenainstruct.studio.service.task.Cancellation;
import io.arenainstruct.studio.service.task.ProgressListener;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.service.workspace.WorkspaceRepositories;
import io.arenainstruct.studio.store.ArenaRepository;
import io.arenainstruct.studio.testserver.FakeModelServer;
import io.arenainstruct.studio.testserver.RecordedRequest;

/** Two endpoints answer the Arena-Hard sample's questions and a small OpenAI chat file (one multi-turn line). */
class AnswerJobTest {
    @TempDir
    Path tmp;

    private FakeModelServer server;
    private Workspace ws;
    private ArenaRepository arena;

    @BeforeEach
    void setUp() {
        server = FakeModelServer.start();
        server.replyWith(r -> r.model() + " answers: " + r.lastUserMessage());
        ws = ArenaFixture.open(tmp.resolve("store"));
        ws.datasets()
                .importFiles(
                        List.of(
                                ArenaFixture.SAMPLE.resolve("question.jsonl"),
                                Path.of("src/test/resources/datasets/openai.jsonl")),
                        null,
                        null,
                        null,
                        ProgressListener.NONE,
                        Cancellation.NEVER);
        arena = new ArenaRepository(WorkspaceRepositories.store(ws));
        ArenaFixture.endpoint(ws, "one", "model-one", server.openAiBaseUrl(), 3);
        ArenaFixture.endpoint(ws, "two", "model-two", server.openAiBaseUrl(), 3);
    }

    @AfterEach
    void tearDown() {
        ws.close();
        server.close();
    }

    private ArenaInstruction byPrompt(String prompt) {
        return arena.instructions(InstructionSelection.all()).stream()
                .filter(i -> i.prompt().equals(prompt))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void twoEndpointsAnswerEveryInstructionOnceAndMultiTurnInstructionsSendTheirTurns() {
        AnswerRequest request = new AnswerRequest(List.of("one", "two"), "dataset:openai", 1);
        Estimate estimate = ws.arena().estimate(request);
        assertThat(List.of(estimate.items(), estimate.done(), estimate.calls())).containsExactly(10, 0, 10);

        ArenaJobExecution job = ws.arena().answer(request);
        assertThat(job.run()).isEqualTo(RunStatus.COMPLETED);

        assertThat(server.chatRequests()).hasSize(10);
        List<RecordedRequest> prime = server.chatRequests().stream()
                .filter(r -> r.lastUserMessage().equals("Name a prime."))
                .toList();
        assertThat(prime).hasSize(2);
        assertThat(prime)
                .allSatisfy(r -> assertThat(r.messages())
                        .extracting(RecordedRequest.Message::role, RecordedRequest.Message::content)
                        .containsExactly(
                                tuple("system", "Be brief."),
                                tuple("user", "Hi"),
                                tuple("assistant", "Hello."),
                                tuple("user", "Name a prime.")));
        List<ArenaResponse> answers = arena.responses(byPrompt("Name a prime.").id());
        assertThat(answers)
                .extracting(ArenaResponse::model, ArenaResponse::text)
                .containsExactlyInAnyOrder(
                        tuple("m-meta", "7"),
                        tuple("model-one", "model-one answers: Name a prime."),
                        tuple("model-two", "model-two answers: Name a prime."));
        ArenaResponse generated = answers.stream()
                .filter(r -> r.model().equals("model-two"))
                .findFirst()
                .orElseThrow();
        assertThat(generated.origin()).isEqualTo(ResponseOrigin.GENERATED);
        assertThat(generated.call().endpoint()).isEqualTo("two");
        assertThat(ws.callLedger().find(generated.call().callId()).orElseThrow().reply())
                .isEqualTo(generated.text());

        // resumed, or asked again as a new job: nothing is sent
        assertThat(ws.arena().resume(job.jobId()).run()).isEqualTo(RunStatus.COMPLETED);
        Estimate again = ws.arena().estimate(request);
        assertThat(List.of(again.items(), again.done(), again.calls())).containsExactly(10, 10, 0);
        assertThat(ws.arena().answer(request).run()).isEqualTo(RunStatus.COMPLETED);
        assertThat(server.chatRequests()).hasSize(10);
        assertThat(ws.arena().list()).hasSize(2);
    }

    @Test
    void failedAnswersAreRecordedWithReasonsAndAResumeAsksOnlyForThem() {
        AtomicBoolean broken = new AtomicBoolean(true);
        server.replyWith(r -> {
            if (broken.get()
                    && r.model().equals("model-two")
                    && r.lastUserMessage().equals("Say yes.")) {
                throw new IllegalStateException("the GPU caught fire");
            }
            return r.model() + " answers: " + r.lastUserMessage();
        });
        ArenaJobExecution job = ws.arena().answer(new AnswerRequest(List.of("one", "two"), "all", 1));

        assertThat(job.run()).isEqualTo(RunStatus.INCOMPLETE);

        long sayYes = byPrompt("Say yes.").id();
        List<Map.Entry<String, Failure<String>>> failures = ws.arena().failures(job.jobId());
        assertThat(failures).hasSize(1);
        assertThat(failures.get(0).getKey()).isEqualTo("instruction " + sayYes + " / two");
        assertThat(failures.get(0).getValue().stage()).isEqualTo(AnswerJob.STAGE);
        assertThat(failures.get(0).getValue().errorClass()).isEqualTo("SERVER_ERROR");
        assertThat(failures.get(0).getValue().message()).contains("GPU caught fire");
        assertThat(ws.arena().list().get(0).status()).isEqualTo(RunStatus.INCOMPLETE);
        assertThat(ws.arena().list().get(0).message()).contains("1 item failed");
        int sent = server.chatRequests().size();
        assertThat(sent).as("45 x 2 answers, the failing one tried twice").isEqualTo(45 * 2 + 1);

        broken.set(false);
        assertThat(ws.arena().resume(job.jobId()).run()).isEqualTo(RunStatus.COMPLETED);

        assertThat(server.chatRequests()).hasSize(sent + 1);
        assertThat(ws.arena().failures(job.jobId())).isEmpty();
        assertThat(arena.answered(sayYes, "model-two")).isTrue();
    }

    @Test
    void perModelAsksForSeveralSamplesAndBadRequestsAreRefusedInWords() {
        AtomicInteger n = new AtomicInteger();
        server.replyWith(r -> r.model() + " answer " + n.incrementAndGet());
        assertThat(ws.arena()
                        .answer(new AnswerRequest(List.of("one"), "dataset:openai", 2))
                        .run())
                .isEqualTo(RunStatus.COMPLETED);

        assertThat(server.chatRequests()).hasSize(10);
        assertThat(arena.responses(byPrompt("Say yes.").id()))
                .filteredOn(r -> r.model().equals("model-one"))
                .hasSize(2);

        assertThatThrownBy(() -> ws.arena().estimate(new AnswerRequest(List.of("one", "nope"), "all", 1)))
                .hasMessageContaining("there is no endpoint nope");
        assertThatThrownBy(() -> ws.arena().answer(new AnswerRequest(List.of("one"), "all", 0)))
                .hasMessageContaining("--per-model");
        assertThatThrownBy(() -> ws.arena().answer(new AnswerRequest(List.of("one"), "dataset:missing", 1)))
                .hasMessageContaining("there is no dataset missing (datasets: ");
    }
}
