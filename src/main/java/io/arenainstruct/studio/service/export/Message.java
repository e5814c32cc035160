package io.arenainstruct.studio.service.export;

/** One turn of a conversation to export. */
public record Message(Role role, String content) {

    /** Who speaks; {@link #id()} is the name OpenAI-style chat formats and TRL use. */
    public enum Role {
        SYSTEM("system"),
        USER("user"),
        ASSISTANT("assistant");

        private final String id;

        Role(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    public static Message system(String content) {
        return new Message(Role.SYSTEM, content);
    }

    public static Message user(String content) {
        return new Message(Role.USER, content);
    }

    public static Message assistant(String content) {
        return new Message(Role.ASSISTANT, content);
    }
}
