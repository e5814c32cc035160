package io.arenainstruct.studio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.arenainstruct.studio.domain.run.Instruction;
import io.arenainstruct.studio.domain.run.InstructionFilter;
import io.arenainstruct.studio.service.workspace.TemporaryUserData;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.service.workspace.WorkspaceRepositories;
import io.arenainstruct.studio.testserver.FakeModelServer;
import io.arenainstruct.studio.testserver.SchemaReplies;

/** {@code run}, {@code runs list|resume} and {@code instructions list} with the shipped flows and sample seeds. */
class RunCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @RegisterExtension
    final TemporaryUserData userData = new TemporaryUserData();

    private FakeModelServer server;

    @BeforeEach
    void setUp() {
        server = FakeModelServer.start().replyWith(SchemaReplies.fill());
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private CliRun cli(Object... args) {
        return CliRun.on(tmp.resolve("store"), args);
    }

    private void prepare(String provider, String baseUrl) {
        assertThat(cli("seeds", "import", Path.of("sample-seeds")).code()).isZero();
        CliRun add = cli(
                "models",
                "add",
                "local",
                "--provider",
                provider,
                "--base-url",
                baseUrl,
                "--model",
                "qwen2.5",
                "--max-concurrent",
                "4");
        assertThat(add.code()).as(add.err()).isZero();
    }

    @Test
    void readingComprehensionRunsHeadlessAndInstructionsListMatchesTheStore() throws Exception {
        prepare("openai-compatible", server.openAiBaseUrl());
        CliRun run = cli("run", "--skill", "reading-comprehension", "--seeds", "all", "--endpoint", "local");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).contains("run 1 started").contains("answer 26/26");
        assertThat(run.out()).contains("run 1 completed: 26 instructions");
        // 26 seeds x (transformation + generation + 2 rounds x 2 + answer)
        assertThat(server.chatRequests()).hasSize(26 * 7);

        CliRun list = cli("instructions", "list", "--run", "1", "--json");
        assertThat(list.code()).as(list.err()).isZero();
        JsonNode items = JSON.readTree(list.out());
        assertThat(items).hasSize(26);
        Set<String> categories = new HashSet<>();
        try (Workspace ws = Workspace.open(tmp.resolve("store"))) {
            List<Long> ids = ws.instructions().ids(InstructionFilter.ofRun(1));
            for (int k = 0; k < items.size(); k++) {
                JsonNode item = items.get(k);
                Instruction stored = ws.instructions().find(ids.get(k)).orElseThrow();
                assertThat(item.get("id").asLong()).isEqualTo(stored.id());
                assertThat(item.get("skill").asText()).isEqualTo("reading-comprehension");
                assertThat(item.get("category").asText()).isEqualTo(stored.category());
                assertThat(item.get("instruction").asText())
                        .isEqualTo(stored.instruction())
                        .isNotBlank();
                assertThat(item.get("status").asText()).isEqualTo("complete");
                assertThat(item.get("run").asLong()).isEqualTo(1);
                assertThat(item.get("rounds")).hasSize(3);
                assertThat(item.get("rounds").get(2).get("instruction").asText())
                        .isEqualTo(stored.instruction());
                assertThat(item.get("response").asText()).isEqualTo(stored.response());
                categories.add(stored.category());
            }
        }
        assertThat(categories).as("categories are sampled across the taxonomy").hasSizeGreaterThan(2);

        CliRun runs = cli("runs", "list", "--json");
        JsonNode r = JSON.readTree(runs.out()).get(0);
        assertThat(r.get("status").asText()).isEqualTo("completed");
        assertThat(r.get("complete").asInt()).isEqualTo(26);
        assertThat(cli("runs", "resume", "1").err()).contains("only cancelled, interrupted or incomplete runs");
    }

    @Test
    void instructionsListGivesTheFinalTextsAndEditedListsOnlyHandEditedOnes() throws Exception {
        prepare("openai-compatible", server.openAiBaseUrl());
        CliRun run = cli("run", "--skill", "reading-comprehension", "--seeds", "1,2,3", "--endpoint", "local");
        assertThat(run.code()).as(run.err()).isZero();
        List<Long> ids;
        Instruction accepted;
        try (Workspace ws = Workspace.open(tmp.resolve("store"))) {
            ids = ws.instructions().ids(InstructionFilter.ALL);
            ws.instructions().accept(ids.get(0), 1, "ana");
            accepted = ws.instructions().find(ids.get(0)).orElseThrow();
            ws.instructions().edit(ids.get(1), "round.2.edited", "Name the town.", "The town lay by a river.", "ana");
            ws.instructions().edit(ids.get(1), "response", "Riverton.", "ana");
        }
        JsonNode items = JSON.readTree(cli("instructions", "list", "--json").out());
        assertThat(items).hasSize(3);
        // Accepted round 1: its texts, though the model's latest (and "instruction") are round 2's.
        JsonNode first = items.get(0);
        assertThat(first.get("final_instruction").asText())
                .isEqualTo(accepted.instructionAt(1))
                .isNotEqualTo(first.get("instruction").asText());
        assertThat(first.get("final_response").asText()).isEqualTo(accepted.response());
        assertThat(first.get("edited_by_hand").asBoolean()).isFalse();
        // Edited by hand: the edit's instruction, input and response, apart; the model's texts stay as they were.
        JsonNode second = items.get(1);
        assertThat(second.get("final_instruction").asText()).isEqualTo("Name the town.");
        assertThat(second.get("final_input").asText()).isEqualTo("The town lay by a river.");
        assertThat(second.get("final_response").asText()).isEqualTo("Riverton.");
        assertThat(second.get("edited_by_hand").asBoolean()).isTrue();
        assertThat(second.get("instruction").asText()).isNotEqualTo("Name the town.");
        JsonNode edit = second.get("human_edits").get(0);
        assertThat(edit.get("target").asText()).isEqualTo("round.2.edited");
        assertThat(edit.get("instruction").asText()).isEqualTo("Name the town.");
        assertThat(edit.get("input").asText()).isEqualTo("The town lay by a river.");
        assertThat(second.get("human_edits").get(1).get("response").asText()).isEqualTo("Riverton.");
        // Last round when neither.
        JsonNode third = items.get(2);
        assertThat(third.get("final_instruction").asText())
                .isEqualTo(third.get("rounds").get(2).get("instruction").asText());
        assertThat(third.get("final_input").isNull())
                .isEqualTo(third.get("rounds").get(2).get("input").isNull());

        JsonNode edited =
                JSON.readTree(cli("instructions", "list", "--edited", "--json").out());
        assertThat(edited).hasSize(1);
        assertThat(edited.get(0).get("id").asLong()).isEqualTo(ids.get(1));
        String text = cli("instructions", "list", "--edited").out();
        assertThat(text)
                .contains("complete, edited\tName the town.")
                .contains("\n1 instruction\n")
                .doesNotContain("1 instructions");
    }

    @Test
    void twoSkillsRunAgainstAnOllamaServer() throws Exception {
        prepare("ollama", server.baseUrl());
        CliRun run = cli(
                "run",
                "--skill",
                "text-modification,tool-use",
                "--seeds",
                "1,2,3",
                "--endpoint",
                "local",
                "--rounds",
                "1",
                "--per-seed",
                "2");
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode items = JSON.readTree(cli("instructions", "list", "--json").out());
        // 3 seeds x 2 skills x 2 per seed (text-modification and tool-use pick one transformer per seed)
        assertThat(items).hasSize(12);
        Set<String> skills = new HashSet<>();
        items.forEach(i -> skills.add(i.get("skill").asText()));
        assertThat(skills).containsExactlyInAnyOrder("text-modification", "tool-use");
        assertThat(items).allSatisfy(i -> assertThat(i.get("rounds")).hasSize(2));
        assertThat(server.chatRequests())
                .allSatisfy(req -> assertThat(req.path()).isEqualTo("/api/chat"));
    }

    @Test
    void aConcurrencyLimitAboveTheServersCapacityIsThrottledAndTheRunCompletes() throws Exception {
        // the server serves 4 at once and answers 429 without Retry-After to the rest
        server.capacity(4).latency(Duration.ofMillis(40));
        assertThat(cli("seeds", "import", Path.of("sample-seeds")).code()).isZero();
        CliRun add = cli(
                "models",
                "add",
                "local-llm",
                "--provider",
                "openai-compatible",
                "--base-url",
                server.openAiBaseUrl(),
                "--model",
                "qwen2.5",
                "--max-concurrent",
                "8");
        assertThat(add.code()).as(add.err()).isZero();

        CliRun run = cli("run", "--skill", "reading-comprehension", "--seeds", "all", "--endpoint", "local-llm");

        assertThat(server.count429())
                .as("the server did refuse calls over its capacity")
                .isPositive();
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("run 1 completed: 26 instructions");
        assertThat(run.err())
                .doesNotContain("failed")
                .containsPattern("local-llm throttled to [1-4] in flight \\(server answered 429\\)");
        assertThat(server.maxConcurrentSeen()).isLessThanOrEqualTo(8);
    }

    @Test
    void aRunAgainstAServerThatIsDownSaysWhyAndWhichServer() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        prepare("ollama", "http://127.0.0.1:" + closedPort);
        CliRun run = cli("run", "--skill", "fermi", "--seeds", "1,2,3", "--endpoint", "local");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err())
                .contains("transformation 0/3 (3 failed)")
                .contains("3 calls (0 from the ledger)")
                .contains("failed: 3 failed at transformation: The server could not be reached")
                .contains("calling http://127.0.0.1:" + closedPort)
                .contains("error: run 1 ended with 3 failed items; once the cause is fixed, retry them with: runs"
                        + " resume 1");
    }

    @Test
    void badRunsAreRefusedWithReasons() {
        prepare("openai-compatible", server.openAiBaseUrl());
        CliRun noEndpoint = cli("run", "--skill", "reading-comprehension", "--seeds", "all", "--endpoint", "nowhere");
        assertThat(noEndpoint.code()).isEqualTo(3);
        assertThat(noEndpoint.err()).contains("rejected: there is no endpoint named nowhere");
        CliRun badSeeds = cli("run", "--skill", "reading-comprehension", "--seeds", "some", "--endpoint", "local");
        assertThat(badSeeds.code()).isEqualTo(2);
        assertThat(badSeeds.err()).contains("'some' is none of these");
        server.replyWith(req -> "not JSON at all");
        CliRun failing = cli("run", "--skill", "fermi", "--seeds", "1", "--endpoint", "local");
        assertThat(failing.code()).isEqualTo(1);
        assertThat(failing.err())
                .contains("ended with 1 failed item")
                .contains("runs resume 1")
                .contains("failed: 1 failed at transformation: The reply did not match the requested JSON schema");
        server.replyWith(SchemaReplies.fill());
        CliRun resumed = cli("runs", "resume", "1");
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(cli("instructions", "list", "--run", "1").out()).contains("\n1 instruction\n");
    }

    @Test
    void aRunThatRepeatsACompletedOneIsRefusedUnlessAgainOrFreshIsAsked() {
        prepare("openai-compatible", server.openAiBaseUrl());
        assertThat(cli("run", "--skill", "fermi", "--seeds", "1", "--endpoint", "local")
                        .code())
                .isZero();
        int sent = server.chatRequests().size();
        try (var ws = Workspace.open(tmp.resolve("store"))) {
            String ranBy = WorkspaceRepositories.store(ws).read(c -> {
                try (var ps = c.prepareStatement("SELECT ran_by FROM run WHERE id = 1");
                        var rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            });
            assertThat(ranBy)
                    .as("recorded as the command line's, for the app's resume offer")
                    .isEqualTo("command-line");
        }

        CliRun repeat = cli("run", "--skill", "fermi", "--seeds", "1", "--endpoint", "local");
        assertThat(repeat.code()).isEqualTo(3);
        assertThat(repeat.err())
                .contains("rejected: this repeats run 1 (")
                .contains("add --fresh to ask the models again or --again to repeat it");
        assertThat(cli("runs", "list").out()).doesNotContain("run 2").contains("1 run");

        CliRun again = cli("run", "--skill", "fermi", "--seeds", "1", "--endpoint", "local", "--again");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(server.chatRequests()).as("the ledger answered every call").hasSize(sent);

        CliRun other = cli("run", "--skill", "fermi", "--seeds", "1", "--endpoint", "local", "--per-seed", "2");
        assertThat(other.code()).as("not the same run: " + other.err()).isZero();
        CliRun fresh = cli("run", "--skill", "fermi", "--seeds", "1", "--endpoint", "local", "--fresh");
        assertThat(fresh.code()).as(fresh.err()).isZero();
        // The same seeds in another order make the same requests: still a repeat.
        assertThat(cli("run", "--skill", "fermi", "--seeds", "2,3", "--endpoint", "local")
                        .code())
                .isZero();
        CliRun reordered = cli("run", "--skill", "fermi", "--seeds", "3,2", "--endpoint", "local");
        assertThat(reordered.code()).as(reordered.err()).isEqualTo(3);
        assertThat(reordered.err()).contains("rejected: this repeats run ");
    }
}
