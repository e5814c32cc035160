package io.arenainstruct.studio.cli;

import static io.arenainstruct.studio.service.loop.LoopSimulation.EASY;
import static io.arenainstruct.studio.service.loop.LoopSimulation.INFERENCE;
import static io.arenainstruct.studio.service.loop.LoopSimulation.RECALL;
import static io.arenainstruct.studio.service.loop.LoopSimulation.SKILL;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.arenainstruct.studio.domain.adjudication.HumanVote;
import io.arenainstruct.studio.domain.arena.Battle;
import io.arenainstruct.studio.domain.arena.BattleFilter;
import io.arenainstruct.studio.domain.arena.BattleStatus;
import io.arenainstruct.studio.domain.arena.Outcome;
import io.arenainstruct.studio.domain.arena.Verdict;
import io.arenainstruct.studio.domain.arena.VerdictSource;
import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.llm.Provider;
import io.arenainstruct.studio.domain.run.Instruction;
import io.arenainstruct.studio.domain.run.InstructionFilter;
import io.arenainstruct.studio.service.flow.FlowFileException;
import io.arenainstruct.studio.service.loop.LoopSimulation;
import io.arenainstruct.studio.service.workspace.TemporaryUserData;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.testserver.FakeModelServer;

/**
 * Two iterations of the loop, headless, against the in-test model server of {@link LoopSimulation}: T loses every
 * battle in Inference (the planted weak category), wins every one in Recall and ties every one in Easy. Iteration 1
 * is made with the ordinary commands on the seeds tagged "first"; loop propose and loop accept move the weights and
 * the rounds; loop next makes iteration 2 on the seeds no run used (those tagged "second"), with the pool, pairing
 * and judge iteration 1 used. Then a person finds three of iteration 2's battles both bad and loop regenerate sends
 * them back.
 */
class LoopNextSimulationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Seeds per iteration (one instruction each): enough for the statistical check, few enough to stay quick. */
    static final int SEEDS = 90;

    @TempDir
    Path tmp;

    @RegisterExtension
    final TemporaryUserData userData = new TemporaryUserData();

    private FakeModelServer server;
    private Path store;

    @BeforeEach
    void setUp() throws FlowFileException {
        server = FakeModelServer.start().replyWith(LoopSimulation::reply);
        store = tmp.resolve("store");
        try (Workspace ws = Workspace.open(store)) {
            LoopSimulation.install(ws, server.openAiBaseUrl(), SEEDS);
        }
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private CliRun cli(Object... args) {
        return CliRun.on(store, args);
    }

    private static void ok(CliRun run) {
        assertThat(run.code()).as(run.err()).isZero();
    }

    @Test
    void twoIterationsSampleTheWeakCategoryMoreAndProposeRoundsForTheEasyOne() throws Exception {
        // iteration 1 with the ordinary commands
        ok(cli("run", "--skill", SKILL, "--seeds", "tag:first", "--endpoint", "gen"));
        ok(cli("answer", "--endpoints", "t,o", "--instructions", "run:1"));
        ok(cli("battles", "create", "--strategy", "target:T", "--instructions", "run:1"));
        ok(cli("judge", "--judges", "j"));
        Map<String, Integer> first = categories(1);
        assertThat(first.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(SEEDS);

        // propose: Inference up with its reason, Recall and Easy down, Easy one more round
        CliRun proposed = cli("loop", "propose", "--target", "T", "--min-battles", "10", "--json");
        ok(proposed);
        Map<String, JsonNode> byId = new HashMap<>();
        JSON.readTree(proposed.out()).forEach(p -> byId.put(p.get("id").asText(), p));
        // by hand: every battle is decided; T loses exactly the Inference ones, so the mean loss rate is
        // m = n(Inference) / 90 and Inference's weight 1 × (1 + (1 − m)), the others 1 × (1 − m), two decimals
        double m = first.get(INFERENCE) / (double) SEEDS;
        double inference = round2(2 - m);
        double other = round2(Math.max(0.5, 1 - m));
        JsonNode weak = byId.get("weight:" + SKILL + "/" + INFERENCE);
        assertThat(weak).as(proposed.out()).isNotNull();
        assertThat(weak.get("from").asText()).isEqualTo("1.0");
        assertThat(Double.parseDouble(weak.get("to").asText())).isEqualTo(inference);
        assertThat(weak.get("reason").asText())
                .startsWith("T loses 100% of " + first.get(INFERENCE) + " battles in Inference");
        assertThat(Double.parseDouble(
                        byId.get("weight:" + SKILL + "/" + RECALL).get("to").asText()))
                .isEqualTo(other);
        JsonNode rounds = byId.get("rounds:" + SKILL + "/" + EASY);
        assertThat(rounds).as(proposed.out()).isNotNull();
        assertThat(rounds.get("from").asText()).isEqualTo("0");
        assertThat(rounds.get("to").asText()).isEqualTo("1");
        assertThat(rounds.get("reason").asText()).startsWith("T ties 100% of " + first.get(EASY) + " battles in Easy");
        assertThat(byId).doesNotContainKey("rounds:" + SKILL + "/" + RECALL);

        ok(cli("loop", "accept", "--target", "T", "--min-battles", "10"));

        // iteration 2 in one step: pool, pairing and judge as iteration 1 had them
        CliRun next = cli("loop", "next", "--endpoint", "gen", "--target", "T", "--note", "more inference");
        ok(next);
        assertThat(next.err())
                .contains("Iteration 2, target T:")
                .contains("1. run: skills loop-skill on 90 seeds (not used before)")
                .contains("2. answer with t, o: 180 calls")
                .contains("3. battles target:T (as 90 of iteration 1's battles did): about 90 battles")
                .contains("4. judge with j (as judging job 2 did; graded, 2 games): 180 calls")
                .contains("Started iteration 2, target T.");
        assertThat(next.out())
                .contains("run 2 completed: 90 instructions")
                .contains("answer job 3 completed: 180 answers")
                .contains("battles (target:T): 90 made, 0 existing")
                .contains("judge job 4 completed: 90 battles judged");

        Map<String, Integer> second = categories(2);
        try (Workspace ws = Workspace.open(store)) {
            // the seeds no run used, and the accepted round
            List<Long> ids = ws.instructions().ids(InstructionFilter.ofRun(2));
            for (long id : ids) {
                Instruction i = ws.instructions().find(id).orElseThrow();
                assertThat(ws.runs().seed(i.seedId()).orElseThrow().name()).startsWith("second-");
                assertThat(i.rounds()).as("the accepted round").hasSize(1);
            }
        }
        int n2 = second.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(n2).isEqualTo(SEEDS);
        int k2 = second.get(INFERENCE);
        // iteration 1 drew categories at 1:1:1, so a third is Inference's share under "nothing changed"; one-sided
        // binomial test of iteration 2's Inference count against it
        double pValue = upperTail(n2, k2, 1.0 / 3);
        assertThat(pValue)
                .as(
                        "P(X ≥ %d | n = %d, p = 1/3), Inference drawn %d times of %d in iteration 1",
                        k2, n2, first.get(INFERENCE), SEEDS)
                .isLessThan(0.01);
        // and the share follows the accepted weights: inference / (inference + 2 × other), by hand
        double expected = inference / (inference + 2 * other);
        double sd = Math.sqrt(n2 * expected * (1 - expected));
        assertThat(Math.abs(k2 - n2 * expected))
                .as("within 3.3 standard deviations")
                .isLessThan(3.3 * sd);

        // loop status shows both iterations with their counts
        CliRun status = cli("loop", "status", "--target", "T", "--json");
        ok(status);
        JsonNode iterations = JSON.readTree(status.out()).get("iterations");
        assertThat(iterations).hasSize(2);
        for (int i = 0; i < 2; i++) {
            JsonNode it = iterations.get(i);
            assertThat(it.get("number").asInt()).isEqualTo(i + 1);
            assertThat(it.get("runs").asInt()).isEqualTo(1);
            assertThat(it.get("battles").asInt()).isEqualTo(SEEDS);
            assertThat(it.get("human_verdicts").asInt()).isZero();
        }
        // T loses Inference, wins Recall, ties Easy: its win rate is (wins + ties / 2) / battles in each
        assertThat(iterations.get(0).get("target_win_rate").asDouble())
                .isCloseTo((first.get(RECALL) + first.get(EASY) / 2.0) / SEEDS, within());
        assertThat(iterations.get(1).get("target_win_rate").asDouble())
                .isCloseTo((second.get(RECALL) + second.get(EASY) / 2.0) / SEEDS, within());

        regenerateWhatAPersonFoundBothBad();

        // proposed again in iteration 2: only iteration 2's battles, as iteration 1's moved the weights already
        CliRun again = cli("loop", "propose", "--target", "T", "--min-battles", "10", "--json");
        ok(again);
        JsonNode weakAgain = null;
        for (JsonNode p : JSON.readTree(again.out())) {
            if (p.get("id").asText().equals("weight:" + SKILL + "/" + INFERENCE)) {
                weakAgain = p;
            }
        }
        assertThat(weakAgain).as(again.out()).isNotNull();
        assertThat(weakAgain.get("from").asText()).isEqualTo(String.valueOf(inference));
        assertThat(weakAgain.get("reason").asText())
                .startsWith("T loses 100% of " + second.get(INFERENCE) + " battles in Inference");
        assertThat(weakAgain.get("evidence")).hasSize(second.get(INFERENCE));
        weakAgain.get("evidence").forEach(id -> assertThat(id.asLong()).isGreaterThan(SEEDS));
    }

    /**
     * An annotator finds three of iteration 2's Easy battles both bad; {@code loop regenerate} with endpoint r (model
     * R, which the judge always prefers) answers their prompts again, battles R's answer against each failed one,
     * links the new battles to the failed ones and judges them; asked again it makes nothing.
     */
    private void regenerateWhatAPersonFoundBothBad() throws Exception {
        List<Long> failed;
        try (Workspace ws = Workspace.open(store)) {
            ws.endpoints()
                    .save(Endpoint.of("r", Provider.OPENAI_COMPATIBLE, server.openAiBaseUrl(), "R")
                            .withTimeout(Duration.ofSeconds(10)));
            failed = ws.battles().page(BattleFilter.ALL, 0, 1000).stream()
                    .filter(b -> b.id() > SEEDS && EASY.equals(b.category()))
                    .map(Battle::id)
                    .limit(3)
                    .toList();
            assertThat(failed).hasSize(3);
            for (long id : failed) {
                ws.adjudication().vote(new HumanVote(id, "ann", Outcome.BOTH_BAD, null, false, false, null));
            }
        }
        int asked = server.chatRequests().size();

        CliRun regenerate = cli("loop", "regenerate", "--endpoints", "r", "--iteration", "2");
        ok(regenerate);
        // one new answer per failed prompt, battled against T's and O's failed answers, each game twice
        assertThat(server.chatRequests().size() - asked).isEqualTo(3 + 3 * 2 * 2);
        JsonNode list = JSON.readTree(cli("battles", "list", "--json").out());
        List<JsonNode> redone = new ArrayList<>();
        list.forEach(b -> {
            if (!b.get("regenerates").isNull()) {
                redone.add(b);
            }
        });
        assertThat(redone).hasSize(6);
        assertThat(redone.stream().map(b -> b.get("regenerates").asLong()).distinct())
                .containsExactlyInAnyOrderElementsOf(failed);
        try (Workspace ws = Workspace.open(store)) {
            for (JsonNode b : redone) {
                Battle battle = ws.battles().battle(b.get("id").asLong()).orElseThrow();
                assertThat(List.of(battle.modelA(), battle.modelB())).contains("R");
                assertThat(battle.status()).isEqualTo(BattleStatus.JUDGED);
                Outcome rWins = battle.modelA().equals("R") ? Outcome.A : Outcome.B;
                assertThat(ws.battles().verdicts(battle.id()))
                        .filteredOn(v -> v.source() == VerdictSource.JUDGE && v.game() != null && v.game() == 0)
                        .extracting(Verdict::outcome)
                        .containsExactly(rWins);
            }
        }
        for (long id : failed) {
            JsonNode failedBattle = list.get((int) id - 1);
            assertThat(failedBattle.get("id").asLong()).isEqualTo(id);
            assertThat(failedBattle.get("regenerated_as")).hasSize(2);
        }

        CliRun again = cli("loop", "regenerate", "--endpoints", "r", "--iteration", "2");
        ok(again);
        assertThat(again.out()).startsWith("Nothing to regenerate in iteration 2");
        assertThat(JSON.readTree(cli("battles", "list", "--json").out())).hasSize(list.size());

        // the regenerated battles belong to iteration 2, where they were made
        JsonNode iterations = JSON.readTree(
                        cli("loop", "status", "--target", "T", "--json").out())
                .get("iterations");
        assertThat(iterations.get(1).get("battles").asInt()).isEqualTo(SEEDS + 6);
        assertThat(iterations.get(1).get("human_verdicts").asInt()).isEqualTo(3);
    }

    private static Offset<Double> within() {
        return Offset.offset(1e-9);
    }

    /** Run {@code runId}'s instructions counted by category, as the store holds them. */
    private Map<String, Integer> categories(long runId) {
        Map<String, Integer> out = new HashMap<>(Map.of(RECALL, 0, INFERENCE, 0, EASY, 0));
        try (Workspace ws = Workspace.open(store)) {
            for (long id : ws.instructions().ids(InstructionFilter.ofRun(runId))) {
                out.merge(ws.instructions().find(id).orElseThrow().category(), 1, Integer::sum);
            }
        }
        return out;
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** P(X ≥ k) for X ~ Binomial(n, p), summed term by term in logs. */
    static double upperTail(int n, int k, double p) {
        double sum = 0;
        for (int x = k; x <= n; x++) {
            sum += Math.exp(logChoose(n, x) + x * Math.log(p) + (n - x) * Math.log(1 - p));
        }
        return sum;
    }

    private static double logChoose(int n, int k) {
        double s = 0;
        for (int i = 1; i <= k; i++) {
            s += Math.log(n - k + i) - Math.log(i);
        }
        return s;
    }
}
