package io.arenainstruct.studio.service.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextFilesTest {
    @TempDir
    Path dir;

    @Test
    void streamedContentAppearsOnlyAtTheEndUnderTheFinalName() throws IOException {
        Path out = dir.resolve("sub/out.jsonl");
        TextFiles.writeAtomically(out, false, stream -> {
            stream.write("a\n".getBytes(StandardCharsets.UTF_8));
            // Mid-write the final name does not exist yet: a crash now would leave nothing there.
            assertThat(out).doesNotExist();
            stream.write("b\n".getBytes(StandardCharsets.UTF_8));
        });
        assertThat(Files.readString(out)).isEqualTo("a\nb\n");
        assertThat(Files.list(out.getParent())).containsExactly(out);
    }

    @Test
    void aFileCreatedDuringTheWriteIsNotOverwrittenWithoutReplace() throws IOException {
        Path out = dir.resolve("out.jsonl");
        assertThatThrownBy(() -> TextFiles.writeAtomically(out, false, stream -> {
                    stream.write('x');
                    Files.writeString(out, "theirs");
                }))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readString(out)).isEqualTo("theirs");
        assertThat(Files.list(dir)).containsExactly(out);
    }

    @Test
    void theWholeBytesVariantStillReplaces() throws IOException {
        Path out = dir.resolve("out.txt");
        Files.writeString(out, "old");
        TextFiles.writeAtomically(out, "new");
        assertThat(Files.readString(out)).isEqualTo("new");
        assertThat(Files.list(dir)).containsExactly(out);
    }
}
