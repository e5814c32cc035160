package io.arenainstruct.studio.domain;

/** A number with its noun, singular or plural as the number wants ("1 instruction", "2 instructions"). */
public final class Counts {
    private Counts() {}

    /** {@code plural} without its final s for one: for nouns whose plural is the singular plus s. */
    public static String of(long n, String plural) {
        return n + " " + (n == 1 && plural.endsWith("s") ? plural.substring(0, plural.length() - 1) : plural);
    }
}
