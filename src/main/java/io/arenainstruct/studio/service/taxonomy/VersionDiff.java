package io.arenainstruct.studio.service.taxonomy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.arenainstruct.studio.domain.Taxonomy;
import io.arenainstruct.studio.domain.TaxonomyNode;
import io.arenainstruct.studio.domain.TaxonomyVersion;

/**
 * A taxonomy version with what it changed from the version before: category weights, categories added and removed,
 * and whether anything else changed (names, descriptions, switches, subcategories, order).
 *
 * @param weights categories of both versions whose weight changed, in the new version's order
 * @param added   categories only the new version has; every category for version 1
 * @param removed categories only the version before has
 * @param other   anything changed besides those
 */
public record VersionDiff(
        TaxonomyVersion version, List<WeightChange> weights, List<String> added, List<String> removed, boolean other) {
    /** A category's weight before and after. */
    public record WeightChange(String category, double from, double to) {
        @Override
        public String toString() {
            return category + " " + TaxonomyYaml.formatWeight(from) + " → " + TaxonomyYaml.formatWeight(to);
        }
    }

    public VersionDiff {
        weights = List.copyOf(weights);
        added = List.copyOf(added);
        removed = List.copyOf(removed);
    }

    /** What {@code version} changed from {@code before} (empty for a first version). */
    public static VersionDiff of(Optional<TaxonomyVersion> before, TaxonomyVersion version) {
        Taxonomy next = version.taxonomy();
        if (before.isEmpty()) {
            return new VersionDiff(
                    version,
                    List.of(),
                    next.categories().stream().map(TaxonomyNode::name).toList(),
                    List.of(),
                    false);
        }
        Taxonomy prev = before.get().taxonomy();
        Map<String, TaxonomyNode> prevByName = byName(prev);
        Map<String, TaxonomyNode> nextByName = byName(next);
        List<WeightChange> weights = new ArrayList<>();
        List<String> added = new ArrayList<>();
        for (TaxonomyNode c : next.categories()) {
            TaxonomyNode p = prevByName.get(c.name());
            if (p == null) {
                added.add(c.name());
            } else if (Double.compare(p.weight(), c.weight()) != 0) {
                weights.add(new WeightChange(c.name(), p.weight(), c.weight()));
            }
        }
        List<String> removed = prev.categories().stream()
                .map(TaxonomyNode::name)
                .filter(n -> !nextByName.containsKey(n))
                .toList();
        // the version before with the listed changes made: any difference left is another change
        Taxonomy expected = prev.deepCopy();
        expected.categories().removeIf(c -> removed.contains(c.name()));
        expected.categories().forEach(c -> c.setWeight(nextByName.get(c.name()).weight()));
        Taxonomy compared = next.deepCopy();
        compared.categories().removeIf(c -> added.contains(c.name()));
        return new VersionDiff(version, weights, added, removed, !expected.sameAs(compared));
    }

    private static Map<String, TaxonomyNode> byName(Taxonomy t) {
        Map<String, TaxonomyNode> out = new TreeMap<>();
        t.categories().forEach(c -> out.put(c.name(), c));
        return out;
    }

    /** True when nothing but weights changed. */
    public boolean onlyWeights() {
        return added.isEmpty() && removed.isEmpty() && !other;
    }

    /** The changes counted, short enough for a list row: "2 weights, 1 added", "first version". */
    public String brief() {
        if (version.number() == 1 && removed.isEmpty() && weights.isEmpty() && !other) {
            return "first version";
        }
        List<String> parts = new ArrayList<>();
        if (!weights.isEmpty()) {
            parts.add(weights.size() + (weights.size() == 1 ? " weight" : " weights"));
        }
        if (!added.isEmpty()) {
            parts.add(added.size() + " added");
        }
        if (!removed.isEmpty()) {
            parts.add(removed.size() + " removed");
        }
        if (other) {
            parts.add("other changes");
        }
        return parts.isEmpty() ? "no change" : String.join(", ", parts);
    }

    /** The changes in words: "Inference 1.0 → 1.6; added X; other changes", or "first version". */
    public String summary() {
        if (version.number() == 1 && removed.isEmpty() && weights.isEmpty() && !other) {
            return "first version (" + added.size() + (added.size() == 1 ? " category)" : " categories)");
        }
        List<String> parts = new ArrayList<>();
        weights.forEach(w -> parts.add(w.toString()));
        if (!added.isEmpty()) {
            parts.add("added " + String.join(", ", added));
        }
        if (!removed.isEmpty()) {
            parts.add("removed " + String.join(", ", removed));
        }
        if (other) {
            parts.add("other changes (names, descriptions, switches, subcategories or order)");
        }
        return parts.isEmpty() ? "no change" : String.join("; ", parts);
    }
}
