package io.arenainstruct.studio.domain.llm;

import java.util.Locale;

/** Where an endpoint's model runs and which wire format it speaks. */
public enum Provider {
    OLLAMA("ollama", "http://localhost:11434"),
    OPENAI_COMPATIBLE("openai-compatible", "http://localhost:1234/v1"),
    OPENAI("openai", "https://api.openai.com/v1"),
    ANTHROPIC("anthropic", "https://api.anthropic.com/v1"),
    DRY_RUN("dry-run", "");

    private final String id;
    private final String defaultBaseUrl;

    Provider(String id, String defaultBaseUrl) {
        this.id = id;
        this.defaultBaseUrl = defaultBaseUrl;
    }

    /** The name used by commands and files, e.g. {@code openai-compatible}. */
    public String id() {
        return id;
    }

    public String defaultBaseUrl() {
        return defaultBaseUrl;
    }

    /**
     * Whether the gateway sends a JSON schema to this provider as a request parameter the server enforces while
     * decoding: OpenAI's {@code response_format} json_schema (also understood by OpenAI-compatible servers such as
     * vLLM, llama.cpp and LM Studio, though some builds refuse it with a 400) and Ollama's {@code format}. Anthropic
     * gets the schema only in words (the gateway sends no output format there), so its reply may wander from it and a
     * judge reads a label from text more reliably. The dry run enforces nothing.
     */
    public boolean enforcesJsonSchema() {
        return this == OPENAI || this == OPENAI_COMPATIBLE || this == OLLAMA;
    }

    public static Provider fromId(String id) {
        String wanted = id.strip().toLowerCase(Locale.ROOT);
        for (Provider p : values()) {
            if (p.id.equals(wanted) || p.name().equalsIgnoreCase(wanted)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown provider '" + id + "'; use one of: ollama, openai-compatible,"
                + " openai, anthropic, dry-run");
    }
}
