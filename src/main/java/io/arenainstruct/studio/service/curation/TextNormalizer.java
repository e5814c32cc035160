package io.arenainstruct.studio.service.curation;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.arenainstruct.studio.domain.Hashes;

/**
 * The one text normalisation of duplicate and contamination checks (decision 0014), in this order: Unicode NFKC
 * (full-width and compatibility forms fold to their plain letters); case folding (upper then lower case in the root
 * locale, so "ß" and "SS" agree, which lower case alone does not do); every punctuation character (Unicode
 * category P: . , ; : ! ? ' " - ( ) [ ] { } and their kin) becomes a space; whitespace runs become one space, and
 * the ends are trimmed. Symbols (+ = &lt; &gt; $ ^ and the like), digits and letters are kept, so "a+b" and "a-b"
 * stay different while "Hello, world!" and "hello world" are the same text.
 */
public final class TextNormalizer {
    private static final Pattern PUNCTUATION = Pattern.compile("\\p{P}+");
    private static final Pattern SPACES = Pattern.compile("[\\s\\p{Z}]+");

    private TextNormalizer() {}

    public static String normalize(String text) {
        String s = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFKC);
        s = s.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        s = PUNCTUATION.matcher(s).replaceAll(" ");
        return SPACES.matcher(s).replaceAll(" ").strip();
    }

    /** The words of an already normalised text; none for the empty text. */
    public static List<String> words(String normalized) {
        return normalized.isEmpty() ? List.of() : List.of(normalized.split(" "));
    }

    /** SHA-256 of the normalised text: the key of exact duplicates. */
    public static String key(String text) {
        return Hashes.sha256(normalize(text));
    }
}
