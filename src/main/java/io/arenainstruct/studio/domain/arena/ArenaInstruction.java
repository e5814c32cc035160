package io.arenainstruct.studio.domain.arena;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

import io.arenainstruct.studio.domain.llm.Message;

/**
 * What the arena asks models: a prompt (the last user message) after its context (a system message and earlier
 * turns, with the assistant's earlier answers as the conversation had them). The same conversation is the same
 * instruction wherever it came from.
 *
 * @param category         Arena-Hard's cluster, a file's category, or the run's taxonomy category; null if none
 * @param reference        a reference answer a judge may be shown; null if none
 * @param runInstructionId the run instruction whose final text this is; null for imported ones
 */
public record ArenaInstruction(
        long id,
        List<Message> context,
        String prompt,
        String category,
        String reference,
        Long runInstructionId,
        Instant createdAt) {
    public ArenaInstruction {
        context = context == null ? List.of() : List.copyOf(context);
        Objects.requireNonNull(prompt, "prompt");
    }

    /** A new instruction (no id yet). */
    public static ArenaInstruction of(List<Message> context, String prompt, String category, String reference) {
        return new ArenaInstruction(0, context, prompt, category, reference, null, null);
    }

    /** User turns, the prompt included. */
    public int turns() {
        return 1
                + (int) context.stream()
                        .filter(m -> m.role() == Message.Role.USER)
                        .count();
    }

    /** The messages a model answering it is sent: the context, then the prompt. */
    public List<Message> conversation() {
        List<Message> all = new ArrayList<>(context);
        all.add(Message.user(prompt));
        return all;
    }

    /**
     * The instruction's identity: SHA-256 over each message's role and text, length-prefixed so no two
     * conversations share it by moving text across a message boundary. Category and reference are not part of it.
     */
    public String contentHash() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Message m : conversation()) {
                byte[] text = m.content().getBytes(StandardCharsets.UTF_8);
                digest.update(m.role().name().getBytes(StandardCharsets.US_ASCII));
                digest.update((":" + text.length + ":").getBytes(StandardCharsets.US_ASCII));
                digest.update(text);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    public ArenaInstruction withRunInstruction(long runInstruction) {
        return new ArenaInstruction(id, context, prompt, category, reference, runInstruction, createdAt);
    }
}
