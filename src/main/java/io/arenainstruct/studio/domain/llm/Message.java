package io.arenainstruct.studio.domain.llm;

import java.util.Objects;

/** One chat message. */
public record Message(Role role, String content) {
    public enum Role {
        SYSTEM,
        USER,
        ASSISTANT
    }

    public Message {
        Objects.requireNonNull(role);
        Objects.requireNonNull(content);
    }

    public static Message system(String text) {
        return new Message(Role.SYSTEM, text);
    }

    public static Message user(String text) {
        return new Message(Role.USER, text);
    }

    public static Message assistant(String text) {
        return new Message(Role.ASSISTANT, text);
    }
}
