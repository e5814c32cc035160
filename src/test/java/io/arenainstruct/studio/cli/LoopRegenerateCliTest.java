package io.arenainstruct.studio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.llm.Provider;
import io.arenainstruct.studio.service.loop.RegenerationFixture;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.testserver.FakeModelServer;
import io.arenainstruct.studio.testserver.Fault;
import io.arenainstruct.studio.testserver.JudgeReplies;
import io.arenainstruct.studio.testserver.RecordedRequest;

/**
 * {@code loop regenerate} on the battles of {@link RegenerationFixture} (ids 1 to 6; both-bad: 1, 3, 6) against an
 * in-test server: answers "MODEL says: PROMPT", and its judge finds every pair a tie.
 */
class LoopRegenerateCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path store;
    private FakeModelServer server;

    @BeforeEach
    void setUp() {
        server = FakeModelServer.start();
        Function<RecordedRequest, String> judge = JudgeReplies.always("Both answer it well. [[A=B]]");
        server.replyWith(r -> r.model().equals(RegenerationFixture.JUDGE_MODEL)
                ? judge.apply(r)
                : r.model() + " says: " + r.lastUserMessage());
        store = tmp.resolve("store");
        try (Workspace ws = Workspace.open(store)) {
            RegenerationFixture.plant(ws);
            for (String[] e : List.of(new String[] {"x", "model-x"}, new String[] {"y", "model-y"}, new String[] {
                "judge", RegenerationFixture.JUDGE_MODEL
            })) {
                ws.endpoints()
                        .save(Endpoint.of(e[0], Provider.OPENAI_COMPATIBLE, server.openAiBaseUrl(), e[1])
                                .withLimits(2, 0, 0)
                                .withTimeout(Duration.ofSeconds(10)));
            }
        }
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private CliRun cli(Object... args) {
        return CliRun.on(store, args);
    }

    @Test
    void estimatesThenAnswersMakesLinkedBattlesAndJudgesThemOnceOnly() throws Exception {
        CliRun estimate = cli("loop", "regenerate", "--endpoints", "x,y", "--estimate");

        assertThat(estimate.code()).as(estimate.err()).isZero();
        assertThat(estimate.err())
                .contains("regenerate: 3 both-bad battles to answer again (1, 3, 6), 3 new battles; judges: judge")
                .contains("estimate: 6 calls for 6 answers (0 held already)")
                .contains("estimate: 6 calls for 6 games (0 held already)");
        assertThat(estimate.out())
                .isEqualTo("Estimate only: 12 calls (6 to answer, 6 to judge); nothing was asked or made.\n");
        assertThat(server.chatRequests()).isEmpty();

        CliRun run = cli("loop", "regenerate", "--endpoints", "x,y");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out())
                .isEqualTo("answer job 1 completed: 6 answers\n"
                        + "Made 3 battles: 7 redoes 1 (model-x vs model-y), 8 redoes 3 (model-x vs model-y),"
                        + " 9 redoes 6 (model-x vs model-y).\n"
                        + "judge job 2 completed: 3 battles judged\n");
        assertThat(server.chatRequests()).hasSize(12);

        JsonNode list = JSON.readTree(cli("battles", "list", "--json").out());
        assertThat(list).hasSize(9);
        assertThat(list.get(0).get("regenerates").isNull()).isTrue();
        assertThat(ids(list.get(0).get("regenerated_as"))).containsExactly(7L);
        assertThat(ids(list.get(1).get("regenerated_as")))
                .as("overridden by a person")
                .isEmpty();
        assertThat(list.get(6).get("regenerates").asLong()).isEqualTo(1);
        assertThat(ids(list.get(6).get("regenerated_as"))).isEmpty();
        assertThat(list.get(7).get("regenerates").asLong()).isEqualTo(3);
        assertThat(list.get(8).get("regenerates").asLong()).isEqualTo(6);
        assertThat(list.get(8).get("strategy").asText()).isEqualTo("regenerated");
        assertThat(list.get(8).get("status").asText()).isEqualTo("judged");
        assertThat(cli("battles", "list").out()).contains("\tredoes 3\n").contains("\tregenerated as 9\n");

        CliRun again = cli("loop", "regenerate", "--endpoints", "x,y");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out())
                .isEqualTo("Nothing to regenerate: 3 both-bad battles are regenerated already and judged.\n");
        assertThat(server.chatRequests()).hasSize(12);
    }

    @Test
    void aChangedAnswererPromptLetsTheSameModelsAnswerAgain() throws Exception {
        try (Workspace ws = Workspace.open(store)) {
            ws.endpoints()
                    .save(Endpoint.of("one", Provider.OPENAI_COMPATIBLE, server.openAiBaseUrl(), "m1")
                            .withTimeout(Duration.ofSeconds(10)));
        }
        CliRun same = cli("loop", "regenerate", "--endpoints", "one", "--category", "Math");
        assertThat(same.code()).as(same.err()).isZero();
        assertThat(same.err())
                .contains("skipped: battle 1: no endpoint gives a new answer (m1 gave a failed answer already; ask"
                        + " again with a changed answerer prompt or choose other endpoints)");
        assertThat(same.out()).startsWith("Nothing to regenerate in category Math: 2 both-bad battles cannot be");

        Path prompt = tmp.resolve("answerer.txt");
        Files.writeString(prompt, "Answer fully; check each step.\n");
        CliRun run = cli("loop", "regenerate", "--endpoints", "one", "--category", "Math", "--answer-prompt", prompt);

        assertThat(run.code()).as(run.err()).isZero();
        // the new m1 answer against the failed m2 answer of battles 1 and 3
        assertThat(run.out()).contains("Made 2 battles: 7 redoes 1 (m2 vs m1), 8 redoes 3 (m2 vs m1).");
        assertThat(server.chatRequests())
                .filteredOn(r -> r.model().equals("m1"))
                .allSatisfy(r -> assertThat(r.messages().get(0).content()).isEqualTo("Answer fully; check each step."))
                .hasSize(2);
    }

    @Test
    void unknownEndpointsAndEmptyIterationsAreToldInWords() {
        CliRun unknown = cli("loop", "regenerate", "--endpoints", "x,nope");
        assertThat(unknown.code()).isEqualTo(Cli.REJECTED);
        assertThat(unknown.err())
                .isEqualTo("rejected: There is no answering endpoint nope; the endpoints are judge, x, y.\n");

        assertThat(cli("loop", "start", "--target", "m1").code()).isZero();
        CliRun later = cli("loop", "regenerate", "--endpoints", "x,y", "--iteration", "2");
        assertThat(later.code()).as(later.err()).isZero();
        assertThat(later.out())
                .isEqualTo("Nothing to regenerate in iteration 2: no battle is decided both bad (by people, or by"
                        + " the judges where no person voted).\n");
        assertThat(server.chatRequests()).isEmpty();
    }

    private static List<Long> ids(JsonNode array) {
        List<Long> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asLong()));
        return out;
    }

    @Test
    void anAnswerThatFailsDoesNotHoldBackTheBattlesWhoseAnswersCame() {
        // the first answer asked fails (a fault that is not retried); the other five come
        server.enqueue(Fault.contextTooLong());

        CliRun run = cli("loop", "regenerate", "--endpoints", "x,y");

        assertThat(run.code()).isEqualTo(Cli.FAILED);
        assertThat(run.err())
                .contains("answer job 1 ended with 1 failed item")
                .containsPattern("not made: skipped: battle \\d+: no new answer of model-[xy] \\(its answer failed;"
                        + " run again to ask once more\\)");
        assertThat(run.out()).startsWith("Made 2 battles: ").contains("judge job 2 completed: 2 battles judged");

        CliRun again = cli("loop", "regenerate", "--endpoints", "x,y");

        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out())
                .contains("answer job 3 completed: 2 answers")
                .contains("Made 1 battle: ")
                .contains("judge job 4 completed: 1 battle judged");
        // by hand: 6 answers asked (1 failed), 2 battles × 2 games; then the failed answer again, 1 battle × 2 games
        assertThat(server.chatRequests()).hasSize(6 + 4 + 1 + 2);
    }
}
