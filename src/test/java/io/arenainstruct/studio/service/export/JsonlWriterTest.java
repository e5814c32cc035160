package io.arenainstruct.studio.service.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.service.export.ExportRow.Preference;
import io.arenainstruct.studio.service.export.ExportRow.Sft;
import io.arenainstruct.studio.service.export.ExportRow.Unpaired;

class JsonlWriterTest {
    @TempDir
    Path dir;

    private static final Sft ONE_TURN =
            new Sft(List.of(Message.user("Name a prime."), Message.assistant("Seven — \"7\".")), null, null);

    private static final Sft MULTI_TURN = new Sft(List.of(
            Message.system("Be brief."),
            Message.user("Hi"),
            Message.assistant("Hello."),
            Message.user("2+2?"),
            Message.assistant("4")));

    private static final Preference PAIR =
            new Preference(List.of(Message.user("Sky colour?")), "Blue.", "Green.", null);

    private static final Preference CHAT_PAIR = new Preference(
            List.of(Message.system("Be brief."), Message.user("Hi"), Message.assistant("Hello."), Message.user("Sky?")),
            "Blue.",
            "Green.",
            null);

    private static Map<String, Object> meta() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seed", "s1");
        m.put("battle", 42);
        m.put("score", null);
        return m;
    }

    private static String line(ExportFormat format, ExportRow row) throws IOException {
        return new JsonlWriter(format, false).line(row);
    }

    @Test
    void openaiWritesMessagesWithRolesInOrderAndUnescapedUtf8() throws IOException {
        assertThat(line(ExportFormat.OPENAI, ONE_TURN))
                .isEqualTo("{\"messages\":[{\"role\":\"user\",\"content\":\"Name a prime.\"},"
                        + "{\"role\":\"assistant\",\"content\":\"Seven — \\\"7\\\".\"}]}");
        assertThat(line(ExportFormat.OPENAI, MULTI_TURN))
                .isEqualTo("{\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                        + "{\"role\":\"user\",\"content\":\"Hi\"},{\"role\":\"assistant\",\"content\":\"Hello.\"},"
                        + "{\"role\":\"user\",\"content\":\"2+2?\"},{\"role\":\"assistant\",\"content\":\"4\"}]}");
    }

    @Test
    void sharegptNamesTheSpeakersSystemHumanGpt() throws IOException {
        assertThat(line(ExportFormat.SHAREGPT, MULTI_TURN))
                .isEqualTo("{\"conversations\":[{\"from\":\"system\",\"value\":\"Be brief.\"},"
                        + "{\"from\":\"human\",\"value\":\"Hi\"},{\"from\":\"gpt\",\"value\":\"Hello.\"},"
                        + "{\"from\":\"human\",\"value\":\"2+2?\"},{\"from\":\"gpt\",\"value\":\"4\"}]}");
    }

    @Test
    void alpacaWritesAnEmptyInputUnlessTheRowCarriesOne() throws IOException {
        assertThat(line(ExportFormat.ALPACA, ONE_TURN))
                .isEqualTo("{\"instruction\":\"Name a prime.\",\"input\":\"\",\"output\":\"Seven — \\\"7\\\".\"}");
        Sft withInput = new Sft(List.of(Message.user("Sum these."), Message.assistant("6")), "1 2 3", null);
        assertThat(line(ExportFormat.ALPACA, withInput))
                .isEqualTo("{\"instruction\":\"Sum these.\",\"input\":\"1 2 3\",\"output\":\"6\"}");
        // The chat formats have no input field: it follows the user's turn after a blank line.
        assertThat(line(ExportFormat.OPENAI, withInput))
                .isEqualTo("{\"messages\":[{\"role\":\"user\",\"content\":\"Sum these.\\n\\n1 2 3\"},"
                        + "{\"role\":\"assistant\",\"content\":\"6\"}]}");
    }

    @Test
    void alpacaRefusesMultiTurnRowsRatherThanFlattenThem() {
        assertThatThrownBy(() -> line(ExportFormat.ALPACA, MULTI_TURN))
                .isInstanceOf(JsonlWriter.BadRow.class)
                .hasMessageContaining("alpaca holds one user turn without a system turn")
                .hasMessageContaining("openai or sharegpt");
    }

    @Test
    void dpoWritesStringsAndDpoChatWritesMessageLists() throws IOException {
        assertThat(line(ExportFormat.DPO, PAIR))
                .isEqualTo("{\"prompt\":\"Sky colour?\",\"chosen\":\"Blue.\",\"rejected\":\"Green.\"}");
        assertThat(line(ExportFormat.DPO_CHAT, PAIR))
                .isEqualTo("{\"prompt\":[{\"role\":\"user\",\"content\":\"Sky colour?\"}],"
                        + "\"chosen\":[{\"role\":\"assistant\",\"content\":\"Blue.\"}],"
                        + "\"rejected\":[{\"role\":\"assistant\",\"content\":\"Green.\"}]}");
        assertThat(line(ExportFormat.DPO_CHAT, CHAT_PAIR))
                .isEqualTo("{\"prompt\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                        + "{\"role\":\"user\",\"content\":\"Hi\"},{\"role\":\"assistant\",\"content\":\"Hello.\"},"
                        + "{\"role\":\"user\",\"content\":\"Sky?\"}],"
                        + "\"chosen\":[{\"role\":\"assistant\",\"content\":\"Blue.\"}],"
                        + "\"rejected\":[{\"role\":\"assistant\",\"content\":\"Green.\"}]}");
        assertThatThrownBy(() -> line(ExportFormat.DPO, CHAT_PAIR))
                .isInstanceOf(JsonlWriter.BadRow.class)
                .hasMessageContaining("dpo-chat keeps the whole conversation");
    }

    @Test
    void ktoWritesPromptCompletionAndABooleanLabel() throws IOException {
        assertThat(line(ExportFormat.KTO, new Unpaired(List.of(Message.user("Sky?")), "Blue.", true, null)))
                .isEqualTo("{\"prompt\":\"Sky?\",\"completion\":\"Blue.\",\"label\":true}");
        assertThat(line(ExportFormat.KTO, new Unpaired(List.of(Message.user("Sky?")), "Green.", false, null)))
                .isEqualTo("{\"prompt\":\"Sky?\",\"completion\":\"Green.\",\"label\":false}");
    }

    @Test
    void metadataIsWrittenLastInItsOrderOnlyWhenAsked() throws IOException {
        Preference withMeta = new Preference(PAIR.prompt(), PAIR.chosen(), PAIR.rejected(), meta());
        assertThat(new JsonlWriter(ExportFormat.DPO, true).line(withMeta))
                .isEqualTo("{\"prompt\":\"Sky colour?\",\"chosen\":\"Blue.\",\"rejected\":\"Green.\","
                        + "\"metadata\":{\"seed\":\"s1\",\"battle\":42,\"score\":null}}");
        assertThat(new JsonlWriter(ExportFormat.DPO, false).line(withMeta))
                .isEqualTo("{\"prompt\":\"Sky colour?\",\"chosen\":\"Blue.\",\"rejected\":\"Green.\"}");
        assertThatThrownBy(() -> new JsonlWriter(ExportFormat.DPO, true).line(PAIR))
                .isInstanceOf(JsonlWriter.BadRow.class)
                .hasMessageContaining("no metadata");
    }

    @Test
    void aFileHoldsOneLinePerRowInTheOrderGivenEndedByNewlines() throws IOException {
        Path out = dir.resolve("train.jsonl");
        Sft second = new Sft(List.of(Message.user("A"), Message.assistant("B")));
        long n = new JsonlWriter(ExportFormat.OPENAI, false)
                .write(out, List.of(second, ONE_TURN).iterator(), false);
        assertThat(n).isEqualTo(2);
        String expected = "{\"messages\":[{\"role\":\"user\",\"content\":\"A\"},"
                + "{\"role\":\"assistant\",\"content\":\"B\"}]}\n"
                + "{\"messages\":[{\"role\":\"user\",\"content\":\"Name a prime.\"},"
                + "{\"role\":\"assistant\",\"content\":\"Seven — \\\"7\\\".\"}]}\n";
        assertThat(Files.readAllBytes(out)).isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
        assertThat(Files.list(dir)).containsExactly(out);
    }

    @Test
    void theSameRowsGiveTheSameBytes() throws IOException {
        Path a = dir.resolve("a.jsonl");
        Path b = dir.resolve("b.jsonl");
        List<Unpaired> rows = Stream.of(true, false)
                .map(l -> new Unpaired(List.of(Message.user("Sky?")), l ? "Blue." : "Green.", l, meta()))
                .toList();
        new JsonlWriter(ExportFormat.KTO, true).write(a, rows.iterator(), false);
        new JsonlWriter(ExportFormat.KTO, true).write(b, rows.iterator(), false);
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b)).isNotEmpty();
    }

    @Test
    void anExistingFileIsReplacedOnlyWhenAsked() throws IOException {
        Path out = dir.resolve("train.jsonl");
        Files.writeString(out, "old\n");
        JsonlWriter writer = new JsonlWriter(ExportFormat.DPO, false);
        assertThatThrownBy(() -> writer.write(out, List.of(PAIR).iterator(), false))
                .isInstanceOf(FileAlreadyExistsException.class)
                .hasMessageContaining(out.toAbsolutePath().toString());
        assertThat(Files.readString(out)).isEqualTo("old\n");
        assertThat(Files.list(dir)).containsExactly(out);

        writer.write(out, List.of(PAIR).iterator(), true);
        assertThat(Files.readString(out))
                .isEqualTo("{\"prompt\":\"Sky colour?\",\"chosen\":\"Blue.\",\"rejected\":\"Green.\"}\n");
    }

    @Test
    void aBadRowInTheMiddleLeavesNoFileAndNoTemporaryFile() throws IOException {
        Path out = dir.resolve("train.jsonl");
        Preference same = new Preference(PAIR.prompt(), "Blue.", "Blue.", null);
        JsonlWriter writer = new JsonlWriter(ExportFormat.DPO, false);
        assertThatThrownBy(
                        () -> writer.write(out, List.of(PAIR, PAIR, same, PAIR).iterator(), false))
                .isInstanceOf(JsonlWriter.BadRow.class)
                .hasMessage("row 3: the chosen and rejected answers are the same");
        assertThat(Files.list(dir)).isEmpty();
    }

    @Test
    void aFailingSourceLeavesTheOldFileAsItWas() throws IOException {
        Path out = dir.resolve("train.jsonl");
        Files.writeString(out, "old\n");
        Iterator<ExportRow> failing = new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public ExportRow next() {
                if (++i == 3) {
                    throw new IllegalStateException("store closed");
                }
                return PAIR;
            }
        };
        assertThatThrownBy(() -> new JsonlWriter(ExportFormat.DPO, false).write(out, failing, true))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("store closed");
        assertThat(Files.readString(out)).isEqualTo("old\n");
        assertThat(Files.list(dir)).containsExactly(out);
    }

    @Test
    void rowsAreTakenOneAtATimeAndTextsWithLineBreaksStayOnOneLine() throws IOException {
        Path out = dir.resolve("many.jsonl");
        int rows = 20_000;
        // Generated as they are asked for: the writer never needs them all at once.
        Iterator<Sft> lazy = Stream.iterate(0, i -> i + 1)
                .limit(rows)
                .map(i -> new Sft(List.of(Message.user("q" + i + "\nline two\r\n"), Message.assistant("a" + i))))
                .iterator();
        assertThat(new JsonlWriter(ExportFormat.SHAREGPT, false).write(out, lazy, false))
                .isEqualTo(rows);
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(rows);
        assertThat(lines.get(rows - 1))
                .isEqualTo("{\"conversations\":[{\"from\":\"human\",\"value\":\"q19999\\nline two\\r\\n\"},"
                        + "{\"from\":\"gpt\",\"value\":\"a19999\"}]}");
    }
}
