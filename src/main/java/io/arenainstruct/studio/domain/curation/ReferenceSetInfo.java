package io.arenainstruct.studio.domain.curation;

import java.time.Instant;
import java.util.Objects;

/**
 * A reference prompt set kept in the store, without its prompts.
 *
 * @param sourceFile  the name of the file it was imported from (no folder)
 * @param format      how the file was read, e.g. "jsonl-prompt" or "txt"
 * @param promptCount how many prompts it holds
 */
public record ReferenceSetInfo(String name, String sourceFile, String format, Instant importedAt, int promptCount) {
    public ReferenceSetInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sourceFile, "sourceFile");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(importedAt, "importedAt");
    }
}
