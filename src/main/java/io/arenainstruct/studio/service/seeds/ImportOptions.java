package io.arenainstruct.studio.service.seeds;

import java.util.List;

/**
 * How seed files are read.
 *
 * @param textField which field of a JSONL object holds the seed text
 * @param maxBytes  files larger than this are rejected
 * @param tags      tags given to every imported seed
 */
public record ImportOptions(String textField, long maxBytes, List<String> tags) {
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
        return new ImportOptions(textField, maxBytes, newTags);
    }
}
