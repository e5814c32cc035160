package io.arenainstruct.studio.domain.llm;

import java.util.List;

/**
 * What a caller asks of a model. Settings left null take the endpoint's defaults.
 *
 * @param jsonSchema  a JSON schema (as JSON text) the reply must match, or null for free text
 * @param sampleIndex which of several wanted answers this is (0 for the first); part of the cache key
 * @param fresh       true: do not answer from the ledger, always call the model
 * @param runId       provenance: the run that asked, or null
 * @param step        provenance: the step of that run (e.g. "generation"), or null
 */
public record ModelRequest(
        List<Message> messages,
        Double temperature,
        Integer maxTokens,
        Integer seed,
        String jsonSchema,
        int sampleIndex,
        boolean fresh,
        Long runId,
        String step) {

    public ModelRequest {
        messages = List.copyOf(messages);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a model request needs at least one message");
        }
    }

    public static ModelRequest of(List<Message> messages) {
        return new ModelRequest(messages, null, null, null, null, 0, false, null, null);
    }

    public static ModelRequest ofUser(String text) {
        return of(List.of(Message.user(text)));
    }

    public ModelRequest withMessages(List<Message> newMessages) {
        return new ModelRequest(newMessages, temperature, maxTokens, seed, jsonSchema, sampleIndex, fresh, runId, step);
    }

    public ModelRequest withSchema(String schema) {
        return new ModelRequest(messages, temperature, maxTokens, seed, schema, sampleIndex, fresh, runId, step);
    }

    public ModelRequest withSample(int index) {
        return new ModelRequest(messages, temperature, maxTokens, seed, jsonSchema, index, fresh, runId, step);
    }

    public ModelRequest asFresh() {
        return new ModelRequest(messages, temperature, maxTokens, seed, jsonSchema, sampleIndex, true, runId, step);
    }

    public ModelRequest withProvenance(Long run, String stepName) {
        return new ModelRequest(messages, temperature, maxTokens, seed, jsonSchema, sampleIndex, fresh, run, stepName);
    }

    public ModelRequest withSettings(Double newTemperature, Integer newMaxTokens, Integer newSeed) {
        return new ModelRequest(
                messages, newTemperature, newMaxTokens, newSeed, jsonSchema, sampleIndex, fresh, runId, step);
    }
}
