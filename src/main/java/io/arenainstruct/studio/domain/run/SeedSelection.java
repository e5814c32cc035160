package io.arenainstruct.studio.domain.run;

import java.util.ArrayList;
import java.util.List;

/** Which seeds a run uses: all, those with a tag, given ids, or those no run has transformed yet. */
public record SeedSelection(Kind kind, String tag, List<Long> ids) {
    public enum Kind {
        ALL,
        TAG,
        IDS,
        /** The seeds no earlier run made a passage from (resolved as the run starts; the run freezes them). */
        UNUSED
    }

    public SeedSelection {
        ids = List.copyOf(ids);
    }

    public static SeedSelection all() {
        return new SeedSelection(Kind.ALL, null, List.of());
    }

    public static SeedSelection tag(String tag) {
        return new SeedSelection(Kind.TAG, tag, List.of());
    }

    public static SeedSelection ids(List<Long> ids) {
        return new SeedSelection(Kind.IDS, null, ids);
    }

    public static SeedSelection unused() {
        return new SeedSelection(Kind.UNUSED, null, List.of());
    }

    /** Parses the command line form: {@code all}, {@code unused}, {@code tag:TAG} or {@code ID[,ID...]}. */
    public static SeedSelection parse(String text) {
        String t = text.strip();
        if (t.equalsIgnoreCase("all")) {
            return all();
        }
        if (t.equalsIgnoreCase("unused")) {
            return unused();
        }
        if (t.startsWith("tag:") && t.length() > 4) {
            return tag(t.substring(4).strip());
        }
        List<Long> ids = new ArrayList<>();
        for (String part : t.split(",")) {
            try {
                ids.add(Long.parseLong(part.strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("seeds are 'all', 'unused', 'tag:TAG' or seed ids like 3,7,12; '"
                        + part.strip() + "' is none of these");
            }
        }
        return ids(ids);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case ALL -> "all";
            case UNUSED -> "unused";
            case TAG -> "tag:" + tag;
            case IDS ->
                ids.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElse("");
        };
    }
}
