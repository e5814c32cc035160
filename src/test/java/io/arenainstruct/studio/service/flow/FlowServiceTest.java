package io.arenainstruct.studio.service.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.flow.Agent;
import io.arenainstruct.studio.domain.flow.AgentRole;
import io.arenainstruct.studio.domain.flow.Flow;
import io.arenainstruct.studio.domain.flow.Prompt;
import io.arenainstruct.studio.domain.flow.PromptVersion;
import io.arenainstruct.studio.domain.run.RunConfig;
import io.arenainstruct.studio.domain.run.SeedSelection;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.service.workspace.WorkspaceRepositories;
import io.arenainstruct.studio.store.FlowRepository;

class FlowServiceTest {
    @TempDir
    Path tmp;

    private Workspace ws;

    @BeforeEach
    void setUp() {
        ws = Workspace.open(tmp.resolve("store"));
    }

    @AfterEach
    void tearDown() {
        ws.close();
    }

    @Test
    void aNewStoreGetsTheShippedFlowOfEverySkill() {
        List<Flow> flows = ws.flows().all();
        assertThat(flows).hasSize(17);
        Flow rc = ws.flows().find("reading-comprehension").orElseThrow();
        assertThat(rc.transformers()).hasSize(9);
        assertThat(rc.agents()).allSatisfy(a -> assertThat(a.version()).isEqualTo(1));
        assertThat(ws.flows().history("reading-comprehension", "debate"))
                .singleElement()
                .satisfies(v -> assertThat(v.note()).isEqualTo("shipped"));
    }

    @Test
    void promptEditsAreVersionedValidatedAndRevertible() {
        Agent debate = ws.flows()
                .find("reading-comprehension")
                .orElseThrow()
                .agent("debate")
                .orElseThrow();
        Prompt edited = new Prompt(
                debate.prompt().system() + "\nKeep it under 300 words.",
                debate.prompt().user());
        PromptVersion v2 = ws.flows().savePrompt("reading-comprehension", "debate", edited, "shorter");
        assertThat(v2.version()).isEqualTo(2);
        assertThat(ws.flows()
                        .find("reading-comprehension")
                        .orElseThrow()
                        .agent("debate")
                        .orElseThrow()
                        .prompt())
                .isEqualTo(edited);
        assertThat(ws.flows()
                        .savePrompt("reading-comprehension", "debate", edited, "same again")
                        .version())
                .as("an unchanged prompt adds no version")
                .isEqualTo(2);

        assertThatThrownBy(() -> ws.flows()
                        .savePrompt(
                                "reading-comprehension",
                                "debate",
                                new Prompt("Use {{suggestions}} here", "{{seed}}"),
                                null))
                .hasMessageContaining("unknown variable {{suggestions}} for a transformer");
        assertThat(ws.flows().history("reading-comprehension", "debate")).hasSize(2);

        PromptVersion v3 = ws.flows().revert("reading-comprehension", "debate", 1);
        assertThat(v3.version()).isEqualTo(3);
        assertThat(v3.note()).isEqualTo("reverted to version 1");
        assertThat(v3.prompt()).isEqualTo(debate.prompt());
        Agent now = ws.flows()
                .find("reading-comprehension")
                .orElseThrow()
                .agent("debate")
                .orElseThrow();
        assertThat(now.version()).isEqualTo(3);
    }

    @Test
    void editedFlowsSurviveReopeningAndSettingsAreKept() {
        Agent answerer = ws.flows().find("fermi").orElseThrow().answerer();
        ws.flows()
                .savePrompt(
                        "fermi",
                        answerer.id(),
                        new Prompt("Answer well. Reply {\"response\": \"...\"}", "{{instruction}}"),
                        "mine");
        ws.flows().saveSettings("fermi", answerer.id(), "big-model", 0.2, 900);
        ws.close();
        ws = Workspace.open(tmp.resolve("store"));
        Agent after = ws.flows().find("fermi").orElseThrow().answerer();
        assertThat(after.prompt().user()).isEqualTo("{{instruction}}");
        assertThat(after.version()).isEqualTo(2);
        assertThat(after.endpoint()).isEqualTo("big-model");
        assertThat(after.temperature()).isEqualTo(0.2);
        assertThat(after.maxTokens()).isEqualTo(900);
        assertThat(after.role()).isEqualTo(AgentRole.ANSWERER);
    }

    @Test
    void refinementRoundsAndGoalsAreEditableAndChecked() {
        Flow before = ws.flows().find("fermi").orElseThrow();
        ws.flows().saveRefinement("fermi", 3, List.of("Ask for an order of magnitude", "  ", "Add a unit conversion"));
        ws.close();
        ws = Workspace.open(tmp.resolve("store"));
        Flow after = ws.flows().find("fermi").orElseThrow();
        assertThat(after.rounds()).isEqualTo(3);
        assertThat(after.goals()).containsExactly("Ask for an order of magnitude", "Add a unit conversion");
        assertThat(after.transformers()).isEqualTo(before.transformers());
        assertThat(ws.flows().all())
                .filteredOn(f -> f.skill().equals("fermi"))
                .singleElement()
                .satisfies(f -> assertThat(f.rounds()).isEqualTo(3));
        assertThatThrownBy(() -> ws.flows().saveRefinement("fermi", 11, List.of("x")))
                .hasMessageContaining("0 to 10");
        assertThatThrownBy(() -> ws.flows().saveRefinement("fermi", 2, List.of(" ")))
                .hasMessageContaining("at least one goal");
        assertThat(ws.flows().find("fermi").orElseThrow().rounds()).isEqualTo(3);
    }

    @Test
    void aFlowEditedAsAFileIsCheckedAndSavedLikeAnImport() throws Exception {
        ws.flows().saveSettings("fermi", "answerer", "big-model", 0.2, 900);
        String text = ws.flows().text("fermi").orElseThrow();
        assertThat(text).contains("skill: fermi").contains("endpoint: big-model");
        assertThat(FlowYaml.parse("x", text).answerer().endpoint())
                .as("the text carries the settings")
                .isEqualTo("big-model");
        assertThat(ws.flows().check("fermi", text)).isEmpty();

        String otherSkill = text.replace("skill: fermi", "skill: coding");
        assertThat(ws.flows().check("fermi", otherSkill))
                .singleElement()
                .satisfies(p -> assertThat(p.toString()).startsWith("flow of fermi:2: this is the flow of fermi"));
        assertThatThrownBy(() -> ws.flows().saveText("fermi", otherSkill, "note"))
                .isInstanceOf(FlowFileException.class);
        assertThat(ws.flows().text("coding").orElseThrow())
                .as("the other skill is untouched")
                .contains("skill: coding");

        String badPick = text.replaceFirst("pick: \\w+", "pick: sometimes");
        assertThat(ws.flows().check("fermi", badPick))
                .extracting(FlowProblem::message)
                .anyMatch(m -> m.contains("not 'sometimes'"));

        Agent answerer = ws.flows().find("fermi").orElseThrow().answerer();
        String edited = text.replaceFirst("pick: \\w+", "pick: all")
                .replaceFirst("(?m)^ *endpoint: big-model\n", "")
                .replace("most sensitive to.", "most sensitive to. Show your steps.");
        FlowService.ImportResult result = ws.flows().saveText("fermi", edited, "edited as a file in the app");
        assertThat(result.newVersions()).isEqualTo(1);
        Flow after = ws.flows().find("fermi").orElseThrow();
        assertThat(after.pick()).isEqualTo(Flow.Pick.ALL);
        assertThat(after.answerer().prompt().system()).contains("most sensitive to. Show your steps.");
        assertThat(after.answerer().endpoint()).as("settings become the file's").isNull();
        assertThat(after.answerer().temperature()).isEqualTo(0.2);
        assertThat(ws.flows().history("fermi", answerer.id()))
                .last()
                .satisfies(v -> assertThat(v.note()).isEqualTo("edited as a file in the app"));
    }

    @Test
    void aBrokenFlowFileIsReportedWithLines() {
        String broken = """
                skill: test-x
                transformation:
                  pick: sometimes
                  agents:
                    - id: a
                      system: hello {{nope}}
                      user: "{{seed}}"
                generation:
                  agents: []
                refinement:
                  rounds: 99
                  goals: [one]
                  suggester: {id: s, system: x, user: y}
                  editor: {id: s, system: x, user: y}
                answerer: {id: z, system: x, user: y, colour: blue}
                """;
        assertThatThrownBy(() -> FlowYaml.parse("test-x.yaml", broken))
                .isInstanceOfSatisfying(
                        FlowFileException.class,
                        e -> assertThat(e.problems())
                                .extracting(FlowProblem::toString)
                                .contains(
                                        "test-x.yaml:3: pick is 'random' (one agent per seed) or 'all',"
                                                + " not 'sometimes'",
                                        "test-x.yaml:11: rounds is a whole number from 0 to 10, not '99'",
                                        "test-x.yaml:14: agent id 's' is used twice in this flow")
                                .anyMatch(p -> p.startsWith("test-x.yaml:6: unknown variable {{nope}}"))
                                .anyMatch(p -> p.startsWith("test-x.yaml:15: unknown key 'colour'"))
                                .anyMatch(p -> p.startsWith("test-x.yaml:9: generation needs at least one agent")));
    }

    @Test
    void theFlowFilePaneCheckRefusesASchemaThatPointsOutsideItselfWithLineAndColumn() {
        String text = ws.flows().text("fermi").orElseThrow();
        String hostile = text.replace("answerer:\n  id: answerer\n", """
                answerer:
                  id: answerer
                  schema: |
                    {"type": "object", "required": ["response"],
                     "properties": {"response": {"type": "string"},
                                    "x": {"$ref": "file:///etc/passwd"}}}
                """);
        assertThat(hostile).isNotEqualTo(text);
        List<String> lines = hostile.lines().toList();
        String refLine =
                lines.stream().filter(l -> l.contains("passwd")).findFirst().orElseThrow();
        int line = lines.indexOf(refLine) + 1;
        int column = refLine.indexOf("\"file:") + 1;

        List<FlowProblem> problems = ws.flows().check("fermi", hostile);

        assertThat(problems)
                .extracting(FlowProblem::toString)
                .containsExactly("flow of fermi:" + line + ":" + column + ":"
                        + " \"$ref\": \"file:///etc/passwd\" points outside the schema; only references within it "
                        + "(\"#/...\")"
                        + " are allowed, so nothing is fetched from the network or read from disk");
        assertThatThrownBy(() -> ws.flows().saveText("fermi", hostile, "note")).isInstanceOf(FlowFileException.class);
        assertThat(ws.flows().check("fermi", hostile.replace("file:///etc/passwd", "#/properties/response")))
                .as("a reference inside the schema is fine")
                .isEmpty();
    }

    @Test
    void anOversizedFlowFileIsRefusedBeforeItIsRead() throws Exception {
        StringBuilder text = new StringBuilder(ws.flows().text("fermi").orElseThrow());
        while (text.length() <= 1024 * 1024) {
            text.append("# padding [[[[ {{{{\n");
        }
        Path big = tmp.resolve("big.yaml");
        Files.writeString(big, text);

        assertThatThrownBy(() -> FlowService.FlowFile.read(big))
                .isInstanceOfSatisfying(
                        FlowFileException.class,
                        e -> assertThat(e.problems())
                                .extracting(FlowProblem::toString)
                                .containsExactly(big
                                        + ":1: the file is 1.0 MB; a flow file may be at most 1 MB (nothing "
                                        + "was read)"));
        assertThat(ws.flows().check("fermi", text.toString()))
                .extracting(FlowProblem::message)
                .singleElement()
                .asString()
                .contains("a flow file may be at most 1 MB");
    }

    @Test
    void brokenTemplateVariablesAreProblemsWithLineAndColumnInTheFileAndTheEditor() {
        String text = ws.flows().text("fermi").orElseThrow();
        String broken =
                text.replaceFirst("\\{\\{seed}}", "{{seed").replaceFirst("\\{\\{seed_name}}", "{{ seed name }}");
        assertThat(broken).isNotEqualTo(text);
        List<String> lines = broken.lines().toList();
        String first = lines.stream()
                .filter(l -> l.contains("{{seed") && !l.contains("{{seed}}") && !l.contains("{{seed_"))
                .findFirst()
                .orElseThrow();

        List<FlowProblem> problems = ws.flows().check("fermi", broken);

        assertThat(problems)
                .extracting(FlowProblem::toString)
                .contains("flow of fermi:" + (lines.indexOf(first) + 1) + ":" + (first.indexOf("{{seed") + 1)
                        + ": {{seed is not closed; write {{seed}}");
        assertThat(problems)
                .extracting(FlowProblem::message)
                .anyMatch(m -> m.startsWith("{{ seed name }} is not a variable"));

        Agent answerer = ws.flows().find("fermi").orElseThrow().answerer();
        assertThatThrownBy(() -> ws.flows()
                        .savePrompt(
                                "fermi",
                                answerer.id(),
                                new Prompt(answerer.prompt().system(), "Answer this:\n{{instruction}} {{input"),
                                null))
                .hasMessageContaining("user message: line 2, column 17: {{input is not closed; write {{input}}");
        assertThat(ws.flows().history("fermi", answerer.id())).hasSize(1);
    }

    @Test
    void aStoredPromptWithABrokenVariableIsRefusedAtRunStart() {
        Agent answerer = ws.flows().find("fermi").orElseThrow().answerer();
        // A version saved before the check: stored directly, as an old store holds it.
        new FlowRepository(WorkspaceRepositories.store(ws))
                .addVersion(
                        Agent.key("fermi", answerer.id()),
                        new Prompt(answerer.prompt().system(), "Answer {{instruction"),
                        "old");

        List<String> problems = ws.runs().check(RunConfig.of(List.of("fermi"), SeedSelection.all(), "nowhere"));

        assertThat(problems)
                .contains("fermi / " + answerer.id()
                        + ": user message: line 1, column 8: {{instruction is not closed; write {{instruction}}");
    }
}
