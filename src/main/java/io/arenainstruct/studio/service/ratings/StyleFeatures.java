package io.arenainstruct.studio.service.ratings;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Counts an answer's style features as Arena-Hard v2 and lmarena do, so style-controlled ratings mean what theirs
 * mean. The rules are those of {@code count_markdown_elements} and {@code remove_pattern} in arena-hard-auto's
 * {@code utils/add_markdown_info.py} (lmarena/arena-hard-auto) and FastChat's
 * {@code fastchat/serve/monitor/add_markdown_info.py} (lm-sys/FastChat), written again here:
 *
 * <ul>
 *   <li>length: tokens of the whole answer (code included) in o200k_base, the encoding of
 *       {@code tiktoken.encoding_for_model("gpt-4o")} they use, with special-token text encoded as ordinary text
 *       ({@code disallowed_special=()});
 *   <li>the rest counted after removing code: every match of {@code ```([^`]*)```} gives its inside (the group, not
 *       the fences), and each such inside is then removed wherever it occurs in the answer;
 *   <li>headers: lines starting with one to six {@code #} and a whitespace character ({@code ^#{n}\s} for n = 1…6);
 *   <li>list items: {@code ^\s*\d+\.\s} (ordered) plus {@code ^\s*[-*+]\s} (unordered), each counted on its own;
 *   <li>bold: {@code \*\*[^*\n]+\*\*} plus {@code __[^_\n]+__}.
 * </ul>
 *
 * Python's {@code re} on text: {@code \s} and {@code \d} are Unicode classes and {@code ^} (MULTILINE) follows
 * only {@code \n}; the Java patterns use the same flags to match the same places.
 */
public final class StyleFeatures {
    private static final int FLAGS = Pattern.MULTILINE | Pattern.UNIX_LINES | Pattern.UNICODE_CHARACTER_CLASS;
    private static final Pattern CODE = Pattern.compile("```([^`]*)```");
    // h1…h6 as six patterns make: a line start with exactly n '#' then whitespace (7 or more '#' match none)
    private static final Pattern HEADER = Pattern.compile("^#{1,6}\\s", FLAGS);
    private static final Pattern ORDERED = Pattern.compile("^\\s*\\d+\\.\\s", FLAGS);
    private static final Pattern UNORDERED = Pattern.compile("^\\s*[-*+]\\s", FLAGS);
    private static final Pattern BOLD_STARS = Pattern.compile("\\*\\*[^*\\n]+\\*\\*", FLAGS);
    private static final Pattern BOLD_UNDERSCORES = Pattern.compile("__[^_\\n]+__", FLAGS);

    /** Loaded on first use (reading the 3.6 MB vocabulary takes a moment): only style control needs it. */
    private static final class O200k {
        static final Encoding ENCODING = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    }

    private StyleFeatures() {}

    /** The four counts of one answer. */
    public static StyleCounts of(String answer) {
        String text = withoutCode(answer);
        return new StyleCounts(
                tokens(answer),
                count(HEADER, text),
                count(ORDERED, text) + count(UNORDERED, text),
                count(BOLD_STARS, text) + count(BOLD_UNDERSCORES, text));
    }

    /** The answer's length in o200k_base tokens, special-token text counted as ordinary text. */
    public static int tokens(String answer) {
        return O200k.ENCODING.countTokensOrdinary(answer);
    }

    /** remove_pattern(answer, re.compile("```([^`]*)```")): each code block's inside removed wherever it occurs. */
    static String withoutCode(String answer) {
        List<String> blocks = new ArrayList<>();
        Matcher m = CODE.matcher(answer);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        String out = answer;
        for (String block : blocks) {
            out = out.replace(block, "");
        }
        return out;
    }

    private static int count(Pattern p, String text) {
        Matcher m = p.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
