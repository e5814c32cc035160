package io.arenainstruct.studio.service.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.flow.AgentRole;
import io.arenainstruct.studio.domain.flow.Prompt;
import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.llm.LedgerEntry;
import io.arenainstruct.studio.domain.llm.LedgerFilter;
import io.arenainstruct.studio.domain.llm.LedgerOutcome;
import io.arenainstruct.studio.domain.llm.ModelPrice;
import io.arenainstruct.studio.domain.llm.Provider;
import io.arenainstruct.studio.domain.run.FailureReason;
import io.arenainstruct.studio.domain.run.Instruction;
import io.arenainstruct.studio.domain.run.InstructionFilter;
import io.arenainstruct.studio.domain.run.InstructionStatus;
import io.arenainstruct.studio.domain.run.RunConfig;
import io.arenainstruct.studio.domain.run.RunProgress;
import io.arenainstruct.studio.domain.run.RunStatus;
import io.arenainstruct.studio.domain.run.SeedSelection;
import io.arenainstruct.studio.domain.run.Stage;
import io.arenainstruct.studio.domain.run.StageProgress;
import io.arenainstruct.studio.service.llm.KeyResolver;
import io.arenainstruct.studio.service.llm.RetryPolicy;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.service.workspace.WorkspaceRepositories;
import io.arenainstruct.studio.store.CallLedgerRepository;
import io.arenainstruct.studio.testserver.FakeModelServer;
import io.arenainstruct.studio.testserver.RecordedRequest;
import io.arenainstruct.studio.testserver.SchemaReplies;

class RunEngineTest {
    private static final RetryPolicy QUICK = RunFixture.QUICK_RETRIES;

    @TempDir
    Path tmp;

    private FakeModelServer server;
    private Workspace ws;

    @BeforeEach
    void setUp() {
        server = FakeModelServer.start().replyWith(SchemaReplies.fill());
        ws = open();
        RunFixture.install(ws, server.openAiBaseUrl(), 3, 4);
    }

    private Workspace open() {
        return Workspace.open(
                tmp.resolve("store"), new KeyResolver(tmp.resolve("secrets.properties"), n -> null), QUICK);
    }

    @AfterEach
    void tearDown() {
        ws.close();
        server.close();
    }

    private RunConfig config() {
        return RunConfig.of(List.of(RunFixture.SKILL), SeedSelection.all(), "local")
                .withPerSeed(2);
    }

    @Test
    void aServerServingFewerThanTheLimitThrottlesTheEndpointAndTheProgressSaysSo() {
        ws.endpoints().save(ws.endpoints().find("local").orElseThrow().withLimits(8, 0, 0));
        server.capacity(2).latency(Duration.ofMillis(30));
        RunHandle run = ws.runs().start(config());
        List<String> throttles = new CopyOnWriteArrayList<>();
        run.onProgress(p -> {
            if (p.throttle() != null) {
                throttles.add(p.throttle());
            }
        });

        assertThat(run.run()).isEqualTo(RunStatus.COMPLETED);

        assertThat(server.count429())
                .as("the server refused calls over its capacity")
                .isPositive();
        assertThat(run.progress().failed()).isZero();
        assertThat(throttles)
                .as("progress told of the throttling")
                .isNotEmpty()
                .allMatch(t -> t.matches("local throttled to [1-4] in flight \\(server answered 429\\)"));
        assertThat(run.progress().throttle())
                .as("a finished run is not throttled")
                .isNull();
    }

    @Test
    void aRunTransformsGeneratesRefinesAndAnswersWithProvenance() {
        RunHandle run = ws.runs().start(config());
        assertThat(run.run()).isEqualTo(RunStatus.COMPLETED);

        // 3 seeds x (1 transformation + 2 instructions x (1 generation + 2 rounds x 2 + 1 answer))
        assertThat(server.chatRequests()).hasSize(3 * (1 + 2 * 6));
        List<Instruction> made = ws.instructions().ids(InstructionFilter.ofRun(run.runId())).stream()
                .map(id -> ws.instructions().find(id).orElseThrow())
                .toList();
        assertThat(made).hasSize(6).allSatisfy(i -> {
            assertThat(i.status()).isEqualTo(InstructionStatus.COMPLETE);
            assertThat(i.category())
                    .as("weight 0 and disabled categories are never sampled")
                    .isEqualTo("Questions");
            assertThat(i.subcategory()).isIn("Why questions", "How questions");
            assertThat(i.generated()).startsWith("instruction for: Ask about (" + i.subcategory() + "): passage for:");
            assertThat(i.rounds()).hasSize(2);
            assertThat(i.rounds().get(0).suggestion()).startsWith("suggestions for: Suggest for: instruction for: Ask");
            assertThat(i.rounds().get(1).suggestion())
                    .as("round 2 works on round 1's edit")
                    .startsWith("suggestions for: Suggest for: instruction for: Revise");
            assertThat(i.instruction()).isEqualTo(i.rounds().get(1).edited());
            assertThat(i.response()).startsWith("response for: Answer: instruction for: Revise");
            assertThat(i.generator().agent()).isEqualTo("asker");
            assertThat(i.generator().promptVersion()).isEqualTo(1);
            assertThat(i.generator().endpoint()).isEqualTo("local");
            assertThat(i.generator().model()).isEqualTo("test-model");
            assertThat(i.generator().callId()).isPositive();
            assertThat(i.answerer().callId()).isPositive();
            assertThat(i.rounds())
                    .allSatisfy(r -> assertThat(r.editor().callId()).isPositive());
        });
        // Every instruction's calls are in the ledger under this run.
        CallLedgerRepository ledger = WorkspaceRepositories.ledger(ws);
        Instruction first = made.get(0);
        LedgerEntry generation = ledger.find(first.generator().callId()).orElseThrow();
        assertThat(generation.runId()).isEqualTo(run.runId());
        assertThat(generation.step()).isEqualTo("generation asker");
        assertThat(generation.reply()).contains(first.generated().substring(0, 20));
        RunProgress p = run.progress();
        assertThat(p.stage(Stage.TRANSFORMATION).done()).isEqualTo(3);
        assertThat(p.stage(Stage.GENERATION).done()).isEqualTo(6);
        assertThat(p.stage(Stage.REFINEMENT).done()).isEqualTo(12);
        assertThat(p.stage(Stage.ANSWER).done()).isEqualTo(6);
        assertThat(p.calls()).isEqualTo(39);
        assertThat(ws.runs().find(run.runId()).orElseThrow().complete()).isEqualTo(6);
        // The same figures worked out from the store, as the Runs area shows a run it did not execute.
        RunProgress stored = ws.runs().progress(run.runId()).orElseThrow();
        assertThat(stored.stages()).isEqualTo(p.stages());
        assertThat(stored.calls()).isEqualTo(39);
        assertThat(stored.tokensIn()).isEqualTo(p.tokensIn());
        assertThat(stored.tokensOut()).isEqualTo(p.tokensOut());
        assertThat(stored.status()).isEqualTo(RunStatus.COMPLETED);
    }

    @Test
    void theSameRunAgainIsAnsweredByTheLedgerUnlessFreshSamplesAreAsked() {
        assertThat(ws.runs().repeatedRun(config())).isEmpty();
        RunHandle first = ws.runs().start(config());
        first.run();
        int sent = server.chatRequests().size();
        // The estimate says so before it starts: every call is answered by the ledger, repeating run 1.
        assertThat(ws.runs().repeatedRun(config())).contains(first.runId());
        var estimate = ws.runs().estimate(config());
        assertThat(estimate.repeatsRun()).isEqualTo(first.runId());
        assertThat(estimate.ledgerCalls()).isEqualTo(estimate.calls()).isEqualTo(39);
        assertThat(ws.runs().repeatedRun(config().withFreshSamples(true, 1L))).isEmpty();
        assertThat(ws.runs().repeatedRun(config().withPerSeed(1))).isEmpty();
        assertThat(ws.runs().repeatedRun(config().withRounds(1))).isEmpty();
        assertThat(ws.runs().repeatedRun(config().withRounds(2)))
                .as("the flow's own 2 rounds")
                .contains(first.runId());
        assertThat(ws.runs().repeatedRun(config().withFreshSamples(false, 7L))).isEmpty();
        // Another run over the same seeds: the transformations (seed and prompt only) are answered, 3 of them.
        var other = ws.runs().estimate(config().withPerSeed(1));
        assertThat(other.repeatsRun()).isNull();
        assertThat(other.ledgerCalls()).isEqualTo(3);
        assertThat(ws.runs()
                        .estimate(config().withPerSeed(1).withFreshSamples(true, 5L))
                        .ledgerCalls())
                .isZero();
        RunHandle again = ws.runs().start(config());
        assertThat(again.run()).isEqualTo(RunStatus.COMPLETED);
        assertThat(server.chatRequests()).as("nothing new was sent").hasSize(sent);
        assertThat(again.progress().cacheHits())
                .isEqualTo(again.progress().calls())
                .isEqualTo(39);

        RunHandle fresh = ws.runs().start(config().withFreshSamples(true, 1L));
        assertThat(fresh.run()).isEqualTo(RunStatus.COMPLETED);
        assertThat(server.chatRequests()).hasSize(2 * sent);
        assertThat(ws.runs().repeatedRun(config()))
                .as("the newest run it repeats")
                .contains(again.runId());
        // A changed prompt makes other requests: no repeat.
        ws.flows()
                .savePrompt(
                        RunFixture.SKILL,
                        "critic",
                        new Prompt(
                                "ROLE suggester, stricter. Reply {\"suggestions\": \"...\"}",
                                "Suggest for: {{instruction}}"),
                        "stricter");
        assertThat(ws.runs().repeatedRun(config())).isEmpty();
    }

    @Test
    void aRunFreezesThePromptsItStartedWith() {
        RunHandle run = ws.runs().start(config());
        ws.flows()
                .savePrompt(
                        RunFixture.SKILL,
                        "solver",
                        new Prompt("ROLE answerer v2. Reply {\"response\": \"...\"}", "Answer now: {{instruction}}"),
                        "edited");
        run.run();
        assertThat(server.chatRequests()).noneMatch(r -> r.lastUserMessage().startsWith("Answer now"));
        Instruction i = ws.instructions()
                .find(ws.instructions()
                        .ids(InstructionFilter.ofRun(run.runId()))
                        .get(0))
                .orElseThrow();
        assertThat(i.answerer().promptVersion()).isEqualTo(1);
        // The next run uses version 2.
        RunHandle next = ws.runs().start(config());
        next.run();
        assertThat(server.chatRequests()).anyMatch(r -> r.lastUserMessage().startsWith("Answer now"));
    }

    @Test
    void failedItemsKeepTheirReasonAndCanBeRetriedOnTheirOwn() {
        // Nothing about seed 1 comes back as JSON, not even the repair: its chain fails at transformation.
        server.replyWith(r -> r.body().contains("Seed number 1 ")
                ? "this is not JSON"
                : SchemaReplies.fill().apply(r));
        RunHandle run = ws.runs().start(config());
        assertThat(run.run()).isEqualTo(RunStatus.INCOMPLETE);
        assertThat(run.progress().stage(Stage.TRANSFORMATION).failed()).isEqualTo(1);
        assertThat(ws.instructions().count(InstructionFilter.ofRun(run.runId())))
                .isEqualTo(4);
        var failedPassages = ws.runs().failedPassages(run.runId());
        assertThat(failedPassages).hasSize(1);
        assertThat(failedPassages.get(0).failure().errorClass()).isEqualTo("SCHEMA_MISMATCH");
        assertThat(failedPassages.get(0).failure().message()).isNotBlank();
        assertThat(ws.runs().find(run.runId()).orElseThrow().message()).contains("1 item failed");

        server.replyWith(SchemaReplies.fill());
        int before = server.chatRequests().size();
        RunHandle retry = ws.runs()
                .retry(run.runId(), Set.of(), Set.of(failedPassages.get(0).id()));
        assertThat(retry.run()).isEqualTo(RunStatus.COMPLETED);
        assertThat(server.chatRequests().size() - before)
                .as("only the failed chain is sent: 1 + 2 x 6")
                .isEqualTo(13);
        assertThat(ws.instructions().count(InstructionFilter.ofRun(run.runId())))
                .isEqualTo(6);
        assertThat(ws.runs().failedPassages(run.runId())).isEmpty();
        RunProgress stored = ws.runs().progress(run.runId()).orElseThrow();
        assertThat(stored.stage(Stage.TRANSFORMATION)).isEqualTo(new StageProgress(Stage.TRANSFORMATION, 3, 3, 0));
        assertThat(stored.stage(Stage.ANSWER).done()).isEqualTo(6);
    }

    @Test
    void anInstructionThatFailedInRefinementContinuesFromThereWhenResumed() {
        // The editor's replies about seed-2.txt are not JSON (not even the repair): those fail in round 1.
        server.replyWith(r -> r.body().contains("Revise") && r.body().contains("seed-2.txt")
                ? "no JSON here"
                : SchemaReplies.fill().apply(r));
        RunHandle run = ws.runs().start(config());
        assertThat(run.run()).isEqualTo(RunStatus.INCOMPLETE);
        List<Instruction> failed =
                ws.instructions().ids(new InstructionFilter(run.runId(), null, null, "failed", null)).stream()
                        .map(id -> ws.instructions().find(id).orElseThrow())
                        .toList();
        assertThat(failed).hasSize(2).allSatisfy(i -> {
            assertThat(i.failure().stage()).isEqualTo(Stage.REFINEMENT);
            assertThat(i.failure().errorClass()).isNotBlank();
            assertThat(i.generated()).isNotNull();
            assertThat(i.rounds())
                    .singleElement()
                    .satisfies(r -> assertThat(r.edited()).isNull());
        });
        long generationCall = failed.get(0).generator().callId();
        // Worked out from the store, the failed counts are the failure reasons' and agree with the run's own.
        RunProgress fromStore = ws.runs().progress(run.runId()).orElseThrow();
        assertThat(fromStore.stage(Stage.REFINEMENT).failed()).isEqualTo(2);
        assertThat(fromStore.stage(Stage.REFINEMENT).failed())
                .isEqualTo(run.progress().stage(Stage.REFINEMENT).failed());
        assertThat(fromStore.stage(Stage.GENERATION).failed()).isZero();
        List<FailureReason> reasons = ws.runs().failureReasons(run.runId());
        assertThat(reasons).allSatisfy(r -> assertThat(r.stage()).isEqualTo(Stage.REFINEMENT));
        assertThat(reasons.stream().mapToInt(FailureReason::count).sum()).isEqualTo(2);

        server.replyWith(SchemaReplies.fill());
        int before = server.chatRequests().size();
        assertThat(ws.runs().resume(run.runId()).run()).isEqualTo(RunStatus.COMPLETED);
        // Each failed one needs: edit round 1, suggest + edit round 2, answer = 4 calls; nothing earlier again.
        assertThat(server.chatRequests().size() - before).isEqualTo(2 * 4);
        Instruction again = ws.instructions().find(failed.get(0).id()).orElseThrow();
        assertThat(again.status()).isEqualTo(InstructionStatus.COMPLETE);
        assertThat(again.failure()).isNull();
        assertThat(again.generator().callId()).isEqualTo(generationCall);
        assertThat(again.rounds())
                .hasSize(2)
                .allSatisfy(r -> assertThat(r.edited()).isNotNull());
    }

    @Test
    void anAnswerTheLedgerHoldsButCannotBeUsedIsAskedForAgainOnResume() {
        // The answerer's replies pass the schema's checks but are only blanks.
        server.replyWith(r -> r.body().contains("ROLE answerer")
                ? "{\"response\": \"   \"}"
                : SchemaReplies.fill().apply(r));
        RunHandle run = ws.runs().start(config());
        assertThat(run.run()).isEqualTo(RunStatus.INCOMPLETE);
        List<Instruction> failed =
                ws.instructions().ids(new InstructionFilter(run.runId(), null, null, "failed", null)).stream()
                        .map(id -> ws.instructions().find(id).orElseThrow())
                        .toList();
        assertThat(failed).hasSize(6).allSatisfy(i -> {
            assertThat(i.failure().stage()).isEqualTo(Stage.ANSWER);
            assertThat(i.failure().message()).contains("no \"response\"");
        });

        server.replyWith(SchemaReplies.fill());
        int before = server.chatRequests().size();
        assertThat(ws.runs().resume(run.runId()).run())
                .as("the ledger's blank answers are not used again")
                .isEqualTo(RunStatus.COMPLETED);
        List<RecordedRequest> sent =
                server.chatRequests().subList(before, server.chatRequests().size());
        assertThat(sent).isNotEmpty().allSatisfy(r -> assertThat(r.body()).contains("ROLE answerer"));
        assertThat(ws.instructions().find(failed.get(0).id()).orElseThrow().response())
                .startsWith("response for:");
    }

    @Test
    void aCancelledRunResumesWithoutSendingWhatTheLedgerHolds() throws Exception {
        server.latency(Duration.ofMillis(30));
        RunHandle run = ws.runs().start(config().withPerSeed(3));
        CompletableFuture<RunStatus> done = CompletableFuture.supplyAsync(run::run);
        // Cancel once a few instructions have been generated.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (run.progress().stage(Stage.GENERATION).done() < 3 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        run.cancel();
        assertThat(done.get(20, TimeUnit.SECONDS)).isEqualTo(RunStatus.CANCELLED);
        assertThat(ws.runs().find(run.runId()).orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);

        RunHandle resumed = ws.runs().resume(run.runId());
        assertThat(resumed.run()).isEqualTo(RunStatus.COMPLETED);
        assertThat(ws.instructions().count(InstructionFilter.ofRun(run.runId())))
                .isEqualTo(9);
        // No request whose answer was recorded was sent twice: every answered request body is unique.
        Map<String, Integer> answered = new HashMap<>();
        for (LedgerEntry e : WorkspaceRepositories.ledger(ws)
                .list(new LedgerFilter(null, LedgerOutcome.OK, null, run.runId()), 0, 10_000)) {
            answered.merge(e.requestHash(), 1, Integer::sum);
        }
        assertThat(answered.values()).allMatch(n -> n == 1);
        assertThat(answered).hasSize(3 + 9 * 6);
    }

    @Test
    void aResumedRunsFiguresAreTheWholeRunsNotJustTheResumedPart() throws Exception {
        ws.endpoints().setPrice(new ModelPrice("test-model", new BigDecimal("1"), new BigDecimal("2")));
        server.latency(Duration.ofMillis(30));
        RunHandle run = ws.runs().start(config().withPerSeed(3));
        CompletableFuture<RunStatus> done = CompletableFuture.supplyAsync(run::run);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (run.progress().stage(Stage.GENERATION).done() < 3 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        run.cancel();
        assertThat(done.get(20, TimeUnit.SECONDS)).isEqualTo(RunStatus.CANCELLED);
        int before = ws.runs().progress(run.runId()).orElseThrow().calls();
        assertThat(before).isPositive();
        server.latency(Duration.ZERO);

        RunHandle resumed = ws.runs().resume(run.runId());
        assertThat(resumed.progress().calls())
                .as("counted from the ledger before the first new call")
                .isEqualTo(before);
        assertThat(resumed.run()).isEqualTo(RunStatus.COMPLETED);
        RunProgress live = resumed.progress();
        RunProgress stored = ws.runs().progress(run.runId()).orElseThrow();
        assertThat(live.calls()).isEqualTo(stored.calls()).isGreaterThanOrEqualTo(3 + 9 * 6);
        assertThat(live.cacheHits()).isEqualTo(stored.cacheHits());
        assertThat(live.tokensIn()).isEqualTo(stored.tokensIn()).isPositive();
        assertThat(live.tokensOut()).isEqualTo(stored.tokensOut());
        assertThat(live.cost()).isEqualByComparingTo(stored.cost());
    }

    @Test
    void aRunLeftRunningIsInterruptedWhenTheStoreOpensAgainAndCanBeResumed() {
        RunHandle run = ws.runs().start(config());
        // The process "dies" before the run executes: the row still says running.
        ws.close();
        ws = open();
        assertThat(ws.runs().interruptedAtOpen()).containsExactly(run.runId());
        assertThat(ws.runs().find(run.runId()).orElseThrow().status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(ws.runs().resume(run.runId()).run()).isEqualTo(RunStatus.COMPLETED);
        assertThatThrownBy(() -> ws.runs().resume(run.runId())).hasMessageContaining("completed");
    }

    @Test
    void aConfigurationThatCannotRunIsRefusedWithEveryReason() {
        RunConfig bad = new RunConfig(
                List.of("no-such-skill", RunFixture.SKILL),
                SeedSelection.tag("nothing"),
                "missing-endpoint",
                Map.of(),
                null,
                1,
                false,
                1L);
        assertThatThrownBy(() -> ws.runs().start(bad))
                .isInstanceOfSatisfying(
                        RunService.RunRefused.class,
                        e -> assertThat(e.problems())
                                .anyMatch(p -> p.contains("no-such-skill"))
                                .anyMatch(p -> p.contains("missing-endpoint"))
                                .anyMatch(p -> p.contains("matches no seeds")));
        assertThat(ws.runs().list()).isEmpty();
    }

    @Test
    void theEstimateCountsCallsPerStage() {
        var estimate = ws.runs().estimate(config());
        assertThat(estimate.seeds()).isEqualTo(3);
        assertThat(estimate.passages()).isEqualTo(3);
        assertThat(estimate.instructions()).isEqualTo(6);
        assertThat(estimate.calls()).isEqualTo(39);
        assertThat(estimate.tokensIn()).isPositive();
        assertThat(estimate.cost()).isNull();
        assertThat(estimate.costComplete()).isFalse();
    }

    @Test
    void theEstimatedCostUsesThePriceOfEachRolesEndpoint() {
        ws.endpoints().save(Endpoint.of("big", Provider.OPENAI_COMPATIBLE, server.openAiBaseUrl(), "big-model"));
        RunConfig split = config().withRoleEndpoints(Map.of(AgentRole.ANSWERER, "big"));
        ws.endpoints().setPrice(new ModelPrice("test-model", new BigDecimal("1"), new BigDecimal("2")));
        var partly = ws.runs().estimate(split);
        assertThat(partly.costComplete())
                .as("the answerer's model has no price")
                .isFalse();
        assertThat(partly.cost()).isPositive();
        ws.endpoints().setPrice(new ModelPrice("big-model", new BigDecimal("10"), new BigDecimal("30")));
        var priced = ws.runs().estimate(split);
        assertThat(priced.costComplete()).isTrue();
        assertThat(priced.cost()).isGreaterThan(partly.cost());
        var cheap = ws.runs().estimate(config());
        assertThat(cheap.costComplete()).isTrue();
        assertThat(cheap.cost()).as("all on the cheaper model").isLessThan(priced.cost());
        assertThat(cheap.tokensIn()).isEqualTo(priced.tokensIn());
    }

    @Test
    void theEndpointIsKeptBusyUpToItsLimit() {
        server.latency(Duration.ofMillis(40)).unlimitedCapacity();
        RunHandle run = ws.runs().start(config().withPerSeed(4));
        assertThat(run.run()).isEqualTo(RunStatus.COMPLETED);
        // The run fills the endpoint's 4 slots. The server counts a request until its handler has returned, a
        // moment after the client has the reply and may have sent the next one, so it can see one more.
        assertThat(server.maxConcurrentSeen()).isBetween(4, 5);
        Set<Long> seeds = new HashSet<>(ws.instructions().page(InstructionFilter.ofRun(run.runId()), 0, 100).stream()
                .map(r -> r.seedId())
                .collect(Collectors.toSet()));
        assertThat(seeds).hasSize(3);
    }
}
