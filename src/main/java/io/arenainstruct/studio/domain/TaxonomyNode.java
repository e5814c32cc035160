package io.arenainstruct.studio.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One node of a skill's taxonomy: the skill itself (the root), a category, or a subcategory. Mutable on
 * purpose: the taxonomy editor changes nodes in place through undoable commands.
 */
public final class TaxonomyNode {
    /** Skill → category → subcategory: a subcategory has depth 2 and no children. */
    public static final int MAX_DEPTH = 2;

    private String name;
    private String description;
    private double weight;
    private boolean enabled;
    private final List<TaxonomyNode> children = new ArrayList<>();

    public TaxonomyNode(String name, String description, double weight, boolean enabled) {
        this.name = Objects.requireNonNull(name);
        this.description = description == null ? "" : description;
        this.weight = weight;
        this.enabled = enabled;
    }

    public static TaxonomyNode of(String name) {
        return new TaxonomyNode(name, "", 1.0, true);
    }

    public String name() {
        return name;
    }

    public void setName(String name) {
        this.name = Objects.requireNonNull(name);
    }

    public String description() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description == null ? "" : description;
    }

    /** The largest weight: weights are relative, and any sum of them stays a finite number. */
    public static final double MAX_WEIGHT = 1_000_000;

    public static final String MAX_WEIGHT_TEXT = "1,000,000";

    /** Whether a weight can be used: finite, from 0 to {@link #MAX_WEIGHT}. */
    public static boolean validWeight(double weight) {
        return Double.isFinite(weight) && weight >= 0 && weight <= MAX_WEIGHT;
    }

    public double weight() {
        return weight;
    }

    public void setWeight(double weight) {
        if (!validWeight(weight)) {
            throw new IllegalArgumentException(
                    "weight must be a number from 0 to " + MAX_WEIGHT_TEXT + ", got " + weight);
        }
        this.weight = weight;
    }

    public boolean enabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** The live list of children; edit through the taxonomy editor's commands so undo stays right. */
    public List<TaxonomyNode> children() {
        return children;
    }

    public boolean hasChildNamed(String childName, TaxonomyNode except) {
        return children.stream().anyMatch(c -> c != except && c.name.equalsIgnoreCase(childName));
    }

    public int size() {
        return 1 + children.stream().mapToInt(TaxonomyNode::size).sum();
    }

    public TaxonomyNode deepCopy() {
        TaxonomyNode copy = new TaxonomyNode(name, description, weight, enabled);
        children.forEach(c -> copy.children.add(c.deepCopy()));
        return copy;
    }

    /** Structural equality over the whole subtree (used for round-trip checks). */
    public boolean sameAs(TaxonomyNode other) {
        if (other == null
                || !name.equals(other.name)
                || !description.equals(other.description)
                || Double.compare(weight, other.weight) != 0
                || enabled != other.enabled
                || children.size() != other.children.size()) {
            return false;
        }
        for (int i = 0; i < children.size(); i++) {
            if (!children.get(i).sameAs(other.children.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return name;
    }
}
