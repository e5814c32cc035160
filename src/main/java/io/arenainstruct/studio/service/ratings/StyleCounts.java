package io.arenainstruct.studio.service.ratings;

/**
 * The four style features of one answer, as Arena-Hard v2 and lmarena count them: length in tokens, and Markdown
 * headers, list items and bold spans counted with fenced code removed.
 */
public record StyleCounts(int tokens, int headers, int lists, int bold) {
    /** The feature names, in the order of {@link #get(int)}. */
    public static final String[] FEATURES = {"length", "headers", "lists", "bold"};

    public int get(int feature) {
        return switch (feature) {
            case 0 -> tokens;
            case 1 -> headers;
            case 2 -> lists;
            case 3 -> bold;
            default -> throw new IndexOutOfBoundsException(feature);
        };
    }
}
