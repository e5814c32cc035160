package io.arenainstruct.studio.service.arena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.arenainstruct.studio.domain.arena.ArenaJob;
import io.arenainstruct.studio.domain.arena.Battle;
import io.arenainstruct.studio.domain.arena.GradedLabel;
import io.arenainstruct.studio.domain.arena.JudgeAgent;
import io.arenainstruct.studio.domain.arena.Outcome;
import io.arenainstruct.studio.domain.arena.StructuredOutput;
import io.arenainstruct.studio.domain.arena.Verdict;
import io.arenainstruct.studio.domain.arena.VerdictSource;
import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.llm.ErrorClass;
import io.arenainstruct.studio.domain.llm.LedgerEntry;
import io.arenainstruct.studio.domain.llm.LedgerFilter;
import io.arenainstruct.studio.domain.llm.LedgerOutcome;
import io.arenainstruct.studio.domain.llm.Provider;
import io.arenainstruct.studio.domain.run.RunStatus;
import io.arenainstruct.studio.service.arena.ArenaJobService.JudgeRequest;
import io.arenainstruct.studio.service.arena.VerdictRules.Pool;
import io.arenainstruct.studio.service.job.JobRunner;
import io.arenainstruct.studio.service.job.Pricing;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.service.workspace.WorkspaceRepositories;
import io.arenainstruct.studio.store.ArenaJobRepository;
import io.arenainstruct.studio.store.ArenaRepository;
import io.arenainstruct.studio.store.BattleRepository;
import io.arenainstruct.studio.store.Store;
import io.arenainstruct.studio.testserver.FakeModelServer;
import io.arenainstruct.studio.testserver.RecordedRequest;

/**
 * A judge asks for its verdict as JSON where the endpoint enforces a schema (auto), reads the label from text
 * elsewhere, falls back to text when the server refuses the schema, and a job resumes asking as it started. The
 * in-test server speaks the real OpenAI and Anthropic wire formats.
 */
class StructuredJudgingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A judge that prefers the baseline wherever it is shown, as JSON fields and as text. */
    private static final String JSON_A_FIRST = "{\"judgment\": \"The first is right.\", \"verdict\": \"A>B\"}";

    private static final String JSON_B_FIRST = "{\"judgment\": \"The second is right.\", \"verdict\": \"B>A\"}";

    @TempDir
    Path tmp;

    private FakeModelServer server;
    private Workspace ws;
    private ArenaFixture.Battles sample;
    private Battle battle;

    @BeforeEach
    void setUp() {
        server = FakeModelServer.start();
        ws = ArenaFixture.open(tmp.resolve("store"));
        ArenaFixture.importSampleWithBattles(ws);
        sample = new ArenaFixture.Battles(ws);
        battle = sample.all().get(0);
    }

    @AfterEach
    void tearDown() {
        ws.close();
        server.close();
    }

    private Endpoint endpoint(String name, Provider provider) {
        Endpoint e = Endpoint.of(name, provider, server.openAiBaseUrl(), "judge-model")
                .withLimits(1, 0, 0)
                .withTimeout(Duration.ofSeconds(10));
        ws.endpoints().save(e);
        return e;
    }

    /** The planted judge's text reply: the baseline is better wherever it is shown. */
    private String textVerdict(RecordedRequest r) {
        return sample.game(r).baselineFirst() ? "Clearly the first. [[A>B]]" : "Clearly the second. [[B>A]]";
    }

    private RunStatus judge(String judgeEndpoint, String battles) {
        return ws.arena()
                .judge(new JudgeRequest(List.of(judgeEndpoint), "graded", null, battles, 2))
                .run();
    }

    private List<Verdict> games() {
        return gamesOf(battle);
    }

    private List<Verdict> gamesOf(Battle which) {
        return ws.battles().verdicts(which.id()).stream()
                .filter(v -> v.source() == VerdictSource.JUDGE && v.game() != null && v.game() > 0)
                .sorted((a, b) -> a.game() - b.game())
                .toList();
    }

    private JsonNode lastJobConfig() throws Exception {
        return JSON.readTree(ws.arena().list().get(0).config());
    }

    @Test
    void anOpenAiCompatibleJudgeIsAskedWithAJsonSchemaAndItsJsonGivesTheVerdict() throws Exception {
        server.replyWith(r -> sample.game(r).baselineFirst() ? JSON_A_FIRST : JSON_B_FIRST);
        endpoint("judge", Provider.OPENAI_COMPATIBLE);

        assertThat(judge("judge", "ids:" + battle.id())).isEqualTo(RunStatus.COMPLETED);

        assertThat(server.chatRequests()).hasSize(2).allSatisfy(r -> {
            assertThat(r.api()).isEqualTo(RecordedRequest.Api.OPENAI);
            assertThat(r.responseFormat().path("type").asText()).isEqualTo("json_schema");
            assertThat(r.jsonSchema().path("required").toString()).isEqualTo("[\"judgment\",\"verdict\"]");
            assertThat(r.jsonSchema()
                            .path("properties")
                            .path("verdict")
                            .path("enum")
                            .toString())
                    .isEqualTo("[\"A>>B\",\"A>B\",\"A=B\",\"B>A\",\"B>>A\"]");
        });
        assertThat(games())
                .extracting(Verdict::rawLabel, Verdict::label, Verdict::judgment, Verdict::note)
                .containsExactly(
                        tuple("A>B", GradedLabel.A_BETTER, "The first is right.", null),
                        tuple("B>A", GradedLabel.A_BETTER, "The second is right.", null));
        assertThat(ws.battles().battle(battle.id()).orElseThrow().inconsistent())
                .isFalse();
        assertThat(lastJobConfig().path("structured").toString()).isEqualTo("{\"judge\":true}");
    }

    @Test
    void anAnthropicJudgeIsAskedForTextAndItsLabelIsRead() throws Exception {
        server.replyWith(this::textVerdict);
        endpoint("claude", Provider.ANTHROPIC);

        assertThat(judge("claude", "ids:" + battle.id())).isEqualTo(RunStatus.COMPLETED);

        assertThat(server.chatRequests()).hasSize(2).allSatisfy(r -> {
            assertThat(r.api()).isEqualTo(RecordedRequest.Api.ANTHROPIC);
            assertThat(r.responseFormat()).isNull();
            // the gateway words a schema into the system text for Anthropic: none here
            assertThat(r.systemMessage()).doesNotContain("JSON schema");
        });
        assertThat(games())
                .extracting(Verdict::rawLabel, Verdict::label, Verdict::outcome, Verdict::note)
                .containsExactly(
                        tuple("A>B", GradedLabel.A_BETTER, Outcome.A, null),
                        tuple("B>A", GradedLabel.A_BETTER, Outcome.A, null));
        assertThat(lastJobConfig().path("structured").toString()).isEqualTo("{\"claude\":false}");
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 422})
    void aServerRefusingTheSchemaGetsTheGamesAsTextAndTheVerdictsAreRead(int status) throws Exception {
        server.refuseResponseFormat(status).replyWith(this::textVerdict);
        endpoint("lmstudio", Provider.OPENAI_COMPATIBLE);
        List<Battle> five = sample.all().subList(0, 5);
        String ids =
                "ids:" + String.join(",", five.stream().map(b -> "" + b.id()).toList());

        assertThat(judge("lmstudio", ids)).isEqualTo(RunStatus.COMPLETED);

        // A refused game is asked again as text. Once one was refused, the job asks the endpoint's later games as
        // text at once: only games already on their way (at most one per worker of a job on one endpoint taking one
        // call at a time) are refused too.
        List<RecordedRequest> sent = server.chatRequests();
        long refused = sent.stream().filter(r -> r.responseFormat() != null).count();
        assertThat(sent.stream().filter(r -> r.responseFormat() == null)).hasSize(10);
        assertThat(refused).isBetween(1L, (long) JobRunner.workersFor(1));
        assertThat(ws.callLedger().count(new LedgerFilter(null, LedgerOutcome.FAILED, null, null)))
                .isEqualTo((int) refused);
        for (Battle b : five) {
            List<Verdict> games = gamesOf(b);
            assertThat(games)
                    .extracting(Verdict::rawLabel, Verdict::label, Verdict::outcome)
                    .containsExactly(
                            tuple("A>B", GradedLabel.A_BETTER, Outcome.A),
                            tuple("B>A", GradedLabel.A_BETTER, Outcome.A));
            for (Verdict g : games) {
                assertThat(g.note())
                        .startsWith("asked as text: the endpoint refused the JSON schema ")
                        .contains("HTTP " + status)
                        .contains("'response_format' is not supported by this server");
                // the text request is its own ledger entry, under another key than the refused structured one
                LedgerEntry answered = ws.callLedger().find(g.call().callId()).orElseThrow();
                long refusedId = Long.parseLong(g.note().replaceAll("^.*\\(call (\\d+):.*$", "$1"));
                LedgerEntry refusedCall = ws.callLedger().find(refusedId).orElseThrow();
                assertThat(refusedCall.outcome()).isEqualTo(LedgerOutcome.FAILED);
                assertThat(refusedCall.errorClass()).isEqualTo(ErrorClass.INVALID_REQUEST);
                assertThat(refusedCall.attempts())
                        .as("a bad request is not retried")
                        .isEqualTo(1);
                assertThat(answered.outcome()).isEqualTo(LedgerOutcome.OK);
                assertThat(answered.requestHash()).isNotEqualTo(refusedCall.requestHash());
                assertThat(JSON.readTree(refusedCall.requestJson())
                                .path("schema")
                                .isNull())
                        .isFalse();
                assertThat(JSON.readTree(answered.requestJson()).path("schema").isNull())
                        .isTrue();
            }
        }
    }

    @Test
    void aJudgeSetToNeverSendsNoSchemaEvenWhereTheEndpointEnforcesOne() {
        List<JudgeAgent> parsed = JudgeAgents.parse("""
                judges:
                  - id: plain
                    style: graded
                    structured: never
                    system: Judge.
                    user: "{{question}} A: {{answer_a}} B: {{answer_b}}"
                """, "judges.yaml");
        JudgeAgent never = parsed.get(0);
        assertThat(never.structured()).isEqualTo(StructuredOutput.NEVER);
        server.replyWith(r -> r.lastUserMessage().indexOf(answerOf(ArenaFixture.BASELINE))
                        < r.lastUserMessage().indexOf(answerOf(ArenaFixture.OTHER))
                ? "[[A>>B]]"
                : "[[B>>A]]");
        Endpoint judge = endpoint("judge", Provider.OPENAI_COMPATIBLE);
        Store store = WorkspaceRepositories.store(ws);
        ArenaJobRepository jobs = new ArenaJobRepository(store);
        JudgeJob job = new JudgeJob(
                jobs.create(ArenaJob.Kind.JUDGE, "{}", "test"),
                List.of(battle.id()),
                List.of(judge),
                never,
                Map.of(),
                2,
                Pool.MAJORITY,
                new ArenaRepository(store),
                new BattleRepository(store),
                jobs,
                ws.gateway(),
                Pricing.at(Map.of()),
                ws.arenaJobs(),
                new VerdictChanges());

        assertThat(job.run()).isEqualTo(RunStatus.COMPLETED);

        assertThat(server.chatRequests())
                .hasSize(2)
                .allSatisfy(r -> assertThat(r.responseFormat()).isNull());
        assertThat(games())
                .extracting(Verdict::rawLabel, Verdict::label)
                .containsExactly(tuple("A>>B", GradedLabel.A_MUCH_BETTER), tuple("B>>A", GradedLabel.A_MUCH_BETTER));
    }

    private String answerOf(String model) {
        ArenaRepository arena = new ArenaRepository(WorkspaceRepositories.store(ws));
        long id = battle.modelA().equals(model) ? battle.responseA() : battle.responseB();
        return arena.response(id).orElseThrow().text();
    }

    @Test
    void structuredIsAutoAlwaysOrNeverAndTheOldTrueAndFalseStillRead() {
        String judge = """
                judges:
                  - id: j
                    style: score
                    %s
                    system: Judge.
                    user: "{{question}} A: {{answer_a}} B: {{answer_b}}"
                """;
        assertThat(JudgeAgents.parse(judge.formatted(""), "f").get(0).structured())
                .isEqualTo(StructuredOutput.AUTO);
        assertThat(JudgeAgents.parse(judge.formatted("structured: always"), "f")
                        .get(0)
                        .structured())
                .isEqualTo(StructuredOutput.ALWAYS);
        assertThat(JudgeAgents.parse(judge.formatted("structured: true"), "f")
                        .get(0)
                        .structured())
                .isEqualTo(StructuredOutput.ALWAYS);
        assertThat(JudgeAgents.parse(judge.formatted("structured: false"), "f")
                        .get(0)
                        .structured())
                .isEqualTo(StructuredOutput.NEVER);
        assertThatThrownBy(() -> JudgeAgents.parse(judge.formatted("structured: sometimes"), "f"))
                .hasMessage("f, judge 'j': structured must be auto, always or never");
        assertThat(JudgeAgents.readShipped()).extracting(JudgeAgent::structured).containsOnly(StructuredOutput.AUTO);
    }

    @Test
    void aResumeAsksAsTheJobStartedEvenWhenTheEndpointNowEnforcesSchemas() throws Exception {
        server.replyWith(this::textVerdict);
        endpoint("judge", Provider.ANTHROPIC);
        // recorded (pinned to text: Anthropic), then not run: as if killed before its first game
        long jobId = ws.arena()
                .judge(new JudgeRequest(List.of("judge"), "graded", null, "ids:" + battle.id(), 2))
                .jobId();
        // the same server, now as an OpenAI-compatible endpoint: a new job would ask it for JSON
        endpoint("judge", Provider.OPENAI_COMPATIBLE);

        assertThat(ws.arena().resume(jobId).run()).isEqualTo(RunStatus.COMPLETED);

        assertThat(server.chatRequests()).hasSize(2).allSatisfy(r -> {
            assertThat(r.api()).isEqualTo(RecordedRequest.Api.OPENAI);
            assertThat(r.responseFormat()).isNull();
        });
        assertThat(games())
                .extracting(Verdict::rawLabel, Verdict::note)
                .containsExactly(tuple("A>B", null), tuple("B>A", null));

        Battle other = sample.all().get(1);
        server.replyWith(r -> sample.game(r).baselineFirst() ? JSON_A_FIRST : JSON_B_FIRST);
        assertThat(judge("judge", "ids:" + other.id())).isEqualTo(RunStatus.COMPLETED);
        assertThat(server.chatRequests().subList(2, 4))
                .allSatisfy(r -> assertThat(r.jsonSchema()).isNotNull());
    }
}
