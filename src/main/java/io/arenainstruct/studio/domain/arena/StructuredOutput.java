package io.arenainstruct.studio.domain.arena;

import java.util.Locale;

/** Whether a judge's requests carry its verdict's JSON schema. */
public enum StructuredOutput {
    /** Where the judge endpoint enforces a JSON schema natively ({@code Provider#enforcesJsonSchema}); else text. */
    AUTO,
    /** Always (an endpoint without native support is asked for JSON in words, and the reply checked). */
    ALWAYS,
    /** Never: the verdict label is read from the reply's text. */
    NEVER;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code auto}, {@code always} or {@code never}; the older {@code true} and {@code false} mean always, never. */
    public static StructuredOutput of(String id) {
        String s = id.strip().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "true" -> ALWAYS;
            case "false" -> NEVER;
            case "auto", "always", "never" -> valueOf(s.toUpperCase(Locale.ROOT));
            default -> throw new IllegalArgumentException("structured is auto, always or never, not '" + id + "'");
        };
    }
}
