package io.arenainstruct.studio.domain.arena;

import java.util.Locale;

/** Who gave a verdict: one judge model (a game, or its combined verdict), a jury of judges, or a person. */
public enum VerdictSource {
    JUDGE,
    JURY,
    HUMAN;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static VerdictSource of(String id) {
        return valueOf(id.trim().toUpperCase(Locale.ROOT));
    }
}
