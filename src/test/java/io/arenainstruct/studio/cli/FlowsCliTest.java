package io.arenainstruct.studio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.arenainstruct.studio.domain.flow.Agent;
import io.arenainstruct.studio.domain.flow.Flow;
import io.arenainstruct.studio.domain.flow.PromptVersion;
import io.arenainstruct.studio.service.flow.FlowYaml;
import io.arenainstruct.studio.service.workspace.Workspace;

/** {@code flows list|export|import}: flows leave and enter the store as files, prompts keep their history. */
class FlowsCliTest {
    @TempDir
    Path tmp;

    private CliRun cli(Object... args) {
        return CliRun.on(tmp.resolve("store"), args);
    }

    @Test
    void everyShippedFlowExportsToAFileThatReadsBackTheSame() throws Exception {
        JsonNode list =
                new ObjectMapper().readTree(cli("flows", "list", "--json").out());
        assertThat(list).hasSize(17);
        try (Workspace ws = Workspace.open(tmp.resolve("store"))) {
            for (JsonNode f : list) {
                String skill = f.get("skill").asText();
                Path file = tmp.resolve(skill + ".yaml");
                assertThat(cli("flows", "export", skill, file).code()).isZero();
                String text = Files.readString(file);
                assertThat(text).startsWith(FlowYaml.HEADER);
                Flow back = FlowYaml.parse(file.toString(), text);
                Flow stored = ws.flows().find(skill).orElseThrow();
                assertThat(back.agents()).hasSameSizeAs(stored.agents());
                for (Agent a : stored.agents()) {
                    Agent b = back.agent(a.id()).orElseThrow();
                    assertThat(b.prompt()).as(skill + "/" + a.id()).isEqualTo(a.prompt());
                    assertThat(b.withPrompt(a.prompt(), a.version())).isEqualTo(a);
                }
                assertThat(back.goals()).isEqualTo(stored.goals());
                assertThat(back.rounds()).isEqualTo(stored.rounds());
                assertThat(FlowYaml.write(back)).as("writing is canonical").isEqualTo(text);
            }
        }
    }

    @Test
    void importingAnEditedFileAddsVersionsOnlyForChangedPromptsAndTakesItsSettings() throws Exception {
        Path file = tmp.resolve("rc.yaml");
        assertThat(cli("flows", "export", "reading-comprehension", file).code()).isZero();
        CliRun same = cli("flows", "import", file);
        assertThat(same.code()).as(same.err()).isZero();
        assertThat(same.out()).contains("replaced reading-comprehension: 0 changed prompts");

        try (Workspace ws = Workspace.open(tmp.resolve("store"))) {
            ws.flows().saveRefinement("reading-comprehension", 4, List.of("only this goal"));
        }
        String text = Files.readString(file);
        String debate = text.substring(text.indexOf("id: debate"));
        String edited =
                text.replace(debate, debate.replaceFirst("You turn source material", "You turn any source text"));
        assertThat(edited).isNotEqualTo(text);
        Files.writeString(file, edited);
        CliRun changed = cli("flows", "import", file);
        assertThat(changed.code()).as(changed.err()).isZero();
        assertThat(changed.out()).contains("replaced reading-comprehension: 1 changed prompt saved as new versions");
        try (Workspace ws = Workspace.open(tmp.resolve("store"))) {
            List<PromptVersion> history = ws.flows().history("reading-comprehension", "debate");
            assertThat(history).hasSize(2);
            assertThat(history.get(1).note()).isEqualTo("imported from rc.yaml");
            assertThat(history.get(1).prompt().system()).contains("You turn any source text");
            Flow flow = ws.flows().find("reading-comprehension").orElseThrow();
            assertThat(flow.rounds())
                    .as("the file's rounds replace the curator's")
                    .isEqualTo(2);
            assertThat(flow.goals()).hasSize(3);
        }
    }

    @Test
    void anUnclosedOrSpacedVariableIsRefusedWithLineAndColumn() throws Exception {
        Path file = tmp.resolve("fermi.yaml");
        assertThat(cli("flows", "export", "fermi", file).code()).isZero();
        String text = Files.readString(file)
                .replaceFirst("\\{\\{seed}}", "{{seed")
                .replaceFirst("\\{\\{seed_name}}", "{{ seed name }}");
        Files.writeString(file, text);
        List<String> lines = text.lines().toList();
        String unclosed = lines.stream()
                .filter(l -> l.matches(".*\\{\\{seed(?![}_]).*"))
                .findFirst()
                .orElseThrow();
        String spaced = lines.stream()
                .filter(l -> l.contains("{{ seed name }}"))
                .findFirst()
                .orElseThrow();

        CliRun r = cli("flows", "import", file);

        assertThat(r.code()).isEqualTo(Cli.REJECTED);
        assertThat(r.err())
                .contains(file + ":" + (lines.indexOf(unclosed) + 1) + ":" + (unclosed.indexOf("{{seed") + 1)
                        + ": {{seed is not closed; write {{seed}}");
        assertThat(r.err())
                .contains(file + ":" + (lines.indexOf(spaced) + 1) + ":" + (spaced.indexOf("{{ seed") + 1)
                        + ": {{ seed name }} is not a variable");
        assertThat(r.err()).contains("nothing imported");
    }

    @Test
    void aBrokenFileIsRefusedWithLinesAndNothingIsStored() throws Exception {
        Path good = tmp.resolve("fermi.yaml");
        assertThat(cli("flows", "export", "fermi", good).code()).isZero();
        Files.writeString(good, Files.readString(good).replaceFirst("You ", "You, friend, "));
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(
                bad,
                Files.readString(good).replace("rounds: 2", "rounds: many").replaceFirst("\\{\\{seed}}", "{{sead}}"));
        CliRun r = cli("flows", "import", good, bad);
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err())
                .containsPattern(Pattern.quote(bad.toString()) + ":\\d+: rounds is a whole"
                        + " number from 0 to 10, not 'many'");
        assertThat(r.err()).containsPattern(Pattern.quote(bad.toString()) + ":\\d+: unknown variable \\{\\{sead}}");
        assertThat(r.err()).contains("nothing imported");
        try (Workspace ws = Workspace.open(tmp.resolve("store"))) {
            assertThat(ws.flows().find("fermi").orElseThrow().agents())
                    .allSatisfy(a -> assertThat(a.version()).isEqualTo(1));
        }
        Path latin1 = tmp.resolve("latin1.yaml");
        Files.write(latin1, new byte[] {'s', 'k', 'i', 'l', 'l', ':', ' ', (byte) 0xE9, '\n'});
        CliRun notUtf8 = cli("flows", "import", latin1);
        assertThat(notUtf8.code()).isEqualTo(3);
        assertThat(notUtf8.err()).contains(latin1 + ":1: the file is not valid UTF-8; save it as UTF-8");
        assertThat(cli("flows", "export", "no-such-skill", tmp.resolve("x.yaml"))
                        .err())
                .contains("there is no flow for the skill 'no-such-skill'");
    }
}
