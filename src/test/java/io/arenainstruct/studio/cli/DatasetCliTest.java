package io.arenainstruct.studio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.arenainstruct.studio.service.workspace.TemporaryUserData;

/** {@code dataset import} and {@code dataset list}: exit codes and the lines they print. */
class DatasetCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path FIXTURES = Path.of("src/test/resources/datasets");
    private static final Path SAMPLE = Path.of("src/test/resources/arena-hard-sample");

    @TempDir
    Path tmp;

    @RegisterExtension
    final TemporaryUserData userData = new TemporaryUserData();

    private Path store() {
        return tmp.resolve("store");
    }

    @Test
    void theArenaHardSampleImportsCleanlyAndAgainAddsNothing() {
        CliRun first = CliRun.on(
                store(),
                "dataset",
                "import",
                SAMPLE.resolve("gpt-4-0314.jsonl"),
                SAMPLE.resolve("question.jsonl"),
                SAMPLE.resolve("gpt-3.5-turbo-0125.jsonl"));

        assertThat(first.code()).isEqualTo(Cli.OK);
        assertThat(first.out().lines())
                .containsExactly(
                        SAMPLE.resolve("gpt-4-0314.jsonl") + ": arena-hard (detected)",
                        SAMPLE.resolve("question.jsonl") + ": arena-hard (detected)",
                        SAMPLE.resolve("gpt-3.5-turbo-0125.jsonl") + ": arena-hard (detected)",
                        "imported 40 instructions, 80 responses, rejected 0");
        assertThat(first.err()).isEmpty();

        CliRun again =
                CliRun.on(store(), "dataset", "import", "--format", "arena-hard", SAMPLE.resolve("question.jsonl"));
        assertThat(again.code()).isEqualTo(Cli.OK);
        assertThat(again.out().lines())
                .containsExactly(
                        SAMPLE.resolve("question.jsonl") + ": arena-hard",
                        "already present 40 instructions, 0 responses",
                        "imported 0 instructions, 0 responses, rejected 0");
    }

    @Test
    void rejectedLinesArePrintedByFileAndLineAndExitThree() {
        Path file = FIXTURES.resolve("openai.jsonl");

        CliRun r = CliRun.on(store(), "dataset", "import", file, "--name", "chat");

        assertThat(r.code()).isEqualTo(Cli.REJECTED);
        assertThat(r.out().lines()).first().isEqualTo(file + ": openai (detected)");
        assertThat(r.out().lines())
                .filteredOn(l -> l.startsWith("rejected "))
                .extracting(l -> l.substring(0, l.indexOf(": ", "rejected ".length())))
                .containsExactly(
                        "rejected " + file + ":3",
                        "rejected " + file + ":5",
                        "rejected " + file + ":6",
                        "rejected " + file + ":7",
                        "rejected " + file + ":8",
                        "rejected " + file + ":10",
                        "rejected " + file + ":12");
        assertThat(r.out().lines())
                .contains("rejected " + file + ":8: \"messages\" is a string, not a list")
                .last()
                .isEqualTo("imported 5 instructions, 2 responses, rejected 7");
        // line 12's role is an escape sequence: shown escaped, never sent to the terminal
        assertThat(r.out()).doesNotContain("\u001b").contains("the role \"\\e[2Jevil\"");
    }

    @Test
    void listShowsTheDatasetsAsLinesOrJson() {
        CliRun.on(store(), "dataset", "import", FIXTURES.resolve("prompts.jsonl"), "--name", "my prompts");
        CliRun.on(store(), "dataset", "import", FIXTURES.resolve("sharegpt.jsonl"));

        CliRun lines = CliRun.on(store(), "dataset", "list");
        assertThat(lines.code()).isEqualTo(Cli.OK);
        assertThat(lines.out().lines()).hasSize(3).last().isEqualTo("2 datasets");
        assertThat(lines.out().lines().toList().get(0)).startsWith("my prompts").contains("prompts");

        CliRun json = CliRun.on(store(), "dataset", "list", "--json");
        assertThat(json.code()).isEqualTo(Cli.OK);
        JsonNode array = read(json.out());
        assertThat(array.size()).isEqualTo(2);
        JsonNode prompts = array.get(0);
        assertThat(prompts.get("name").asText()).isEqualTo("my prompts");
        assertThat(prompts.get("format").asText()).isEqualTo("prompts");
        assertThat(prompts.get("instructions").asInt()).isEqualTo(2);
        assertThat(prompts.get("responses").asInt()).isZero();
        assertThat(prompts.get("created_at").asText()).isNotBlank();
        JsonNode share = array.get(1);
        assertThat(share.get("name").asText()).isEqualTo("sharegpt");
        assertThat(share.get("instructions").asInt()).isEqualTo(3);
        assertThat(share.get("responses").asInt()).isEqualTo(1);
    }

    @Test
    void anUnknownFileIsRejectedAndAnUnknownFormatIsAUsageError() throws IOException {
        Path unknown = Files.writeString(tmp.resolve("u.jsonl"), "{\"q\": 1}\n", StandardCharsets.UTF_8);

        CliRun r = CliRun.on(store(), "dataset", "import", unknown);
        assertThat(r.code()).isEqualTo(Cli.REJECTED);
        assertThat(r.out().lines())
                .first()
                .asString()
                .startsWith("rejected " + unknown + ": unknown format")
                .contains("arena-hard");
        assertThat(r.out().lines()).last().isEqualTo("imported 0 instructions, 0 responses, rejected 1");

        CliRun usage = CliRun.on(store(), "dataset", "import", "--format", "csv", unknown);
        assertThat(usage.code()).isEqualTo(Cli.USAGE);
        assertThat(usage.err())
                .contains("unknown format 'csv'; supported are auto, openai, sharegpt, alpaca, prompts, arena-hard");
    }

    @Test
    void theModelOptionMakesAlpacaOutputsResponses() {
        CliRun r = CliRun.on(
                store(), "dataset", "import", "--format", "alpaca", "--model", "m-a", FIXTURES.resolve("alpaca.jsonl"));

        assertThat(r.code()).isEqualTo(Cli.REJECTED);
        assertThat(r.out().lines()).last().isEqualTo("imported 3 instructions, 2 responses, rejected 3");
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
