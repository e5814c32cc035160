package io.arenainstruct.studio.service.arena;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.arenainstruct.studio.domain.arena.GradedLabel;
import io.arenainstruct.studio.domain.arena.JudgeStyle;

/**
 * Reads a judge's verdict from its reply text, as Arena-Hard does: every {@code [[label]]}; if there is none,
 * every {@code [label]}; exactly one distinct label is the verdict, none or two different ones are unparsable
 * (a judge that writes both A>B and B>A has not decided). Structured replies ({@code {"verdict": "A>B"}} or
 * {@code {"score_a": 7, "score_b": 5}}) are read by the judging step before it falls back to this.
 */
public final class VerdictReader {
    private static final Pattern DOUBLE = Pattern.compile("\\[\\[([AB<>=]+)\\]\\]");
    private static final Pattern SINGLE = Pattern.compile("\\[([AB<>=]+)\\]");
    private static final String NUMBER = "(10(?:\\.0+)?|[0-9](?:\\.[0-9]+)?)";
    private static final Pattern SCORES = Pattern.compile(
            "\\[\\[\\s*" + NUMBER + "\\s*(?:/\\s*10\\s*)?[,;]\\s*" + NUMBER + "\\s*(?:/\\s*10\\s*)?\\]\\]");
    /** Judge replies past this are cut before matching: a runaway reply must not make matching slow. */
    static final int MAX_CHARS = 200_000;

    private VerdictReader() {}

    public static GameReading read(String reply, JudgeStyle style) {
        if (reply == null || reply.isBlank()) {
            return GameReading.unparsable("the judge's reply is empty");
        }
        String text = reply.length() > MAX_CHARS ? reply.substring(reply.length() - MAX_CHARS) : reply;
        return style == JudgeStyle.GRADED ? graded(text) : scores(text);
    }

    private static GameReading graded(String text) {
        Set<String> found = labels(DOUBLE, text);
        if (found.isEmpty()) {
            found = labels(SINGLE, text);
        }
        if (found.isEmpty()) {
            return GameReading.unparsable("no verdict label like [[A>B]] in the reply");
        }
        if (found.size() > 1) {
            return GameReading.unparsable("the reply gives different verdicts: " + String.join(", ", found));
        }
        String raw = found.iterator().next();
        Optional<GradedLabel> label = GradedLabel.parse(raw);
        return label.map(l -> GameReading.graded(l, raw))
                .orElseGet(() -> GameReading.unparsable("'" + raw + "' is not one of A>>B, A>B, A=B, B>A, B>>A"));
    }

    private static Set<String> labels(Pattern pattern, String text) {
        Set<String> found = new LinkedHashSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static GameReading scores(String text) {
        Set<String> found = new LinkedHashSet<>();
        double a = 0;
        double b = 0;
        Matcher m = SCORES.matcher(text);
        while (m.find()) {
            a = Double.parseDouble(m.group(1));
            b = Double.parseDouble(m.group(2));
            found.add(a + "," + b);
        }
        if (found.isEmpty()) {
            return GameReading.unparsable("no scores like [[7, 5]] in the reply");
        }
        if (found.size() > 1) {
            return GameReading.unparsable("the reply gives different scores");
        }
        if (a < 1 || b < 1) {
            return GameReading.unparsable("scores must be from 1 to 10");
        }
        return GameReading.scores(a, b, format(a) + ", " + format(b));
    }

    static String format(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
