package io.arenainstruct.studio.domain.ratings;

import java.util.Locale;

/**
 * Which verdicts become rating observations (README, "Ratings"). Judge: every game of this workspace's judges (a
 * jury's pooled verdict once per game); human: every vote people made here; combined: a battle's human votes where
 * it has any, else its judge games; imported: every row imported from a battle file.
 */
public enum RatingSource {
    JUDGE,
    HUMAN,
    COMBINED,
    IMPORTED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RatingSource of(String id) {
        for (RatingSource s : values()) {
            if (s.id().equalsIgnoreCase(id.strip())) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown source '" + id + "': judge, human, combined or imported");
    }
}
