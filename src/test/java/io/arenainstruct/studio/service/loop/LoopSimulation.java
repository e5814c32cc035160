package io.arenainstruct.studio.service.loop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.arenainstruct.studio.domain.NewSeed;
import io.arenainstruct.studio.domain.SeedKind;
import io.arenainstruct.studio.domain.Taxonomy;
import io.arenainstruct.studio.domain.TaxonomyNode;
import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.llm.Provider;
import io.arenainstruct.studio.service.flow.FlowFileException;
import io.arenainstruct.studio.service.flow.FlowService;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.service.workspace.WorkspaceRepositories;
import io.arenainstruct.studio.testserver.JudgeReplies;
import io.arenainstruct.studio.testserver.RecordedRequest;

/**
 * A loop to simulate against an in-test model server that plays every model: the run's agents (model G, endpoint
 * gen), the target T (endpoint t) and its opponent O (endpoint o) answering, and the judge J (endpoint j). The skill
 * has three categories of weight 1 and no refinement rounds; the judge makes T lose every battle in Inference (the
 * planted weak category), win every battle in Recall (slightly, so Recall is not "easy") and tie every battle in Easy;
 * a model R (no endpoint here: a test that regenerates battles adds one) wins every battle it is in.
 * Seeds come in two sets, tagged "first" and "second".
 */
public final class LoopSimulation {
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String SKILL = "loop-skill";
    public static final String RECALL = "Recall";
    public static final String INFERENCE = "Inference";
    public static final String EASY = "Easy";
    public static final String FLOW = """
            skill: loop-skill
            name: Loop skill
            transformation:
              pick: random
              agents:
                - id: retell
                  system: |
                    ROLE transformer. Reply with one JSON object: {"passage": "..."}
                  user: |
                    Retell {{seed_name}}: {{seed}}
            generation:
              agents:
                - id: asker
                  categories: [Recall, Inference, Easy]
                  system: |
                    ROLE generator. Reply with {"instruction": "..."}
                  user: |
                    Category: {{category}}
                    Passage: {{passage}}
            refinement:
              rounds: 0
              goals:
                - make it harder
              suggester:
                id: critic
                system: |
                  ROLE suggester. Reply {"suggestions": "..."}
                user: |
                  Suggest for: {{instruction}}
              editor:
                id: reviser
                system: |
                  ROLE editor. Reply {"instruction": "..."}
                user: |
                  Revise: {{instruction}}
                  Following: {{suggestions}}
            answerer:
              id: solver
              system: |
                ROLE answerer. Reply {"response": "..."}
              user: |
                Answer: {{instruction}}
            """;

    private static final Pattern CATEGORY = Pattern.compile("\\[(Recall|Inference|Easy)]");

    private LoopSimulation() {}

    /** The skill (three categories of weight 1, no refinement rounds), the seeds of both iterations, the endpoints. */
    public static void install(Workspace ws, String baseUrl, int seedsPerTag) throws FlowFileException {
        TaxonomyNode root = new TaxonomyNode("Loop skill", "A skill for the loop.", 1.0, true);
        root.children().add(new TaxonomyNode(RECALL, "Questions answered in the passage.", 1.0, true));
        root.children().add(new TaxonomyNode(INFERENCE, "Questions the passage implies.", 1.0, true));
        root.children().add(new TaxonomyNode(EASY, "Questions anyone answers.", 1.0, true));
        ws.taxonomies().save(new Taxonomy(SKILL, root));
        ws.flows().installMissing(List.of(new FlowService.FlowFile("loop-skill.yaml", FLOW)));
        List<NewSeed> seeds = new ArrayList<>();
        for (String tag : List.of("first", "second")) {
            for (int i = 0; i < seedsPerTag; i++) {
                seeds.add(NewSeed.of(
                        tag + "-" + i + ".txt",
                        "/loop/" + tag + "-" + i + ".txt",
                        SeedKind.TEXT,
                        "",
                        List.of(tag),
                        "Seed " + tag + " " + i + " tells of rivers and markets."));
            }
        }
        WorkspaceRepositories.seeds(ws).insertNew(seeds);
        for (String[] e : new String[][] {{"gen", "G"}, {"t", "T"}, {"o", "O"}, {"j", "J"}}) {
            ws.endpoints()
                    .save(Endpoint.of(e[0], Provider.OPENAI_COMPATIBLE, baseUrl, e[1])
                            .withLimits(8, 0, 0)
                            .withTimeout(Duration.ofSeconds(10)));
        }
    }

    /** Every model's reply: the run's agents by their role, T and O by name, J by the category and the sides. */
    public static String reply(RecordedRequest r) {
        String user = r.lastUserMessage() == null ? "" : r.lastUserMessage();
        switch (r.model()) {
            case "T", "O", "R" -> {
                return "Answer by " + r.model() + " to: "
                        + user.lines().findFirst().orElse("");
            }
            case "J" -> {
                return JudgeReplies.always(verdict(user)).apply(r);
            }
            default -> {
                String system = r.systemMessage() == null ? "" : r.systemMessage();
                if (system.contains("ROLE transformer")) {
                    return JSON.createObjectNode()
                            .put("passage", "Passage of " + user.strip())
                            .toString();
                }
                if (system.contains("ROLE generator")) {
                    Matcher m = Pattern.compile("Category: (\\w+)").matcher(user);
                    String category = m.find() ? m.group(1) : "none";
                    String passage =
                            user.substring(user.indexOf("Passage:") + 8).strip();
                    return JSON.createObjectNode()
                            .put("instruction", "[" + category + "] What does this say? " + passage)
                            .toString();
                }
                if (system.contains("ROLE suggester")) {
                    return JSON.createObjectNode()
                            .put("suggestions", "Ask for more.")
                            .toString();
                }
                if (system.contains("ROLE editor")) {
                    String instruction = user.substring(user.indexOf("Revise:") + 7, user.indexOf("Following:"))
                            .strip();
                    return JSON.createObjectNode()
                            .put("instruction", instruction + " Say more.")
                            .toString();
                }
                return JSON.createObjectNode().put("response", "An answer.").toString();
            }
        }
    }

    /**
     * The planted judge: R wins wherever it is; otherwise T loses in Inference, wins slightly in Recall, ties in Easy,
     * wherever it is shown.
     */
    public static String verdict(String user) {
        Matcher m = CATEGORY.matcher(user);
        String category = m.find() ? m.group(1) : "";
        int a = user.indexOf("Start of Assistant A's Answer");
        int b = user.indexOf("Start of Assistant B's Answer");
        boolean targetIsA = user.indexOf("Answer by T", a) < b;
        int regenerated = user.indexOf("Answer by R", a);
        if (regenerated >= 0) {
            return regenerated < b ? "R is right. [[A>B]]" : "R is right. [[B>A]]";
        }
        return switch (category) {
            case INFERENCE -> targetIsA ? "O is right. [[B>A]]" : "O is right. [[A>B]]";
            case RECALL -> targetIsA ? "T is right. [[A>B]]" : "T is right. [[B>A]]";
            default -> "Both fine. [[A=B]]";
        };
    }
}
