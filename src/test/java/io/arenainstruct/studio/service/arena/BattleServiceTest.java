package io.arenainstruct.studio.service.arena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.arena.ArenaInstruction;
import io.arenainstruct.studio.domain.arena.Battle;
import io.arenainstruct.studio.domain.arena.BattleFilter;
import io.arenainstruct.studio.domain.arena.InstructionSelection;
import io.arenainstruct.studio.service.run.InstructionService;
import io.arenainstruct.studio.store.ArenaRepository;
import io.arenainstruct.studio.store.ArenaRepository.Item;
import io.arenainstruct.studio.store.ArenaRepository.ItemResponse;
import io.arenainstruct.studio.store.BattleRepository;
import io.arenainstruct.studio.store.InstructionRepository;
import io.arenainstruct.studio.store.Store;

class BattleServiceTest {
    @TempDir
    Path tmp;

    private Store store;
    private ArenaRepository arena;
    private BattleService battles;

    @BeforeEach
    void open() {
        store = Store.open(tmp.resolve("ws"));
        arena = new ArenaRepository(store);
        InstructionSelector selector =
                new InstructionSelector(arena, new InstructionService(new InstructionRepository(store)));
        battles = new BattleService(arena, new BattleRepository(store), selector);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private long add(String dataset, String prompt, String category, String... models) {
        List<ItemResponse> answers = Arrays.stream(models)
                .map(m -> new ItemResponse(m, m + " answers " + prompt, null))
                .toList();
        return arena.add(
                        dataset,
                        "prompts",
                        List.of(new Item(ArenaInstruction.of(List.of(), prompt, category, null), null, answers)))
                .instructionIds()
                .get(0);
    }

    @Test
    void strategiesAreReadFromTheCommandLineForms() {
        assertThat(PairingStrategy.parse("all-pairs").kind()).isEqualTo(PairingStrategy.Kind.ALL_PAIRS);
        assertThat(PairingStrategy.parse("baseline:gpt-4-0314").model()).isEqualTo("gpt-4-0314");
        assertThat(PairingStrategy.parse("target:my-model:7b").model()).isEqualTo("my-model:7b");
        assertThat(PairingStrategy.parse("target:llama").id()).isEqualTo("target:llama");
        assertThatThrownBy(() -> PairingStrategy.parse("baseline:")).hasMessageContaining("all-pairs");
        assertThatThrownBy(() -> PairingStrategy.parse("round-robin")).hasMessageContaining("baseline:MODEL");
    }

    @Test
    void allPairsOfThreeModelsAreThreeBattles() {
        long i = add("d", "P1", "Math", "m1", "m2", "m3");

        BattleService.Creation made =
                battles.create(PairingStrategy.parse("all-pairs"), InstructionSelection.all(), List.of());

        assertThat(made.created()).isEqualTo(3);
        List<Battle> all = battles.page(BattleFilter.ALL, 0, 10);
        assertThat(all).extracting(b -> b.modelA() + "-" + b.modelB()).containsExactly("m1-m2", "m1-m3", "m2-m3");
        assertThat(all).allSatisfy(b -> {
            assertThat(b.instructionId()).isEqualTo(i);
            assertThat(b.category()).isEqualTo("Math");
            assertThat(b.strategy()).isEqualTo("all-pairs");
            assertThat(b.responseA()).isNotNull();
        });
        Battle first = all.get(0);
        assertThat(arena.response(first.responseA()).orElseThrow().model()).isEqualTo("m1");
        assertThat(arena.response(first.responseB()).orElseThrow().model()).isEqualTo("m2");
    }

    @Test
    void aBaselineIsModelAInEachOfItsBattlesAndInstructionsItDidNotAnswerAreSkipped() {
        add("d", "P1", null, "gpt-4-0314", "m2", "m3");
        long noBaseline = add("d", "P2", null, "m2", "m3");
        long single = add("d", "P3", null, "gpt-4-0314");

        BattleService.Creation made =
                battles.create(PairingStrategy.parse("baseline:gpt-4-0314"), InstructionSelection.all(), List.of());

        assertThat(made.created()).isEqualTo(2);
        assertThat(battles.page(BattleFilter.ALL, 0, 10))
                .extracting(Battle::modelA)
                .containsOnly("gpt-4-0314");
        assertThat(made.skipped())
                .extracting(BattleService.Skipped::instructionId, BattleService.Skipped::reason)
                .containsExactly(
                        Tuple.tuple(noBaseline, "gpt-4-0314 has not answered it"),
                        Tuple.tuple(single, "only one answer (gpt-4-0314)"));
    }

    @Test
    void creatingAgainMakesNothingNewAndModelsNarrowThePool() {
        add("d", "P1", null, "m1", "m2", "m3");
        battles.create(PairingStrategy.parse("target:m3"), InstructionSelection.all(), List.of("m3", "m1"));
        assertThat(battles.page(BattleFilter.ALL, 0, 10))
                .extracting(b -> b.modelA() + "-" + b.modelB())
                .containsExactly("m3-m1");

        BattleService.Creation again =
                battles.create(PairingStrategy.parse("all-pairs"), InstructionSelection.all(), List.of());

        // m1-m3 exists (as m3-m1); m1-m2 and m2-m3 are new.
        assertThat(again.created()).isEqualTo(2);
        assertThat(again.existing()).isEqualTo(1);
    }

    @Test
    void aDatasetSelectionPairsOnlyItsInstructions() {
        add("one", "P1", null, "m1", "m2");
        add("two", "P2", null, "m1", "m2");

        assertThat(battles.create(PairingStrategy.parse("all-pairs"), InstructionSelection.dataset("two"), List.of())
                        .created())
                .isEqualTo(1);
        assertThat(InstructionSelector.parse("dataset:two")).isEqualTo(InstructionSelection.dataset("two"));
        assertThatThrownBy(() -> InstructionSelector.parse("run:x")).hasMessageContaining("not a run number");
        assertThatThrownBy(() -> InstructionSelector.parse("some")).hasMessageContaining("dataset:NAME");
    }
}
