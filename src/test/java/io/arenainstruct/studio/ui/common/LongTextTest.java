package io.arenainstruct.studio.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.arenainstruct.studio.service.diff.WordDiff;
import io.arenainstruct.studio.ui.HostileText;

/** Cutting long model text into pieces and pages, and showing bidi controls visibly. */
class LongTextTest {

    @Test
    void piecesAreBoundedJoinBackToTheTextAndCutAtLineBreaksOrSpaces() {
        String text = HostileText.overridden(200_000, 1) + "\nsecond line\n" + "x".repeat(1000);
        List<String> pieces = LongText.pieces(text);
        assertThat(String.join("", pieces)).isEqualTo(text);
        assertThat(pieces).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(LongText.PIECE));
        assertThat(pieces).contains("second line\n");
        long start = System.nanoTime();
        LongText.pieces(HostileText.arabic(1_000_000, 2));
        assertThat((System.nanoTime() - start) / 1_000_000)
                .as("linear in the text's length (ms)")
                .isLessThan(2_000);
    }

    @Test
    void diffPiecesKeepTheirMarksAndTheNewText() {
        String base = HostileText.arabic(5_000, 1);
        String text = HostileText.arabic(5_000, 2);
        List<List<WordDiff.Segment>> pieces = LongText.pieces(WordDiff.words(base, text));
        assertThat(LongText.newText(pieces)).isEqualTo(text);
        assertThat(pieces)
                .allSatisfy(p -> assertThat(
                                p.stream().mapToInt(s -> s.text().length()).sum())
                        .isLessThanOrEqualTo(LongText.PIECE));
    }

    @Test
    void shortPlainTextKeepsItsOrdinaryNodeButLongOrShapedTextIsPieced() {
        assertThat(LongText.isShort("a".repeat(10_000))).isTrue();
        assertThat(LongText.isShort(HostileText.arabic(1_000, 1))).isFalse();
        assertThat(LongText.isShort("abc\u202E" + "d".repeat(500))).isFalse();
        assertThat(LongText.isShort("a".repeat(30_000))).isFalse();
    }

    @Test
    void bidiControlsAreShownAsVisibleMarks() {
        assertThat(LongText.visible("pay \u202Etxt.exe\u202C now \u2067x\u2069"))
                .isEqualTo("pay [U+202E]txt.exe[U+202C] now [U+2067]x[U+2069]");
        assertThat(LongText.visible("plain")).isEqualTo("plain");
    }

    @Test
    void aLongTextIsEditedInPagesThatJoinBackExactly() {
        String text = HostileText.arabic(50_000, 3);
        List<String> pages = PagedEditor.pages(text);
        assertThat(String.join("", pages)).isEqualTo(text);
        assertThat(pages).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(PagedEditor.PAGE_SHAPED));
        assertThat(PagedEditor.pages("short")).containsExactly("short");
    }
}
