package io.arenainstruct.studio.domain;

import java.util.List;

/** A seed read from a file, not yet stored. Its identity is the SHA-256 of its text. */
public record NewSeed(
        String name, String source, SeedKind kind, String language, List<String> tags, String content, String sha256) {

    public NewSeed {
        tags = List.copyOf(tags);
        language = language == null ? "" : language;
    }

    public static NewSeed of(
            String name, String source, SeedKind kind, String language, List<String> tags, String content) {
        return new NewSeed(name, source, kind, language, tags, content, sha256(content));
    }

    public int chars() {
        return content.length();
    }

    public static String sha256(String text) {
        return Hashes.sha256(text);
    }
}
