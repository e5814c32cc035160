package io.arenainstruct.studio.service.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.arenainstruct.studio.service.export.ExportRow.Preference;
import io.arenainstruct.studio.service.export.ExportRow.Sft;
import io.arenainstruct.studio.service.export.ExportRow.Unpaired;
import io.arenainstruct.studio.service.export.Message.Role;

class RowRulesTest {
    private static final Message SYSTEM = Message.system("Be brief.");
    private static final Message USER = Message.user("Hi");
    private static final Message ANSWER = Message.assistant("Hello.");

    private static List<String> sft(ExportFormat format, Message... turns) {
        return RowRules.problems(format, new Sft(List.of(turns)), false);
    }

    private static List<String> pair(ExportFormat format, List<Message> prompt, String chosen, String rejected) {
        return RowRules.problems(format, new Preference(prompt, chosen, rejected, null), false);
    }

    @Test
    void fitRowsHaveNoProblemsInEveryFormatOfTheirKind() {
        assertThat(sft(ExportFormat.OPENAI, SYSTEM, USER, ANSWER, USER, ANSWER)).isEmpty();
        assertThat(sft(ExportFormat.SHAREGPT, USER, ANSWER)).isEmpty();
        assertThat(sft(ExportFormat.ALPACA, USER, ANSWER)).isEmpty();
        assertThat(pair(ExportFormat.DPO, List.of(USER), "a", "b")).isEmpty();
        assertThat(pair(ExportFormat.DPO_CHAT, List.of(SYSTEM, USER, ANSWER, USER), "a", "b"))
                .isEmpty();
        assertThat(RowRules.problems(ExportFormat.KTO, new Unpaired(List.of(USER), "a", false, null), false))
                .isEmpty();
    }

    @Test
    void aRowOfTheWrongKindIsRefused() {
        assertThat(pair(ExportFormat.OPENAI, List.of(USER), "a", "b"))
                .containsExactly("openai takes SFT rows, not preference rows");
        assertThat(sft(ExportFormat.KTO, USER, ANSWER))
                .containsExactly("kto takes unpaired preference rows, not SFT rows");
    }

    @Test
    void rolesMustAlternateFromTheUserAfterAnOptionalSystemTurn() {
        assertThat(sft(ExportFormat.OPENAI)).containsExactly("the conversation is empty");
        assertThat(sft(ExportFormat.OPENAI, SYSTEM)).containsExactly("the conversation has only a system turn");
        assertThat(sft(ExportFormat.OPENAI, ANSWER, USER))
                .singleElement()
                .asString()
                .startsWith("turn 1 of the conversation is assistant where user was due");
        assertThat(sft(ExportFormat.OPENAI, USER, USER, ANSWER))
                .singleElement()
                .asString()
                .startsWith("turn 2 of the conversation is user where assistant was due");
        assertThat(sft(ExportFormat.SHAREGPT, USER, SYSTEM, ANSWER))
                .singleElement()
                .asString()
                .startsWith("turn 2 of the conversation is system where assistant was due");
        assertThat(sft(ExportFormat.OPENAI, USER, new Message(null, "x")))
                .singleElement()
                .asString()
                .startsWith("turn 2 of the conversation is without a role");
    }

    @Test
    void sftRowsEndWithTheAssistantAndPromptsWithTheUser() {
        assertThat(sft(ExportFormat.OPENAI, USER, ANSWER, USER))
                .containsExactly("the conversation ends with the user, not the assistant");
        assertThat(pair(ExportFormat.DPO_CHAT, List.of(USER, ANSWER), "a", "b"))
                .containsExactly("the prompt ends with the assistant, not the user");
        assertThat(RowRules.problems(ExportFormat.KTO, new Unpaired(List.of(), "a", true, null), false))
                .containsExactly("the prompt is empty");
    }

    @Test
    void everyTextMustBePresentAndNotBlank() {
        assertThat(sft(ExportFormat.OPENAI, USER, Message.assistant("  ")))
                .containsExactly("turn 2 of the conversation is empty");
        assertThat(sft(ExportFormat.OPENAI, new Message(Role.USER, null), ANSWER))
                .containsExactly("turn 1 of the conversation is empty");
        assertThat(pair(ExportFormat.DPO, List.of(USER), "", null))
                .containsExactly("the chosen answer is empty", "the rejected answer is empty");
        assertThat(RowRules.problems(ExportFormat.KTO, new Unpaired(List.of(USER), "\n", true, null), false))
                .containsExactly("the completion is empty");
    }

    @Test
    void chosenMustDifferFromRejected() {
        assertThat(pair(ExportFormat.DPO, List.of(USER), "Blue.", "Blue."))
                .containsExactly("the chosen and rejected answers are the same");
        assertThat(pair(ExportFormat.DPO_CHAT, List.of(USER), "Blue.", "Blue."))
                .containsExactly("the chosen and rejected answers are the same");
    }

    @Test
    void stringFormatsTakeOneUserTurnWithoutASystemTurn() {
        assertThat(sft(ExportFormat.ALPACA, SYSTEM, USER, ANSWER))
                .containsExactly("alpaca holds one user turn without a system turn;"
                        + " openai or sharegpt keeps the whole conversation");
        assertThat(sft(ExportFormat.ALPACA, USER, ANSWER, USER, ANSWER)).hasSize(1);
        assertThat(pair(ExportFormat.DPO, List.of(USER, ANSWER, USER), "a", "b"))
                .containsExactly(
                        "dpo holds one user turn without a system turn; dpo-chat keeps the whole conversation");
        assertThat(RowRules.problems(ExportFormat.KTO, new Unpaired(List.of(SYSTEM, USER), "a", true, null), false))
                .containsExactly("kto holds one user turn without a system turn");
    }

    @Test
    void metadataMustBePresentWhenAsked() {
        Sft none = new Sft(List.of(USER, ANSWER));
        Sft empty = new Sft(List.of(USER, ANSWER), null, Map.of());
        Sft some = new Sft(List.of(USER, ANSWER), null, Map.of("seed", "s1"));
        assertThat(RowRules.problems(ExportFormat.OPENAI, none, true))
                .containsExactly("no metadata, though the export asks for it");
        assertThat(RowRules.problems(ExportFormat.OPENAI, empty, true))
                .containsExactly("no metadata, though the export asks for it");
        assertThat(RowRules.problems(ExportFormat.OPENAI, some, true)).isEmpty();
        assertThat(RowRules.problems(ExportFormat.OPENAI, none, false)).isEmpty();
    }

    @Test
    void formatsAreFoundByNameAndAnUnknownNameListsThem() {
        assertThat(ExportFormat.of("DPO-Chat")).isEqualTo(ExportFormat.DPO_CHAT);
        assertThatThrownBy(() -> ExportFormat.of("jsonl"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown format \"jsonl\"; the formats are openai, sharegpt, alpaca, dpo, dpo-chat, kto");
    }
}
