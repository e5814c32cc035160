package io.arenainstruct.studio.service.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.arenainstruct.studio.service.diff.WordDiff.Kind;
import io.arenainstruct.studio.service.diff.WordDiff.Segment;

class WordDiffTest {

    @Test
    void anEditorsRewriteShowsTheWordsItAddedAndRemoved() {
        String round0 = "Explain why the river floods the market every spring.";
        String round1 = "Explain, in three sentences, why the river floods the old market every spring.";
        List<Segment> d = WordDiff.words(round0, round1);
        assertThat(WordDiff.wordsOf(d, Kind.ADDED)).containsExactly(",", "in", "three", "sentences", ",", "old");
        assertThat(WordDiff.wordsOf(d, Kind.REMOVED)).isEmpty();
        assertThat(d).contains(new Segment(Kind.SAME, "Explain"), new Segment(Kind.ADDED, ", in three sentences, "));
        assertThat(WordDiff.oldText(d)).isEqualTo(round0);
        assertThat(WordDiff.newText(d)).isEqualTo(round1);
    }

    @Test
    void aReplacedWordIsRemovedThenAdded() {
        List<Segment> d = WordDiff.words("Summarize the passage briefly.", "Summarize the passage in detail.");
        assertThat(d)
                .containsExactly(
                        new Segment(Kind.SAME, "Summarize the passage "),
                        new Segment(Kind.REMOVED, "briefly"),
                        new Segment(Kind.ADDED, "in detail"),
                        new Segment(Kind.SAME, "."));
    }

    @Test
    void equalAndEmptyTexts() {
        assertThat(WordDiff.words("same text", "same text")).containsExactly(new Segment(Kind.SAME, "same text"));
        assertThat(WordDiff.changed(WordDiff.words("same text", "same text"))).isFalse();
        assertThat(WordDiff.words("", "")).isEmpty();
        assertThat(WordDiff.words(null, "new words")).containsExactly(new Segment(Kind.ADDED, "new words"));
        assertThat(WordDiff.words("old words", "")).containsExactly(new Segment(Kind.REMOVED, "old words"));
    }

    @Test
    void wordsAreWholeEvenInOtherScriptsAndNextToPunctuation() {
        List<Segment> d = WordDiff.words("Größe: 12 Äpfel", "Größe: 13 Äpfel");
        assertThat(d)
                .containsExactly(
                        new Segment(Kind.SAME, "Größe: "),
                        new Segment(Kind.REMOVED, "12"),
                        new Segment(Kind.ADDED, "13"),
                        new Segment(Kind.SAME, " Äpfel"));
    }

    @Test
    void linesOfAPromptVersion() {
        String v1 = "ROLE editor.\nReply {\"instruction\": \"...\"}\n";
        String v2 = "ROLE editor.\nKeep it short.\nReply {\"instruction\": \"...\"}\n";
        List<Segment> d = WordDiff.lines(v1, v2);
        assertThat(d)
                .containsExactly(
                        new Segment(Kind.SAME, "ROLE editor.\n"),
                        new Segment(Kind.ADDED, "Keep it short.\n"),
                        new Segment(Kind.SAME, "Reply {\"instruction\": \"...\"}\n"));
        assertThat(WordDiff.oldText(WordDiff.lines("a\nb", "a\nc\n"))).isEqualTo("a\nb");
        assertThat(WordDiff.newText(WordDiff.lines("a\nb", "a\nc\n"))).isEqualTo("a\nc\n");
    }

    @Test
    void bothTextsComeBackFromAnyDiff() {
        Random random = new Random(42);
        String[] vocabulary = {
            "the", "river", "market", "town", ",", ".", " ", "  ", "\n", "é", "42", "{{passage}}", "why", "how", "!"
        };
        for (int n = 0; n < 2000; n++) {
            String a = randomText(random, vocabulary);
            String b = random.nextInt(4) == 0 ? randomText(random, vocabulary) : mutate(random, a, vocabulary);
            List<Segment> words = WordDiff.words(a, b);
            assertThat(WordDiff.oldText(words)).isEqualTo(a);
            assertThat(WordDiff.newText(words)).isEqualTo(b);
            assertThat(words).noneMatch(s -> s.text().isEmpty());
            for (int k = 1; k < words.size(); k++) {
                assertThat(words.get(k).kind())
                        .as("neighbours merge")
                        .isNotEqualTo(words.get(k - 1).kind());
            }
            List<Segment> lines = WordDiff.lines(a, b);
            assertThat(WordDiff.oldText(lines)).isEqualTo(a);
            assertThat(WordDiff.newText(lines)).isEqualTo(b);
        }
    }

    @Test
    void aHugeChangeFallsBackToOneRemovalAndOneAddition() {
        String a = "a ".repeat(3000);
        String b = "b ".repeat(3000);
        List<Segment> d = WordDiff.words("x " + a, "x " + b);
        assertThat(WordDiff.oldText(d)).isEqualTo("x " + a);
        assertThat(WordDiff.newText(d)).isEqualTo("x " + b);
    }

    private static String randomText(Random random, String[] vocabulary) {
        StringBuilder s = new StringBuilder();
        int length = random.nextInt(30);
        for (int i = 0; i < length; i++) {
            s.append(vocabulary[random.nextInt(vocabulary.length)]);
        }
        return s.toString();
    }

    private static String mutate(Random random, String text, String[] vocabulary) {
        StringBuilder s = new StringBuilder(text);
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits; i++) {
            int at = s.length() == 0 ? 0 : random.nextInt(s.length() + 1);
            if (random.nextBoolean() && s.length() > 0 && at < s.length()) {
                s.delete(at, Math.min(s.length(), at + 1 + random.nextInt(5)));
            } else {
                s.insert(at, vocabulary[random.nextInt(vocabulary.length)]);
            }
        }
        return s.toString();
    }
}
