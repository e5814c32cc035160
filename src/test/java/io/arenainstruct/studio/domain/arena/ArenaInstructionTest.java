package io.arenainstruct.studio.domain.arena;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.arenainstruct.studio.domain.llm.Message;

class ArenaInstructionTest {
    @Test
    void theHashOfASingleUserMessageIsShaOfItsFramedText() {
        // Worked out with coreutils: printf 'USER:5:hello' | sha256sum
        assertThat(ArenaInstruction.of(List.of(), "hello", null, null).contentHash())
                .isEqualTo("63963720331752528e4bef6147c8c6a0f679e9d8e4bf13259c988ded9c9b855a");
    }

    @Test
    void movingTextAcrossAMessageBoundaryChangesTheHash() {
        ArenaInstruction one = ArenaInstruction.of(List.of(Message.user("ab")), "c", null, null);
        ArenaInstruction two = ArenaInstruction.of(List.of(Message.user("a")), "bc", null, null);

        assertThat(one.contentHash()).isNotEqualTo(two.contentHash());
    }

    @Test
    void categoryAndReferenceAreNotPartOfTheIdentity() {
        assertThat(ArenaInstruction.of(List.of(), "p", "A", "r").contentHash())
                .isEqualTo(ArenaInstruction.of(List.of(), "p", "B", null).contentHash());
    }

    @Test
    void turnsCountTheUserMessages() {
        List<Message> context = List.of(Message.system("s"), Message.user("u1"), Message.assistant("a1"));
        assertThat(ArenaInstruction.of(context, "u2", null, null).turns()).isEqualTo(2);
        assertThat(ArenaInstruction.of(List.of(Message.system("s")), "u", null, null)
                        .turns())
                .isEqualTo(1);
    }
}
