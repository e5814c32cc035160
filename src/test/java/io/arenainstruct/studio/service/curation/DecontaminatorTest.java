package io.arenainstruct.studio.service.curation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Planted Arena-Hard prompts (the 40-question sample, Apache-2.0, LICENSE beside it) among unrelated items. */
class DecontaminatorTest {
    static final Path QUESTIONS = Path.of("src/test/resources/arena-hard-sample/question.jsonl");
    static final String SET = "arena-hard-v0.1";
    static List<ReferencePrompt> prompts;

    @BeforeAll
    static void read() throws IOException {
        ObjectMapper json = new ObjectMapper();
        prompts = new ArrayList<>();
        for (String line : Files.readAllLines(QUESTIONS)) {
            JsonNode q = json.readTree(line);
            prompts.add(
                    new ReferencePrompt(q.get("uid").asText(), q.get("prompt").asText()));
        }
    }

    static ReferenceSet arenaHard() {
        return new ReferenceSet(SET, prompts);
    }

    static String prompt(int i) {
        return prompts.get(i).text();
    }

    static String uid(int i) {
        return prompts.get(i).id();
    }

    /** Six planted items (ids 1–6), one near miss (7), and the unrelated instructions (100 on). */
    static List<CurationItem> items() {
        List<CurationItem> items = new ArrayList<>();
        items.add(new CurationItem(1, "instruction 1", prompt(0).toUpperCase()));
        items.add(new CurationItem(2, "instruction 2", "Here is my homework. " + prompt(2) + " Thanks!"));
        items.add(new CurationItem(3, "instruction 3", prompt(4)));
        items.add(new CurationItem(4, "instruction 4", "Please help: " + prompt(9)));
        items.add(new CurationItem(5, "instruction 5", prompt(26).replace(" ", "   ")));
        // 12 words, one changed at the end: 9 of 10 shingles shared, 9 / 11 = 0.818.
        items.add(new CurationItem(6, "instruction 6", prompt(7).replace("process", "pipeline")));
        // The first 12 words of prompt 3, then "through" where the prompt says "by".
        items.add(new CurationItem(
                7,
                "instruction 7",
                "For my optics course, design a semikinematic mounting for a right angle prism with preload"
                        + " provided through a spring clip, and explain the tradeoffs."));
        for (int i = 0; i < DuplicateFinderTest.UNRELATED.size(); i++) {
            items.add(new CurationItem(100 + i, "instruction " + (100 + i), DuplicateFinderTest.UNRELATED.get(i)));
        }
        return items;
    }

    @Test
    void plantedBenchmarkPromptsAreDroppedAndTheRestKept() {
        assertThat(prompts).hasSize(40);
        Decontaminator d = new Decontaminator(List.of(arenaHard()), CurationOptions.defaults());
        assertThat(d.referenceCount()).isEqualTo(40);
        List<Contamination> found = d.checkAll(items());
        assertThat(found).extracting(c -> c.item().id()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(found).allSatisfy(c -> assertThat(c.referenceSet()).isEqualTo(SET));
        assertThat(found)
                .extracting(Contamination::referenceId)
                .containsExactly(uid(0), uid(2), uid(4), uid(9), uid(26), uid(7));

        assertThat(found.get(0).reason()).isEqualTo("same text after normalisation as " + SET + " prompt " + uid(0));
        assertThat(found.get(1).sharedNgram())
                .isEqualTo("explain the book the alignment problem by brian christian provide a synopsis of");
        assertThat(found.get(1).reason())
                .isEqualTo("shares 13 words in a row with " + SET + " prompt " + uid(2) + ": \u201cexplain the book"
                        + " the alignment problem by brian christian provide a synopsis of\u201d");
        assertThat(found.get(3).sharedNgram())
                .isEqualTo("i have a python script that scrapes a webpage using playwright now i");
        // The whole of a long prompt is quoted cut to 80 characters.
        assertThat(found.get(4).sharedNgram()).hasSize(80).endsWith("\u2026");
        assertThat(found.get(5).sharedNgram()).isNull();
        assertThat(found.get(5).similarity()).isCloseTo(9.0 / 11, within(1e-12));
        assertThat(found.get(5).reason())
                .isEqualTo("similar to " + SET + " prompt " + uid(7) + ": Jaccard 0.82 over 3-word shingles");
    }

    @Test
    void twelveSharedWordsCountOnlyWhenTheNgramIsTwelve() {
        CurationItem nearMiss = items().get(6);
        assertThat(new Decontaminator(List.of(arenaHard()), CurationOptions.defaults()).check(nearMiss))
                .isNull();
        Contamination at12 = new Decontaminator(
                        List.of(arenaHard()), CurationOptions.defaults().withNgram(12))
                .check(nearMiss);
        assertThat(at12.referenceId()).isEqualTo(uid(3));
        assertThat(at12.sharedNgram())
                .isEqualTo("design a semikinematic mounting for a right angle prism with preload provided");
    }

    @Test
    void referenceThresholdDecidesTheSimilarOne() {
        CurationItem similar = items().get(5);
        assertThat(new Decontaminator(
                                List.of(arenaHard()), CurationOptions.defaults().withReferenceThreshold(0.85))
                        .check(similar))
                .isNull();
        assertThat(new Decontaminator(
                                List.of(arenaHard()), CurationOptions.defaults().withReferenceThreshold(0.8))
                        .check(similar))
                .isNotNull();
    }

    @Test
    void badOptionsAreRefused() {
        assertThatThrownBy(() -> CurationOptions.defaults().withNgram(0))
                .hasMessage("The shared n-gram length must be at least 1 word, not 0.");
        assertThatThrownBy(() -> CurationOptions.defaults().withReferenceThreshold(1.5))
                .hasMessage("The reference similarity threshold must be between 0 and 1 (a similarity), not 1.5.");
        assertThatThrownBy(() -> CurationOptions.defaults().withNearThreshold(-0.2))
                .hasMessage("The near-duplicate threshold must be between 0 and 1 (a similarity), not -0.2.");
    }
}
