package io.arenainstruct.studio.service.arena;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.arenainstruct.studio.domain.arena.ArenaInstruction;
import io.arenainstruct.studio.domain.llm.Message;

/** What a judge is shown as the question: the prompt, or a multi-turn conversation with its turns labelled. */
class JudgeQuestionTest {
    @Test
    void aSingleTurnInstructionIsItsPrompt() {
        assertThat(JudgeRequests.question(ArenaInstruction.of(List.of(), "Name a prime.", null, null)))
                .isEqualTo("Name a prime.");
    }

    @Test
    void aMultiTurnInstructionShowsEveryTurnInOrder() {
        ArenaInstruction i = ArenaInstruction.of(
                List.of(Message.system("Be brief."), Message.user("Hi"), Message.assistant("Hello.")),
                "Name a prime.",
                null,
                null);

        assertThat(JudgeRequests.question(i))
                .isEqualTo("System: Be brief.\n\nUser: Hi\n\nAssistant: Hello.\n\nUser: Name a prime.");
    }
}
