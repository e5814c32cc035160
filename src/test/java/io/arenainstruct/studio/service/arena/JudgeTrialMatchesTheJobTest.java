package io.arenainstruct.studio.service.arena;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.arenainstruct.studio.domain.arena.ArenaInstruction;
import io.arenainstruct.studio.domain.arena.Battle;
import io.arenainstruct.studio.domain.arena.BattleFilter;
import io.arenainstruct.studio.domain.arena.InstructionSelection;
import io.arenainstruct.studio.domain.arena.JudgeAgent;
import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.llm.Message;
import io.arenainstruct.studio.domain.llm.ModelRequest;
import io.arenainstruct.studio.service.llm.KeyResolver;
import io.arenainstruct.studio.service.run.RunFixture;
import io.arenainstruct.studio.service.workspace.TestWorkspaces;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.service.workspace.WorkspaceRepositories;
import io.arenainstruct.studio.store.ArenaRepository;
import io.arenainstruct.studio.store.ArenaRepository.Item;
import io.arenainstruct.studio.store.ArenaRepository.ItemResponse;
import io.arenainstruct.studio.testserver.FakeModelServer;
import io.arenainstruct.studio.testserver.RecordedRequest;

/**
 * "Try on a battle" shows what a judging job sends: the messages a real job sent to an in-test server are the ones
 * {@link JudgeTrials#request} renders for the same judge, battle and game.
 */
class JudgeTrialMatchesTheJobTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private FakeModelServer server;
    private Workspace ws;

    @BeforeEach
    void open() {
        // an OpenAI-compatible endpoint: an auto judge asks it for JSON
        server = FakeModelServer.start()
                .replyWith(r -> r.jsonSchema() != null ? "{\"judgment\": \"Even.\", \"verdict\": \"A=B\"}" : "[[A=B]]");
        ws = TestWorkspaces.open(
                tmp.resolve("store"),
                new KeyResolver(tmp.resolve("secrets.properties"), n -> null),
                RunFixture.QUICK_RETRIES);
        RunFixture.install(ws, server.openAiBaseUrl(), 0, 2);
    }

    @AfterEach
    void close() {
        ws.close();
        server.close();
    }

    @Test
    void theJobSendsWhatTheTryRenders() throws Exception {
        new ArenaRepository(WorkspaceRepositories.store(ws))
                .add(
                        "d",
                        "prompts",
                        List.of(new Item(
                                ArenaInstruction.of(
                                        List.of(Message.user("Hi"), Message.assistant("Hello")),
                                        "Name a river.",
                                        "Geography",
                                        "The Nile."),
                                null,
                                List.of(
                                        new ItemResponse("m1", "The Rhine.", null),
                                        new ItemResponse("m2", "The Danube.", null)))));
        ws.battles().create(PairingStrategy.parse("all-pairs"), InstructionSelection.all(), List.of());
        Battle battle = ws.battles().page(BattleFilter.ALL, 0, 1).get(0);
        JudgeAgent graded = ws.arena().judges().find("graded").orElseThrow();

        ws.arena()
                .judge(new ArenaJobService.JudgeRequest(List.of("local"), "graded", "majority", "all", 2))
                .run();

        Set<List<String>> sent = new HashSet<>();
        for (RecordedRequest r : server.chatRequests()) {
            List<String> lines = new ArrayList<>();
            r.messages().forEach(m -> lines.add(m.role() + ": " + m.content()));
            lines.add("schema: " + r.jsonSchema());
            sent.add(lines);
        }
        Set<List<String>> tried = new HashSet<>();
        Endpoint local = ws.endpoints().require("local");
        for (boolean swapped : List.of(false, true)) {
            ModelRequest request = ws.judgeTrials().request(graded, local, battle.id(), swapped);
            List<String> lines = new ArrayList<>();
            request.messages().forEach(m -> lines.add(m.role().name().toLowerCase(Locale.ROOT) + ": " + m.content()));
            lines.add("schema: " + JSON.readTree(request.jsonSchema()));
            tried.add(lines);
        }
        assertThat(sent).hasSize(2).isEqualTo(tried);
        assertThat(server.chatRequests())
                .allSatisfy(r -> assertThat(r.jsonSchema()).isNotNull());
        assertThat(sent.iterator().next().get(1)).contains("User: Hi\n\nAssistant: Hello\n\nUser: Name a river.");
    }
}
