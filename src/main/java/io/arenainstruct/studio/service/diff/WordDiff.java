package io.arenainstruct.studio.service.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The difference between two texts, word by word (for instructions) or line by line (for prompt versions).
 * Texts are cut into tokens (words, runs of whitespace, single punctuation marks; or whole lines), the
 * longest common subsequence of tokens is kept as {@link Kind#SAME}, and the rest is {@link Kind#REMOVED}
 * (only in the old text) or {@link Kind#ADDED} (only in the new one). Joining the SAME and REMOVED segments
 * gives the old text back, joining SAME and ADDED the new one. In a changed stretch the removed text comes
 * before the added text.
 */
public final class WordDiff {
    /** Above this many token pairs the changed middle is shown as one removal and one addition. */
    static final long MAX_CELLS = 4_000_000L;

    private static final Pattern WORD_TOKEN = Pattern.compile("[\\p{L}\\p{N}_]+|\\s+|[^\\p{L}\\p{N}_\\s]");
    private static final Pattern LINE_TOKEN = Pattern.compile("[^\\n]*\\n|[^\\n]+");

    public enum Kind {
        SAME,
        ADDED,
        REMOVED
    }

    /** A stretch of text that both texts have, or only the new one, or only the old one. */
    public record Segment(Kind kind, String text) {
        public Segment {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(text, "text");
        }
    }

    private WordDiff() {}

    /** The word-level difference (null texts count as empty). */
    public static List<Segment> words(String oldText, String newText) {
        return diff(tokens(oldText, WORD_TOKEN), tokens(newText, WORD_TOKEN));
    }

    /** The line-level difference (each line with its line break). */
    public static List<Segment> lines(String oldText, String newText) {
        return diff(tokens(oldText, LINE_TOKEN), tokens(newText, LINE_TOKEN));
    }

    /** The old text: the SAME and REMOVED segments joined. */
    public static String oldText(List<Segment> segments) {
        StringBuilder s = new StringBuilder();
        segments.stream().filter(x -> x.kind() != Kind.ADDED).forEach(x -> s.append(x.text()));
        return s.toString();
    }

    /** The new text: the SAME and ADDED segments joined. */
    public static String newText(List<Segment> segments) {
        StringBuilder s = new StringBuilder();
        segments.stream().filter(x -> x.kind() != Kind.REMOVED).forEach(x -> s.append(x.text()));
        return s.toString();
    }

    /** Whether anything differs. */
    public static boolean changed(List<Segment> segments) {
        return segments.stream().anyMatch(s -> s.kind() != Kind.SAME);
    }

    /** The words (tokens that are not whitespace) the segments of a kind hold, for summaries and tests. */
    public static List<String> wordsOf(List<Segment> segments, Kind kind) {
        List<String> out = new ArrayList<>();
        for (Segment s : segments) {
            if (s.kind() == kind) {
                for (String t : tokens(s.text(), WORD_TOKEN)) {
                    if (!t.isBlank()) {
                        out.add(t);
                    }
                }
            }
        }
        return out;
    }

    static List<String> tokens(String text, Pattern pattern) {
        List<String> out = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    private static List<Segment> diff(List<String> a, List<String> b) {
        int prefix = 0;
        while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.size() - prefix
                && suffix < b.size() - prefix
                && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
            suffix++;
        }
        Builder out = new Builder();
        for (int i = 0; i < prefix; i++) {
            out.add(Kind.SAME, a.get(i));
        }
        middle(a.subList(prefix, a.size() - suffix), b.subList(prefix, b.size() - suffix), out);
        for (int i = a.size() - suffix; i < a.size(); i++) {
            out.add(Kind.SAME, a.get(i));
        }
        return out.cleaned();
    }

    /**
     * Whitespace alone between two changes is counted as changed (removed and added again), so a rewritten
     * phrase reads as one change instead of words split by kept spaces.
     */
    private static List<Segment> absorbLoneWhitespace(List<Segment> in) {
        List<Segment> out = new ArrayList<>();
        for (int k = 0; k < in.size(); k++) {
            Segment s = in.get(k);
            boolean between = k > 0
                    && k < in.size() - 1
                    && s.kind() == Kind.SAME
                    && s.text().isBlank();
            if (between) {
                out.add(new Segment(Kind.REMOVED, s.text()));
                out.add(new Segment(Kind.ADDED, s.text()));
            } else {
                out.add(s);
            }
        }
        Builder merged = new Builder();
        out.forEach(s -> merged.add(s.kind(), s.text()));
        return merged.segments();
    }

    /** The LCS of the changed middle by dynamic programming over token pairs. */
    private static void middle(List<String> a, List<String> b, Builder out) {
        int n = a.size();
        int m = b.size();
        if (n == 0 || m == 0 || (long) n * m > MAX_CELLS) {
            a.forEach(t -> out.add(Kind.REMOVED, t));
            b.forEach(t -> out.add(Kind.ADDED, t));
            return;
        }
        // lcs[i][j]: length of the LCS of a[i..] and b[j..]
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n && j < m) {
            if (a.get(i).equals(b.get(j))) {
                out.add(Kind.SAME, a.get(i));
                i++;
                j++;
            } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
                out.add(Kind.REMOVED, a.get(i++));
            } else {
                out.add(Kind.ADDED, b.get(j++));
            }
        }
        while (i < n) {
            out.add(Kind.REMOVED, a.get(i++));
        }
        while (j < m) {
            out.add(Kind.ADDED, b.get(j++));
        }
    }

    /**
     * Joins tokens into segments: neighbours of one kind merge, and within a changed stretch (between two
     * SAME segments) all removed text comes first, then all added text.
     */
    private static final class Builder {
        private final List<Segment> done = new ArrayList<>();
        private final StringBuilder same = new StringBuilder();
        private final StringBuilder removed = new StringBuilder();
        private final StringBuilder added = new StringBuilder();

        void add(Kind kind, String token) {
            switch (kind) {
                case SAME -> {
                    flushChange();
                    same.append(token);
                }
                case REMOVED -> {
                    flushSame();
                    removed.append(token);
                }
                case ADDED -> {
                    flushSame();
                    added.append(token);
                }
            }
        }

        private void flushSame() {
            if (same.length() > 0) {
                done.add(new Segment(Kind.SAME, same.toString()));
                same.setLength(0);
            }
        }

        private void flushChange() {
            if (removed.length() > 0) {
                done.add(new Segment(Kind.REMOVED, removed.toString()));
                removed.setLength(0);
            }
            if (added.length() > 0) {
                done.add(new Segment(Kind.ADDED, added.toString()));
                added.setLength(0);
            }
        }

        List<Segment> segments() {
            flushSame();
            flushChange();
            return List.copyOf(done);
        }

        List<Segment> cleaned() {
            return absorbLoneWhitespace(segments());
        }
    }
}
