package io.arenainstruct.studio.service.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.arenainstruct.studio.domain.Taxonomy;
import io.arenainstruct.studio.domain.TaxonomyNode;
import io.arenainstruct.studio.domain.flow.Agent;
import io.arenainstruct.studio.domain.flow.Flow;
import io.arenainstruct.studio.service.taxonomy.TaxonomyYaml;

/** The flow files shipped in resources/flows/: one per shipped taxonomy, valid, and with the required agents. */
class ShippedFlowsTest {
    /** Maven runs tests in the project directory. */
    static final Path FLOWS = Path.of("resources/flows");

    static final Path TAXONOMIES = Path.of("taxonomies");

    static final List<String> READING_TRANSFORMERS = List.of(
            "argument-passage",
            "debate",
            "conversation",
            "meeting-transcript",
            "poem",
            "satirical-passage",
            "instructional-passage",
            "long-text",
            "identity");

    /** Skill id to its parsed flow. */
    static final Map<String, Flow> FLOWS_BY_SKILL = new LinkedHashMap<>();

    @BeforeAll
    static void readAll() throws IOException {
        List<String> failures = new ArrayList<>();
        for (Path file : yamlFiles(FLOWS)) {
            String name = file.getFileName().toString();
            String text = Files.readString(file, StandardCharsets.UTF_8);
            try {
                Flow flow = FlowYaml.parse(name, text);
                FLOWS_BY_SKILL.put(stem(file), flow);
            } catch (FlowFileException e) {
                failures.add(e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            fail("flow files with problems:\n" + String.join("\n", failures));
        }
    }

    static List<Path> yamlFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".yaml"))
                    .sorted()
                    .toList();
        }
    }

    static String stem(Path file) {
        String n = file.getFileName().toString();
        return n.substring(0, n.length() - ".yaml".length());
    }

    static Taxonomy taxonomy(String skill) throws Exception {
        return TaxonomyYaml.read(TAXONOMIES.resolve(skill + ".yaml"));
    }

    @Test
    void everyFlowNamesItsFileAndFitsItsTaxonomy() throws Exception {
        assertThat(FLOWS_BY_SKILL).isNotEmpty();
        for (var e : FLOWS_BY_SKILL.entrySet()) {
            Flow flow = e.getValue();
            assertThat(flow.skill()).as("skill id in %s.yaml", e.getKey()).isEqualTo(e.getKey());
            Path taxonomyFile = TAXONOMIES.resolve(flow.skill() + ".yaml");
            assertThat(taxonomyFile).as("taxonomy of %s", flow.skill()).exists();
            assertThat(FlowYaml.taxonomyProblems(flow, taxonomy(flow.skill())))
                    .as("%s", flow.skill())
                    .isEmpty();
        }
    }

    @Test
    void everyShippedTaxonomyHasAFlow() throws IOException {
        List<String> skills =
                yamlFiles(TAXONOMIES).stream().map(ShippedFlowsTest::stem).toList();
        assertThat(FLOWS_BY_SKILL.keySet()).containsExactlyInAnyOrderElementsOf(skills);
    }

    @Test
    void everyFlowHasEveryStage() {
        for (Flow flow : FLOWS_BY_SKILL.values()) {
            assertThat(flow.transformers()).as("%s transformers", flow.skill()).isNotEmpty();
            assertThat(flow.generators()).as("%s generators", flow.skill()).isNotEmpty();
            assertThat(flow.goals()).as("%s goals", flow.skill()).isNotEmpty();
            assertThat(flow.rounds()).as("%s rounds", flow.skill()).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void everyPromptInstructsTheOutputField() {
        for (Flow flow : FLOWS_BY_SKILL.values()) {
            for (Agent a : flow.agents()) {
                String field = "\"" + a.role().outputField() + "\"";
                assertThat(a.prompt().system() + "\n" + a.prompt().user())
                        .as(
                                "%s/%s (%s) names %s",
                                flow.skill(), a.id(), a.role().id(), field)
                        .contains(field);
            }
        }
    }

    @Test
    void readingComprehensionHasTheNineTransformationsAndThreeGoals() {
        Flow flow = FLOWS_BY_SKILL.get("reading-comprehension");
        assertThat(flow).isNotNull();
        assertThat(flow.pick()).isEqualTo(Flow.Pick.RANDOM);
        assertThat(flow.transformers()).extracting(Agent::id).containsExactlyInAnyOrderElementsOf(READING_TRANSFORMERS);
        assertThat(flow.goals()).hasSize(3);
        assertThat(flow.rounds()).isEqualTo(2);
    }

    @Test
    void everyTaxonomyCategoryHasAGenerator() throws Exception {
        for (Flow flow : FLOWS_BY_SKILL.values()) {
            for (TaxonomyNode category : taxonomy(flow.skill()).categories()) {
                assertThat(flow.generators())
                        .as("%s: a generator for '%s'", flow.skill(), category.name())
                        .anyMatch(g -> g.covers(category.name()));
            }
        }
    }

    @Test
    void questionTypesModificationsAndToolTasksHaveOneGeneratorPerCategory() throws Exception {
        for (String skill : List.of("reading-comprehension", "text-modification", "tool-use")) {
            Flow flow = FLOWS_BY_SKILL.get(skill);
            assertThat(flow).as(skill).isNotNull();
            List<TaxonomyNode> categories = taxonomy(skill).categories();
            assertThat(flow.generators()).as("%s generators", skill).hasSameSizeAs(categories);
            for (TaxonomyNode category : categories) {
                assertThat(flow.generators())
                        .as("%s: a generator for '%s' alone", skill, category.name())
                        .anyMatch(g -> g.categories().size() == 1 && g.covers(category.name()));
            }
        }
    }

    @Test
    void toolUseTurnsSeedsIntoApiLists() {
        Flow flow = FLOWS_BY_SKILL.get("tool-use");
        assertThat(flow).isNotNull();
        assertThat(flow.transformers()).extracting(Agent::id).contains("api-list", "invented-api-list");
        assertThat(flow.goals()).hasSizeGreaterThanOrEqualTo(3);
    }
}
