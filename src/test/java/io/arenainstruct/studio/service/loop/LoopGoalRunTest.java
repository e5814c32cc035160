package io.arenainstruct.studio.service.loop;

import static io.arenainstruct.studio.service.loop.LoopFixture.LITERAL;
import static io.arenainstruct.studio.service.loop.LoopFixture.SKILL;
import static io.arenainstruct.studio.service.loop.LoopFixture.TARGET;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.cli.CliRun;
import io.arenainstruct.studio.domain.loop.LoopRules;
import io.arenainstruct.studio.service.workspace.TemporaryUserData;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.testserver.FakeModelServer;
import io.arenainstruct.studio.testserver.RecordedRequest;
import io.arenainstruct.studio.testserver.SchemaReplies;

/** An accepted goal reaches the suggester of the next run: the in-test server records what it was sent. */
class LoopGoalRunTest {
    @TempDir
    Path tmp;

    @RegisterExtension
    final TemporaryUserData userData = new TemporaryUserData();

    private FakeModelServer server;

    @BeforeEach
    void start() {
        server = FakeModelServer.start().replyWith(SchemaReplies.fill());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theNextRunsSuggesterIsSentTheHarderGoal() {
        Path store = tmp.resolve("store");
        try (Workspace ws = Workspace.open(store)) {
            LoopGoalTest.plantEasyLiteral(ws); // sets the flow's rounds to 2
            ws.loop().accept(TARGET, LoopRules.defaults(), List.of(LoopGoalTest.GOAL_LITERAL), "ann");
        }
        assertThat(CliRun.on(
                                store,
                                "seeds",
                                "import",
                                Path.of("sample-seeds/articles/beavers-as-ecosystem-engineers.md"))
                        .code())
                .isZero();
        CliRun add = CliRun.on(
                store,
                "models",
                "add",
                "local",
                "--provider",
                "openai-compatible",
                "--base-url",
                server.openAiBaseUrl(),
                "--model",
                "qwen2.5");
        assertThat(add.code()).as(add.err()).isZero();

        CliRun run = CliRun.on(store, "run", "--skill", SKILL, "--seeds", "all", "--endpoint", "local");

        assertThat(run.code()).as(run.err()).isZero();
        // the suggester's system prompt starts as the shipped one does
        List<String> suggester = server.chatRequests().stream()
                .map(RecordedRequest::systemMessage)
                .filter(s -> s != null && s.startsWith("You review reading-comprehension items"))
                .toList();
        // one seed, one instruction, two rounds: two suggestions
        assertThat(suggester).hasSize(2);
        assertThat(suggester)
                .allSatisfy(s -> assertThat(s)
                        .contains("- " + LITERAL + ": " + LoopGoalTest.TIES_GOAL)
                        .contains("Harder goals for some categories, set by the loop (this instruction's category is ")
                        .doesNotContain("{{category}}"));
    }
}
