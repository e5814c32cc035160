package io.arenainstruct.studio.domain;

/** What a seed was read from; decides how it is previewed and which flows suit it. */
public enum SeedKind {
    TEXT("text"),
    MARKDOWN("markdown"),
    CODE("code"),
    JSONL_RECORD("jsonl record");

    private final String label;

    SeedKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static SeedKind fromLabel(String label) {
        for (SeedKind kind : values()) {
            if (kind.label.equals(label) || kind.name().equals(label)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown seed kind: " + label);
    }
}
