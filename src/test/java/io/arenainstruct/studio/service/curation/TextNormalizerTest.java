package io.arenainstruct.studio.service.curation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextNormalizerTest {
    @Test
    void caseWhitespaceAndPunctuationFold() {
        assertThat(TextNormalizer.normalize("  Hello,\tWORLD!!\n")).isEqualTo("hello world");
        assertThat(TextNormalizer.normalize("don't")).isEqualTo("don t");
        assertThat(TextNormalizer.normalize("?!...")).isEmpty();
        assertThat(TextNormalizer.normalize(null)).isEmpty();
    }

    @Test
    void nfkcAndFullCaseFolding() {
        // Full-width letters and the hyphen fold to ASCII; the ligature ﬁ to "fi"; ß and SS agree.
        assertThat(TextNormalizer.normalize("\uFF26\uFF55\uFF4C\uFF4C\uFF0D\uFF57\uFF49\uFF44\uFF54\uFF48"))
                .isEqualTo("full width");
        assertThat(TextNormalizer.normalize("\uFB01ne")).isEqualTo("fine");
        assertThat(TextNormalizer.normalize("Straße")).isEqualTo(TextNormalizer.normalize("STRASSE"));
        // A no-break space is whitespace too.
        assertThat(TextNormalizer.normalize("a\u00A0 b")).isEqualTo("a b");
    }

    @Test
    void symbolsAndDigitsStay() {
        assertThat(TextNormalizer.normalize("a+b = 2")).isEqualTo("a+b = 2");
        assertThat(TextNormalizer.normalize("a-b")).isEqualTo("a b");
    }

    @Test
    void keyIsSha256OfTheNormalisedText() {
        // SHA-256("hello world"), the well-known digest.
        String helloWorld = "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9";
        assertThat(TextNormalizer.key("Hello,   World!")).isEqualTo(helloWorld);
        assertThat(TextNormalizer.key("hello world")).isEqualTo(helloWorld);
    }

    @Test
    void wordsOfTheEmptyTextAreNone() {
        assertThat(TextNormalizer.words("")).isEmpty();
        assertThat(TextNormalizer.words("a b c")).containsExactly("a", "b", "c");
    }
}
