package io.arenainstruct.studio.service.curation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.service.curation.ReferenceFiles.ReferenceFileException;

class ReferenceFilesTest {
    private static final Path QUESTIONS = Path.of("src/test/resources/arena-hard-sample/question.jsonl");

    @TempDir
    Path tmp;

    private Path file(String name, String text) throws IOException {
        return Files.writeString(tmp.resolve(name), text, StandardCharsets.UTF_8);
    }

    @Test
    void theArenaHardSampleReadsEveryQuestionByUid() throws Exception {
        ReferenceSet set = ReferenceFiles.read(QUESTIONS);

        assertThat(set.name()).isEqualTo("question.jsonl");
        assertThat(set.prompts()).hasSize(40); // the sample's lines
        assertThat(set.prompts().get(0))
                .isEqualTo(new ReferencePrompt(
                        "328c149ed45a41c0b9d6f14659e63599",
                        "Use ABC notation to write a melody in the style of a folk tune."));
    }

    @Test
    void turnsInstructionMessagesAndTextFilesAreRead() throws Exception {
        Path turns = file(
                "q.jsonl",
                "{\"question_id\": 7, \"turns\": [{\"content\": \"First turn.\"}, {\"content\": \"Second.\"}]}\n");
        Path alpaca =
                file("a.json", "{\"instruction\": \"Do this.\", \"input\": \"\"}\n\n{\"instruction\": \"That.\"}\n");
        Path chat = file(
                "c.jsonl",
                "{\"messages\": [{\"role\": \"system\", \"content\": \"Be brief.\"},"
                        + " {\"role\": \"user\", \"content\": \"Ask.\"}]}\n");
        Path text = file("p.txt", "One prompt.\n\n  Another prompt.  \r\n");

        assertThat(ReferenceFiles.read(turns).prompts()).containsExactly(new ReferencePrompt("7", "First turn."));
        assertThat(ReferenceFiles.read(alpaca).prompts())
                .containsExactly(new ReferencePrompt("line 1", "Do this."), new ReferencePrompt("line 3", "That."));
        assertThat(ReferenceFiles.read(chat).prompts()).containsExactly(new ReferencePrompt("line 1", "Ask."));
        assertThat(ReferenceFiles.read(text).prompts())
                .containsExactly(new ReferencePrompt("1", "One prompt."), new ReferencePrompt("3", "Another prompt."));
        assertThat(List.of(turns, alpaca, chat, text, QUESTIONS).stream()
                        .map(f -> {
                            try {
                                return ReferenceFiles.readFile(f).format();
                            } catch (ReferenceFileException e) {
                                throw new AssertionError(e);
                            }
                        })
                        .toList())
                .containsExactly("jsonl-turns", "jsonl-instruction", "jsonl-messages", "txt", "jsonl-prompt");
    }

    @Test
    void anUnknownEndingIsRefusedWithTheFormatsListed() throws Exception {
        Path csv = file("bench.csv", "prompt\nhello\n");

        assertThatThrownBy(() -> ReferenceFiles.read(csv))
                .isInstanceOf(ReferenceFileException.class)
                .hasMessageStartingWith(csv + ": not a known reference format")
                .hasMessageContaining("Arena-Hard question.jsonl")
                .hasMessageContaining(".txt with one prompt per line");
    }

    @Test
    void aFirstLineWithNoKnownFieldIsRefusedNamingTheLine() throws Exception {
        Path f = file("odd.jsonl", "\n{\"question\": \"What?\"}\n");

        assertThatThrownBy(() -> ReferenceFiles.read(f))
                .hasMessageStartingWith(f + ", line 2: no \"turns\", \"prompt\", \"instruction\" or \"messages\"")
                .hasMessageContaining("supported are");
    }

    @Test
    void aLaterLineWithoutTheFieldOrNotJsonNamesItsLine() throws Exception {
        Path missing = file("m.jsonl", "{\"prompt\": \"A.\"}\n{\"instruction\": \"B.\"}\n");
        Path broken = file("b.jsonl", "{\"prompt\": \"A.\"}\n{\"prompt\": \"B.\"}\n{not json\n");
        Path empty = file("e.jsonl", "{\"prompt\": \"  \"}\n");

        assertThatThrownBy(() -> ReferenceFiles.read(missing))
                .hasMessage(missing + ", line 2: no \"prompt\" field, which the file's first line has");
        assertThatThrownBy(() -> ReferenceFiles.read(broken)).hasMessageStartingWith(broken + ", line 3: not JSON");
        assertThatThrownBy(() -> ReferenceFiles.read(empty))
                .hasMessage(empty + ", line 1: \"prompt\" is not a non-empty text");
    }

    @Test
    void aMissingOrEmptyFileIsRefused() throws Exception {
        Path none = tmp.resolve("none.jsonl");
        Path blank = file("blank.txt", "\n \n");

        assertThatThrownBy(() -> ReferenceFiles.read(none))
                .hasMessage(none + ": cannot read the file (missing or not readable)");
        assertThatThrownBy(() -> ReferenceFiles.read(blank)).hasMessage(blank + ": the file holds no prompts");
    }
}
