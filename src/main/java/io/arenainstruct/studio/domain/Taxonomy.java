package io.arenainstruct.studio.domain;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A skill's taxonomy. The root node carries the skill's display name and description; its children are
 * the categories, theirs the subcategories.
 *
 * @param skillId stable kebab-case id used by files and commands, e.g. {@code reading-comprehension}
 */
public record Taxonomy(String skillId, TaxonomyNode root) {
    public static final Pattern SKILL_ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    public Taxonomy {
        if (!SKILL_ID.matcher(skillId).matches()) {
            throw new IllegalArgumentException("skill id must be kebab-case (like reading-comprehension): " + skillId);
        }
    }

    public String name() {
        return root.name();
    }

    public String description() {
        return root.description();
    }

    public List<TaxonomyNode> categories() {
        return root.children();
    }

    public int categoryCount() {
        return root.children().size();
    }

    public int subcategoryCount() {
        return root.children().stream().mapToInt(c -> c.children().size()).sum();
    }

    public Taxonomy deepCopy() {
        return new Taxonomy(skillId, root.deepCopy());
    }

    public boolean sameAs(Taxonomy other) {
        return other != null && skillId.equals(other.skillId) && root.sameAs(other.root);
    }
}
