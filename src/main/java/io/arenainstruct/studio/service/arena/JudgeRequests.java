package io.arenainstruct.studio.service.arena;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.arenainstruct.studio.domain.arena.ArenaInstruction;
import io.arenainstruct.studio.domain.arena.GradedLabel;
import io.arenainstruct.studio.domain.arena.JudgeAgent;
import io.arenainstruct.studio.domain.arena.JudgeStyle;
import io.arenainstruct.studio.domain.flow.Template;
import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.llm.ErrorClass;
import io.arenainstruct.studio.domain.llm.Message;
import io.arenainstruct.studio.domain.llm.ModelCallException;
import io.arenainstruct.studio.domain.llm.ModelReply;
import io.arenainstruct.studio.domain.llm.ModelRequest;

/**
 * The request a judge sends for one game of a battle, and how its reply is read. One piece of code for the judging
 * job and for "Try on a battle" in Agents &amp; Prompts, so a try shows exactly what a job would send and read.
 */
public final class JudgeRequests {
    /** The variables a judge prompt may use, each with what it is filled with. */
    public static final Map<String, String> VARIABLES = orderedVariables();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<JudgeStyle, String> SCHEMAS = new ConcurrentHashMap<>();

    private JudgeRequests() {}

    private static Map<String, String> orderedVariables() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("question", "the conversation up to the prompt (earlier turns labelled, then the prompt)");
        v.put("answer_a", "the answer shown first (game 2 shows the battle's B here)");
        v.put("answer_b", "the answer shown second");
        v.put("reference", "the instruction's reference answer; empty without one or when the judge sees none");
        v.put("reference_block", "the reference answer between markers and a blank line, or nothing");
        v.put("category", "the instruction's category; empty without one");
        return Collections.unmodifiableMap(v);
    }

    /**
     * Whether the judge's requests to this endpoint carry its verdict schema: {@code always}, {@code never}, or (auto)
     * where the endpoint's provider enforces a schema natively. A judging job decides it once per judge endpoint when
     * it starts and keeps it (resumes included).
     */
    public static boolean asksForSchema(JudgeAgent agent, Endpoint endpoint) {
        return switch (agent.structured()) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> endpoint.provider().enforcesJsonSchema();
        };
    }

    /**
     * The judge's request for one game: the answers in the order this game shows them ({@code swapped}: the battle's
     * B first), the judge's settings, and its verdict schema when {@code schema} (see {@link #asksForSchema}).
     */
    public static ModelRequest request(
            JudgeAgent agent,
            ArenaInstruction instruction,
            String answerA,
            String answerB,
            boolean swapped,
            boolean schema) {
        Map<String, String> vars = new HashMap<>();
        vars.put("question", question(instruction));
        vars.put("answer_a", swapped ? answerB : answerA);
        vars.put("answer_b", swapped ? answerA : answerB);
        String reference = agent.useReference() ? instruction.reference() : null;
        vars.put("reference", reference == null ? "" : reference);
        vars.put(
                "reference_block",
                reference == null || reference.isBlank()
                        ? ""
                        : "<|Reference Answer|>\n" + reference + "\n<|The End of Reference Answer|>\n\n");
        vars.put("category", instruction.category() == null ? "" : instruction.category());
        ModelRequest request = ModelRequest.of(List.of(
                        Message.system(Template.render(agent.prompt().system(), vars)),
                        Message.user(Template.render(agent.prompt().user(), vars))))
                .withSettings(agent.temperature(), agent.maxTokens(), null);
        return schema ? request.withSchema(schema(agent.style())) : request;
    }

    /** Sends one request (through the gateway, a job's step or a live reply); throws when the call failed for good. */
    @FunctionalInterface
    public interface Send {
        ModelReply send(ModelRequest request);
    }

    /**
     * A game asked: the reply, whether the request that got it carried the schema (read its fields then), and,
     * when the game was asked again as text, a note saying why (null otherwise).
     *
     * @param refusal when the server refused the schema itself (it will for every game): the refused call, in words
     */
    public record Asked(ModelReply reply, boolean structured, String fallback, String refusal) {}

    /**
     * Sends a game's request. A structured request is sent once more without the schema, its label read from the
     * text, when the server refuses the schema as a bad request (HTTP 400 or 422: older LM Studio, llama.cpp and some
     * vLLM builds do not take {@code response_format}) or the model's reply did not keep to it even after the
     * gateway's repair round (a server that takes the parameter but does not enforce it); the note says which. Any
     * other failure is thrown as it came.
     */
    public static Asked ask(ModelRequest request, Send send) {
        try {
            return new Asked(send.send(request), request.jsonSchema() != null, null, null);
        } catch (RuntimeException e) {
            ModelCallException refused = request.jsonSchema() == null ? null : schemaFailure(e);
            if (refused == null) {
                throw e;
            }
            ModelReply reply = send.send(request.withSchema(null));
            String call = "call " + refused.callId() + ": " + refused.getMessage();
            return refused.errorClass() == ErrorClass.INVALID_REQUEST
                    ? new Asked(
                            reply, false, "asked as text: the endpoint refused the JSON schema (" + call + ")", call)
                    : new Asked(
                            reply,
                            false,
                            "asked as text: the reply did not match the JSON schema (" + call + ")",
                            null);
        }
    }

    /** Sends a game's request as text at once: its endpoint refused the schema before ({@code refusal}, in words). */
    public static Asked askAsText(ModelRequest request, String refusal, Send send) {
        return new Asked(
                send.send(request.withSchema(null)),
                false,
                "asked as text: the endpoint refused the JSON schema earlier in this job (" + refusal + ")",
                refusal);
    }

    /** The gateway's failure in a chain when the server refused the request or the reply missed the schema. */
    private static ModelCallException schemaFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ModelCallException m) {
                return m.errorClass() == ErrorClass.INVALID_REQUEST || m.errorClass() == ErrorClass.SCHEMA_MISMATCH
                        ? m
                        : null;
            }
        }
        return null;
    }

    /** The conversation up to the prompt, as the judge reads it: earlier turns labelled, then the prompt. */
    public static String question(ArenaInstruction i) {
        if (i.context().isEmpty()) {
            return i.prompt();
        }
        StringBuilder b = new StringBuilder();
        for (Message m : i.conversation()) {
            String who = switch (m.role()) {
                case SYSTEM -> "System";
                case USER -> "User";
                case ASSISTANT -> "Assistant";
            };
            b.append(b.length() == 0 ? "" : "\n\n").append(who).append(": ").append(m.content());
        }
        return b.toString();
    }

    /** A reply read: the verdict (about the order shown) and the judgment text kept with it. */
    public record Reading(GameReading game, String judgment) {}

    /**
     * Reads a reply: to a request that carried the schema ({@code structured}) by its fields when the reply is such
     * JSON, anything else (or JSON without them) as text ({@link VerdictReader}). The verdict is about the order the
     * judge saw.
     */
    public static Reading read(JudgeAgent agent, boolean structured, String reply) {
        String text = reply == null ? "" : reply;
        if (structured) {
            try {
                JsonNode json = JSON.readTree(text);
                if (json != null && json.isObject()) {
                    return readStructured(agent.style(), json, text);
                }
            } catch (IOException notJson) {
                // read as text below
            }
        }
        return new Reading(VerdictReader.read(text, agent.style()), text);
    }

    private static Reading readStructured(JudgeStyle style, JsonNode json, String reply) {
        String judgment = json.path("judgment").asText(reply);
        if (style == JudgeStyle.GRADED && json.hasNonNull("verdict")) {
            String raw = json.get("verdict").asText();
            return new Reading(
                    GradedLabel.parse(raw)
                            .map(l -> GameReading.graded(l, raw))
                            .orElseGet(() -> GameReading.unparsable("'" + raw + "' is not a verdict label")),
                    judgment);
        }
        if (style == JudgeStyle.SCORE
                && json.path("score_a").isNumber()
                && json.path("score_b").isNumber()) {
            double a = json.get("score_a").asDouble();
            double b = json.get("score_b").asDouble();
            GameReading g = a < 1 || a > 10 || b < 1 || b > 10
                    ? GameReading.unparsable("scores must be from 1 to 10")
                    : GameReading.scores(a, b, VerdictReader.format(a) + ", " + VerdictReader.format(b));
            return new Reading(g, judgment);
        }
        return new Reading(VerdictReader.read(judgment, style), judgment);
    }

    /** The JSON schema a structured judge of this style asks for (shipped in {@code arena/schemas/}). */
    public static String schema(JudgeStyle style) {
        return SCHEMAS.computeIfAbsent(style, JudgeRequests::readSchema);
    }

    private static String readSchema(JudgeStyle style) {
        String resource = "/arena/schemas/" + style.id() + ".json";
        try (InputStream in = JudgeRequests.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
