package io.arenainstruct.studio.domain.run;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.arenainstruct.studio.domain.flow.AgentRole;

/**
 * What a curator asks a run to do.
 *
 * @param endpoint      the run's endpoint: used by every agent without its own and without a role endpoint
 * @param roleEndpoints endpoints per role, overriding {@code endpoint} (absent roles use it)
 * @param rounds        refinement rounds; null: each flow's own number
 * @param perSeed       instructions generated per transformed passage
 * @param freshSamples  true: ask the models again even for requests an earlier run already made
 * @param randomSeed    seeds the random choices (transformation agent, categories), so a resumed run makes
 *                      the same choices and therefore the same requests
 */
public record RunConfig(
        List<String> skills,
        SeedSelection seeds,
        String endpoint,
        Map<AgentRole, String> roleEndpoints,
        Integer rounds,
        int perSeed,
        boolean freshSamples,
        long randomSeed) {
    /** The most refinement rounds a flow or a run may ask for (the app's forms and the command line alike). */
    public static final int MAX_ROUNDS = 10;
    /** The most instructions a run may generate per transformed passage. */
    public static final int MAX_PER_SEED = 1000;

    public RunConfig {
        skills = List.copyOf(skills);
        Objects.requireNonNull(seeds, "seeds");
        Objects.requireNonNull(endpoint, "endpoint");
        roleEndpoints = Map.copyOf(roleEndpoints);
        if (skills.isEmpty()) {
            throw new IllegalArgumentException("choose at least one skill");
        }
        if (perSeed < 1 || perSeed > MAX_PER_SEED) {
            throw new IllegalArgumentException("instructions per seed must be 1 to " + MAX_PER_SEED);
        }
        if (rounds != null && (rounds < 0 || rounds > MAX_ROUNDS)) {
            throw new IllegalArgumentException("rounds must be 0 to " + MAX_ROUNDS);
        }
    }

    public static RunConfig of(List<String> skills, SeedSelection seeds, String endpoint) {
        return new RunConfig(skills, seeds, endpoint, Map.of(), null, 1, false, 1L);
    }

    public RunConfig withRounds(Integer newRounds) {
        return new RunConfig(skills, seeds, endpoint, roleEndpoints, newRounds, perSeed, freshSamples, randomSeed);
    }

    public RunConfig withPerSeed(int n) {
        return new RunConfig(skills, seeds, endpoint, roleEndpoints, rounds, n, freshSamples, randomSeed);
    }

    public RunConfig withRoleEndpoints(Map<AgentRole, String> endpoints) {
        return new RunConfig(skills, seeds, endpoint, endpoints, rounds, perSeed, freshSamples, randomSeed);
    }

    public RunConfig withFreshSamples(boolean fresh, long newRandomSeed) {
        return new RunConfig(skills, seeds, endpoint, roleEndpoints, rounds, perSeed, fresh, newRandomSeed);
    }

    /** The endpoint a role uses unless the agent names its own. */
    public String endpointFor(AgentRole role) {
        return roleEndpoints.getOrDefault(role, endpoint);
    }
}
