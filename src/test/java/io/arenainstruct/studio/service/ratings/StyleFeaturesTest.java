package io.arenainstruct.studio.service.ratings;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Style counts of texts counted by hand against the rules of arena-hard-auto's {@code utils/add_markdown_info.py}
 * (the same as FastChat's), and token counts known from outside this code.
 */
class StyleFeaturesTest {
    @Test
    void headersListItemsAndBoldSpansCountedByHand() {
        String text = String.join(
                "\n",
                "# Title",
                "Some **bold** text and __also bold__.",
                "## Section",
                "- one",
                "- two",
                "* three",
                "+ four",
                "1. first",
                "2. second",
                "####### seven hashes: no header",
                "#no space: no header",
                "-no space: no item",
                "a ** lone pair ** is bold too");
        StyleCounts c = StyleFeatures.of(text);
        // headers: "# Title", "## Section"; items: 4 unordered + 2 ordered; bold: **bold**, __also bold__, and
        // "** lone pair **" (the pattern asks only for no '*' and no line break between the pairs)
        assertThat(c.headers()).isEqualTo(2);
        assertThat(c.lists()).isEqualTo(6);
        assertThat(c.bold()).isEqualTo(3);
    }

    @Test
    void fencedCodeIsRemovedBeforeCounting() {
        String text = "Intro **b1**\n```python\n# comment\n- not a list\n**not bold**\n```\nAfter";
        StyleCounts c = StyleFeatures.of(text);
        assertThat(c.headers()).isZero();
        assertThat(c.lists()).isZero();
        assertThat(c.bold()).isEqualTo(1);
        assertThat(StyleFeatures.withoutCode(text)).isEqualTo("Intro **b1**\n``````\nAfter");
    }

    @Test
    void aBlocksInsideIsRemovedWhereverItOccursAsRemovePatternDoes() {
        // remove_pattern replaces each block's inside ("- item") everywhere, so the real item before it goes too
        String text = "- item\n```- item```";
        assertThat(StyleFeatures.withoutCode(text)).isEqualTo("\n``````");
        assertThat(StyleFeatures.of(text).lists()).isZero();
    }

    @Test
    void pythonsLineStartsAndWhitespaceClasses() {
        // ^\s* may run over blank lines and indentation: one ordered item
        assertThat(StyleFeatures.of("text\n\n   1. a").lists()).isEqualTo(1);
        // a line starts only after \n: after a lone \r there is no line start, after \r\n there is
        assertThat(StyleFeatures.of("a\r- b").lists()).isZero();
        assertThat(StyleFeatures.of("a\r\n- b").lists()).isEqualTo(1);
        // \s is Unicode whitespace (a no-break space, a tab) as in Python 3's re on str
        assertThat(StyleFeatures.of("#\u00a0x\n##\ty").headers()).isEqualTo(2);
        // a bold span does not run over a line break
        assertThat(StyleFeatures.of("**a\nb**").bold()).isZero();
    }

    /**
     * "this is a test example, tutorialexample.com" encoded with {@code tiktoken.encoding_for_model("gpt-4o")}
     * (o200k_base) is [851, 382, 261, 1746, 4994, 11, 24000, 18582, 1136], 9 tokens, as printed in the tutorial at
     * https://www.tutorialexample.com/python-tiktoken-tutorial-with-examples/ (run with OpenAI's tiktoken).
     */
    @Test
    void tokensAreCountedInTheEncodingArenaHardUses() {
        String text = "this is a test example, tutorialexample.com";
        assertThat(StyleFeatures.tokens(text)).isEqualTo(9);
        assertThat(StyleFeatures.of(text).tokens()).isEqualTo(9);
        // the ids pin the encoding: cl100k_base would give other ids
        assertThat(Encodings.newLazyEncodingRegistry()
                        .getEncoding(EncodingType.O200K_BASE)
                        .encodeOrdinary(text)
                        .boxed())
                .containsExactly(851, 382, 261, 1746, 4994, 11, 24000, 18582, 1136);
        assertThat(StyleFeatures.of("").tokens()).isZero();
    }

    @Test
    void specialTokenTextIsCountedAsOrdinaryTextAndCodeCountsTowardsLength() {
        // disallowed_special=(): "<|endoftext|>" in an answer is text, not the one special token (nor an error)
        assertThat(StyleFeatures.tokens("<|endoftext|>")).isGreaterThan(1);
        // length is over the whole answer, code included
        assertThat(StyleFeatures.tokens("a\n```\ncode here\n```"))
                .isGreaterThan(StyleFeatures.tokens(StyleFeatures.withoutCode("a\n```\ncode here\n```")));
    }
}
