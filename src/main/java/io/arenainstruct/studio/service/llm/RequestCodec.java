package io.arenainstruct.studio.service.llm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.arenainstruct.studio.domain.Hashes;
import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.llm.Message;
import io.arenainstruct.studio.domain.llm.ModelRequest;

/**
 * The canonical form of a request: what the ledger stores and what its hash (the cache key) covers:
 * provider, model, effective settings, messages, schema and sample index. Never a key or a URL.
 */
final class RequestCodec {
    private static final ObjectMapper JSON =
            new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    /** The effective request: the caller's settings over the endpoint's defaults. */
    record Resolved(
            List<Message> messages,
            Double temperature,
            Integer maxTokens,
            Integer seed,
            String jsonSchema,
            int sampleIndex,
            String json,
            String hash) {}

    private RequestCodec() {}

    static Resolved resolve(Endpoint endpoint, ModelRequest request) {
        Double temperature = request.temperature() != null ? request.temperature() : endpoint.temperature();
        Integer maxTokens = request.maxTokens() != null ? request.maxTokens() : endpoint.maxTokens();
        Integer seed = request.seed() != null ? request.seed() : endpoint.seed();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("provider", endpoint.provider().id());
        doc.put("model", endpoint.model());
        doc.put("temperature", temperature);
        doc.put("max_tokens", maxTokens);
        doc.put("seed", seed);
        doc.put("sample", request.sampleIndex());
        doc.put("schema", request.jsonSchema());
        doc.put(
                "messages",
                request.messages().stream()
                        .map(m -> Map.of("role", m.role().name().toLowerCase(Locale.ROOT), "content", m.content()))
                        .toList());
        String json;
        try {
            json = JSON.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a request that cannot be written as JSON", e);
        }
        return new Resolved(
                request.messages(),
                temperature,
                maxTokens,
                seed,
                request.jsonSchema(),
                request.sampleIndex(),
                json,
                Hashes.sha256(json));
    }
}
