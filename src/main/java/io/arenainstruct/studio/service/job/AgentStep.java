package io.arenainstruct.studio.service.job;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.arenainstruct.studio.domain.flow.Agent;
import io.arenainstruct.studio.domain.flow.AgentRole;
import io.arenainstruct.studio.domain.flow.Template;
import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.llm.ErrorClass;
import io.arenainstruct.studio.domain.llm.Message;
import io.arenainstruct.studio.domain.llm.ModelCallException;
import io.arenainstruct.studio.domain.llm.ModelReply;
import io.arenainstruct.studio.domain.llm.ModelRequest;

/**
 * One agent call, the same for every stage of every job: fill the agent's templates with the step's variables,
 * build the request (the role's schema and the agent's settings), call the model through the ledger, then read
 * and check the role's output field. Each call is counted in the job's progress; a step waits while the job is
 * paused and gives up once it is cancelled.
 */
public final class AgentStep {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ModelCaller caller;
    private final JobRunner<?> job;
    /** What the ledger files the calls under (a run's id); null for none. */
    private final Long provenance;

    public AgentStep(ModelCaller caller, JobRunner<?> job, Long provenance) {
        this.caller = caller;
        this.job = job;
        this.provenance = provenance;
    }

    /** An agent's request with these variables: what the ledger's answer is keyed by (estimates rebuild it too). */
    public static ModelRequest request(Agent agent, Map<String, String> vars, int sample) {
        return ModelRequest.of(List.of(
                        Message.system(Template.render(agent.prompt().system(), vars)),
                        Message.user(Template.render(agent.prompt().user(), vars))))
                .withSchema(agent.jsonSchema())
                .withSettings(agent.temperature(), agent.maxTokens(), null)
                .withSample(sample);
    }

    /**
     * Asks the agent on the endpoint.
     *
     * @param sample   which sample of the same request (0: the one the ledger answers for everyone)
     * @param stepName the step's name in the ledger
     * @throws StepFailure when the call failed for good, the reply lacks the role's output, or the job was
     *                     cancelled
     */
    public StepResult call(Agent agent, Endpoint endpoint, Map<String, String> vars, int sample, String stepName) {
        job.checkpoint();
        ModelRequest request = request(agent, vars, sample).withProvenance(provenance, stepName);
        try {
            ModelReply reply = send(endpoint, request);
            if (reply.dryRun()) {
                return new StepResult(reply.text(), null, reply.callId(), agent.id(), agent.version());
            }
            try {
                return read(agent, reply);
            } catch (ModelCallException unusable) {
                if (!reply.fromCache()) {
                    throw unusable;
                }
                // The ledger's answer passed the schema but cannot be used (a blank field): ask the model again
                // rather than failing this step the same way on every resume.
                return read(agent, send(endpoint, request.asFresh()));
            }
        } catch (ModelCallException e) {
            throw new StepFailure(
                    e.errorClass().name(), e.getMessage(), e.callId(), e.errorClass() == ErrorClass.CANCELLED, e);
        }
    }

    /**
     * Sends a request as it is, for steps whose reply is free text (an arena answer, a judgment): no template, no
     * role field to read. Counted, paused and cancelled like {@link #call}.
     *
     * @throws StepFailure when the call failed for good or the job was cancelled
     */
    public ModelReply ask(Endpoint endpoint, ModelRequest request, String stepName) {
        job.checkpoint();
        try {
            return send(endpoint, request.withProvenance(provenance, stepName));
        } catch (ModelCallException e) {
            throw new StepFailure(
                    e.errorClass().name(), e.getMessage(), e.callId(), e.errorClass() == ErrorClass.CANCELLED, e);
        }
    }

    private ModelReply send(Endpoint endpoint, ModelRequest request) {
        ModelReply reply;
        try {
            reply = caller.call(endpoint, request, job::isCancelled);
        } catch (ModelCallException failed) {
            if (failed.callId() != 0) {
                job.counter().failedCall();
                job.publishThrottled();
            }
            throw failed;
        }
        job.counter().call(endpoint.model(), reply.fromCache(), reply.tokensIn(), reply.tokensOut());
        job.publishThrottled();
        return reply;
    }

    /** The role's text (and a generator's or editor's input) from a reply; a reply without it fails the step. */
    private static StepResult read(Agent agent, ModelReply reply) {
        try {
            JsonNode json = JSON.readTree(reply.text());
            String text = json.path(agent.role().outputField()).asText(null);
            if (text == null || text.isBlank()) {
                throw new ModelCallException(
                        ErrorClass.SCHEMA_MISMATCH,
                        "the reply has no \"" + agent.role().outputField() + "\"",
                        reply.callId(),
                        reply.attempts(),
                        null);
            }
            JsonNode input = json.get("input");
            boolean takesInput = agent.role() == AgentRole.GENERATOR || agent.role() == AgentRole.EDITOR;
            String in = takesInput
                            && input != null
                            && input.isTextual()
                            && !input.asText().isBlank()
                    ? input.asText()
                    : null;
            return new StepResult(text, in, reply.callId(), agent.id(), agent.version());
        } catch (JsonProcessingException e) {
            throw new ModelCallException(
                    ErrorClass.MALFORMED_REPLY, e.getOriginalMessage(), reply.callId(), reply.attempts(), e);
        }
    }
}
