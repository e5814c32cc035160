package io.arenainstruct.studio.service.arena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.arenainstruct.studio.domain.arena.ArenaJob;
import io.arenainstruct.studio.domain.arena.Battle;
import io.arenainstruct.studio.domain.arena.BattleFilter;
import io.arenainstruct.studio.domain.arena.BattleStatus;
import io.arenainstruct.studio.domain.arena.GradedLabel;
import io.arenainstruct.studio.domain.arena.JudgeAgent;
import io.arenainstruct.studio.domain.arena.Outcome;
import io.arenainstruct.studio.domain.arena.StructuredOutput;
import io.arenainstruct.studio.domain.arena.Verdict;
import io.arenainstruct.studio.domain.arena.VerdictSource;
import io.arenainstruct.studio.domain.flow.Prompt;
import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.llm.LedgerEntry;
import io.arenainstruct.studio.domain.provenance.AgentCall;
import io.arenainstruct.studio.domain.run.RunStatus;
import io.arenainstruct.studio.service.arena.ArenaFixture.Game;
import io.arenainstruct.studio.service.arena.ArenaJobService.Estimate;
import io.arenainstruct.studio.service.arena.ArenaJobService.JudgeRequest;
import io.arenainstruct.studio.service.arena.VerdictRules.Pool;
import io.arenainstruct.studio.service.job.JobEvent;
import io.arenainstruct.studio.service.job.JobProgress;
import io.arenainstruct.studio.service.job.Pricing;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.service.workspace.WorkspaceRepositories;
import io.arenainstruct.studio.store.ArenaJobRepository;
import io.arenainstruct.studio.store.ArenaRepository;
import io.arenainstruct.studio.store.BattleRepository;
import io.arenainstruct.studio.store.Store;
import io.arenainstruct.studio.testserver.FakeModelServer;

/**
 * Judging the Arena-Hard sample's 40 baseline battles against in-test judges whose replies depend on the battle and
 * on which answer each game shows first, so every verdict row can be checked against what was planted.
 */
class JudgeJobTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private FakeModelServer server;
    private Workspace ws;
    private ArenaFixture.Battles sample;

    @BeforeEach
    void setUp() {
        server = FakeModelServer.start();
        ws = ArenaFixture.open(tmp.resolve("store"));
        assertThat(ArenaFixture.importSampleWithBattles(ws)).isEqualTo(40);
        sample = new ArenaFixture.Battles(ws);
        assertThat(sample.all()).allSatisfy(b -> assertThat(b.modelA()).isEqualTo(ArenaFixture.BASELINE));
    }

    @AfterEach
    void tearDown() {
        ws.close();
        server.close();
    }

    /** The kind of judge planted for a battle: by its place in the list, four kinds in turn. */
    private int kind(Battle b) {
        return sample.all().indexOf(b) % 4;
    }

    /**
     * 0: strongly prefers the baseline wherever it is shown; 1: always says the first answer is slightly better
     * (position bias); 2: no verdict in the game that shows the baseline second; 3: slightly prefers the other model.
     */
    private String graded(Game g) {
        return switch (kind(g.battle())) {
            case 0 ->
                "Assistant " + (g.baselineFirst() ? "A" : "B") + " is better. My final verdict is "
                        + (g.baselineFirst() ? "[[A>>B]]" : "[[B>>A]]");
            case 1 -> "The first answer is better: [[A>B]]";
            case 2 -> g.baselineFirst() ? "Verdict: [[A>B]]" : "Both have merits; I cannot decide.";
            default -> g.baselineFirst() ? "[[B>A]]" : "[[A>B]]";
        };
    }

    private RunStatus judge(List<String> judges, String prompt, String pool, String battles) {
        return ws.arena()
                .judge(new JudgeRequest(judges, prompt, pool, battles, 2))
                .run();
    }

    private static Verdict game(List<Verdict> verdicts, String voter, int game) {
        return verdicts.stream()
                .filter(v -> v.source() == VerdictSource.JUDGE
                        && v.voter().equals(voter)
                        && v.game() != null
                        && v.game() == game)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no game " + game + " of " + voter + " in " + verdicts));
    }

    @Test
    void eachBattleIsJudgedInTwoGamesAndThePlantedVerdictsComeOut() throws Exception {
        server.replyWith(sample.judge(this::graded));
        ArenaFixture.endpoint(ws, "judge", "judge-model", server.openAiBaseUrl(), 4);
        Estimate estimate = ws.arena().estimate(new JudgeRequest(List.of("judge"), "graded", null, "unjudged", 2));
        assertThat(estimate.calls()).isEqualTo(80);
        assertThat(estimate.done()).isZero();

        assertThat(judge(List.of("judge"), "graded", null, "unjudged")).isEqualTo(RunStatus.COMPLETED);

        // An OpenAI-compatible judge is asked for JSON. The ten unlabelled replies (kind 2, game 2) miss the schema,
        // are repaired once and miss it again, and are asked again as text: two more requests each.
        assertThat(server.chatRequests()).hasSize(100);
        assertThat(server.chatRequests().stream().filter(r -> r.jsonSchema() == null))
                .hasSize(10);
        for (Battle before : sample.all()) {
            Battle b = ws.battles().battle(before.id()).orElseThrow();
            List<Verdict> verdicts = ws.battles().verdicts(b.id());
            assertThat(verdicts).as("two games and the combined verdict").hasSize(3);
            Verdict g1 = game(verdicts, "judge-model", 1);
            Verdict g2 = game(verdicts, "judge-model", 2);
            Verdict combined = game(verdicts, "judge-model", 0);
            assertThat(g1.swapped()).isFalse();
            assertThat(g2.swapped()).isTrue();
            for (Verdict g : List.of(g1, g2)) {
                assertThat(g.call().agent()).isEqualTo("arena/graded");
                assertThat(g.call().promptVersion()).isEqualTo(1);
                assertThat(g.call().endpoint()).isEqualTo("judge");
                LedgerEntry call = ws.callLedger().find(g.call().callId()).orElseThrow();
                if (g.note() != null && g.note().contains("asked as text")) {
                    assertThat(call.reply()).isEqualTo(g.judgment());
                } else {
                    assertThat(JSON.readTree(call.reply()).path("judgment").asText())
                            .isEqualTo(g.judgment());
                }
                assertThat(g.key()).isNotNull();
            }
            switch (kind(before)) {
                case 0 -> {
                    assertThat(List.of(g1, g2))
                            .extracting(Verdict::rawLabel, Verdict::label, Verdict::outcome)
                            .containsExactly(
                                    tuple("A>>B", GradedLabel.A_MUCH_BETTER, Outcome.A),
                                    tuple("B>>A", GradedLabel.A_MUCH_BETTER, Outcome.A));
                    assertThat(combined.outcome()).isEqualTo(Outcome.A);
                    assertThat(combined.label()).isEqualTo(GradedLabel.A_MUCH_BETTER);
                    assertThat(b.status()).isEqualTo(BattleStatus.JUDGED);
                    assertThat(b.inconsistent()).isFalse();
                }
                case 1 -> {
                    assertThat(List.of(g1, g2))
                            .extracting(Verdict::rawLabel, Verdict::label, Verdict::outcome)
                            .containsExactly(
                                    tuple("A>B", GradedLabel.A_BETTER, Outcome.A),
                                    tuple("A>B", GradedLabel.B_BETTER, Outcome.B));
                    assertThat(combined.outcome()).isEqualTo(Outcome.TIE);
                    assertThat(combined.note()).contains("position bias");
                    assertThat(b.status()).isEqualTo(BattleStatus.DISPUTED);
                    assertThat(b.inconsistent()).isTrue();
                }
                case 2 -> {
                    assertThat(g1.outcome()).isEqualTo(Outcome.A);
                    assertThat(g2.outcome()).isEqualTo(Outcome.UNPARSABLE);
                    assertThat(g2.label()).isNull();
                    assertThat(g2.rawLabel()).isNull();
                    assertThat(g2.judgment()).isEqualTo("Both have merits; I cannot decide.");
                    assertThat(g2.note())
                            .contains("no verdict label")
                            .contains("asked as text: the reply did not match the JSON schema");
                    assertThat(g1.note()).isNull();
                    assertThat(combined.outcome()).isEqualTo(Outcome.UNPARSABLE);
                    assertThat(b.status()).isEqualTo(BattleStatus.DISPUTED);
                    assertThat(b.inconsistent()).isFalse();
                }
                default -> {
                    assertThat(List.of(g1, g2))
                            .extracting(Verdict::rawLabel, Verdict::label)
                            .containsExactly(tuple("B>A", GradedLabel.B_BETTER), tuple("A>B", GradedLabel.B_BETTER));
                    assertThat(combined.outcome()).isEqualTo(Outcome.B);
                    assertThat(combined.label()).isEqualTo(GradedLabel.B_BETTER);
                    assertThat(b.status()).isEqualTo(BattleStatus.JUDGED);
                }
            }
        }
        // judged again: nothing is asked, nothing is added
        assertThat(ws.arena()
                        .estimate(new JudgeRequest(List.of("judge"), "graded", null, "all", 2))
                        .calls())
                .isZero();
        assertThat(judge(List.of("judge"), "graded", null, "all")).isEqualTo(RunStatus.COMPLETED);
        assertThat(server.chatRequests()).hasSize(100);
        assertThat(ws.battles().verdicts(sample.all().get(0).id())).hasSize(3);
    }

    @Test
    void aJuryOfThreeWhereOneDisagreesGivesTheMajorityAndIsDisputed() {
        // one server, three judge models: the third always prefers the other model
        server.replyWith(sample.judge(g -> {
            boolean forBaseline = !g.judgeModel().equals("judge-3");
            return "[[" + (forBaseline == g.baselineFirst() ? "A>B" : "B>A") + "]]";
        }));
        for (int i = 1; i <= 3; i++) {
            ArenaFixture.endpoint(ws, "j" + i, "judge-" + i, server.openAiBaseUrl(), 2);
        }
        String ids =
                "ids:" + sample.all().get(0).id() + "," + sample.all().get(1).id();
        JudgeRequest request = new JudgeRequest(List.of("j1", "j2", "j3"), "graded", "majority", ids, 2);
        assertThat(ws.arena().estimate(request).calls())
                .as("a jury's calls are its judges' together")
                .isEqualTo(12);

        assertThat(ws.arena().judge(request).run()).isEqualTo(RunStatus.COMPLETED);

        assertThat(server.chatRequests()).hasSize(12);
        assertThat(server.chatRequests().stream().collect(Collectors.groupingBy(r -> r.model(), Collectors.counting())))
                .isEqualTo(Map.of("judge-1", 4L, "judge-2", 4L, "judge-3", 4L));
        for (Battle before : sample.all().subList(0, 2)) {
            List<Verdict> verdicts = ws.battles().verdicts(before.id());
            assertThat(verdicts)
                    .as("each judge's two games and combined verdict, and the jury's")
                    .hasSize(10);
            assertThat(game(verdicts, "judge-1", 0).outcome()).isEqualTo(Outcome.A);
            assertThat(game(verdicts, "judge-2", 0).outcome()).isEqualTo(Outcome.A);
            assertThat(game(verdicts, "judge-3", 0).outcome()).isEqualTo(Outcome.B);
            assertThat(game(verdicts, "judge-3", 2).rawLabel()).isEqualTo("A>B");
            Verdict jury = verdicts.stream()
                    .filter(v -> v.source() == VerdictSource.JURY)
                    .collect(Collectors.toList())
                    .get(0);
            assertThat(jury.outcome()).isEqualTo(Outcome.A);
            assertThat(jury.voter()).contains("judge-1", "judge-2", "judge-3");
            assertThat(jury.note()).contains("a 2", "b 1");
            Battle b = ws.battles().battle(before.id()).orElseThrow();
            assertThat(b.status()).as("a split jury").isEqualTo(BattleStatus.DISPUTED);
            assertThat(b.inconsistent()).isFalse();
        }
        assertThat(ws.battles().battle(sample.all().get(2).id()).orElseThrow().status())
                .isEqualTo(BattleStatus.UNJUDGED);
    }

    @Test
    void aScoreJudgeGivesScoresAndTheVerdictFollowsTheGap() {
        // the baseline gets 8 and the other 5 wherever shown; in every fourth battle the judge gives the first 9
        server.replyWith(sample.judge(g -> {
            if (kind(g.battle()) == 1) {
                return "The first is better. [[9, 4]]";
            }
            return "Scores: " + (g.baselineFirst() ? "[[8, 5]]" : "[[5/10, 8/10]]");
        }));
        ArenaFixture.endpoint(ws, "judge", "judge-model", server.openAiBaseUrl(), 4);
        // a person settled one battle before the judge came: it stays theirs
        Battle settled = sample.all().get(2);
        new BattleRepository(WorkspaceRepositories.store(ws))
                .addVerdicts(
                        settled.id(),
                        List.of(new Verdict(
                                0,
                                settled.id(),
                                VerdictSource.HUMAN,
                                null,
                                false,
                                "alice",
                                Outcome.B,
                                null,
                                null,
                                null,
                                null,
                                null,
                                AgentCall.NONE,
                                false,
                                null,
                                "checked by hand",
                                null)),
                        BattleStatus.ADJUDICATED,
                        null);

        assertThat(judge(List.of("judge"), "scores", null, "all")).isEqualTo(RunStatus.COMPLETED);

        for (Battle before : sample.all()) {
            List<Verdict> verdicts = ws.battles().verdicts(before.id());
            Verdict g1 = game(verdicts, "judge-model", 1);
            Verdict g2 = game(verdicts, "judge-model", 2);
            Verdict combined = game(verdicts, "judge-model", 0);
            assertThat(g1.call().agent()).isEqualTo("arena/scores");
            Battle b = ws.battles().battle(before.id()).orElseThrow();
            if (kind(before) == 1) {
                assertThat(g2.rawLabel()).isEqualTo("9, 4");
                assertThat(List.of(g2.scoreA(), g2.scoreB())).containsExactly(4.0, 9.0);
                assertThat(combined.outcome()).isEqualTo(Outcome.TIE);
                assertThat(b.inconsistent()).isTrue();
                assertThat(b.status()).isEqualTo(BattleStatus.DISPUTED);
            } else {
                assertThat(List.of(g1.scoreA(), g1.scoreB(), g2.scoreA(), g2.scoreB()))
                        .containsExactly(8.0, 5.0, 8.0, 5.0);
                assertThat(g2.rawLabel()).isEqualTo("5, 8");
                assertThat(combined.outcome()).isEqualTo(Outcome.A);
                assertThat(combined.scoreGap()).isEqualTo(3.0);
                assertThat(combined.label()).isNull();
                assertThat(b.status())
                        .isEqualTo(b.id() == settled.id() ? BattleStatus.ADJUDICATED : BattleStatus.JUDGED);
            }
        }
    }

    @Test
    void aStructuredJudgeIsAskedForJsonAndReadByItsFields() {
        server.replyWith(sample.judge(g -> "{\"judgment\": \"Looked at both.\", \"verdict\": \""
                + (kind(g.battle()) == 1 ? "A>B" : g.baselineFirst() ? "A>>B" : "B>>A") + "\"}"));
        Endpoint judge = ArenaFixture.endpoint(ws, "judge", "judge-model", server.openAiBaseUrl(), 4);
        JudgeAgent graded = ws.arena().judges().find("graded").orElseThrow();
        JudgeAgent structured = new JudgeAgent(
                graded.id(),
                graded.name(),
                graded.description(),
                graded.style(),
                graded.useReference(),
                StructuredOutput.ALWAYS,
                graded.temperature(),
                graded.maxTokens(),
                graded.prompt(),
                graded.version());
        Store store = WorkspaceRepositories.store(ws);
        ArenaJobRepository jobs = new ArenaJobRepository(store);
        List<Long> ids = sample.all().stream().map(Battle::id).toList();
        JudgeJob job = new JudgeJob(
                jobs.create(ArenaJob.Kind.JUDGE, "{}", "test"),
                ids,
                List.of(judge),
                structured,
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
                .allSatisfy(r -> assertThat(r.jsonSchema()).isNotNull());
        for (Battle before : sample.all()) {
            List<Verdict> verdicts = ws.battles().verdicts(before.id());
            Verdict g2 = game(verdicts, "judge-model", 2);
            assertThat(g2.judgment()).isEqualTo("Looked at both.");
            if (kind(before) == 1) {
                assertThat(g2.label()).isEqualTo(GradedLabel.B_BETTER);
                assertThat(game(verdicts, "judge-model", 0).outcome()).isEqualTo(Outcome.TIE);
            } else {
                assertThat(g2.rawLabel()).isEqualTo("B>>A");
                assertThat(g2.label()).isEqualTo(GradedLabel.A_MUCH_BETTER);
                assertThat(game(verdicts, "judge-model", 0).outcome()).isEqualTo(Outcome.A);
            }
        }
    }

    @Test
    void aCancelledJudgingJobResumesAskingOnlyForTheGamesItLacks() throws Exception {
        // labelled replies only: every game is one request
        server.replyWith(sample.judge(g -> g.baselineFirst() ? "[[A>B]]" : "[[B>A]]"))
                .latency(Duration.ofMillis(20));
        ArenaFixture.endpoint(ws, "judge", "judge-model", server.openAiBaseUrl(), 2);
        ArenaJobExecution job = ws.arena().judge(new JudgeRequest(List.of("judge"), "graded", null, "unjudged", 2));
        CountDownLatch tenGames = new CountDownLatch(1);
        AutoCloseable listening = ws.arenaJobs().subscribe(e -> {
            if (e instanceof JobEvent.Progressed<JobProgress<String>> p
                    && p.progress().stage(JudgeJob.GAMES).done() >= 10) {
                tenGames.countDown();
            }
        });
        Thread runner = new Thread(job::run);
        runner.start();
        assertThat(tenGames.await(30, TimeUnit.SECONDS))
                .as("10 games judged in time")
                .isTrue();
        listening.close();
        Store store = WorkspaceRepositories.store(ws);
        server.pauseReplies();
        server.awaitInFlight(2, Duration.ofSeconds(10));
        job.cancel();
        // the games in flight are answered and kept; no new one starts
        server.resumeReplies();
        runner.join(30_000);
        assertThat(runner.isAlive()).isFalse();
        assertThat(ws.arena().list().get(0).status()).isEqualTo(RunStatus.CANCELLED);
        int stored = gamesStored(store);
        int sentBefore = server.chatRequests().size();
        assertThat(stored).isBetween(10, 78);

        assertThat(ws.arena().resume(job.jobId()).run()).isEqualTo(RunStatus.COMPLETED);

        assertThat(server.chatRequests().size() - sentBefore)
                .as("only the games the store lacked were asked for")
                .isEqualTo(80 - stored);
        assertThat(gamesStored(store)).isEqualTo(80);
        assertThat(ws.battles().count(new BattleFilter(BattleStatus.UNJUDGED, null, null, null)))
                .isZero();
    }

    private static int gamesStored(Store store) {
        return store.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM verdict WHERE game IN (1, 2)");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    @Test
    void judgingAgainInTwoGamesAfterOneAddsTheTwoGameVerdictInsteadOfKeepingTheOneGameOne() {
        // Always "the first answer is slightly better": one game says A>B; two games contradict each other.
        server.replyWith(sample.judge(g -> "The first answer is better: [[A>B]]"));
        ArenaFixture.endpoint(ws, "judge", "judge-model", server.openAiBaseUrl(), 4);
        long battle = sample.all().get(0).id();

        ws.arena()
                .judge(new JudgeRequest(List.of("judge"), "graded", null, "ids:" + battle, 1))
                .run();
        ws.arena()
                .judge(new JudgeRequest(List.of("judge"), "graded", null, "ids:" + battle, 2))
                .run();

        List<Verdict> combined = ws.battles().verdicts(battle).stream()
                .filter(v -> v.source() == VerdictSource.JUDGE && v.game() != null && v.game() == 0)
                .toList();
        assertThat(combined).extracting(Verdict::outcome).containsExactly(Outcome.A, Outcome.TIE);
        assertThat(combined.get(1).note()).contains("position bias");
        assertThat(ws.battles().battle(battle).orElseThrow().inconsistent()).isTrue();
    }

    @Test
    void aLaterJudgesConsistentGamesDoNotClearAnEarlierJudgesPositionBiasOrDispute() {
        server.replyWith(sample.judge(g -> g.judgeModel().equals("biased-model")
                ? "The first answer is better: [[A>B]]"
                : (g.baselineFirst() ? "[[A>B]]" : "[[B>A]]")));
        ArenaFixture.endpoint(ws, "biased", "biased-model", server.openAiBaseUrl(), 4);
        ArenaFixture.endpoint(ws, "fair", "fair-model", server.openAiBaseUrl(), 4);
        long battle = sample.all().get(0).id();

        judge(List.of("biased"), "graded", null, "ids:" + battle);
        judge(List.of("fair"), "graded", null, "ids:" + battle);

        Battle after = ws.battles().battle(battle).orElseThrow();
        assertThat(after.inconsistent()).isTrue();
        assertThat(after.status()).isEqualTo(BattleStatus.DISPUTED);
    }

    @Test
    void aScoreJudgesFractionalScoresAreStoredWithTheirLabel() {
        server.replyWith(sample.judge(g -> g.baselineFirst() ? "Thorough. [[7.25, 8.5]]" : "[[8.5, 7.25]]"));
        ArenaFixture.endpoint(ws, "judge", "judge-model", server.openAiBaseUrl(), 4);
        long battle = sample.all().get(0).id();

        assertThat(judge(List.of("judge"), "scores", null, "ids:" + battle)).isEqualTo(RunStatus.COMPLETED);

        Verdict first = game(ws.battles().verdicts(battle), "judge-model", 1);
        assertThat(first.rawLabel()).isEqualTo("7.25, 8.5");
        assertThat(first.scoreA()).isEqualTo(7.25);
        assertThat(first.outcome()).isEqualTo(Outcome.B);
    }

    @Test
    void aResumeJudgesWithThePromptVersionTheJobStartedWithEvenAfterAnEdit() {
        server.replyWith(sample.judge(g -> g.baselineFirst() ? "[[A>B]]" : "[[B>A]]"));
        ArenaFixture.endpoint(ws, "judge", "judge-model", server.openAiBaseUrl(), 4);
        long battle = sample.all().get(0).id();
        ArenaJobExecution job =
                ws.arena().judge(new JudgeRequest(List.of("judge"), "graded", null, "ids:" + battle, 2));
        assertThat(job.run()).isEqualTo(RunStatus.COMPLETED);
        int asked = server.chatRequests().size();
        JudgeAgent graded = ws.arena().judges().find("graded").orElseThrow();
        ws.arena()
                .judges()
                .save(
                        "graded",
                        new Prompt(
                                graded.prompt().system() + " Be brief.",
                                graded.prompt().user()),
                        "shorter");

        assertThat(ws.arena().resume(job.jobId()).run()).isEqualTo(RunStatus.COMPLETED);

        // With the edited prompt (version 2) every game's key would differ and both games would be asked again.
        assertThat(server.chatRequests()).hasSize(asked);
        assertThat(ws.battles().verdicts(battle))
                .filteredOn(v -> v.source() == VerdictSource.JUDGE)
                .allSatisfy(v -> assertThat(v.call().promptVersion()).isEqualTo(1));
    }
}
