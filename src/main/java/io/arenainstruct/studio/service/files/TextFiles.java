package io.arenainstruct.studio.service.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Files the curator hands us or asks for: read as strict UTF-8; exports written whole or not at all. */
public final class TextFiles {
    private TextFiles() {
    }

    /** Reads a whole file as strict UTF-8: bytes that are not UTF-8 are a {@link java.nio.charset.CharacterCodingException}. */
    public static String readUtf8(Path file) throws IOException {
        return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                .toString();
    }

    /** Writes UTF-8 text to a temporary file beside {@code file}, then moves it into place atomically. */
    public static void writeAtomically(Path file, String text) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        // A plain new file (not createTempFile, which is owner-only) so the export gets the usual permissions.
        Path tmp = parent.resolve("." + file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
