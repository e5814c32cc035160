package io.arenainstruct.studio.domain.arena;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

import io.arenainstruct.studio.domain.provenance.AgentCall;

/**
 * One model's answer to one arena instruction.
 *
 * @param externalId  the id the file gave it (Arena-Hard's ans_id); null otherwise
 * @param derivedFrom for an edited response, the response it was edited from; null otherwise
 * @param call        for a generated response, the agent, prompt version, ledger call, endpoint and model
 * @param author      for an edited response, who edited it; null otherwise
 */
public record ArenaResponse(
        long id,
        long instructionId,
        String model,
        String text,
        ResponseOrigin origin,
        String externalId,
        Long derivedFrom,
        AgentCall call,
        String author,
        Instant createdAt) {
    public ArenaResponse {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(origin, "origin");
        call = call == null ? AgentCall.NONE : call;
    }

    /** A response read from a file. */
    public static ArenaResponse imported(long instructionId, String model, String text, String externalId) {
        return new ArenaResponse(
                0, instructionId, model, text, ResponseOrigin.IMPORTED, externalId, null, null, null, null);
    }

    /** A response a model gave through the gateway. */
    public static ArenaResponse generated(long instructionId, String model, String text, AgentCall call) {
        return new ArenaResponse(0, instructionId, model, text, ResponseOrigin.GENERATED, null, null, call, null, null);
    }

    /** A person's edit of another response (edit-then-prefer): the same model's answer, the original kept. */
    public static ArenaResponse edited(ArenaResponse original, String text, String author) {
        return new ArenaResponse(
                0,
                original.instructionId(),
                original.model(),
                text,
                ResponseOrigin.EDITED,
                null,
                original.id(),
                null,
                author,
                null);
    }

    /**
     * SHA-256 of the text: one model's identical answers to one instruction are one response. An answer asked with a
     * prompt version (a changed answerer prompt, decision 0019) is one of its own, its version hashed with the text:
     * the same words under another prompt are that prompt's answer, and the plain answer stays the plain one.
     */
    public String contentHash() {
        String identity = call.present() && call.promptVersion() != 0
                ? "prompt version " + call.promptVersion() + "\n" + text
                : text;
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
