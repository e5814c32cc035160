package io.arenainstruct.studio.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import javafx.scene.text.Font;

import org.junit.jupiter.api.Test;

import io.arenainstruct.studio.ui.HostileText;

/**
 * Line breaks placed for shaped text, with a measure where every character is 10 px wide (so a width of 103 px
 * allows lines of up to 97.91 px: 9 characters). Expected texts are worked out by hand.
 */
class ShapedLinesTest {
    private static final ShapedLines.Measure TEN = (text, font) -> 10.0 * text.codePointCount(0, text.length());
    private static final double NINE_CHARACTERS = 103;

    private static List<String> wrap(double width, String... texts) {
        List<Font> fonts = new ArrayList<>();
        for (String t : texts) {
            fonts.add(null);
        }
        return ShapedLines.wrap(List.of(texts), fonts, width, TEN);
    }

    @Test
    void theLimitLeavesAMarginSoJavaFxNeverWrapsALineAgain() {
        assertThat(ShapedLines.limit(NINE_CHARACTERS)).isEqualTo(103 * 0.97 - 2);
        assertThat(ShapedLines.limit(0)).isEqualTo(1);
    }

    @Test
    void theSpaceBeforeAWordThatDoesNotFitBecomesTheLineBreak() {
        // "ab cd ef" is 8 characters (80 px); "gh" would make it 11.
        assertThat(wrap(NINE_CHARACTERS, "ab cd ef gh ij")).containsExactly("ab cd ef\ngh ij");
    }

    @Test
    void aTextThatFitsIsLeftAlone() {
        assertThat(wrap(NINE_CHARACTERS, "ab cd ef")).containsExactly("ab cd ef");
        assertThat(wrap(NINE_CHARACTERS, "")).containsExactly("");
    }

    @Test
    void lineBreaksInTheTextStartANewLine() {
        assertThat(wrap(NINE_CHARACTERS, "abcdefg\nab cd ef gh")).containsExactly("abcdefg\nab cd ef\ngh");
    }

    @Test
    void aWordLongerThanALineIsCutIntoWholeLines() {
        assertThat(wrap(NINE_CHARACTERS, "x abcdefghijklmnopqrstu")).containsExactly("x\nabcdefghi\njklmnopqr\nstu");
    }

    @Test
    void aCutNeverSplitsACharacterOrSeparatesAMarkFromItsLetter() {
        // Nine emoji (each two chars) then a tenth: the cut falls between emoji, not inside one.
        String emoji = "\uD83D\uDE00".repeat(10);
        assertThat(wrap(NINE_CHARACTERS, emoji)).containsExactly("\uD83D\uDE00".repeat(9) + "\n\uD83D\uDE00");
        // A combining mark (U+0301) counts as its own 10 px here; the cut moves before the letter it belongs to.
        String marked = "abcdefgh" + "e\u0301" + "xyz";
        assertThat(wrap(NINE_CHARACTERS, marked)).containsExactly("abcdefgh\ne\u0301xyz");
    }

    @Test
    void aBreakBetweenTwoTextNodesReplacesTheSpaceInTheFirst() {
        // Diff segments are separate nodes: "ab cd ef " then "gh": the break goes where the space was.
        assertThat(wrap(NINE_CHARACTERS, "ab cd ef ", "gh")).containsExactly("ab cd ef\n", "gh");
        // Without a space between them the break is put before the word that does not fit.
        assertThat(wrap(NINE_CHARACTERS, "abcdefgh", "ij")).containsExactly("abcdefgh", "\nij");
    }

    @Test
    void noLineIsWiderThanTheLimitAndOnlyBreaksAreAdded() {
        String text = HostileText.arabic(2_000, 7);
        double width = 237;
        String wrapped = wrap(width, text).get(0);
        for (String line : wrapped.split("\n")) {
            assertThat(TEN.width(line.strip(), null)).isLessThanOrEqualTo(ShapedLines.limit(width));
        }
        assertThat(wrapped.replace('\n', ' ')).isEqualTo(text);
    }

    @Test
    void aParagraphReadsRightToLeftWhenItsFirstStrongCharacterDoes() {
        assertThat(ShapedLines.rightToLeft(List.of("12, ", "نص عربي with English")))
                .isTrue();
        assertThat(ShapedLines.rightToLeft(List.of("English then نص عربي"))).isFalse();
        assertThat(ShapedLines.rightToLeft(List.of("\u05e2\u05d1\u05e8\u05d9\u05ea")))
                .isTrue();
        assertThat(ShapedLines.rightToLeft(List.of("123 ..."))).isFalse();
    }
}
