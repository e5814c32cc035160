package io.arenainstruct.studio.service.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/**
 * The in-process model loads from the class path (langchain4j 1.19.0-beta29's module on the 1.18.1 core) and
 * embeds: unit vectors of 384 numbers, the same for the same text, close for a paraphrase and far for another task.
 */
class SentenceEmbedderTest {
    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void embedsTextsInProcessAsUnitVectors() {
        List<String> texts = List.of(
                "What is the capital of France?",
                "Which city is France's capital?",
                "Give me a recipe for banana bread.",
                "What is the capital of France?");

        float[][] v = SentenceEmbedder.shared().embed(texts);

        assertThat(v).hasNumberOfRows(4);
        for (float[] x : v) {
            assertThat(x).hasSize(384); // all-MiniLM-L6-v2's width
            assertThat(dot(x, x)).isCloseTo(1.0, within(1e-5));
        }
        assertThat(v[3]).containsExactly(v[0]);
        // A model that loaded wrongly (tokenizer, pooling) gives no such gap: measured 0.93 and 0.05.
        assertThat(dot(v[0], v[1])).isGreaterThan(0.9);
        assertThat(dot(v[0], v[2])).isLessThan(0.3);
        assertThat(SentenceEmbedder.shared().name()).isEqualTo("all-MiniLM-L6-v2");
    }

    @Test
    void batchesLongerThanOneAreEmbeddedInOrder() {
        // 300 texts cross the 256-text batch: even ones are the recipe, odd ones the capital.
        List<String> texts = IntStream.range(0, 300)
                .mapToObj(i -> i % 2 == 0 ? "Give me a recipe for banana bread." : "What is the capital of France?")
                .toList();

        float[][] v = SentenceEmbedder.shared().embed(texts);

        assertThat(v).hasNumberOfRows(300);
        assertThat(v[256]).containsExactly(v[0]);
        assertThat(v[299]).containsExactly(v[1]);
        assertThat(dot(v[298], v[299])).isLessThan(0.3);
    }

    @Test
    void unitScalesToLengthOne() {
        assertThat(SentenceEmbedder.unit(new float[] {3, 4})).containsExactly(0.6f, 0.8f);
        assertThat(SentenceEmbedder.unit(new float[] {0, 0})).containsExactly(0f, 0f);
    }
}
