package io.arenainstruct.studio.ui.common;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javafx.scene.text.Font;
import javafx.scene.text.Text;

/**
 * Line breaks for shaped text (Arabic, Hebrew, Indic…), placed by us instead of by JavaFX. On Linux (JavaFX 17 to
 * 25, Pango 1.50), when JavaFX wraps a shaped run itself, every line but the last draws all the rest of the run's
 * glyphs: lines repeat, run past the edge and overlap their neighbours; JavaFX 25 even throws while measuring
 * (decision 0006). A line JavaFX does not have to wrap is drawn right. So the text is given explicit line breaks
 * where it would wrap, measured word by word, a little narrower than the space it has so JavaFX never wraps it
 * again; a word wider than a line is cut between characters. The texts keep their length: a space where a line
 * breaks becomes the line break.
 */
public final class ShapedLines {
    /** How wide a text is in a font, in pixels, as drawn on one line. */
    @FunctionalInterface
    public interface Measure {
        double width(String text, Font font);
    }

    private ShapedLines() {}

    /** The widest a line is made, for a given available width: a margin for rounding and kerning between words. */
    static double limit(double available) {
        return Math.max(1, available * 0.97 - 2);
    }

    /**
     * The texts of consecutive text nodes (each with its font) with line breaks inserted so that no line is wider
     * than {@link #limit(double) limit(width)}. Existing line breaks are kept and start a new line.
     */
    public static List<String> wrap(List<String> texts, List<Font> fonts, double width, Measure measure) {
        double limit = limit(width);
        List<StringBuilder> out = new ArrayList<>();
        texts.forEach(t -> out.add(new StringBuilder(t.length() + 8)));
        double line = 0;
        boolean wordOnLine = false;
        int spaceText = -1; // where the last space on this line is, to become the break
        int spaceAt = -1;
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            Font font = fonts.get(i);
            StringBuilder b = out.get(i);
            int k = 0;
            while (k < text.length()) {
                char c = text.charAt(k);
                if (c == '\n') {
                    b.append(c);
                    line = 0;
                    wordOnLine = false;
                    spaceText = -1;
                    k++;
                    continue;
                }
                if (Character.isWhitespace(c)) {
                    b.append(c);
                    line += measure.width(String.valueOf(c), font);
                    spaceText = i;
                    spaceAt = b.length() - 1;
                    k++;
                    continue;
                }
                int end = k;
                while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
                    end++;
                }
                String word = text.substring(k, end);
                double w = measure.width(word, font);
                if (wordOnLine && line + w > limit) {
                    if (spaceText >= 0) {
                        out.get(spaceText).setCharAt(spaceAt, '\n');
                    } else {
                        b.append('\n');
                    }
                    line = 0;
                    wordOnLine = false;
                    spaceText = -1;
                }
                // A word wider than a whole line: whole lines of it, cut between characters.
                while (w > limit && word.codePointCount(0, word.length()) > 1) {
                    int cut = fit(word, font, limit, measure);
                    b.append(word, 0, cut).append('\n');
                    word = word.substring(cut);
                    w = measure.width(word, font);
                }
                b.append(word);
                line += w;
                wordOnLine = true;
                spaceText = -1;
                k = end;
            }
        }
        List<String> result = new ArrayList<>(out.size());
        out.forEach(b -> result.add(b.toString()));
        return result;
    }

    /** The longest start of the word (at least one character, never inside a character) that fits the limit. */
    private static int fit(String word, Font font, double limit, Measure measure) {
        int low = 1;
        int high = word.length() - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (measure.width(word.substring(0, boundary(word, mid)), font) <= limit) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        int cut = boundary(word, low);
        return cut > 0 ? cut : Character.charCount(word.codePointAt(0)); // one character, however wide
    }

    /** The nearest character boundary at or before {@code at}: not inside a surrogate pair, not before a mark. */
    private static int boundary(String word, int at) {
        int k = at;
        while (k > 0 && (Character.isLowSurrogate(word.charAt(k)) || isMark(word.charAt(k)))) {
            k--;
        }
        return k;
    }

    private static boolean isMark(char c) {
        int type = Character.getType(c);
        return type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK
                || c == '\u200D';
    }

    /** Whether the text's first strong character is right-to-left (Unicode's rule for a paragraph's direction). */
    public static boolean rightToLeft(List<String> texts) {
        for (String t : texts) {
            for (int k = 0; k < t.length(); k++) {
                byte d = Character.getDirectionality(t.charAt(k));
                if (d == Character.DIRECTIONALITY_RIGHT_TO_LEFT || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC) {
                    return true;
                }
                if (d == Character.DIRECTIONALITY_LEFT_TO_RIGHT) {
                    return false;
                }
            }
        }
        return false;
    }

    /**
     * Widths measured by JavaFX (FX thread only: its shaping library is not safe from two threads), remembered per
     * font and word: the same words come back in every piece of a text and on every resize.
     */
    public static final class FxMeasure implements Measure {
        public static final FxMeasure INSTANCE = new FxMeasure();
        private static final int MOST_REMEMBERED = 20_000;
        private final Text probe = new Text();
        private final Map<Font, Map<String, Double>> widths = new HashMap<>();
        private int remembered;

        private FxMeasure() {}

        @Override
        public double width(String text, Font font) {
            if (remembered > MOST_REMEMBERED) {
                widths.clear();
                remembered = 0;
            }
            Map<String, Double> byWord = widths.computeIfAbsent(font, f -> new HashMap<>());
            Double known = byWord.get(text);
            if (known != null) {
                return known;
            }
            probe.setFont(font);
            probe.setText(text);
            double w = probe.getLayoutBounds().getWidth();
            byWord.put(text, w);
            remembered++;
            return w;
        }
    }
}
