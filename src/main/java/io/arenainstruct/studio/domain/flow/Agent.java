package io.arenainstruct.studio.domain.flow;

import java.util.List;
import java.util.Objects;

/**
 * One agent of a flow.
 *
 * @param id          unique within its flow (kebab-case)
 * @param categories  generators only: the taxonomy categories it writes for; empty means every category
 * @param jsonSchema  the JSON schema its reply must match (JSON text)
 * @param endpoint    the endpoint's name, or null for the run's endpoint for this role
 * @param temperature null: the endpoint's default
 * @param maxTokens   null: the endpoint's default
 * @param prompt      the templates (in a stored flow: the latest version)
 * @param version     the prompt version {@code prompt} is (0 before the flow is in a store)
 */
public record Agent(
        String id,
        String name,
        AgentRole role,
        String description,
        List<String> categories,
        String jsonSchema,
        String endpoint,
        Double temperature,
        Integer maxTokens,
        Prompt prompt,
        int version) {
    public Agent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
        categories = List.copyOf(categories);
        name = name == null || name.isBlank() ? id : name;
        description = description == null ? "" : description;
    }

    /** The agent's key in the store: skill and id, e.g. {@code reading-comprehension/debate}. */
    public static String key(String skill, String agentId) {
        return skill + "/" + agentId;
    }

    public Agent withPrompt(Prompt newPrompt, int newVersion) {
        return new Agent(
                id,
                name,
                role,
                description,
                categories,
                jsonSchema,
                endpoint,
                temperature,
                maxTokens,
                newPrompt,
                newVersion);
    }

    public Agent withSettings(String newEndpoint, Double newTemperature, Integer newMaxTokens) {
        return new Agent(
                id,
                name,
                role,
                description,
                categories,
                jsonSchema,
                newEndpoint,
                newTemperature,
                newMaxTokens,
                prompt,
                version);
    }

    /** Whether this generator writes for the category (by name, case-insensitive). */
    public boolean covers(String category) {
        return categories.isEmpty() || categories.stream().anyMatch(c -> c.equalsIgnoreCase(category));
    }
}
