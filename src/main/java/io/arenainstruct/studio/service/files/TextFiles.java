package io.arenainstruct.studio.service.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Files the curator asked for (exports): written whole or not at all. */
public final class TextFiles {
    private TextFiles() {
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
