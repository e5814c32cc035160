package io.arenainstruct.studio.domain;

/**
 * What the Seeds list shows: words that must all occur in the name or text (case-insensitive) and an
 * optional tag. Blank means no restriction.
 */
public record SeedFilter(String text, String tag) {
    public static final SeedFilter ALL = new SeedFilter("", "");

    public SeedFilter {
        text = text == null ? "" : text.strip();
        tag = tag == null ? "" : tag.strip();
    }
}
