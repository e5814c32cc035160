package io.arenainstruct.studio.service.seeds;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

/**
 * How seed files are read.
 *
 * @param textField which field of a JSONL object holds the seed text
 * @param maxBytes  files larger than this are rejected
 * @param tags      tags given to every imported seed
 */
public record ImportOptions(String textField, long maxBytes, List<String> tags, ShownSource shownSource) {
    /** Files under {@code root} are recorded as {@code label/relative/path} (shipped samples, not a build folder). */
    public record ShownSource(Path root, String label) {
        String of(Path file) {
            String relative = root.relativize(file).toString().replace(File.separatorChar, '/');
            return label + "/" + relative;
        }
    }

    public ImportOptions(String textField, long maxBytes, List<String> tags) {
        this(textField, maxBytes, tags, null);
    }

    public static final String DEFAULT_TEXT_FIELD = "text";
    public static final long DEFAULT_MAX_BYTES = 5L * 1024 * 1024;

    public ImportOptions {
        textField = textField == null || textField.isBlank() ? DEFAULT_TEXT_FIELD : textField.strip();
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("the size limit must be positive");
        }
        tags = List.copyOf(tags);
    }

    public static ImportOptions defaults() {
        return new ImportOptions(DEFAULT_TEXT_FIELD, DEFAULT_MAX_BYTES, List.of());
    }

    public ImportOptions withTags(List<String> newTags) {
        return new ImportOptions(textField, maxBytes, newTags, shownSource);
    }

    public ImportOptions withShownSource(Path root, String label) {
        return new ImportOptions(textField, maxBytes, tags, new ShownSource(root, label));
    }

    /** How a file is named in the seed's source and in rejections. */
    public String shown(Path file) {
        return shownSource != null && file.startsWith(shownSource.root()) ? shownSource.of(file) : file.toString();
    }
}
