package io.arenainstruct.studio.service.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.arenainstruct.studio.domain.Taxonomy;
import io.arenainstruct.studio.domain.TaxonomyNode;
import io.arenainstruct.studio.domain.flow.Agent;
import io.arenainstruct.studio.domain.flow.AgentRole;
import io.arenainstruct.studio.domain.flow.Flow;
import io.arenainstruct.studio.domain.flow.Prompt;

class RunPlannerTest {
    private static Agent agent(String id, AgentRole role) {
        return new Agent(id, id, role, "", List.of(), "{}", null, null, null, new Prompt("s", "u"), 1);
    }

    private static final Flow FLOW = new Flow(
            "demo",
            "Demo",
            Flow.Pick.RANDOM,
            List.of(agent("t", AgentRole.TRANSFORMER)),
            List.of(agent("g", AgentRole.GENERATOR)),
            0,
            List.of("goal"),
            agent("s", AgentRole.SUGGESTER),
            agent("e", AgentRole.EDITOR),
            agent("a", AgentRole.ANSWERER));

    /** How often each category is chosen over many seeds. */
    private static Map<String, Integer> picks(Taxonomy taxonomy) {
        Map<String, Integer> count = new HashMap<>();
        for (long seed = 1; seed <= 400; seed++) {
            count.merge(
                    RunPlanner.choose(FLOW, taxonomy, 1, seed, "t", 0)
                            .category()
                            .name(),
                    1,
                    Integer::sum);
        }
        return count;
    }

    @Test
    void hugeWeightsThatGotPastTheChecksStillSampleInProportion() {
        // The constructor does not check (the file reader and the editor do): a store written before the limit.
        TaxonomyNode root = new TaxonomyNode("Demo", "", 1.0, true);
        root.children().add(new TaxonomyNode("First", "", 1.79e308, true));
        root.children().add(new TaxonomyNode("Second", "", 1.79e308, true));
        root.children().add(new TaxonomyNode("Tiny", "", 1.0, true));

        Map<String, Integer> count = picks(new Taxonomy("demo", root));

        assertThat(count.get("First")).as("their sum is not Infinity").isBetween(150, 250);
        assertThat(count.get("Second")).isBetween(150, 250);
        assertThat(count.getOrDefault("Tiny", 0)).isZero();
    }

    @Test
    void ordinaryWeightsKeepTheirProportions() {
        TaxonomyNode root = new TaxonomyNode("Demo", "", 1.0, true);
        root.children().add(new TaxonomyNode("Three", "", 3.0, true));
        root.children().add(new TaxonomyNode("One", "", 1.0, true));

        Map<String, Integer> count = picks(new Taxonomy("demo", root));

        assertThat(count.get("Three")).isBetween(260, 340);
        assertThat(count.get("One")).isBetween(60, 140);
    }
}
