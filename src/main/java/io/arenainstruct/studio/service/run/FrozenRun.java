package io.arenainstruct.studio.service.run;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.arenainstruct.studio.domain.Taxonomy;
import io.arenainstruct.studio.domain.flow.Flow;
import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.llm.Provider;
import io.arenainstruct.studio.domain.run.RunConfig;
import io.arenainstruct.studio.service.taxonomy.TaxonomyFileException;
import io.arenainstruct.studio.service.taxonomy.TaxonomyYaml;

/**
 * Everything a run uses, frozen when it starts: the flows with their prompt texts and versions, the taxonomies,
 * the endpoints (never keys: only the environment variable names), and the seed ids. A resumed run reads this,
 * not the current state, so it sends the same requests and the ledger answers what it already holds.
 */
public record FrozenRun(
        List<Flow> flows, Map<String, String> taxonomies, List<FrozenEndpoint> endpoints, List<Long> seedIds) {
    static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public FrozenRun {
        flows = List.copyOf(flows);
        taxonomies = Map.copyOf(taxonomies);
        endpoints = List.copyOf(endpoints);
        seedIds = List.copyOf(seedIds);
    }

    /** An endpoint as frozen (Duration as milliseconds for plain JSON). */
    public record FrozenEndpoint(
            String name,
            Provider provider,
            String baseUrl,
            String model,
            String apiKeyEnv,
            int maxConcurrent,
            int requestsPerMinute,
            int tokensPerMinute,
            long timeoutMillis,
            Double temperature,
            Integer maxTokens,
            Integer seed) {
        static FrozenEndpoint of(Endpoint e) {
            return new FrozenEndpoint(
                    e.name(),
                    e.provider(),
                    e.baseUrl(),
                    e.model(),
                    e.apiKeyEnv(),
                    e.maxConcurrent(),
                    e.requestsPerMinute(),
                    e.tokensPerMinute(),
                    e.timeout().toMillis(),
                    e.temperature(),
                    e.maxTokens(),
                    e.seed());
        }

        Endpoint endpoint() {
            return new Endpoint(
                    name,
                    provider,
                    baseUrl,
                    model,
                    apiKeyEnv,
                    maxConcurrent,
                    requestsPerMinute,
                    tokensPerMinute,
                    Duration.ofMillis(timeoutMillis),
                    temperature,
                    maxTokens,
                    seed);
        }
    }

    static FrozenRun of(List<Flow> flows, List<Taxonomy> taxonomies, List<Endpoint> endpoints, List<Long> seedIds) {
        Map<String, String> tax = new LinkedHashMap<>();
        taxonomies.forEach(t -> tax.put(t.skillId(), TaxonomyYaml.write(t)));
        return new FrozenRun(
                flows, tax, endpoints.stream().map(FrozenEndpoint::of).toList(), seedIds);
    }

    /**
     * The same run with where and how fast to call taken from the endpoints as they are now (base URL, key
     * variable, limits, timeout) when an endpoint of the same name still serves the same provider and model. What
     * shapes the requests (model, temperature, max tokens, seed) stays frozen, so the ledger still answers them.
     */
    FrozenRun withCurrentConnections(Function<String, Optional<Endpoint>> current) {
        List<FrozenEndpoint> updated = endpoints.stream()
                .map(f -> current.apply(f.name())
                        .filter(e -> e.provider() == f.provider() && e.model().equals(f.model()))
                        .map(e -> new FrozenEndpoint(
                                f.name(),
                                f.provider(),
                                e.baseUrl(),
                                f.model(),
                                e.apiKeyEnv(),
                                e.maxConcurrent(),
                                e.requestsPerMinute(),
                                e.tokensPerMinute(),
                                e.timeout().toMillis(),
                                f.temperature(),
                                f.maxTokens(),
                                f.seed()))
                        .orElse(f))
                .toList();
        return new FrozenRun(flows, taxonomies, updated, seedIds);
    }

    Optional<Flow> flow(String skill) {
        return flows.stream().filter(f -> f.skill().equals(skill)).findFirst();
    }

    Taxonomy taxonomy(String skill) {
        try {
            return TaxonomyYaml.parse("frozen taxonomy " + skill, taxonomies.get(skill));
        } catch (TaxonomyFileException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    Optional<Endpoint> endpoint(String name) {
        return endpoints.stream().filter(e -> e.name().equals(name)).findFirst().map(FrozenEndpoint::endpoint);
    }

    String toJson() {
        return write(this);
    }

    static FrozenRun fromJson(String json) {
        return read(json, FrozenRun.class);
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static <T> T read(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored run cannot be read: " + e.getOriginalMessage(), e);
        }
    }

    static RunConfig config(String json) {
        return read(json, RunConfig.class);
    }
}
