package io.arenainstruct.studio.service.files;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/** Files the curator hands us or asks for: read as strict UTF-8; exports written whole or not at all. */
public final class TextFiles {
    /**
     * The most a taxonomy or flow file may hold, in bytes (and characters of text edited in the app): the real ones
     * are a few dozen kilobytes, and a YAML parser takes many times a file's size in memory.
     */
    public static final int DEFINITION_LIMIT = 1024 * 1024;

    public static final String DEFINITION_LIMIT_TEXT = "1 MB";

    private TextFiles() {}

    /** A file larger than the caller accepts, refused before it is read. */
    public static final class TooLarge extends IOException {
        private final long size;

        TooLarge(Path file, long size) {
            super(file + " is " + size + " bytes");
            this.size = size;
        }

        public long size() {
            return size;
        }

        /** The size for a sentence: 4.2 MB, 1.5 MB. */
        public String shown() {
            return String.format(Locale.ROOT, "%.1f MB", size / (1024.0 * 1024.0));
        }
    }

    /**
     * Reads a whole file as strict UTF-8 like {@link #readUtf8(Path)}, refusing one larger than {@code maxBytes}
     * with {@link TooLarge} before reading it (nor more than that is read if it grows meanwhile).
     */
    public static String readUtf8(Path file, int maxBytes) throws IOException {
        long size = Files.size(file);
        if (size > maxBytes) {
            throw new TooLarge(file, size);
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(maxBytes + 1);
        }
        if (bytes.length > maxBytes) {
            throw new TooLarge(file, Math.max(bytes.length, Files.size(file)));
        }
        return StandardCharsets.UTF_8
                .newDecoder()
                .decode(ByteBuffer.wrap(bytes))
                .toString();
    }

    /**
     * Reads a whole file as strict UTF-8: bytes that are not UTF-8 are a {@link
     * java.nio.charset.CharacterCodingException}.
     */
    public static String readUtf8(Path file) throws IOException {
        return StandardCharsets.UTF_8
                .newDecoder()
                .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                .toString();
    }

    /** Writes UTF-8 text to a temporary file beside {@code file}, then moves it into place atomically. */
    public static void writeAtomically(Path file, String text) throws IOException {
        writeAtomically(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes the bytes to a temporary file beside {@code file}, then moves it into place: atomically where the file
     * system can, else replacing it (as {@code SettingsFile} does), so a failed write leaves no half file.
     */
    public static void writeAtomically(Path file, byte[] bytes) throws IOException {
        writeAtomically(file, true, out -> out.write(bytes));
    }

    /** What streams a file's content; it may throw to abandon the file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Streams the content to a temporary file beside {@code file}, then moves it into place, so however large the
     * content only a buffer sits in memory, and whatever {@code content} throws (or a crash) leaves nothing under the
     * final name and the temporary file removed (a kill may leave the hidden temporary file, never a half export).
     * Without {@code replace} an existing file is refused with {@link FileAlreadyExistsException} naming it, before
     * anything is written and again at the move (a file created meanwhile is not overwritten).
     */
    public static void writeAtomically(Path file, boolean replace, Content content) throws IOException {
        Path target = file.toAbsolutePath();
        if (!replace && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString(), null, "exists; replace it only when asked");
        }
        Path parent = target.getParent();
        Files.createDirectories(parent);
        // A plain new file (not createTempFile, which is owner-only) so the export gets the usual permissions.
        Path tmp = parent.resolve(
                "." + target.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                content.writeTo(out);
            }
            moveIntoPlace(tmp, target, replace);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Moves a finished file (written beside {@code target}, in the same folder) to its final name in one rename:
     * atomically over an existing file with {@code replace} (plainly where the file system cannot), else refusing an
     * existing target with {@link FileAlreadyExistsException}.
     */
    public static void moveIntoPlace(Path source, Path target, boolean replace) throws IOException {
        if (!replace) {
            // Without ATOMIC_MOVE the move refuses an existing target (rename(2) would silently replace it);
            // the rename itself is still one step within the folder.
            Files.move(source, target);
            return;
        }
        try {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
