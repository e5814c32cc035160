package io.arenainstruct.studio.service.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.arenainstruct.studio.domain.flow.Agent;
import io.arenainstruct.studio.domain.flow.AgentRole;
import io.arenainstruct.studio.domain.flow.Prompt;
import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.llm.ErrorClass;
import io.arenainstruct.studio.domain.llm.Message;
import io.arenainstruct.studio.domain.llm.ModelCallException;
import io.arenainstruct.studio.domain.llm.ModelReply;
import io.arenainstruct.studio.domain.llm.ModelRequest;
import io.arenainstruct.studio.domain.llm.Provider;

/** One agent call with a fake model behind it: no HTTP, no store. */
class AgentStepTest {
    private static final Endpoint LOCAL =
            Endpoint.of("local", Provider.OPENAI_COMPATIBLE, "http://localhost:1234/v1", "test-model");
    private static final Agent ASKER = new Agent(
            "asker",
            "Asker",
            AgentRole.GENERATOR,
            "",
            List.of(),
            "{\"type\":\"object\"}",
            null,
            0.2,
            300,
            new Prompt("You write for {{skill}}.", "Passage: {{passage}}"),
            3);

    private final List<ModelRequest> asked = new ArrayList<>();
    private final List<ModelReply> replies = new ArrayList<>();
    private final FakeJob.Store store = new FakeJob.Store();
    private final JobRunner<String> job = FakeJob.runner(
            1, new FakeJob.HandClock(), List.of(new FakeJob.Stage("generation", 1, 1, store, (i, s, u) -> {})));

    private AgentStep step() {
        return new AgentStep(
                (endpoint, request, cancellation) -> {
                    asked.add(request);
                    return replies.remove(0);
                },
                job,
                42L);
    }

    private static ModelReply reply(long callId, String text, boolean fromLedger) {
        return new ModelReply(callId, text, 120, 30, Duration.ofMillis(5), 1, fromLedger, false);
    }

    @Test
    void fillsTheTemplatesAsksTheModelAndReadsTheRolesOutputWithItsProvenance() {
        replies.add(reply(7, "{\"instruction\": \"Why?\", \"input\": \"a table\"}", false));

        StepResult r = step().call(ASKER, LOCAL, Map.of("skill", "reading", "passage", "The sea."), 2, "generation");

        assertThat(r).isEqualTo(new StepResult("Why?", "a table", 7, "asker", 3));
        ModelRequest sent = asked.get(0);
        assertThat(sent.messages())
                .containsExactly(Message.system("You write for reading."), Message.user("Passage: The sea."));
        assertThat(sent.jsonSchema()).isEqualTo("{\"type\":\"object\"}");
        assertThat(sent.temperature()).isEqualTo(0.2);
        assertThat(sent.maxTokens()).isEqualTo(300);
        assertThat(sent.sampleIndex()).isEqualTo(2);
        assertThat(sent.runId()).isEqualTo(42L);
        assertThat(sent.step()).isEqualTo("generation");
        JobProgress<String> p = job.progress();
        assertThat(p.calls()).isEqualTo(1);
        assertThat(p.tokensIn()).isEqualTo(120);
        assertThat(p.tokensOut()).isEqualTo(30);
    }

    @Test
    void aLedgerAnswerWithoutTheOutputIsAskedForAgainFresh() {
        replies.add(reply(7, "{\"instruction\": \" \"}", true));
        replies.add(reply(8, "{\"instruction\": \"How?\"}", false));

        StepResult r = step().call(ASKER, LOCAL, Map.of(), 0, "generation");

        assertThat(r).isEqualTo(new StepResult("How?", null, 8, "asker", 3));
        assertThat(asked).hasSize(2);
        assertThat(asked.get(0).fresh()).isFalse();
        assertThat(asked.get(1).fresh()).isTrue();
        assertThat(job.progress().calls()).isEqualTo(2);
        assertThat(job.progress().ledgerHits()).isEqualTo(1);
        assertThat(job.progress().tokensIn()).as("only the sent call is paid").isEqualTo(120);
    }

    @Test
    void aModelAnswerWithoutTheOutputFailsTheStep() {
        replies.add(reply(9, "{\"suggestions\": \"more\"}", false));

        assertThatThrownBy(() -> step().call(ASKER, LOCAL, Map.of(), 0, "generation"))
                .isInstanceOfSatisfying(StepFailure.class, f -> {
                    assertThat(f.errorClass()).isEqualTo("SCHEMA_MISMATCH");
                    assertThat(f.getMessage()).endsWith("(the reply has no \"instruction\")");
                    assertThat(f.callId()).isEqualTo(9);
                    assertThat(f.cancelled()).isFalse();
                });
        assertThat(asked).hasSize(1);
    }

    @Test
    void aReplyThatIsNotJsonIsMalformed() {
        replies.add(reply(10, "Sure! Here is", false));

        assertThatThrownBy(() -> step().call(ASKER, LOCAL, Map.of(), 0, "generation"))
                .isInstanceOfSatisfying(
                        StepFailure.class, f -> assertThat(f.errorClass()).isEqualTo("MALFORMED_REPLY"));
    }

    @Test
    void aFailedCallFailsTheStepWithItsClassAndLedgerCallAndIsCounted() {
        AgentStep failing = new AgentStep(
                (endpoint, request, cancellation) -> {
                    throw new ModelCallException(ErrorClass.TIMEOUT, "120 s", 11, 3, null);
                },
                job,
                42L);

        assertThatThrownBy(() -> failing.call(ASKER, LOCAL, Map.of(), 0, "generation"))
                .isInstanceOfSatisfying(StepFailure.class, f -> {
                    assertThat(f.errorClass()).isEqualTo("TIMEOUT");
                    assertThat(f.callId()).isEqualTo(11);
                    assertThat(f.cancelled()).isFalse();
                });
        assertThat(job.progress().calls()).isEqualTo(1);
    }

    @Test
    void aCancelledJobAsksNoModel() {
        job.cancel();

        assertThatThrownBy(() -> step().call(ASKER, LOCAL, Map.of(), 0, "generation"))
                .isInstanceOfSatisfying(
                        StepFailure.class, f -> assertThat(f.cancelled()).isTrue());
        assertThat(asked).isEmpty();
    }

    @Test
    void theModelIsToldWhenTheJobIsCancelled() {
        List<Boolean> seen = new ArrayList<>();
        AgentStep step = new AgentStep(
                (endpoint, request, cancellation) -> {
                    seen.add(cancellation.isCancelled());
                    job.cancel();
                    seen.add(cancellation.isCancelled());
                    throw new ModelCallException(ErrorClass.CANCELLED, null, 0, 0, null);
                },
                job,
                42L);

        assertThatThrownBy(() -> step.call(ASKER, LOCAL, Map.of(), 0, "generation"))
                .isInstanceOfSatisfying(
                        StepFailure.class, f -> assertThat(f.cancelled()).isTrue());
        assertThat(seen).containsExactly(false, true);
    }
}
