package io.arenainstruct.studio.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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
import io.arenainstruct.studio.domain.arena.GradedLabel;
import io.arenainstruct.studio.domain.arena.Outcome;
import io.arenainstruct.studio.domain.arena.Verdict;
import io.arenainstruct.studio.domain.arena.VerdictSource;
import io.arenainstruct.studio.domain.provenance.AgentCall;
import io.arenainstruct.studio.store.ArenaRepository.Item;

class BattleRepositoryTest {
    @TempDir
    Path tmp;

    private Store store;
    private ArenaRepository arena;
    private BattleRepository battles;
    private long instruction;

    @BeforeEach
    void open() {
        store = TestStores.open(tmp.resolve("ws"));
        arena = new ArenaRepository(store);
        battles = new BattleRepository(store);
        instruction = arena.add(
                        "d",
                        "prompts",
                        List.of(new Item(ArenaInstruction.of(List.of(), "P", "Math", null), null, List.of())))
                .instructionIds()
                .get(0);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Battle battle(String a, String b, String category) {
        return new Battle(
                0, instruction, a, b, null, null, 1, "all-pairs", category, BattleStatus.UNJUDGED, false, null);
    }

    private static Verdict game(int game, boolean swapped, Outcome outcome, GradedLabel label, String key) {
        return new Verdict(
                0,
                0,
                VerdictSource.JUDGE,
                game,
                swapped,
                "judge-x",
                outcome,
                label,
                label == null ? null : (swapped ? label.swapped() : label).text(),
                null,
                null,
                "text",
                new AgentCall("arena/judge", 1, 9, "ep", "judge-x"),
                false,
                key,
                null,
                null);
    }

    @Test
    void aBattleBetweenTheSameModelsEitherWayRoundIsMadeOnce() {
        BattleRepository.Created first =
                battles.create(List.of(battle("m1", "m2", "Math"), battle("m1", "m3", "Math")));
        BattleRepository.Created again = battles.create(List.of(battle("m2", "m1", "Math")));

        assertThat(first.ids()).hasSize(2);
        assertThat(first.existing()).isZero();
        assertThat(again.ids()).isEmpty();
        assertThat(again.existing()).isEqualTo(1);
        assertThat(battles.battleId(battle("m2", "m1", "Math"), null))
                .isEqualTo(first.ids().get(0));
        Battle read = battles.battle(first.ids().get(0)).orElseThrow();
        assertThat(read.modelA()).isEqualTo("m1");
        assertThat(read.modelB()).isEqualTo("m2");
        assertThat(read.status()).isEqualTo(BattleStatus.UNJUDGED);
    }

    @Test
    void battlesWithoutAnInstructionAreKeptApartByTheirOwnKey() {
        Battle loose =
                new Battle(0, null, "m1", "m2", null, null, 1, "imported", null, BattleStatus.UNJUDGED, false, null);

        long one = battles.battleId(loose, "file.jsonl:1");
        long two = battles.battleId(loose, "file.jsonl:2");

        assertThat(two).isNotEqualTo(one);
        assertThat(battles.battleId(loose, "file.jsonl:1")).isEqualTo(one);
    }

    @Test
    void verdictsAreStoredOnceWithTheBattlesNewStatus() {
        long id = battles.create(List.of(battle("m1", "m2", "Math"))).ids().get(0);
        List<Verdict> games = List.of(
                game(1, false, Outcome.A, GradedLabel.A_MUCH_BETTER, "g1"),
                game(2, true, Outcome.B, GradedLabel.B_BETTER, "g2"));

        assertThat(battles.addVerdicts(id, games, BattleStatus.DISPUTED, true)).isEqualTo(2);
        assertThat(battles.addVerdicts(id, games, null, null)).isZero();

        Battle read = battles.battle(id).orElseThrow();
        assertThat(read.status()).isEqualTo(BattleStatus.DISPUTED);
        assertThat(read.inconsistent()).isTrue();
        List<Verdict> stored = battles.verdicts(id);
        assertThat(stored).hasSize(2);
        Verdict second = stored.get(1);
        assertThat(second.game()).isEqualTo(2);
        assertThat(second.swapped()).isTrue();
        assertThat(second.label()).isEqualTo(GradedLabel.B_BETTER);
        assertThat(second.rawLabel()).isEqualTo("A>B");
        assertThat(second.call().callId()).isEqualTo(9);
        assertThat(battles.storedKeys(List.of("g1", "g3"))).containsExactly("g1");
        assertThat(battles.voters(VerdictSource.JUDGE)).containsExactly("judge-x");
    }

    @Test
    void pagesWalkEveryFilteredBattleOnceInIdOrder() {
        List<Battle> many = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            many.add(battle("base", "m" + i, i % 2 == 0 ? "Even" : "Odd"));
        }
        battles.create(many);
        BattleFilter odd = new BattleFilter(null, null, "Odd", null);

        List<Long> seen = new ArrayList<>();
        long after = 0;
        while (true) {
            List<Battle> page = battles.page(odd, after, 5);
            if (page.isEmpty()) {
                break;
            }
            page.forEach(b -> seen.add(b.id()));
            after = page.get(page.size() - 1).id();
        }

        assertThat(seen).hasSize(12).isSorted().doesNotHaveDuplicates();
        assertThat(battles.count(odd)).isEqualTo(12);
        assertThat(battles.count(new BattleFilter(null, "m3", null, null))).isEqualTo(1);
        assertThat(battles.count(new BattleFilter(BattleStatus.JUDGED, null, null, null)))
                .isZero();
        assertThat(battles.categories()).containsExactly("Even", "Odd");
    }

    @Test
    void theJudgeFilterFindsBattlesThatJudgeVotedOn() {
        List<Long> ids = battles.create(List.of(battle("m1", "m2", null), battle("m1", "m3", null)))
                .ids();
        battles.addVerdicts(ids.get(1), List.of(game(1, false, Outcome.TIE, GradedLabel.TIE, "k")), null, null);

        assertThat(battles.ids(new BattleFilter(null, null, null, "judge-x"))).containsExactly(ids.get(1));
    }

    @Test
    void aBattleMadeBeforeItsAnswersGetsThemLaterInItsOwnOrientationAndKeepsThoseItHas() {
        long r1 = arena.addResponse(ArenaResponse.imported(instruction, "m1", "answer of m1", null));
        long r2 = arena.addResponse(ArenaResponse.imported(instruction, "m2", "answer of m2", null));
        long id = battles.create(List.of(battle("m2", "m1", null))).ids().get(0);

        // Pairing later names the models the other way round, with their answers.
        battles.create(List.of(new Battle(
                0, instruction, "m1", "m2", r1, r2, 1, "all-pairs", null, BattleStatus.UNJUDGED, false, null)));
        long other = arena.addResponse(ArenaResponse.imported(instruction, "m2", "another answer of m2", null));
        battles.battleId(
                new Battle(
                        0,
                        instruction,
                        "m2",
                        "m1",
                        other,
                        r1,
                        1,
                        "all-pairs",
                        null,
                        BattleStatus.UNJUDGED,
                        false,
                        null),
                null);

        Battle read = battles.battle(id).orElseThrow();
        assertThat(read.modelA()).isEqualTo("m2");
        assertThat(read.responseA()).isEqualTo(r2);
        assertThat(read.responseB()).isEqualTo(r1);
    }
}
