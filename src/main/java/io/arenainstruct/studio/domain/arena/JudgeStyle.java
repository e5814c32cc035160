package io.arenainstruct.studio.domain.arena;

import java.util.Locale;

/** How a judge prompt asks for its verdict. */
public enum JudgeStyle {
    /** Arena-Hard: one of {@code [[A>>B]] [[A>B]] [[A=B]] [[B>A]] [[B>>A]]}. */
    GRADED,
    /** Arena Learning: a 1–10 score for each answer, {@code [[7, 5]]} (A first); the verdict follows the gap. */
    SCORE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static JudgeStyle of(String id) {
        return valueOf(id.trim().toUpperCase(Locale.ROOT));
    }
}
