package io.arenainstruct.studio.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** A seed read from a file, not yet stored. Its identity is the SHA-256 of its text. */
public record NewSeed(String name, String source, SeedKind kind, String language, List<String> tags,
                      String content, String sha256) {

    public NewSeed {
        tags = List.copyOf(tags);
        language = language == null ? "" : language;
    }

    public static NewSeed of(String name, String source, SeedKind kind, String language, List<String> tags,
                             String content) {
        return new NewSeed(name, source, kind, language, tags, content, sha256(content));
    }

    public int chars() {
        return content.length();
    }

    public static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
