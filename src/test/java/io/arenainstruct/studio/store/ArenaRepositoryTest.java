package io.arenainstruct.studio.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.arena.ArenaDataset;
import io.arenainstruct.studio.domain.arena.ArenaInstruction;
import io.arenainstruct.studio.domain.arena.ArenaResponse;
import io.arenainstruct.studio.domain.arena.InstructionSelection;
import io.arenainstruct.studio.domain.arena.ResponseOrigin;
import io.arenainstruct.studio.domain.llm.Message;
import io.arenainstruct.studio.domain.provenance.AgentCall;
import io.arenainstruct.studio.store.ArenaRepository.Item;
import io.arenainstruct.studio.store.ArenaRepository.ItemResponse;

class ArenaRepositoryTest {
    @TempDir
    Path tmp;

    private Store store;
    private ArenaRepository arena;

    @BeforeEach
    void open() {
        store = TestStores.open(tmp.resolve("ws"));
        arena = new ArenaRepository(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static Item item(String prompt, String uid, ItemResponse... responses) {
        return new Item(ArenaInstruction.of(List.of(), prompt, "Puzzles", null), uid, List.of(responses));
    }

    @Test
    void importingTheSameItemsAgainAddsNothing() {
        List<Item> items = List.of(
                item("Write a folk tune in ABC.", "u1", new ItemResponse("gpt-4", "X:1", "a1")),
                item(
                        "Swap two cards.",
                        "u2",
                        new ItemResponse("gpt-4", "YES", "a2"),
                        new ItemResponse("m2", "NO", "a3")));

        ArenaRepository.Added first = arena.add("arena-hard", "arena-hard", items);
        ArenaRepository.Added again = arena.add("arena-hard", "arena-hard", items);

        assertThat(first.instructions()).isEqualTo(2);
        assertThat(first.responses()).isEqualTo(3);
        assertThat(again.instructions()).isZero();
        assertThat(again.responses()).isZero();
        assertThat(again.instructionIds()).isEqualTo(first.instructionIds());
        List<ArenaDataset> datasets = arena.datasets();
        assertThat(datasets).singleElement().satisfies(d -> {
            assertThat(d.name()).isEqualTo("arena-hard");
            assertThat(d.instructions()).isEqualTo(2);
            assertThat(d.responses()).isEqualTo(3);
        });
        assertThat(arena.models()).containsExactly("gpt-4", "m2");
    }

    @Test
    void theSamePromptInTwoDatasetsIsOneInstructionInBoth() {
        arena.add("one", "prompts", List.of(item("Same prompt.", null)));
        ArenaRepository.Added second = arena.add("two", "prompts", List.of(item("Same prompt.", null)));

        assertThat(second.instructions()).isZero();
        assertThat(arena.instructions(InstructionSelection.all())).hasSize(1);
        assertThat(arena.instructions(InstructionSelection.dataset("two"))).hasSize(1);
        assertThat(arena.instructions(InstructionSelection.dataset("three"))).isEmpty();
    }

    @Test
    void multiTurnContextComesBackInOrder() {
        List<Message> context =
                List.of(Message.system("Be brief."), Message.user("Hi"), Message.assistant("Hello. How can I help?"));
        ArenaInstruction multi = ArenaInstruction.of(context, "Name a prime.", "Math", "2");
        long id = arena.add("chat", "openai", List.of(new Item(multi, null, List.of())))
                .instructionIds()
                .get(0);
        arena.add("chat", "openai", List.of(item("Single.", null)));

        ArenaInstruction read = arena.instruction(id).orElseThrow();
        assertThat(read.context()).isEqualTo(context);
        assertThat(read.prompt()).isEqualTo("Name a prime.");
        assertThat(read.turns()).isEqualTo(2);
        assertThat(read.reference()).isEqualTo("2");
        assertThat(arena.instructions(InstructionSelection.category("Math")))
                .extracting(ArenaInstruction::id)
                .containsExactly(id);
        assertThat(arena.instructions(InstructionSelection.all()))
                .filteredOn(i -> i.id() != id)
                .singleElement()
                .satisfies(i -> assertThat(i.context()).isEmpty());
    }

    @Test
    void externalIdsFindTheirInstruction() {
        long id = arena.add("ah", "arena-hard", List.of(item("P", "uid-7")))
                .instructionIds()
                .get(0);

        assertThat(arena.instructionByExternalId("ah", "uid-7")).contains(id);
        assertThat(arena.instructionByExternalId("ah", "uid-8")).isEmpty();
        assertThat(arena.instructionByExternalId("other", "uid-7")).isEmpty();
    }

    @Test
    void anIdTwoDatasetsReuseIsLookedUpPerDataset() {
        long mtBench = arena.add("mt_bench", "prompts", List.of(item("Write a travel blog post.", "81")))
                .instructionIds()
                .get(0);
        long other = arena.add("other", "prompts", List.of(item("Sort these numbers.", "81")))
                .instructionIds()
                .get(0);
        // the same prompt in a third dataset under the same id is the same instruction as mt_bench's
        arena.add("copy", "prompts", List.of(item("Write a travel blog post.", "81")));

        assertThat(arena.instructionByExternalId("mt_bench", "81")).contains(mtBench);
        assertThat(arena.instructionByExternalId("other", "81")).contains(other);
        assertThat(arena.instructionsByExternalId("81"))
                .containsExactly(entry("copy", mtBench), entry("mt_bench", mtBench), entry("other", other));
        assertThat(arena.instructionsByExternalId("82")).isEmpty();
    }

    @Test
    void aGeneratedResponseKeepsItsCallAndCountsAsAnswered() {
        long id = arena.add("d", "prompts", List.of(item("P", null)))
                .instructionIds()
                .get(0);
        AgentCall call = new AgentCall("arena/answerer", 2, 41, "local-llama", "llama3");

        long r = arena.addResponse(ArenaResponse.generated(id, "llama3", "An answer.", call));
        long again = arena.addResponse(ArenaResponse.generated(id, "llama3", "An answer.", call));

        assertThat(again).isEqualTo(r);
        ArenaResponse read = arena.response(r).orElseThrow();
        assertThat(read.origin()).isEqualTo(ResponseOrigin.GENERATED);
        assertThat(read.call().agent()).isEqualTo("arena/answerer");
        assertThat(read.call().promptVersion()).isEqualTo(2);
        assertThat(read.call().callId()).isEqualTo(41);
        assertThat(read.call().endpoint()).isEqualTo("local-llama");
        assertThat(arena.answered(id, "llama3")).isTrue();
        assertThat(arena.answered(id, "gpt-4")).isFalse();
        assertThat(arena.firstResponses(List.of(id))).isEqualTo(Map.of(id, Map.of("llama3", r)));
    }

    @Test
    void aDifferentAnswerOfTheSameModelIsASecondResponseButNotTheFirst() {
        long id = arena.add("d", "prompts", List.of(item("P", null, new ItemResponse("m", "one", null))))
                .instructionIds()
                .get(0);
        long first = arena.responses(id).get(0).id();
        arena.addResponse(ArenaResponse.imported(id, "m", "two", null));

        assertThat(arena.responses(id)).extracting(ArenaResponse::text).containsExactly("one", "two");
        assertThat(arena.firstResponses(List.of(id)).get(id)).containsEntry("m", first);
    }
}
