package io.arenainstruct.studio.service.arena.battlefiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.arena.ArenaInstruction;
import io.arenainstruct.studio.domain.arena.Battle;
import io.arenainstruct.studio.domain.arena.BattleFilter;
import io.arenainstruct.studio.domain.arena.VerdictSource;
import io.arenainstruct.studio.store.ArenaRepository;
import io.arenainstruct.studio.store.ArenaRepository.Item;
import io.arenainstruct.studio.store.BattleRepository;
import io.arenainstruct.studio.store.Store;

/** Datasets reuse question ids (MT-Bench's 81 is not another set's 81): a battle row follows one only if it is one. */
class QuestionIdsAcrossDatasetsTest {
    private static final String PAIR_ROW = "{\"question_id\": 81, \"model_1\": \"m1\", \"model_2\": \"m2\","
            + " \"g1_winner\": \"model_1\", \"g2_winner\": \"model_1\", \"judge\": [\"gpt-4\", \"pair-v2\"],"
            + " \"turn\": 1}\n";

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

    private long question(String dataset, String prompt, String id) {
        return arena.add(
                        dataset,
                        "prompts",
                        List.of(new Item(ArenaInstruction.of(List.of(), prompt, null, null), id, List.of())))
                .instructionIds()
                .get(0);
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(tmp.resolve(name), text, StandardCharsets.UTF_8);
    }

    @Test
    void aRowWithoutItsConversationIsRejectedWhenTheIdNamesDifferentInstructions() throws IOException {
        question("mt_bench", "Write a blog post.", "81");
        question("other", "Sort 3, 1, 2.", "81");

        BattleFileImporter.Report r = importer.importFiles(List.of(write("pair.jsonl", PAIR_ROW)), VerdictSource.JUDGE);

        assertThat(r.rejected())
                .extracting(BattleFileImporter.Rejection::line, BattleFileImporter.Rejection::reason)
                .containsExactly(tuple(
                        1,
                        "the question id \"81\" names different instructions in the datasets \"mt_bench\" and"
                                + " \"other\", and the row carries no conversation to tell which"));
        assertThat(r.verdicts()).isZero();
        assertThat(battles.page(BattleFilter.ALL, 0, 10)).isEmpty();
    }

    @Test
    void anIdTwoDatasetsGiveTheSameInstructionIsThatInstruction() throws IOException {
        long blog = question("mt_bench", "Write a blog post.", "81");
        question("copy", "Write a blog post.", "81");

        BattleFileImporter.Report r = importer.importFiles(List.of(write("pair.jsonl", PAIR_ROW)), VerdictSource.JUDGE);

        assertThat(r.rejected()).isEmpty();
        assertThat(battles.page(BattleFilter.ALL, 0, 10))
                .singleElement()
                .extracting(Battle::instructionId)
                .isEqualTo(blog);
    }

    @Test
    void aRowCarryingItsConversationIsMatchedByContentWhenTheIdNamesDifferentInstructions() throws IOException {
        question("other", "Sort 3, 1, 2.", "81");
        long blog = question("mt_bench", "Write a blog post.", "81");
        String row = "{\"question_id\": 81, \"model_a\": \"m1\", \"model_b\": \"m2\", \"winner\": \"model_a\","
                + " \"conversation_a\": [{\"role\": \"user\", \"content\": \"Write a blog post.\"},"
                + " {\"role\": \"assistant\", \"content\": \"Aloha.\"}],"
                + " \"conversation_b\": [{\"role\": \"user\", \"content\": \"Write a blog post.\"},"
                + " {\"role\": \"assistant\", \"content\": \"Hello.\"}]}\n";

        BattleFileImporter.Report r = importer.importFiles(List.of(write("votes.jsonl", row)), VerdictSource.HUMAN);

        assertThat(r.rejected()).isEmpty();
        assertThat(r.verdicts()).isEqualTo(1);
        assertThat(battles.page(BattleFilter.ALL, 0, 10))
                .singleElement()
                .extracting(Battle::instructionId)
                .isEqualTo(blog);
    }
}
