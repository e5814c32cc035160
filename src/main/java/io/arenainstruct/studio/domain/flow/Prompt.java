package io.arenainstruct.studio.domain.flow;

import java.util.Objects;

/** An agent's two templates: the system prompt and the user message. */
public record Prompt(String system, String user) {
    public Prompt {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(user, "user");
    }
}
