package io.arenainstruct.studio.service.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.arena.ArenaJob;
import io.arenainstruct.studio.domain.arena.ArenaResponse;
import io.arenainstruct.studio.domain.arena.Battle;
import io.arenainstruct.studio.domain.arena.BattleFilter;
import io.arenainstruct.studio.domain.arena.BattleLinks;
import io.arenainstruct.studio.domain.arena.BattleStatus;
import io.arenainstruct.studio.domain.arena.Outcome;
import io.arenainstruct.studio.domain.arena.Verdict;
import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.llm.Provider;
import io.arenainstruct.studio.domain.run.RunStatus;
import io.arenainstruct.studio.service.arena.ArenaJobService.AnswerRequest;
import io.arenainstruct.studio.service.llm.KeyResolver;
import io.arenainstruct.studio.service.llm.RetryPolicy;
import io.arenainstruct.studio.service.loop.BattleRegeneration.Costs;
import io.arenainstruct.studio.service.loop.BattleRegeneration.Plan;
import io.arenainstruct.studio.service.loop.BattleRegeneration.Request;
import io.arenainstruct.studio.service.loop.BattleRegeneration.Result;
import io.arenainstruct.studio.service.workspace.TestWorkspaces;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.service.workspace.WorkspaceRepositories;
import io.arenainstruct.studio.store.ArenaRepository;
import io.arenainstruct.studio.store.BattleRepository;
import io.arenainstruct.studio.testserver.FakeModelServer;
import io.arenainstruct.studio.testserver.JudgeReplies;
import io.arenainstruct.studio.testserver.RecordedRequest;

/**
 * The battles of {@link RegenerationFixture} (both-bad by people over judges: 1, 3 and 6; 2 a person overrode). The
 * in-test server answers as "MODEL says: PROMPT" and its judge finds every pair it is shown a tie.
 */
class BattleRegenerationTest {
    private static final String JUDGE_MODEL = RegenerationFixture.JUDGE_MODEL;
    private static final RetryPolicy QUICK_RETRIES =
            new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(2), 0.1);

    @TempDir
    Path tmp;

    private FakeModelServer server;
    private Workspace ws;
    private BattleRepository battles;
    private ArenaRepository arena;
    private List<Long> planted;

    @BeforeEach
    void setUp() {
        server = FakeModelServer.start();
        Function<RecordedRequest, String> judge = JudgeReplies.always("Both answer it well. [[A=B]]");
        server.replyWith(
                r -> r.model().equals(JUDGE_MODEL) ? judge.apply(r) : r.model() + " says: " + r.lastUserMessage());
        Path dir = tmp.resolve("store");
        ws = TestWorkspaces.open(dir, new KeyResolver(tmp.resolve("secrets.properties"), n -> null), QUICK_RETRIES);
        battles = new BattleRepository(WorkspaceRepositories.store(ws));
        arena = new ArenaRepository(WorkspaceRepositories.store(ws));
        planted = RegenerationFixture.plant(ws);
        endpoint("x", "model-x");
        endpoint("y", "model-y");
        endpoint("judge", JUDGE_MODEL);
    }

    private void endpoint(String name, String model) {
        ws.endpoints()
                .save(Endpoint.of(name, Provider.OPENAI_COMPATIBLE, server.openAiBaseUrl(), model)
                        .withLimits(2, 0, 0)
                        .withTimeout(Duration.ofSeconds(10)));
    }

    @AfterEach
    void tearDown() {
        ws.close();
        server.close();
    }

    private long id(int k) {
        return planted.get(k - 1);
    }

    @Test
    void twoEndpointsAnswerTheBothBadBattlesAgainAndTheNewBattlesAreLinkedAndJudged() {
        Map<Long, Integer> verdictsBefore = Map.of(
                id(1), battles.verdicts(id(1)).size(),
                id(3), battles.verdicts(id(3)).size(),
                id(6), battles.verdicts(id(6)).size());
        Request request = new Request(List.of("x", "y"), 0, List.of(), null, null);

        Plan plan = ws.regeneration().plan(request);

        assertThat(plan.failed()).extracting(Battle::id).containsExactly(id(1), id(3), id(6));
        assertThat(plan.battles()).isEqualTo(3);
        assertThat(plan.judges()).as("the endpoint whose games judged them").containsExactly("judge");
        Costs costs = ws.regeneration().estimate(plan);
        // 3 prompts x 2 endpoints; 3 new battles x 1 judge x 2 games
        assertThat(costs.answers().calls()).isEqualTo(6);
        assertThat(costs.games().calls()).isEqualTo(6);
        assertThat(server.chatRequests()).as("an estimate asks nothing").isEmpty();

        Result result = ws.regeneration().regenerate(request);

        assertThat(result.answering()).isEqualTo(RunStatus.COMPLETED);
        assertThat(result.judging()).isEqualTo(RunStatus.COMPLETED);
        assertThat(server.chatRequests()).hasSize(12);
        List<Long> made = result.made().battles();
        assertThat(made).hasSize(3);
        for (int i = 0; i < 3; i++) {
            long failed = List.of(id(1), id(3), id(6)).get(i);
            Battle b = battles.battle(made.get(i)).orElseThrow();
            Battle old = battles.battle(failed).orElseThrow();
            assertThat(b.instructionId()).isEqualTo(old.instructionId());
            assertThat(List.of(b.modelA(), b.modelB())).containsExactly("model-x", "model-y");
            assertThat(b.category()).isEqualTo(old.category());
            assertThat(b.strategy()).isEqualTo("regenerated");
            assertThat(b.status()).isEqualTo(BattleStatus.JUDGED);
            assertThat(ws.regeneration().links(b.id())).isEqualTo(new BattleLinks(failed, List.of()));
            assertThat(ws.regeneration().links(failed)).isEqualTo(new BattleLinks(null, List.of(b.id())));
            String prompt = "Prompt " + List.of(1, 3, 6).get(i);
            assertThat(arena.response(b.responseA()).orElseThrow().text()).isEqualTo("model-x says: " + prompt);
            assertThat(arena.response(b.responseB()).orElseThrow().text()).isEqualTo("model-y says: " + prompt);
            assertThat(battles.verdicts(b.id()))
                    .filteredOn(v -> v.game() != null && v.game() == 0)
                    .extracting(Verdict::outcome)
                    .containsExactly(Outcome.TIE);
            // the failed battle keeps its verdicts and standing
            assertThat(battles.verdicts(failed)).hasSize(verdictsBefore.get(failed));
            assertThat(old.status()).isIn(BattleStatus.JUDGED, BattleStatus.ADJUDICATED);
        }
        assertThat(ws.regeneration().links(id(2)))
                .as("a person overrode its both-bad")
                .isEqualTo(BattleLinks.NONE);
        assertThat(ws.regeneration().links(id(4))).isEqualTo(BattleLinks.NONE);

        // again: nothing new is asked, made or judged
        Plan again = ws.regeneration().plan(request);
        assertThat(again.empty()).isTrue();
        assertThat(again.done()).containsExactly(id(1), id(3), id(6));
        assertThat(again.nothing())
                .isEqualTo("Nothing to regenerate: 3 both-bad battles are regenerated already and judged.");
        Result second = ws.regeneration().regenerate(request);
        assertThat(second.answering()).isNull();
        assertThat(second.judging()).isNull();
        assertThat(server.chatRequests()).hasSize(12);
        assertThat(battles.count(BattleFilter.ALL)).isEqualTo(9);
    }

    @Test
    void aFailedAnswerLeavesItsBattleForTheNextRunWhichAsksOnlyForWhatIsMissing() {
        AtomicBoolean broken = new AtomicBoolean(true);
        Function<RecordedRequest, String> judge = JudgeReplies.always("Both answer it well. [[A=B]]");
        server.replyWith(r -> {
            if (r.model().equals(JUDGE_MODEL)) {
                return judge.apply(r);
            }
            if (broken.get()
                    && r.model().equals("model-y")
                    && r.lastUserMessage().equals("Prompt 3")) {
                throw new IllegalStateException("the GPU caught fire");
            }
            return r.model() + " says: " + r.lastUserMessage();
        });
        Request request = new Request(List.of("x", "y"), 0, List.of(), null, null);

        Result first = ws.regeneration().regenerate(request);

        assertThat(first.answering()).isEqualTo(RunStatus.INCOMPLETE);
        assertThat(first.made().missing())
                .extracting(BattleRegeneration.Skipped::battleId)
                .containsExactly(id(3));
        assertThat(first.made().missing().get(0).reason())
                .isEqualTo("no new answer of model-y (its answer failed; run again to ask once more)");
        assertThat(first.made().battles()).hasSize(2);
        assertThat(first.judging()).isEqualTo(RunStatus.COMPLETED);
        // 6 answers, the failing one tried twice (7 requests), then 2 battles x 2 games
        assertThat(server.chatRequests()).hasSize(7 + 4);

        broken.set(false);
        Result second = ws.regeneration().regenerate(request);

        assertThat(second.plan().failed()).extracting(Battle::id).containsExactly(id(3));
        assertThat(second.plan().done()).containsExactly(id(1), id(6));
        assertThat(second.answering()).isEqualTo(RunStatus.COMPLETED);
        assertThat(second.made().battles()).hasSize(1);
        // model-x's answer to Prompt 3 is held: one answer asked, then 1 battle x 2 games
        assertThat(server.chatRequests()).hasSize(11 + 1 + 2);
        assertThat(ws.regeneration().links(id(3)).regeneratedAs())
                .containsExactlyElementsOf(second.made().battles());
    }

    @Test
    void oneEndpointsNewAnswerBattlesEachFailedAnswerInTheCategoryAsked() {
        Request request = new Request(List.of("x"), 0, List.of("judge"), null, "Math");

        Result result = ws.regeneration().regenerate(request);

        // Math: battles 1, 3 (and 5, not judged); each failed answer against model-x's
        assertThat(result.plan().failed()).extracting(Battle::id).containsExactly(id(1), id(3));
        assertThat(result.made().battles()).hasSize(4);
        assertThat(result.made().battles().stream()
                        .map(id -> battles.battle(id).orElseThrow())
                        .toList())
                .extracting(Battle::modelA, Battle::modelB)
                .containsExactly(
                        tuple("m1", "model-x"), tuple("m2", "model-x"), tuple("m1", "model-x"), tuple("m2", "model-x"));
        Battle first = battles.battle(result.made().battles().get(0)).orElseThrow();
        assertThat(first.responseA())
                .isEqualTo(battles.battle(id(1)).orElseThrow().responseA());
        // 2 answers, 4 battles x 2 games
        assertThat(server.chatRequests()).hasSize(2 + 8);
        assertThat(ws.regeneration().links(id(1)).regeneratedAs()).hasSize(2);
        assertThat(ws.regeneration().links(id(6))).as("Code, not asked").isEqualTo(BattleLinks.NONE);
    }

    @Test
    void theSameModelsAskedWithAChangedAnswererPromptMakeANewBattleOfTheSamePair() {
        endpoint("one", "m1");
        endpoint("two", "m2");

        Plan same = ws.regeneration().plan(new Request(List.of("one", "two"), 0, List.of(), null, null));
        assertThat(same.failed()).isEmpty();
        assertThat(same.skipped()).hasSize(3);
        assertThat(same.skipped().get(0).reason())
                .isEqualTo("fewer than two endpoints give a new answer (m1, m2 gave a failed answer already; ask"
                        + " again with a changed answerer prompt or choose other endpoints)");
        assertThat(same.nothing()).startsWith("Nothing to regenerate: 3 both-bad battles cannot be regenerated");

        int version = ws.arena().answerPrompts().versionOf("Answer fully; check each step.", "test");
        assertThat(ws.arena().answerPrompts().versionOf("Answer fully; check each step.", "again"))
                .isEqualTo(version);
        Result result =
                ws.regeneration().regenerate(new Request(List.of("one", "two"), version, List.of(), null, null));

        assertThat(result.made().battles()).hasSize(3);
        Battle redo = battles.battle(result.made().battles().get(0)).orElseThrow();
        Battle failed = battles.battle(id(1)).orElseThrow();
        assertThat(redo.id()).isNotEqualTo(failed.id());
        assertThat(List.of(redo.instructionId(), redo.modelA(), redo.modelB()))
                .containsExactly(failed.instructionId(), "m1", "m2");
        ArenaResponse answer = arena.response(redo.responseA()).orElseThrow();
        assertThat(answer.id()).isNotEqualTo(failed.responseA());
        assertThat(answer.text()).isEqualTo("m1 says: Prompt 1");
        assertThat(answer.call().promptVersion()).isEqualTo(version);
        List<RecordedRequest> asked = server.chatRequests().stream()
                .filter(r -> r.model().equals("m1"))
                .toList();
        assertThat(asked).hasSize(3);
        assertThat(asked.get(0).messages())
                .extracting(RecordedRequest.Message::role, RecordedRequest.Message::content)
                .containsExactly(
                        tuple("system", "Answer fully; check each step."),
                        tuple("user", asked.get(0).lastUserMessage()));
        assertThat(ws.regeneration().links(id(1))).isEqualTo(new BattleLinks(null, List.of(redo.id())));
        // the answering job's recorded request names the version, so a resume asks with the same prompt
        ArenaJob answering = ws.arena().list().stream()
                .filter(j -> j.kind() == ArenaJob.Kind.ANSWER)
                .findFirst()
                .orElseThrow();
        assertThat(ws.arena().commandLine(answering))
                .isEqualTo("answer --endpoints one,two --instructions ids:" + failed.instructionId() + ","
                        + battles.battle(id(3)).orElseThrow().instructionId() + ","
                        + battles.battle(id(6)).orElseThrow().instructionId() + " --per-model 1 (answerer prompt"
                        + " version " + version + ")");
        assertThat(ws.arena().resume(answering.id()).run()).isEqualTo(RunStatus.COMPLETED);
        assertThat(server.chatRequests())
                .as("resumed: every answer of the version is held")
                .hasSize(6 + 6);
    }

    @Test
    void unknownEndpointsAndIterationsAreToldInWords() {
        assertThatThrownBy(() -> ws.regeneration().plan(new Request(List.of("x", "nope"), 0, List.of(), null, null)))
                .hasMessage("There is no answering endpoint nope; the endpoints are judge, x, y.");
        assertThatThrownBy(() -> ws.regeneration().plan(new Request(List.of("x"), 0, List.of(), 4, null)))
                .hasMessage("There is no iteration 4; the iterations are 1.");
        assertThatThrownBy(() -> ws.regeneration().plan(new Request(List.of("x"), 3, List.of(), null, null)))
                .hasMessage("There is no answerer prompt version 3.");
        assertThatThrownBy(() -> ws.regeneration().plan(new Request(List.of("x"), 0, List.of(), null, "Poetry")))
                .hasMessage("No battle is in category Poetry; the categories are Code, Math.");
    }

    @Test
    void anAnswerAskedWithAChangedAnswererPromptIsNotTheModelsPlainAnswer() {
        int version = ws.arena().answerPrompts().versionOf("Answer fully; check each step.", "test");
        Result result = ws.regeneration().regenerate(new Request(List.of("x"), version, List.of(), null, null));
        assertThat(result.answering()).isEqualTo(RunStatus.COMPLETED);
        long prompt = battles.battle(id(1)).orElseThrow().instructionId();
        int asked = server.chatRequests().size();

        // answering the prompt as it is, model-x has not answered it that way yet: it is asked
        AnswerRequest plain = new AnswerRequest(List.of("x"), "ids:" + prompt, 1);
        assertThat(ws.arena().estimate(plain).calls()).isEqualTo(1);
        assertThat(ws.arena().answer(plain).run()).isEqualTo(RunStatus.COMPLETED);

        List<RecordedRequest> sent =
                server.chatRequests().subList(asked, server.chatRequests().size());
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).systemMessage())
                .as("asked without the answerer prompt")
                .isNull();
        Long plainAnswer = arena.firstResponses(List.of(prompt)).get(prompt).get("model-x");
        assertThat(arena.response(plainAnswer).orElseThrow().call().promptVersion())
                .isZero();
    }

    @Test
    void aModelGivingItsFailedWordsAgainUnderAChangedPromptStillGetsItsNewBattle() {
        endpoint("one", "m1");
        endpoint("two", "m2");
        // m1 says exactly what it said before (its planted answer); m2 says something new
        Function<RecordedRequest, String> judge = JudgeReplies.always("Both answer it well. [[A=B]]");
        server.replyWith(r -> r.model().equals(JUDGE_MODEL)
                ? judge.apply(r)
                : r.model().equals("m1") ? "m1 answers " + r.lastUserMessage() : "m2 anew: " + r.lastUserMessage());
        int version = ws.arena().answerPrompts().versionOf("Answer fully; check each step.", "test");

        Result result =
                ws.regeneration().regenerate(new Request(List.of("one", "two"), version, List.of(), null, null));

        assertThat(result.made().missing()).isEmpty();
        assertThat(result.made().battles()).hasSize(3);
        Battle redo = battles.battle(result.made().battles().get(0)).orElseThrow();
        Battle failed = battles.battle(id(1)).orElseThrow();
        ArenaResponse again = arena.response(redo.responseA()).orElseThrow();
        assertThat(again.text())
                .isEqualTo(arena.response(failed.responseA()).orElseThrow().text());
        assertThat(again.call().promptVersion()).isEqualTo(version);
        assertThat(arena.response(redo.responseB()).orElseThrow().text()).isEqualTo("m2 anew: Prompt 1");
        assertThat(result.judging()).isEqualTo(RunStatus.COMPLETED);
    }

    @Test
    void aRegenerationTakesAtMostOneBatchAndTheNextRunTakesTheRest() {
        // a batch of 2 here (4,000 in the app, so a job's ids: fit its 100,000-character config)
        BattleRegeneration small =
                new BattleRegeneration(battles, arena, ws.arena(), ws.endpoints(), ws.iterations(), 2);
        Request request = new Request(List.of("x", "y"), 0, List.of(), null, null);

        Plan first = small.plan(request);

        assertThat(first.failed()).extracting(Battle::id).containsExactly(id(1), id(3));
        assertThat(first.left()).isEqualTo(1);
        assertThat(small.answerRequest(first).orElseThrow().instructions())
                .isEqualTo("ids:" + battles.battle(id(1)).orElseThrow().instructionId() + ","
                        + battles.battle(id(3)).orElseThrow().instructionId());
        Result made = small.regenerate(request);
        assertThat(made.made().battles()).hasSize(2);

        Plan second = small.plan(request);

        assertThat(second.failed()).extracting(Battle::id).containsExactly(id(6));
        assertThat(second.left()).isZero();
        assertThat(second.done()).containsExactly(id(1), id(3));
        assertThat(BattleRegeneration.BATCH * (String.valueOf(Long.MAX_VALUE).length() + 1) + "ids:".length())
                .as("the longest ids: of a batch fits a job's config")
                .isLessThanOrEqualTo(100_000);
    }
}
