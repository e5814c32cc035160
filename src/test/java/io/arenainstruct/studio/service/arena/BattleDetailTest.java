package io.arenainstruct.studio.service.arena;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.arena.ArenaInstruction;
import io.arenainstruct.studio.domain.arena.Battle;
import io.arenainstruct.studio.domain.arena.BattleFilter;
import io.arenainstruct.studio.domain.arena.BattleStatus;
import io.arenainstruct.studio.domain.arena.InstructionSelection;
import io.arenainstruct.studio.domain.arena.Outcome;
import io.arenainstruct.studio.domain.arena.Verdict;
import io.arenainstruct.studio.domain.arena.VerdictSource;
import io.arenainstruct.studio.domain.llm.Message;
import io.arenainstruct.studio.domain.provenance.AgentCall;
import io.arenainstruct.studio.service.run.InstructionService;
import io.arenainstruct.studio.store.ArenaRepository;
import io.arenainstruct.studio.store.ArenaRepository.Item;
import io.arenainstruct.studio.store.ArenaRepository.ItemResponse;
import io.arenainstruct.studio.store.BattleRepository;
import io.arenainstruct.studio.store.InstructionRepository;
import io.arenainstruct.studio.store.Store;

/** What the Battles tab reads of a battle: its detail, the start of prompts, the voters of a kind. */
class BattleDetailTest {
    @TempDir
    Path tmp;

    private Store store;
    private ArenaRepository arena;
    private BattleRepository repository;
    private BattleService battles;

    @BeforeEach
    void open() {
        store = Store.open(tmp.resolve("ws"));
        arena = new ArenaRepository(store);
        repository = new BattleRepository(store);
        battles = new BattleService(
                arena,
                repository,
                new InstructionSelector(arena, new InstructionService(new InstructionRepository(store))));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static Verdict verdict(VerdictSource source, String voter, Outcome outcome, String key) {
        return new Verdict(
                0,
                0,
                source,
                null,
                false,
                voter,
                outcome,
                null,
                null,
                null,
                null,
                null,
                AgentCall.NONE,
                false,
                key,
                null,
                null);
    }

    @Test
    void aBattlesDetailHasItsInstructionWithContextBothResponsesAndItsVerdictsInOrder() {
        ArenaInstruction asked = ArenaInstruction.of(
                List.of(Message.system("Be brief."), Message.user("Hi"), Message.assistant("Hello")),
                "And now?",
                "Chat",
                "A reference");
        arena.add(
                "d",
                "openai",
                List.of(new Item(
                        asked,
                        null,
                        List.of(new ItemResponse("m1", "one", null), new ItemResponse("m2", "two", null)))));
        battles.create(PairingStrategy.parse("baseline:m2"), InstructionSelection.all(), List.of());
        Battle b = battles.page(BattleFilter.ALL, 0, 10).get(0);
        repository.addVerdicts(
                b.id(),
                List.of(
                        verdict(VerdictSource.JUDGE, "j1", Outcome.A, "k1"),
                        verdict(VerdictSource.HUMAN, "alice", Outcome.B, null)),
                BattleStatus.JUDGED,
                false);

        BattleService.Detail d = battles.detail(b.id()).orElseThrow();

        assertThat(d.battle().modelA()).isEqualTo("m2");
        assertThat(d.instruction().context()).hasSize(3);
        assertThat(d.instruction().prompt()).isEqualTo("And now?");
        assertThat(d.instruction().reference()).isEqualTo("A reference");
        assertThat(d.responseA().text()).isEqualTo("two");
        assertThat(d.responseB().text()).isEqualTo("one");
        assertThat(d.verdicts()).extracting(Verdict::voter).containsExactly("j1", "alice");
        assertThat(battles.detail(b.id() + 1)).isEmpty();
    }

    @Test
    void aBattleFromAFileWithoutQuestionHasNoInstructionNorResponses() {
        long id = repository.battleId(
                new Battle(0, null, "x", "y", null, null, 1, "imported", null, BattleStatus.UNJUDGED, false, null),
                "f:1");

        BattleService.Detail d = battles.detail(id).orElseThrow();

        assertThat(d.instruction()).isNull();
        assertThat(d.responseA()).isNull();
        assertThat(d.responseB()).isNull();
        assertThat(d.verdicts()).isEmpty();
    }

    @Test
    void promptStartsAreCutToTheLengthAskedAndVotersAreListedByKind() {
        List<Long> ids = arena.add(
                        "d",
                        "prompts",
                        List.of(
                                new Item(ArenaInstruction.of(List.of(), "x".repeat(500), null, null), null, List.of()),
                                new Item(ArenaInstruction.of(List.of(), "short", null, null), null, List.of())))
                .instructionIds();

        Map<Long, String> starts = battles.promptStarts(ids, 200);

        assertThat(starts).containsEntry(ids.get(0), "x".repeat(200)).containsEntry(ids.get(1), "short");
        assertThat(battles.promptStarts(List.of(), 200)).isEmpty();

        long b = repository.battleId(
                new Battle(0, null, "x", "y", null, null, 1, "imported", null, BattleStatus.UNJUDGED, false, null),
                "f:1");
        repository.addVerdicts(
                b,
                List.of(
                        verdict(VerdictSource.JUDGE, "zeta", Outcome.A, "k1"),
                        verdict(VerdictSource.JUDGE, "alpha", Outcome.A, "k2"),
                        verdict(VerdictSource.JURY, "jury", Outcome.A, "k3"),
                        verdict(VerdictSource.HUMAN, "alice", Outcome.B, null)),
                null,
                null);
        assertThat(battles.voters(VerdictSource.JUDGE)).containsExactly("alpha", "zeta");
        assertThat(battles.voters(VerdictSource.JURY)).containsExactly("jury");
        assertThat(battles.voters(VerdictSource.HUMAN)).containsExactly("alice");
    }
}
