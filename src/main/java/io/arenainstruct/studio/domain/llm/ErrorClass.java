package io.arenainstruct.studio.domain.llm;

import java.util.Locale;

/** Why a model call failed, in words a curator understands; decides whether a retry can help. */
public enum ErrorClass {
    AUTHENTICATION("The server refused the key: check the API key or its environment variable.", false),
    RATE_LIMIT("The server says too many requests: lower the endpoint's limits or wait.", true),
    QUOTA_EXCEEDED("The account's quota or credit is used up: check the provider's billing.", false),
    SERVER_ERROR("The model server had an internal error.", true),
    TIMEOUT("The model did not answer within the endpoint's timeout.", true),
    NETWORK("The server could not be reached (not running, wrong address, or the connection broke).", true),
    MALFORMED_REPLY("The server's reply could not be understood (not the expected format, or cut off).", true),
    CONTENT_FILTERED("The provider's content filter blocked the reply.", false),
    CONTEXT_TOO_LONG("The prompt is longer than the model's context window.", false),
    MODEL_NOT_FOUND("The server does not have this model: check the model name (or pull it in Ollama).", false),
    INVALID_REQUEST("The server rejected the request as invalid.", false),
    SCHEMA_MISMATCH("The reply did not match the requested JSON schema, even after a repair attempt.", false),
    EMPTY_REPLY("The model answered with empty text.", true),
    NO_KEY("No API key is set for this endpoint: set its environment variable or add it to the secrets file.", false),
    CANCELLED("The call was cancelled.", false);

    private final String explanation;
    private final boolean retriable;

    ErrorClass(String explanation, boolean retriable) {
        this.explanation = explanation;
        this.retriable = retriable;
    }

    public String explanation() {
        return explanation;
    }

    public boolean retriable() {
        return retriable;
    }

    /** Lower-case words for tables and JSON, e.g. "rate limit". */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
