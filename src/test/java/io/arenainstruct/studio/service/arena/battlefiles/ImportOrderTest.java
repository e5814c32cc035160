package io.arenainstruct.studio.service.arena.battlefiles;

import static io.arenainstruct.studio.domain.arena.BattleStatus.UNJUDGED;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.arena.ArenaInstruction;
import io.arenainstruct.studio.domain.arena.Battle;
import io.arenainstruct.studio.domain.arena.BattleFilter;
import io.arenainstruct.studio.domain.arena.VerdictSource;
import io.arenainstruct.studio.service.arena.DatasetImportReport;
import io.arenainstruct.studio.service.arena.DatasetService;
import io.arenainstruct.studio.service.arena.VerdictChanges;
import io.arenainstruct.studio.service.task.Cancellation;
import io.arenainstruct.studio.service.task.ProgressListener;
import io.arenainstruct.studio.store.ArenaRepository;
import io.arenainstruct.studio.store.BattleRepository;
import io.arenainstruct.studio.store.Store;

/**
 * Judgments imported before the questions they name join those questions when the questions arrive: whatever the
 * order of the files, the store ends the same, with nothing duplicated and every verdict kept.
 */
class ImportOrderTest {
    @TempDir
    Path tmp;

    private static final String QUESTIONS = """
            {"uid": "q1", "category": "bench", "cluster": "Sums", "prompt": "Solve 2+2."}
            {"uid": "q2", "category": "bench", "cluster": "Colours", "prompt": "Name a colour."}
            """;
    private static final String ANSWERS = """
            {"uid": "q1", "model": "m1", "messages": [{"role": "user", "content": "Solve 2+2."},\
             {"role": "assistant", "content": {"answer": "4"}}]}
            {"uid": "q2", "model": "m1", "messages": [{"role": "user", "content": "Name a colour."},\
             {"role": "assistant", "content": {"answer": "Blue."}}]}
            {"uid": "q1", "model": "base", "messages": [{"role": "user", "content": "Solve 2+2."},\
             {"role": "assistant", "content": {"answer": "four"}}]}
            {"uid": "q2", "model": "base", "messages": [{"role": "user", "content": "Name a colour."},\
             {"role": "assistant", "content": {"answer": "Red."}}]}
            """;
    /** q1: game 1 (base shown first) B>A, game 2 (m1 first) A>>B: m1 better. q2: each game favours the first. */
    private static final String JUDGMENTS = """
            {"uid": "q1", "judge": "j", "model": "m1", "baseline": "base", "games": [{"score": "B>A"},\
             {"score": "A>>B"}]}
            {"uid": "q2", "judge": "j", "model": "m1", "baseline": "base", "games": [{"score": "A>B"},\
             {"score": "A>B"}]}
            """;
    /** People's votes on q1 with no conversations: they need the question too. */
    private static final String VOTES = """
            {"question_id": "q1", "model_a": "m1", "model_b": "base", "winner": "model_a", "judge": "p1"}
            {"question_id": "q1", "model_a": "base", "model_b": "m1", "winner": "model_b", "judge": "p2"}
            """;

    /** One store, with the services the command line uses. */
    private final class Studio implements AutoCloseable {
        final Store store;
        final ArenaRepository arena;
        final BattleRepository battles;
        final DatasetService datasets;
        final BattleFileImporter importer;
        final VerdictChanges changes = new VerdictChanges();

        Studio(String name) {
            store = Store.open(tmp.resolve(name));
            arena = new ArenaRepository(store);
            battles = new BattleRepository(store);
            datasets = new DatasetService(arena, changes);
            importer = new BattleFileImporter(arena, battles, changes);
        }

        DatasetImportReport dataset(Path... files) {
            return datasets.importFiles(List.of(files), null, null, null, ProgressListener.NONE, Cancellation.NEVER);
        }

        BattleFileImporter.Report judgments(Path... files) {
            return importer.importFiles(List.of(files), VerdictSource.HUMAN);
        }

        /** Every battle in words: question, models, answers, turn, category, standing, then its verdicts. */
        List<String> state() {
            List<String> out = new ArrayList<>();
            for (Battle b : battles.page(BattleFilter.ALL, 0, 100)) {
                String prompt = b.instructionId() == null
                        ? "NO QUESTION"
                        : arena.instruction(b.instructionId())
                                .map(ArenaInstruction::prompt)
                                .orElseThrow();
                out.add(prompt + " | " + b.modelA() + " " + answer(b.responseA()) + " vs " + b.modelB() + " "
                        + answer(b.responseB()) + " | t" + b.turn() + " " + b.category() + " "
                        + b.status().id()
                        + (b.inconsistent() ? " inconsistent" : ""));
                battles.verdicts(b.id())
                        .forEach(v -> out.add("  " + v.source().id() + " " + v.voter() + " g" + v.game()
                                + (v.swapped() ? " swapped " : " ")
                                + v.outcome().id() + " "
                                + (v.label() == null ? "-" : v.label().text()) + " raw=" + v.rawLabel()));
            }
            return out;
        }

        private String answer(Long responseId) {
            return responseId == null
                    ? "(no answer)"
                    : "\"" + arena.response(responseId).orElseThrow().text() + "\"";
        }

        @Override
        public void close() {
            store.close();
        }
    }

    private Path file(String name, String text) throws Exception {
        return Files.writeString(tmp.resolve(name), text);
    }

    /** What the store holds after these files, worked out by hand (the same whatever the order). */
    private static final List<String> EXPECTED = List.of(
            "Solve 2+2. | base \"four\" vs m1 \"4\" | t1 Sums adjudicated",
            "  judge j g1 b B>A raw=B>A",
            "  judge j g2 swapped b B>>A raw=A>>B",
            "  judge j g0 b B>A raw=null",
            "  human p1 gnull swapped b - raw=null",
            "  human p2 gnull b - raw=null",
            "Name a colour. | base \"Red.\" vs m1 \"Blue.\" | t1 Colours disputed inconsistent",
            "  judge j g1 a A>B raw=A>B",
            "  judge j g2 swapped b B>A raw=A>B",
            "  judge j g0 tie A=B raw=null");

    @Test
    void judgmentsBeforeTheirQuestionsEndAsJudgmentsAfterThem() throws Exception {
        Path questions = file("question.jsonl", QUESTIONS);
        Path answers = file("answers.jsonl", ANSWERS);
        Path judgments = file("judgments.jsonl", JUDGMENTS);
        Path votes = file("votes.jsonl", VOTES);

        List<String> after;
        try (Studio s = new Studio("after")) {
            s.dataset(questions, answers);
            BattleFileImporter.Report r = s.judgments(judgments, votes);
            assertThat(r.unknownQuestions()).isEmpty();
            after = s.state();
        }
        List<String> before;
        try (Studio s = new Studio("before")) {
            BattleFileImporter.Report r = s.judgments(judgments, votes);
            assertThat(r.unknownQuestions()).containsExactly("q1", "q2");
            // a uid and a question_id are not known to be one question until it arrives: q1 waits twice
            assertThat(s.state()).filteredOn(l -> l.startsWith("NO QUESTION")).hasSize(3);
            s.dataset(questions, answers);
            before = s.state();
        }
        List<String> between;
        try (Studio s = new Studio("between")) {
            s.dataset(questions);
            s.judgments(judgments);
            s.dataset(answers);
            s.judgments(votes);
            between = s.state();
        }
        List<String> answersLast;
        try (Studio s = new Studio("answers-last")) {
            s.judgments(judgments, votes);
            s.dataset(questions);
            s.dataset(answers);
            answersLast = s.state();
        }

        assertThat(after).containsExactlyElementsOf(EXPECTED);
        assertThat(before).containsExactlyElementsOf(EXPECTED);
        assertThat(between).containsExactlyElementsOf(EXPECTED);
        assertThat(answersLast).containsExactlyElementsOf(EXPECTED);
    }

    /**
     * Questions arriving after their judgments attach the waiting battles (and the answers fill them in): what the
     * ratings count changed, so the import tells the Leaderboard, as the judgments' import did.
     */
    @Test
    void aDatasetImportThatAttachesWaitingBattlesTellsOfAVerdictChange() throws Exception {
        Path questions = file("question.jsonl", QUESTIONS);
        Path answers = file("answers.jsonl", ANSWERS);
        Path judgments = file("judgments.jsonl", JUDGMENTS);
        Path empty = file("empty.jsonl", "");
        try (Studio s = new Studio("signal")) {
            List<Long> heard = new ArrayList<>();
            s.changes.subscribe(() -> heard.add(s.changes.version()));
            s.judgments(judgments);
            assertThat(s.state()).anyMatch(l -> l.startsWith("NO QUESTION"));
            assertThat(heard).containsExactly(1L);

            // nothing stored, nothing told
            s.dataset(empty);
            assertThat(heard).containsExactly(1L);

            s.dataset(questions);
            assertThat(s.state()).noneMatch(l -> l.startsWith("NO QUESTION"));
            assertThat(heard).containsExactly(1L, 2L);
            s.dataset(answers);
            assertThat(heard).containsExactly(1L, 2L, 3L);
        }
    }

    @Test
    void aWaitingBattleMergesIntoTheBattleItsQuestionAlreadyHasTurnedToItsOrientation() throws Exception {
        Path questions = file("question.jsonl", QUESTIONS);
        Path judgments = file("judgments.jsonl", JUDGMENTS);
        List<List<String>> ends = new ArrayList<>();
        for (boolean judgmentsFirst : List.of(true, false)) {
            try (Studio s = new Studio("merge-" + judgmentsFirst)) {
                // "Solve 2+2." is stored already (no uid) with a battle m1 (A) against base
                long solve = s.arena
                        .add(
                                "planted",
                                "prompts",
                                List.of(new ArenaRepository.Item(
                                        ArenaInstruction.of(List.of(), "Solve 2+2.", null, null), null, List.of())))
                        .instructionIds()
                        .get(0);
                s.battles.battleId(
                        new Battle(0, solve, "m1", "base", null, null, 1, "all-pairs", null, UNJUDGED, false, null),
                        null);
                if (judgmentsFirst) {
                    s.judgments(judgments);
                    assertThat(s.battles.count(BattleFilter.ALL)).isEqualTo(3);
                    s.dataset(questions);
                } else {
                    s.dataset(questions);
                    s.judgments(judgments);
                }
                assertThat(s.battles.count(BattleFilter.ALL)).isEqualTo(2);
                ends.add(s.state().subList(0, 4));
            }
        }
        // the battle's A is m1: game 1 showed base first and said B>A (m1 better), game 2 showed m1 first, A>>B
        List<String> expected = List.of(
                "Solve 2+2. | m1 (no answer) vs base (no answer) | t1 null judged",
                "  judge j g1 swapped a A>B raw=B>A",
                "  judge j g2 a A>>B raw=A>>B",
                "  judge j g0 a A>B raw=null");
        assertThat(ends.get(0)).containsExactlyElementsOf(expected);
        assertThat(ends.get(1)).containsExactlyElementsOf(expected);
    }
}
