package io.arenainstruct.studio.service.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.arenainstruct.studio.domain.NewSeed;
import io.arenainstruct.studio.domain.SeedKind;
import io.arenainstruct.studio.domain.Taxonomy;
import io.arenainstruct.studio.domain.TaxonomyNode;
import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.llm.Provider;
import io.arenainstruct.studio.service.flow.FlowFileException;
import io.arenainstruct.studio.service.flow.FlowService;
import io.arenainstruct.studio.service.llm.RetryPolicy;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.service.workspace.WorkspaceRepositories;

/**
 * A small skill of our own for run tests: a taxonomy with one sampled category (two subcategories), one with
 * weight 0 and one disabled; a flow with two transformation agents, one generator, and a suggester, editor
 * and answerer whose prompts carry the role's name, so a test can tell steps apart.
 */
public final class RunFixture {
    /** Two attempts with short backoff: a failing step fails fast in tests that run flows. */
    public static final RetryPolicy QUICK_RETRIES =
            new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(2), 0.1);

    public static final String SKILL = "test-skill";
    public static final String FLOW = """
            skill: test-skill
            name: Test skill
            transformation:
              pick: random
              agents:
                - id: retell
                  system: |
                    ROLE transformer retell. Reply with one JSON object: {"passage": "..."}
                  user: |
                    Retell {{seed_name}}: {{seed}}
                - id: summarize
                  system: |
                    ROLE transformer summarize. Reply with one JSON object: {"passage": "..."}
                  user: |
                    Summarize {{seed_name}}: {{seed}}
            generation:
              agents:
                - id: asker
                  categories: [Questions, Weightless]
                  system: |
                    ROLE generator. Write a {{instruction_type}} task. Reply with {"instruction": "..."}
                  user: |
                    Ask about ({{instruction_type}}): {{passage}}
            refinement:
              rounds: 2
              goals:
                - make it harder
                - make it longer
              suggester:
                id: critic
                system: |
                  ROLE suggester round {{round}} of {{rounds}}. Goals: {{goals}}. Reply {"suggestions": "..."}
                user: |
                  Suggest for: {{instruction}}
              editor:
                id: reviser
                system: |
                  ROLE editor. Reply {"instruction": "..."}
                user: |
                  Revise {{instruction}} following {{suggestions}}
            answerer:
              id: solver
              system: |
                ROLE answerer. Reply {"response": "..."}
              user: |
                Answer: {{instruction}} {{input}}
            """;

    private RunFixture() {}

    /** Adds the skill's taxonomy and flow, {@code seeds} text seeds tagged "fixture", and an endpoint. */
    public static Endpoint install(Workspace ws, String baseUrl, int seeds, int maxConcurrent) {
        TaxonomyNode root = new TaxonomyNode("Test skill", "A skill for tests.", 1.0, true);
        TaxonomyNode questions = new TaxonomyNode("Questions", "Questions about the passage.", 1.0, true);
        questions.children().add(new TaxonomyNode("Why questions", "Ask why.", 1.0, true));
        questions.children().add(new TaxonomyNode("How questions", "Ask how.", 3.0, true));
        root.children().add(questions);
        root.children().add(new TaxonomyNode("Weightless", "Never sampled: weight 0.", 0.0, true));
        root.children().add(new TaxonomyNode("Switched off", "Never sampled: disabled.", 1.0, false));
        ws.taxonomies().save(new Taxonomy(SKILL, root));
        try {
            ws.flows().installMissing(List.of(new FlowService.FlowFile("test-skill.yaml", FLOW)));
        } catch (FlowFileException e) {
            throw new AssertionError(e.getMessage(), e);
        }
        List<NewSeed> batch = new ArrayList<>();
        for (int i = 0; i < seeds; i++) {
            batch.add(NewSeed.of(
                    "seed-" + i + ".txt",
                    "/fixture/seed-" + i + ".txt",
                    SeedKind.TEXT,
                    "",
                    List.of("fixture"),
                    "Seed number " + i + " tells of rivers and markets in a town."));
        }
        WorkspaceRepositories.seeds(ws).insertNew(batch);
        Endpoint endpoint = Endpoint.of("local", Provider.OPENAI_COMPATIBLE, baseUrl, "test-model")
                .withLimits(maxConcurrent, 0, 0)
                .withTimeout(Duration.ofSeconds(10));
        ws.endpoints().save(endpoint);
        return endpoint;
    }
}
