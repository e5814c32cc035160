package io.arenainstruct.studio.service.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.service.export.ExportRow.Sft;

class DatasetFolderTest {
    @TempDir
    Path dir;

    private static final Sft PRIME = new Sft(List.of(Message.user("Name a prime."), Message.assistant("Seven.")));
    private static final Sft SKY = new Sft(List.of(Message.user("Sky colour?"), Message.assistant("Blue.")));
    /** Ends with the user: no SFT format takes it. */
    private static final Sft BROKEN = new Sft(List.of(Message.user("Unanswered?")));

    private final JsonlWriter writer = new JsonlWriter(ExportFormat.OPENAI, false);

    /** The facts asked for, with the row count the writer passed. */
    private final List<Long> asked = new ArrayList<>();

    private final LongFunction<CardFacts> facts = n -> {
        asked.add(n);
        return DatasetCardTest.facts(n, "apache-2.0");
    };

    /** Rows that count how often they were asked for, to show a refused folder reads none. */
    private static final class Counted implements Iterator<ExportRow> {
        private final Iterator<ExportRow> rows;
        int calls;

        Counted(ExportRow... rows) {
            this.rows = List.of(rows).iterator();
        }

        @Override
        public boolean hasNext() {
            calls++;
            return rows.hasNext();
        }

        @Override
        public ExportRow next() {
            calls++;
            return rows.next();
        }
    }

    private static List<String> everything(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> folder.relativize(p).toString())
                    .sorted()
                    .toList();
        }
    }

    @Test
    void writesTheRowsAndACardWhoseDataFilesExist() throws IOException {
        Path folder = dir.resolve("curated");

        DatasetFolder.Written written =
                DatasetFolder.write(folder, false, writer, List.of(PRIME, SKY).iterator(), facts, null, null);

        assertThat(written.rows()).isEqualTo(2);
        assertThat(asked).containsExactly(2L);
        assertThat(written.data()).isEqualTo(folder.toAbsolutePath().resolve("data/train.jsonl"));
        assertThat(written.readme()).isEqualTo(folder.toAbsolutePath().resolve("README.md"));
        assertThat(everything(folder)).containsExactly("README.md", "data/train.jsonl");
        assertThat(Files.readString(written.data()))
                .isEqualTo("{\"messages\":[{\"role\":\"user\",\"content\":\"Name a prime.\"},"
                        + "{\"role\":\"assistant\",\"content\":\"Seven.\"}]}\n"
                        + "{\"messages\":[{\"role\":\"user\",\"content\":\"Sky colour?\"},"
                        + "{\"role\":\"assistant\",\"content\":\"Blue.\"}]}\n");

        String card = Files.readString(written.readme());
        assertThat(card).isEqualTo(DatasetCard.markdown(DatasetCardTest.facts(2, "apache-2.0"), null, null));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> configs =
                (List<Map<String, Object>>) DatasetCardTest.header(card).get("configs");
        for (Map<String, Object> config : configs) {
            @SuppressWarnings("unchecked")
            List<Map<String, String>> files = (List<Map<String, String>>) config.get("data_files");
            for (Map<String, String> file : files) {
                assertThat(folder.resolve(file.get("path")))
                        .isRegularFile()
                        .isEqualTo(folder.resolve("data/train.jsonl"));
            }
        }
    }

    @Test
    void aFolderHoldingACardIsRefusedBeforeAnythingIsWritten() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("curated"));
        Files.writeString(folder.resolve("README.md"), "old card");
        Counted rows = new Counted(PRIME);

        assertThatThrownBy(() -> DatasetFolder.write(folder, false, writer, rows, facts, null, null))
                .isInstanceOf(FileAlreadyExistsException.class)
                .hasMessageContaining(
                        folder.toAbsolutePath().resolve("README.md").toString());
        assertThat(rows.calls).isZero();
        assertThat(asked).isEmpty();
        assertThat(everything(folder)).containsExactly("README.md");
        assertThat(folder.resolve("data")).doesNotExist();
        assertThat(Files.readString(folder.resolve("README.md"))).isEqualTo("old card");
    }

    @Test
    void aFolderHoldingDataIsRefusedBeforeAnythingIsWritten() throws IOException {
        Path folder = dir.resolve("curated");
        Files.createDirectories(folder.resolve("data"));
        Files.writeString(folder.resolve("data/train.jsonl"), "old rows\n");
        Counted rows = new Counted(PRIME);

        assertThatThrownBy(() -> DatasetFolder.write(folder, false, writer, rows, facts, null, null))
                .isInstanceOf(FileAlreadyExistsException.class)
                .hasMessageContaining(
                        folder.toAbsolutePath().resolve("data/train.jsonl").toString());
        assertThat(rows.calls).isZero();
        assertThat(everything(folder)).containsExactly("data/train.jsonl");
        assertThat(Files.readString(folder.resolve("data/train.jsonl"))).isEqualTo("old rows\n");
    }

    @Test
    void anEmptyOrUnrelatedFolderIsWrittenInto() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("curated"));
        Files.writeString(folder.resolve("notes.txt"), "mine");

        DatasetFolder.write(folder, false, writer, List.<ExportRow>of(PRIME).iterator(), facts, null, null);

        assertThat(everything(folder)).containsExactly("README.md", "data/train.jsonl", "notes.txt");
        assertThat(Files.readString(folder.resolve("notes.txt"))).isEqualTo("mine");
    }

    @Test
    void replaceReplacesBothFiles() throws IOException {
        Path folder = dir.resolve("curated");
        Files.createDirectories(folder.resolve("data"));
        Files.writeString(folder.resolve("README.md"), "old card");
        Files.writeString(folder.resolve("data/train.jsonl"), "old rows\n");

        DatasetFolder.Written written = DatasetFolder.write(
                folder, true, writer, List.<ExportRow>of(SKY).iterator(), facts, null, null);

        assertThat(written.rows()).isEqualTo(1);
        assertThat(everything(folder)).containsExactly("README.md", "data/train.jsonl");
        assertThat(Files.readString(folder.resolve("data/train.jsonl"))).isEqualTo(writer.line(SKY) + "\n");
        assertThat(Files.readString(folder.resolve("README.md")))
                .isEqualTo(DatasetCard.markdown(DatasetCardTest.facts(1, "apache-2.0"), null, null));
    }

    @Test
    void aBrokenRowLeavesNoDataFileAndNoCard() throws IOException {
        Path folder = dir.resolve("curated");

        assertThatThrownBy(() -> DatasetFolder.write(
                        folder, false, writer, List.of(PRIME, BROKEN, SKY).iterator(), facts, null, null))
                .isInstanceOf(JsonlWriter.BadRow.class)
                .hasMessageStartingWith("row 2: ");
        assertThat(asked).isEmpty();
        assertThat(everything(folder)).isEmpty();
    }

    @Test
    void aBrokenRowLeavesAnEarlierExportAsItWasEvenWithReplace() throws IOException {
        Path folder = dir.resolve("curated");
        Files.createDirectories(folder.resolve("data"));
        Files.writeString(folder.resolve("README.md"), "old card");
        Files.writeString(folder.resolve("data/train.jsonl"), "old rows\n");

        assertThatThrownBy(() -> DatasetFolder.write(
                        folder, true, writer, List.of(PRIME, BROKEN).iterator(), facts, null, null))
                .isInstanceOf(JsonlWriter.BadRow.class);
        assertThat(everything(folder)).containsExactly("README.md", "data/train.jsonl");
        assertThat(Files.readString(folder.resolve("README.md"))).isEqualTo("old card");
        assertThat(Files.readString(folder.resolve("data/train.jsonl"))).isEqualTo("old rows\n");
    }

    @Test
    void aCardThatCannotBeMadeLeavesNoDataFile() throws IOException {
        Path folder = dir.resolve("curated");
        LongFunction<CardFacts> failing = n -> {
            throw new UncheckedIOException(new IOException("the store went away"));
        };

        assertThatThrownBy(() -> DatasetFolder.write(
                        folder, false, writer, List.<ExportRow>of(PRIME).iterator(), failing, null, null))
                .hasMessageContaining("the store went away");
        assertThat(everything(folder)).isEmpty();
    }

    @Test
    void aCardCreatedMeanwhileIsNotOverwrittenAndTheNewDataGoes() throws IOException {
        Path folder = dir.resolve("curated");
        LongFunction<CardFacts> racing = n -> {
            try {
                Files.writeString(folder.resolve("README.md"), "someone else's card");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return DatasetCardTest.facts(n, null);
        };

        assertThatThrownBy(() -> DatasetFolder.write(
                        folder, false, writer, List.<ExportRow>of(PRIME).iterator(), racing, null, null))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(everything(folder)).containsExactly("README.md");
        assertThat(Files.readString(folder.resolve("README.md"))).isEqualTo("someone else's card");
    }
}
