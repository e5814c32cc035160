package io.arenainstruct.studio.domain;

import java.time.Instant;
import java.util.List;

/**
 * One stored seed without its text (lists of 100,000 seeds stay small); the text is loaded on demand.
 *
 * @param source   where it was imported from (a file path, or {@code file.jsonl:LINE}); informational only
 * @param language the programming language for code seeds, otherwise empty
 */
public record Seed(
        long id,
        String name,
        String source,
        SeedKind kind,
        String language,
        List<String> tags,
        int chars,
        String sha256,
        Instant importedAt) {

    public Seed {
        tags = List.copyOf(tags);
        language = language == null ? "" : language;
    }

    public Seed withTags(List<String> newTags) {
        return new Seed(id, name, source, kind, language, newTags, chars, sha256, importedAt);
    }
}
