package io.arenainstruct.studio.service.arena;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.arenainstruct.studio.domain.flow.Prompt;
import io.arenainstruct.studio.domain.flow.PromptVersion;
import io.arenainstruct.studio.domain.llm.Message;
import io.arenainstruct.studio.store.FlowRepository;

/**
 * The answerer's prompt: a system message given to a model before the instruction (decision 0019). Answers are asked
 * without one (version 0, the instruction as it is); a changed answerer prompt is kept as a version among the agents'
 * prompts, so an answer names the exact text it was asked with and a job resumes with it.
 */
public final class AnswerPrompts {
    /** Where the versions are kept among the agents' prompts (a group no flow or judge uses). */
    public static final String KEY = "answerer/arena";
    /** The agent name answers are recorded under, with the version they were asked with. */
    public static final String AGENT = "answer";

    private final FlowRepository prompts;

    public AnswerPrompts(FlowRepository prompts) {
        this.prompts = prompts;
    }

    /** The version holding exactly {@code system}, saved as the next one when no version holds it yet. */
    public int versionOf(String system, String note) {
        if (system == null || system.isBlank()) {
            throw new IllegalArgumentException("the answerer prompt is empty");
        }
        String text = system.strip();
        for (PromptVersion v : prompts.history(KEY)) {
            if (v.prompt().system().equals(text)) {
                return v.version();
            }
        }
        return prompts.addVersion(KEY, new Prompt(text, ""), note).version();
    }

    /** The system message of a version; empty for version 0 (none) or one the store does not hold. */
    public Optional<String> text(int version) {
        if (version == 0) {
            return Optional.empty();
        }
        return prompts.history(KEY).stream()
                .filter(v -> v.version() == version)
                .findFirst()
                .map(v -> v.prompt().system());
    }

    /**
     * The conversation to send: the instruction's, after the answerer prompt as the system message. An instruction's
     * own system message follows it in the same message (some providers take one system message only).
     */
    static List<Message> conversation(String answererPrompt, List<Message> conversation) {
        if (answererPrompt == null) {
            return conversation;
        }
        List<Message> out = new ArrayList<>();
        if (!conversation.isEmpty() && conversation.get(0).role() == Message.Role.SYSTEM) {
            out.add(Message.system(answererPrompt + "\n\n" + conversation.get(0).content()));
            out.addAll(conversation.subList(1, conversation.size()));
        } else {
            out.add(Message.system(answererPrompt));
            out.addAll(conversation);
        }
        return out;
    }
}
