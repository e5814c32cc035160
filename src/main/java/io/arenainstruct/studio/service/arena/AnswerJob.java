package io.arenainstruct.studio.service.arena;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.arenainstruct.studio.domain.arena.ArenaInstruction;
import io.arenainstruct.studio.domain.arena.ArenaResponse;
import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.llm.ModelReply;
import io.arenainstruct.studio.domain.llm.ModelRequest;
import io.arenainstruct.studio.domain.provenance.AgentCall;
import io.arenainstruct.studio.domain.provenance.Failure;
import io.arenainstruct.studio.service.job.AgentStep;
import io.arenainstruct.studio.service.job.JobProgress;
import io.arenainstruct.studio.service.job.JobRegistry;
import io.arenainstruct.studio.service.job.JobStage;
import io.arenainstruct.studio.service.job.Pricing;
import io.arenainstruct.studio.service.job.StepFailure;
import io.arenainstruct.studio.service.llm.ModelGateway;
import io.arenainstruct.studio.store.ArenaJobRepository;
import io.arenainstruct.studio.store.ArenaRepository;
import io.arenainstruct.studio.store.StoreException;

/**
 * Asks each endpoint's model to answer each instruction (its whole conversation, turns kept), {@code samples}
 * times; one ledger call each. An instruction a model has answered that often already is not asked again, so a
 * resume after a kill sends nothing that completed.
 */
final class AnswerJob extends ArenaJobExecution {
    static final String STAGE = "answer";
    /** The name answers are recorded under: the instruction is sent as it is, no agent template. */
    static final String AGENT = AnswerPrompts.AGENT;

    private final List<ArenaInstruction> instructions;
    private final List<Endpoint> endpoints;
    private final int samples;
    /** The answerer prompt's version and text (decision 0019); 0 and null: the instruction as it is. */
    private final int promptVersion;

    private final String answererPrompt;
    private final ArenaRepository arena;
    private final AgentStep step;
    private final List<JobStage<Work, String>> stages = List.of(new Answering());

    /** One answer to ask for: an instruction, an endpoint, which sample; how many the store held at the start. */
    static final class Work {
        final ArenaInstruction instruction;
        final Endpoint endpoint;
        final int sample;
        final int held;

        Work(ArenaInstruction instruction, Endpoint endpoint, int sample, int held) {
            this.instruction = instruction;
            this.endpoint = endpoint;
            this.sample = sample;
            this.held = held;
        }

        String key() {
            return "instruction " + instruction.id() + " / " + endpoint.name() + (sample == 0 ? "" : " #" + sample);
        }
    }

    AnswerJob(
            long jobId,
            List<ArenaInstruction> instructions,
            List<Endpoint> endpoints,
            int samples,
            int promptVersion,
            String answererPrompt,
            ArenaRepository arena,
            ArenaJobRepository jobs,
            ModelGateway gateway,
            Pricing pricing,
            JobRegistry<JobProgress<String>> registry) {
        super(jobId, "answer", endpoints, gateway, pricing, jobs, registry);
        this.instructions = List.copyOf(instructions);
        this.endpoints = List.copyOf(endpoints);
        this.samples = samples;
        this.promptVersion = promptVersion;
        this.answererPrompt = answererPrompt;
        this.arena = arena;
        this.step = new AgentStep(gateway::call, runner, null);
        runner.counter().declare(stages);
    }

    @Override
    JobClaim claim() {
        return JobClaim.answering(endpoints, instructions);
    }

    @Override
    protected void start() {
        // The models' rows first: answers stored at once by several workers would each try to make them.
        endpoints.stream().map(Endpoint::model).distinct().forEach(arena::model);
        // asked with an answerer prompt, only the answers asked with that version count as held
        Map<Long, Map<String, Integer>> held = arena.responseCounts(
                instructions.stream().map(ArenaInstruction::id).toList(),
                promptVersion == 0 ? null : AGENT,
                promptVersion);
        List<Work> all = new ArrayList<>();
        for (ArenaInstruction i : instructions) {
            Map<String, Integer> byModel = held.getOrDefault(i.id(), Map.of());
            for (Endpoint e : endpoints) {
                for (int s = 0; s < samples; s++) {
                    all.add(new Work(i, e, s, byModel.getOrDefault(e.model(), 0)));
                }
            }
        }
        all.forEach(w -> runner.plan(stages, w, 1));
        runner.publish();
        for (Work w : all) {
            runner.submit(() -> runner.process(w, stages));
        }
    }

    private final class Answering implements JobStage<Work, String> {
        @Override
        public String stage() {
            return STAGE;
        }

        @Override
        public boolean holds(Work w, int unit) {
            return w.held > w.sample;
        }

        @Override
        public void run(Work w, int unit) {
            ModelRequest request = ModelRequest.of(
                            AnswerPrompts.conversation(answererPrompt, w.instruction.conversation()))
                    .withSample(w.sample);
            ModelReply reply = step.ask(w.endpoint, request, STAGE);
            if (reply.text() == null || reply.text().isBlank()) {
                throw new StepFailure("MALFORMED_REPLY", "the model's answer is empty", reply.callId(), false, null);
            }
            AgentCall call = new AgentCall(AGENT, promptVersion, reply.callId(), w.endpoint.name(), w.endpoint.model());
            try {
                arena.addResponse(ArenaResponse.generated(w.instruction.id(), w.endpoint.model(), reply.text(), call));
            } catch (StoreException e) {
                // counted as the item's failure (the ledger keeps the answer: a resume stores it without asking)
                throw new StepFailure("STORE", e.getMessage(), reply.callId(), false, e);
            }
            succeeded(w.key());
        }

        @Override
        public void fail(Work w, int unit, StepFailure failure) {
            jobs.fail(jobId, w.key(), new Failure<>(STAGE, failure.errorClass(), failure.getMessage()));
        }
    }
}
