package io.arenainstruct.studio.ui;

import java.util.Random;

/** Long texts a model can return that are hard to lay out: one paragraph of Arabic, or text under a bidi override. */
public final class HostileText {
    private static final String[] ARABIC = {
        "في",
        "هذا",
        "النص",
        "الطويل",
        "نكتب",
        "كلمات",
        "عربية",
        "عادية",
        "عن",
        "السوق",
        "والنهر",
        "والمدينة",
        "التي",
        "كبرت",
        "بسرعة",
        "لأن",
        "التجار",
        "جاءوا",
        "من",
        "كل",
        "مكان",
        "،",
        "."
    };
    private static final String[] LATIN = {
        "the", "market", "grew", "by", "river", "because", "traders", "came", "from", "every", "town", "and", "stayed",
        "there", "for", "years", ",", "."
    };

    private HostileText() {}

    /** {@code length} characters of ordinary Arabic words in one paragraph; {@code seed} varies the words. */
    public static String arabic(int length, long seed) {
        return words(ARABIC, length, seed);
    }

    /** {@code length} characters of Latin words with one RIGHT-TO-LEFT OVERRIDE (U+202E) near the start. */
    public static String overridden(int length, long seed) {
        String words = words(LATIN, length - 1, seed);
        return words.substring(0, 10) + '\u202E' + words.substring(10);
    }

    private static String words(String[] pool, int length, long seed) {
        Random random = new Random(seed);
        StringBuilder b = new StringBuilder(length + 16);
        while (b.length() < length) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(pool[random.nextInt(pool.length)]);
        }
        b.setLength(length);
        return b.toString();
    }
}
