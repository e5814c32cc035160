package io.arenainstruct.studio.service.arena.battlefiles;

import static io.arenainstruct.studio.domain.arena.BattleStatus.ADJUDICATED;
import static io.arenainstruct.studio.domain.arena.BattleStatus.DISPUTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.arena.ArenaInstruction;
import io.arenainstruct.studio.domain.arena.ArenaResponse;
import io.arenainstruct.studio.domain.arena.Battle;
import io.arenainstruct.studio.domain.arena.BattleFilter;
import io.arenainstruct.studio.domain.arena.BattleStatus;
import io.arenainstruct.studio.domain.arena.Outcome;
import io.arenainstruct.studio.domain.arena.Verdict;
import io.arenainstruct.studio.domain.arena.VerdictSource;
import io.arenainstruct.studio.domain.llm.Message;
import io.arenainstruct.studio.store.ArenaRepository;
import io.arenainstruct.studio.store.ArenaRepository.Item;
import io.arenainstruct.studio.store.BattleRepository;
import io.arenainstruct.studio.store.Store;

class BattleFileImporterTest {
    @TempDir
    Path tmp;

    private Store store;
    private ArenaRepository arena;
    private BattleRepository battles;
    private BattleFileImporter importer;

    @BeforeEach
    void open() {
        store = Store.open(tmp.resolve("ws"));
        arena = new ArenaRepository(store);
        battles = new BattleRepository(store);
        importer = new BattleFileImporter(arena, battles);
    }

    @AfterEach
    void close() {
        store.close();
    }

    static Path fixture(String name) {
        try {
            return Path.of(BattleFileImporterTest.class
                    .getResource("/battlefiles/" + name)
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A verdict in a few words: source, voter, game, swapped, outcome, label, raw label, imported. */
    private static String words(Verdict v) {
        return v.source().id() + " " + v.voter() + " g" + v.game() + (v.swapped() ? " swapped " : " ")
                + v.outcome().id()
                + " " + (v.label() == null ? "-" : v.label().text()) + " raw=" + v.rawLabel()
                + (v.imported() ? "" : " NOT-IMPORTED");
    }

    private List<String> verdictWords(long battleId) {
        return battles.verdicts(battleId).stream()
                .map(BattleFileImporterTest::words)
                .toList();
    }

    private List<Battle> all() {
        return battles.page(BattleFilter.ALL, 0, 100);
    }

    @Test
    void detectsEachFormatByItsFields() {
        assertThat(importer.detect(fixture("chatbot-arena.jsonl"))).contains(BattleFileFormat.CHATBOT_ARENA);
        assertThat(importer.detect(fixture("fastchat_pair.jsonl"))).contains(BattleFileFormat.FASTCHAT_PAIR);
        assertThat(importer.detect(fixture("arena-hard-judge.jsonl"))).contains(BattleFileFormat.ARENA_HARD);
    }

    @Test
    void chatbotArenaRowsRoundTrip() {
        BattleFileImporter.Report r =
                importer.importFiles(List.of(fixture("chatbot-arena.jsonl")), VerdictSource.HUMAN);

        assertThat(r.verdicts()).isEqualTo(4);
        assertThat(r.battles()).isEqualTo(3);
        assertThat(r.newBattles()).isEqualTo(3);
        assertThat(r.newModels()).containsExactly("m-alpha", "m-beta", "x", "y");
        assertThat(r.unknownQuestions()).isEmpty();
        assertThat(r.rejected()).extracting(BattleFileImporter.Rejection::line).containsExactly(4, 5, 7);
        assertThat(r.rejected().get(0).reason()).contains("winner");
        assertThat(r.rejected().get(1).reason()).startsWith("not JSON");
        assertThat(r.rejected().get(2).reason()).isEqualTo("both sides name the same model");

        List<Battle> made = all();
        assertThat(made).hasSize(3);
        Battle q1 = made.get(0);
        long q1Instruction =
                arena.instructionByExternalId("chatbot-arena", "q1").orElseThrow();
        assertThat(q1.instructionId()).isEqualTo(q1Instruction);
        assertThat(q1.modelA()).isEqualTo("m-alpha");
        assertThat(q1.modelB()).isEqualTo("m-beta");
        // annotator1 votes m-alpha, annotator2 m-beta: one vote each, no majority
        assertThat(q1.status()).isEqualTo(BattleStatus.DISPUTED);
        ArenaInstruction instruction = arena.instruction(q1Instruction).orElseThrow();
        assertThat(instruction.prompt()).isEqualTo("What is 2+2?");
        assertThat(instruction.context()).isEmpty();
        // the reversed row's conversation carries the same two answers: still two responses
        List<ArenaResponse> answers = arena.responses(q1Instruction);
        assertThat(answers)
                .extracting(ArenaResponse::model, ArenaResponse::text)
                .containsExactly(tuple("m-alpha", "4"), tuple("m-beta", "four"));
        assertThat(q1.responseA()).isEqualTo(answers.get(0).id());
        assertThat(q1.responseB()).isEqualTo(answers.get(1).id());
        // row 2 names m-beta first and says model_a won: on this battle that is B, seen first
        assertThat(verdictWords(q1.id()))
                .containsExactly("human annotator1 gnull a - raw=null", "human annotator2 gnull swapped b - raw=null");
        assertThat(battles.verdicts(q1.id()).get(0).createdAt()).isEqualTo(Instant.parse("2023-11-14T22:13:20.500Z"));

        Battle xy = made.get(1);
        assertThat(xy.instructionId()).isNull();
        assertThat(verdictWords(xy.id())).containsExactly("human chatbot-arena.jsonl gnull both-bad - raw=null");

        Battle q2 = made.get(2);
        ArenaInstruction colour = arena.instruction(q2.instructionId()).orElseThrow();
        assertThat(colour.context()).containsExactly(Message.system("Be brief."));
        assertThat(colour.prompt()).isEqualTo("Name a colour.");
        assertThat(verdictWords(q2.id())).containsExactly("human chatbot-arena.jsonl gnull tie - raw=null");
        assertThat(arena.datasets()).extracting(d -> d.name()).containsExactly("chatbot-arena");
    }

    @Test
    void chatbotArenaRowsAsJudgeAreJudgeVerdicts() {
        importer.importFiles(List.of(fixture("chatbot-arena.jsonl")), VerdictSource.JUDGE);

        Battle q1 = all().get(0);
        assertThat(q1.status()).isEqualTo(BattleStatus.JUDGED);
        assertThat(verdictWords(q1.id())).first().isEqualTo("judge annotator1 gnull a - raw=null");
    }

    @Test
    void importingTwiceAddsNothing() {
        List<Path> files = List.of(
                fixture("chatbot-arena.jsonl"), fixture("fastchat_pair.jsonl"), fixture("arena-hard-judge.jsonl"));
        BattleFileImporter.Report first = importer.importFiles(files, VerdictSource.HUMAN);
        int verdicts =
                all().stream().mapToInt(b -> battles.verdicts(b.id()).size()).sum();

        BattleFileImporter.Report again = importer.importFiles(files, VerdictSource.HUMAN);

        assertThat(first.verdicts()).isEqualTo(verdicts).isPositive();
        assertThat(again.verdicts()).isZero();
        assertThat(again.battles()).isZero();
        assertThat(again.newBattles()).isZero();
        assertThat(again.newModels()).isEmpty();
        assertThat(again.rejected()).hasSameSizeAs(first.rejected());
        assertThat(all().stream().mapToInt(b -> battles.verdicts(b.id()).size()).sum())
                .isEqualTo(verdicts);
    }

    @Test
    void fastChatPairsRoundTrip() {
        arena.add(
                "mt-bench",
                "prompts",
                List.of(new Item(ArenaInstruction.of(List.of(), "Q81", "writing", null), "81", List.of())));
        long q81 = arena.instructionByExternalId("mt-bench", "81").orElseThrow();

        BattleFileImporter.Report r =
                importer.importFiles(List.of(fixture("fastchat_pair.jsonl")), VerdictSource.HUMAN);

        // rows 1, 2, 3, 6 make 2 + 2 + 2 + 2 game verdicts and combined verdicts for 1, 2 and 6 (3 has an error)
        assertThat(r.verdicts()).isEqualTo(11);
        assertThat(r.battles()).isEqualTo(3);
        assertThat(r.newBattles()).isEqualTo(3);
        assertThat(r.unknownQuestions()).containsExactly("82");
        assertThat(r.rejected()).extracting(BattleFileImporter.Rejection::line).containsExactly(4, 5);
        assertThat(r.rejected().get(1).reason()).startsWith("judge");

        List<Battle> made = all();
        Battle b81 = made.get(0);
        assertThat(b81.instructionId()).isEqualTo(q81);
        assertThat(b81.category()).isEqualTo("writing");
        assertThat(b81.modelA()).isEqualTo("gpt-3.5");
        assertThat(b81.turn()).isEqualTo(1);
        // gpt-4 agrees with itself; claude (row naming vicuna first) says vicuna in game 1, gpt-3.5 in game 2
        assertThat(verdictWords(b81.id()))
                .containsExactly(
                        "judge gpt-4 g1 a - raw=null",
                        "judge gpt-4 g2 swapped a - raw=null",
                        "judge gpt-4 g0 a - raw=null",
                        "judge claude g1 swapped b - raw=null",
                        "judge claude g2 a - raw=null",
                        "judge claude g0 tie - raw=null");
        assertThat(battles.verdicts(b81.id()).get(0).judgment()).isEqualTo("A is better. [[A]]");
        assertThat(battles.verdicts(b81.id()).get(0).note()).isEqualTo("judge prompt pair-v2");
        assertThat(b81.status()).isEqualTo(BattleStatus.DISPUTED);
        assertThat(b81.inconsistent()).isTrue();

        Battle b82 = made.get(1);
        assertThat(b82.instructionId()).isNull();
        assertThat(verdictWords(b82.id()))
                .containsExactly("judge gpt-4 g1 error - raw=null", "judge gpt-4 g2 swapped tie - raw=null");
        assertThat(b82.status()).isEqualTo(BattleStatus.DISPUTED);
        assertThat(b82.inconsistent()).isFalse();

        Battle turn2 = made.get(2);
        assertThat(turn2.instructionId()).isEqualTo(q81);
        assertThat(turn2.turn()).isEqualTo(2);
        assertThat(turn2.status()).isEqualTo(BattleStatus.JUDGED);
        assertThat(verdictWords(turn2.id())).last().isEqualTo("judge gpt-4 g0 tie - raw=null");
    }

    @Test
    void arenaHardJudgmentsRoundTrip() {
        arena.add(
                "arena-hard",
                "arena-hard",
                List.of(
                        new Item(ArenaInstruction.of(List.of(), "P1", "cluster one", null), "u1", List.of()),
                        new Item(ArenaInstruction.of(List.of(), "P2", null, null), "u2", List.of())));
        long u1 = arena.instructionByExternalId("arena-hard", "u1").orElseThrow();
        // a battle on u1 that exists already, made with m1 as A: the file's games are turned to fit it
        battles.create(List.of(new Battle(
                0,
                u1,
                "m1",
                "gpt-4-0314",
                null,
                null,
                1,
                "all-pairs",
                "cluster one",
                BattleStatus.UNJUDGED,
                false,
                null)));

        BattleFileImporter.Report r =
                importer.importFiles(List.of(fixture("arena-hard-judge.jsonl")), VerdictSource.JUDGE);

        assertThat(r.verdicts()).isEqualTo(3 + 3 + 2 + 3);
        assertThat(r.battles()).isEqualTo(4);
        assertThat(r.newBattles()).isEqualTo(3);
        assertThat(r.unknownQuestions()).containsExactly("u3");
        assertThat(r.newModels()).containsExactly("m2");
        assertThat(r.rejected()).extracting(BattleFileImporter.Rejection::line).containsExactly(4);

        List<Battle> made = all();
        Battle existing = made.get(0);
        // game 1: baseline shown first, B>A = m1 better; game 2: m1 shown first, A>>B = m1 much better
        assertThat(verdictWords(existing.id()))
                .containsExactly(
                        "judge gpt-4-1106-preview g1 swapped a A>B raw=B>A",
                        "judge gpt-4-1106-preview g2 a A>>B raw=A>>B",
                        "judge gpt-4-1106-preview g0 a A>B raw=null");
        assertThat(battles.verdicts(existing.id()).get(1).judgment()).isEqualTo("Assistant A is much better. [[A>>B]]");
        assertThat(existing.status()).isEqualTo(BattleStatus.JUDGED);
        assertThat(existing.inconsistent()).isFalse();

        Battle u2 = made.get(1);
        assertThat(u2.modelA()).isEqualTo("gpt-4-0314");
        assertThat(u2.modelB()).isEqualTo("m1");
        // each game says the answer shown first is better: position bias
        assertThat(verdictWords(u2.id()))
                .containsExactly(
                        "judge gpt-4-1106-preview g1 a A>B raw=A>B",
                        "judge gpt-4-1106-preview g2 swapped b B>A raw=A>B",
                        "judge gpt-4-1106-preview g0 tie A=B raw=null");
        assertThat(u2.status()).isEqualTo(BattleStatus.DISPUTED);
        assertThat(u2.inconsistent()).isTrue();

        Battle u3 = made.get(2);
        assertThat(u3.instructionId()).isNull();
        assertThat(verdictWords(u3.id()))
                .containsExactly(
                        "judge gpt-4-1106-preview g1 unparsable - raw=null",
                        "judge gpt-4-1106-preview g2 swapped a A>B raw=B>A");
        assertThat(u3.status()).isEqualTo(BattleStatus.DISPUTED);

        Battle m2 = made.get(3);
        assertThat(m2.instructionId()).isEqualTo(u1);
        assertThat(m2.category()).isEqualTo("cluster one");
        assertThat(verdictWords(m2.id())).last().isEqualTo("judge gpt-4-1106-preview g0 tie A=B raw=null");
        assertThat(m2.status()).isEqualTo(BattleStatus.JUDGED);
    }

    @Test
    void aRowTooLongForTheStoreIsRejectedAndTheRestImported() throws Exception {
        Path file = tmp.resolve("long.jsonl");
        String good = "{\"model_a\": \"a\", \"model_b\": \"b\", \"winner\": \"tie\"}";
        String huge = "{\"model_a\": \"a\", \"model_b\": \"b\", \"winner\": \"tie\", \"judge\": \""
                + "x".repeat(1_000_000) + "\"}";
        Files.writeString(file, good + "\n" + huge + "\n" + good.replace("tie", "model_a") + "\n");

        BattleFileImporter.Report r = importer.importFiles(List.of(file), VerdictSource.HUMAN);

        assertThat(r.verdicts()).isEqualTo(2);
        assertThat(r.rejected()).extracting(BattleFileImporter.Rejection::line).containsExactly(2);
        assertThat(r.rejected().get(0).reason()).isEqualTo("longer than 1000000 characters");
    }

    @Test
    void twoIdenticalVotesAreTwoVotesAndARenamedCopyAddsNothingNotEvenEmptyBattles() throws Exception {
        String vote = "{\"model_a\": \"x\", \"model_b\": \"y\", \"winner\": \"model_a\"}";
        Path file = Files.writeString(tmp.resolve("votes.jsonl"), vote + "\n" + vote + "\n");
        Path copy = Files.writeString(tmp.resolve("votes-copy.jsonl"), vote + "\n" + vote + "\n");

        BattleFileImporter.Report first = importer.importFiles(List.of(file), VerdictSource.HUMAN);
        int battlesAfterFirst = all().size();
        BattleFileImporter.Report again = importer.importFiles(List.of(copy), VerdictSource.HUMAN);

        // Rows naming no question are battles of their own (file and line); both votes are kept.
        assertThat(first.verdicts()).isEqualTo(2);
        assertThat(again.verdicts()).isZero();
        assertThat(again.newBattles()).isZero();
        assertThat(all()).hasSize(battlesAfterFirst);
    }

    @Test
    void aLineOfMegabytesIsSkippedAsItStreamsByAndTheRowsAroundItImport() throws Exception {
        String vote = "{\"model_a\": \"x\", \"model_b\": \"y\", \"winner\": \"tie\"}";
        String huge = "{\"model_a\": \"x\", \"model_b\": \"y\", \"winner\": \"" + "a".repeat(9 * 1024 * 1024) + "\"}";
        Path file = Files.writeString(
                tmp.resolve("huge.jsonl"), vote + "\n" + huge + "\n" + vote.replace("tie", "model_b"));

        BattleFileImporter.Report report = importer.importFiles(List.of(file), VerdictSource.HUMAN);

        assertThat(report.verdicts()).isEqualTo(2);
        assertThat(report.rejected()).singleElement().satisfies(r -> {
            assertThat(r.line()).isEqualTo(2);
            assertThat(r.reason()).contains("longer than the limit");
        });
    }

    @Test
    void aRowTheStoreRefusesIsRejectedWithItsLineAndTheRestOfItsChunkIsImported() throws Exception {
        // planted: the store refuses any verdict of this voter, after the row has made its battle
        store.write(c -> c.createStatement()
                .execute("ALTER TABLE verdict ADD CONSTRAINT planted_refusal CHECK (voter <> 'saboteur')"));
        Path file = Files.writeString(tmp.resolve("votes.jsonl"), """
                {"question_id": "qa", "model_a": "x", "model_b": "y", "winner": "model_a", "judge": "p1"}
                {"question_id": "qs", "model_a": "x", "model_b": "z", "winner": "model_a", "judge": "saboteur"}
                {"question_id": "qa", "model_a": "y", "model_b": "x", "winner": "model_b", "judge": "p2"}
                {"question_id": "qb", "model_a": "x", "model_b": "y", "winner": "tie", "judge": "p3"}
                """);

        BattleFileImporter.Report r = importer.importFiles(List.of(file), VerdictSource.HUMAN);

        assertThat(r.rejected()).singleElement().satisfies(x -> {
            assertThat(x.file()).isEqualTo(file);
            assertThat(x.line()).isEqualTo(2);
            // the store's own words, without the statement it refused
            assertThat(x.reason())
                    .startsWith("the store refused it: Check constraint violation")
                    .contains("PLANTED_REFUSAL")
                    .doesNotContain("SQL statement", "writing to the store failed");
        });
        assertThat(r.verdicts()).isEqualTo(3);
        // the refused row's battle (x against z on qs) went with it
        assertThat(r.newBattles()).isEqualTo(2);
        assertThat(r.battles()).isEqualTo(2);
        assertThat(all()).extracting(Battle::modelB).containsExactly("y", "y");
        assertThat(verdictWords(all().get(0).id()))
                .containsExactly("human p1 gnull a - raw=null", "human p2 gnull swapped a - raw=null");
        assertThat(all().get(0).status()).isEqualTo(BattleStatus.ADJUDICATED);
    }

    /**
     * Imports people's votes on the battle of models {@code x} and {@code y} on question q, a file at a time (each
     * vote the model it is for, or "tie"; every other row names the two models the other way round), and returns
     * the battle's status after each file.
     */
    private int votesWritten;

    private List<BattleStatus> statusesAfter(String x, String y, List<List<String>> files) throws Exception {
        List<BattleStatus> out = new ArrayList<>();
        for (List<String> votes : files) {
            StringBuilder rows = new StringBuilder();
            for (String vote : votes) {
                // each vote its own person: a row equal to one imported before would be that row again
                int row = votesWritten++;
                boolean turned = row % 2 == 1;
                String a = turned ? y : x;
                String b = turned ? x : y;
                String winner = vote.equals(a) ? "model_a" : vote.equals(b) ? "model_b" : vote;
                rows.append(("{\"question_id\": \"q\", \"model_a\": \"%s\", \"model_b\": \"%s\", \"winner\": \"%s\","
                                + " \"judge\": \"p%d\"}%n")
                        .formatted(a, b, winner, row));
            }
            Path file = Files.writeString(tmp.resolve(x + "-" + out.size() + ".jsonl"), rows.toString());
            assertThat(importer.importFiles(List.of(file), VerdictSource.HUMAN).rejected())
                    .isEmpty();
            List<Battle> battle = battles.page(new BattleFilter(null, x, null, null), 0, 10);
            assertThat(battle).hasSize(1);
            out.add(battle.get(0).status());
        }
        return out;
    }

    @Test
    void peoplesVotesSettleABattleByMajorityAndASplitIsDisputed() throws Exception {
        // two agreeing votes (the second naming the models the other way round)
        assertThat(statusesAfter("a1", "b1", List.of(List.of("a1", "a1")))).containsExactly(ADJUDICATED);
        // one each
        assertThat(statusesAfter("a2", "b2", List.of(List.of("a2", "b2")))).containsExactly(DISPUTED);
        // two to one, in one file
        assertThat(statusesAfter("a3", "b3", List.of(List.of("a3", "b3", "a3"))))
                .containsExactly(ADJUDICATED);
        // a file at a time, the votes before counted from the store: 1-0, 1-1, 2-1, then 2-1-1 (a tie vote)
        assertThat(statusesAfter("a4", "b4", List.of(List.of("b4"), List.of("a4"), List.of("b4"), List.of("tie"))))
                .containsExactly(ADJUDICATED, DISPUTED, ADJUDICATED, DISPUTED);
    }

    @Test
    void peoplesVotesOverruleAJudgesStandingAndJudgesNeverLowerThem() throws Exception {
        statusesAfter("a5", "b5", List.of(List.of("a5", "b5")));
        Path judge = Files.writeString(
                tmp.resolve("judge.jsonl"),
                "{\"question_id\": \"q\", \"model_a\": \"a5\", \"model_b\": \"b5\", \"winner\": \"model_a\","
                        + " \"judge\": \"j\"}\n");

        importer.importFiles(List.of(judge), VerdictSource.JUDGE);

        assertThat(battles.page(new BattleFilter(null, "a5", null, null), 0, 10))
                .singleElement()
                .extracting(Battle::status)
                .isEqualTo(DISPUTED);
        // a third person settles it, the judge's vote not counted among people's
        assertThat(statusesAfter("a5", "b5", List.of(List.of("b5")))).containsExactly(ADJUDICATED);
    }

    @Test
    void fastChatPairsAreCombinedAsFastChatCountsThem() throws Exception {
        String row = "{\"question_id\": %d, \"model_1\": \"%s\", \"model_2\": \"%s\", \"g1_winner\": \"%s\","
                + " \"g2_winner\": \"%s\", \"judge\": [\"gpt-4\", \"pair-v2\"]}\n";
        Path file = Files.writeString(
                tmp.resolve("gpt-4_pair.jsonl"),
                row.formatted(1, "a", "b", "model_1", "tie")
                        + row.formatted(2, "a", "b", "model_1", "model_1")
                        + row.formatted(3, "a", "b", "tie", "model_1")
                        + row.formatted(4, "a", "b", "model_1", "model_2")
                        + row.formatted(5, "a", "b", "error", "model_1")
                        + row.formatted(6, "b", "a", "model_2", "model_2")
                        + row.formatted(7, "a", "b", "tie", "tie"));

        BattleFileImporter.Report r = importer.importFiles(List.of(file), VerdictSource.JUDGE);

        assertThat(r.rejected()).isEmpty();
        List<Battle> made = all();
        assertThat(made).hasSize(7);
        // each battle's combined verdict, by the winner's name; row 5 has an error game: none
        List<String> combined = new ArrayList<>();
        for (Battle b : made) {
            combined.add(battles.verdicts(b.id()).stream()
                            .filter(v -> Integer.valueOf(0).equals(v.game()))
                            .map(v -> switch (v.outcome()) {
                                case A -> b.modelA();
                                case B -> b.modelB();
                                default -> v.outcome().id();
                            })
                            .findFirst()
                            .orElse("none")
                    + " " + b.status().id() + (b.inconsistent() ? " inconsistent" : ""));
        }
        assertThat(combined)
                .containsExactly(
                        "tie judged", // a game a tie: a tie (it was a win for a before)
                        "a judged",
                        "tie judged",
                        "tie disputed inconsistent", // the games name different winners: position bias
                        "none disputed", // error: FastChat drops the row, people look at it
                        "a judged", // model_1 is b: both games say model_2, that is a
                        "tie judged");
        // FastChat's show_result over these rows (row 5 dropped): a wins 2, loses 0, ties 4:
        // win_rate_adjusted = (2 + 0.5 * 4) / 6 = 2/3; b: (0 + 0.5 * 4) / 6 = 1/3
        assertThat(winRateAdjusted("a")).isEqualTo(2.0 / 3);
        assertThat(winRateAdjusted("b")).isEqualTo(1.0 / 3);
    }

    /** FastChat's win_rate_adjusted of the model over the combined verdicts stored (ties half a win). */
    private double winRateAdjusted(String model) {
        double won = 0;
        int counted = 0;
        for (Battle b : all()) {
            for (Verdict v : battles.verdicts(b.id())) {
                if (!Integer.valueOf(0).equals(v.game())) {
                    continue;
                }
                counted++;
                String winner = v.outcome() == Outcome.A ? b.modelA() : v.outcome() == Outcome.B ? b.modelB() : null;
                won += winner == null ? 0.5 : winner.equals(model) ? 1 : 0;
            }
        }
        return won / counted;
    }
}
