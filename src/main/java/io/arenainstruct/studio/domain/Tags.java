package io.arenainstruct.studio.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/** Tags are short lower-case words; this is the one place that normalises what a curator types. */
public final class Tags {
    public static final int MAX_LENGTH = 64;

    private Tags() {}

    public static String normalize(String tag) {
        String t = tag.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", "-");
        if (t.length() > MAX_LENGTH) {
            t = t.substring(0, MAX_LENGTH);
        }
        return t;
    }

    /** Parses "a, b c" style input into distinct normalised tags, keeping the order typed. */
    public static List<String> parse(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        Arrays.stream(text.split(","))
                .map(Tags::normalize)
                .filter(s -> !s.isEmpty())
                .forEach(out::add);
        return new ArrayList<>(out);
    }

    public static List<String> merge(List<String> a, List<String> b) {
        LinkedHashSet<String> out = new LinkedHashSet<>(a);
        b.stream().map(Tags::normalize).filter(s -> !s.isEmpty()).forEach(out::add);
        return List.copyOf(out);
    }

    public static String format(List<String> tags) {
        return String.join(", ", tags);
    }
}
