package io.arenainstruct.studio.service.export;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.function.LongFunction;

import io.arenainstruct.studio.domain.ratings.Leaderboard;
import io.arenainstruct.studio.service.agreement.Agreement;
import io.arenainstruct.studio.service.files.TextFiles;

/**
 * Writes an export as a folder the Hugging Face Hub takes as it is: {@value DatasetCard#DATA_FILE} and a
 * {@value DatasetCard#README} dataset card naming it.
 *
 * <p>Both files are finished under hidden names first (the rows streamed, the card rendered with the number of rows
 * written) and only then renamed into place, data first: a row that breaks its format, a failing card or a full disk
 * leaves nothing under the final names, and a kill leaves at most hidden files behind (or, between the two renames,
 * the new data without its card).
 */
public final class DatasetFolder {
    private DatasetFolder() {}

    /** What was written: the folder, its two files and the number of rows. */
    public record Written(Path folder, Path data, Path readme, long rows) {}

    /**
     * Writes the rows and their card into {@code folder} (created if needed).
     *
     * @param replace       replace an existing data file and card; without it a folder holding either is refused with
     *                      {@link FileAlreadyExistsException} naming the file, before anything is written
     * @param factsForRows  the card's facts for the number of rows written (the rows are streamed, so it is known
     *                      only at the end)
     * @param ratings       the models' leaderboard for the card, or null
     * @param agreement     judges against people for the card, or null
     * @throws JsonlWriter.BadRow at the first row that breaks its format's rules (nothing is left under the final
     *                            names)
     */
    public static Written write(
            Path folder,
            boolean replace,
            JsonlWriter writer,
            Iterator<? extends ExportRow> rows,
            LongFunction<CardFacts> factsForRows,
            Leaderboard ratings,
            Agreement agreement)
            throws IOException {
        Path dir = folder.toAbsolutePath();
        Path data = dir.resolve(DatasetCard.DATA_FILE);
        Path readme = dir.resolve(DatasetCard.README);
        if (!replace) {
            for (Path file : new Path[] {readme, data}) {
                if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                    throw new FileAlreadyExistsException(
                            file.toString(), null, "exists; replace the dataset only when asked");
                }
            }
        }
        Files.createDirectories(data.getParent());
        String suffix = "." + ProcessHandle.current().pid() + ".tmp";
        Path stagedData = data.resolveSibling("." + data.getFileName() + suffix);
        Path stagedReadme = readme.resolveSibling("." + readme.getFileName() + suffix);
        try {
            long n;
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(stagedData), 1 << 16)) {
                n = writer.write(out, rows);
            }
            String card = DatasetCard.markdown(factsForRows.apply(n), ratings, agreement);
            Files.writeString(stagedReadme, card, StandardCharsets.UTF_8);
            boolean newData = !Files.exists(data, LinkOption.NOFOLLOW_LINKS);
            TextFiles.moveIntoPlace(stagedData, data, replace);
            try {
                TextFiles.moveIntoPlace(stagedReadme, readme, replace);
            } catch (IOException | RuntimeException e) {
                if (newData) {
                    // a card created meanwhile refused the rename: the data this call added goes too
                    Files.deleteIfExists(data);
                }
                throw e;
            }
            return new Written(dir, data, readme, n);
        } finally {
            Files.deleteIfExists(stagedData);
            Files.deleteIfExists(stagedReadme);
        }
    }
}
