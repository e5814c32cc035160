package io.arenainstruct.studio.service.taxonomy;

import java.util.Optional;

import io.arenainstruct.studio.domain.Taxonomy;
import io.arenainstruct.studio.domain.TaxonomyNode;
import io.arenainstruct.studio.service.undo.UndoableEdit;

/**
 * The undoable changes a curator makes to a taxonomy tree. Each factory checks the change first and
 * throws {@link IllegalArgumentException} with a message for the curator when it is not allowed.
 */
public final class TaxonomyEdits {
    private TaxonomyEdits() {}

    /** Depth of a node: 0 for the skill, 1 for a category, 2 for a subcategory; -1 when not in the tree. */
    public static int depth(Taxonomy taxonomy, TaxonomyNode node) {
        return depth(taxonomy.root(), node, 0);
    }

    private static int depth(TaxonomyNode at, TaxonomyNode node, int d) {
        if (at == node) {
            return d;
        }
        for (TaxonomyNode c : at.children()) {
            int found = depth(c, node, d + 1);
            if (found >= 0) {
                return found;
            }
        }
        return -1;
    }

    public static Optional<TaxonomyNode> parentOf(Taxonomy taxonomy, TaxonomyNode node) {
        return parentOf(taxonomy.root(), node);
    }

    private static Optional<TaxonomyNode> parentOf(TaxonomyNode at, TaxonomyNode node) {
        for (TaxonomyNode c : at.children()) {
            if (c == node) {
                return Optional.of(at);
            }
            Optional<TaxonomyNode> found = parentOf(c, node);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static String level(int depth) {
        return depth <= 1 ? "category" : "subcategory";
    }

    /** A name for a new child that no sibling has yet: "New category", "New category 2", … */
    public static String freshName(TaxonomyNode parent, String base) {
        String name = base;
        for (int i = 2; parent.hasChildNamed(name, null); i++) {
            name = base + " " + i;
        }
        return name;
    }

    public static UndoableEdit add(Taxonomy taxonomy, TaxonomyNode parent, int index, TaxonomyNode node) {
        int parentDepth = depth(taxonomy, parent);
        if (parentDepth < 0 || parentDepth >= TaxonomyNode.MAX_DEPTH) {
            throw new IllegalArgumentException("a subcategory cannot have subcategories");
        }
        checkName(parent, node.name(), null);
        String what = "Add " + level(parentDepth + 1) + " '" + node.name() + "'";
        return edit(
                what,
                () -> parent.children().add(index, node),
                () -> parent.children().remove(node));
    }

    public static UndoableEdit remove(Taxonomy taxonomy, TaxonomyNode node) {
        TaxonomyNode parent = parentOf(taxonomy, node)
                .orElseThrow(() -> new IllegalArgumentException("the skill itself cannot be deleted here"));
        int index = parent.children().indexOf(node);
        String what = "Delete " + level(depth(taxonomy, node)) + " '" + node.name() + "'";
        return edit(
                what,
                () -> parent.children().remove(node),
                () -> parent.children().add(index, node));
    }

    /** Moves {@code node} to {@code newParent} at {@code index} (an index in the list after removal). */
    public static UndoableEdit move(Taxonomy taxonomy, TaxonomyNode node, TaxonomyNode newParent, int index) {
        TaxonomyNode oldParent = parentOf(taxonomy, node)
                .orElseThrow(() -> new IllegalArgumentException("the skill itself cannot be moved"));
        int newParentDepth = depth(taxonomy, newParent);
        int height = node.children().isEmpty() ? 0 : 1;
        if (newParentDepth < 0 || node == newParent || newParentDepth + 1 + height > TaxonomyNode.MAX_DEPTH) {
            throw new IllegalArgumentException(
                    height > 0
                            ? "'" + node.name() + "' has subcategories, so it can only be a category"
                            : "a subcategory cannot have subcategories");
        }
        if (newParent != oldParent) {
            checkName(newParent, node.name(), node);
        }
        int oldIndex = oldParent.children().indexOf(node);
        int bounded = Math.max(0, Math.min(index, newParent.children().size() - (newParent == oldParent ? 1 : 0)));
        String what = "Move '" + node.name() + "'";
        return edit(
                what,
                () -> {
                    oldParent.children().remove(node);
                    newParent.children().add(bounded, node);
                },
                () -> {
                    newParent.children().remove(node);
                    oldParent.children().add(oldIndex, node);
                });
    }

    /** Changes a node's fields; the skill root may change name and description only. */
    public static UndoableEdit change(
            Taxonomy taxonomy, TaxonomyNode node, String name, String description, double weight, boolean enabled) {
        String newName = name.strip();
        if (newName.isEmpty()) {
            throw new IllegalArgumentException("a name cannot be empty");
        }
        if (!TaxonomyNode.validWeight(weight)) {
            throw new IllegalArgumentException("the weight must be a number from 0 to " + TaxonomyNode.MAX_WEIGHT_TEXT);
        }
        parentOf(taxonomy, node).ifPresent(parent -> checkName(parent, newName, node));
        String oldName = node.name();
        String oldDescription = node.description();
        double oldWeight = node.weight();
        boolean oldEnabled = node.enabled();
        String what =
                !oldName.equals(newName) ? "Rename '" + oldName + "' to '" + newName + "'" : "Edit '" + oldName + "'";
        return edit(
                what,
                () -> set(node, newName, description, weight, enabled),
                () -> set(node, oldName, oldDescription, oldWeight, oldEnabled));
    }

    private static void set(TaxonomyNode node, String name, String description, double weight, boolean enabled) {
        node.setName(name);
        node.setDescription(description);
        node.setWeight(weight);
        node.setEnabled(enabled);
    }

    private static void checkName(TaxonomyNode parent, String name, TaxonomyNode except) {
        if (parent.hasChildNamed(name, except)) {
            throw new IllegalArgumentException("'" + parent.name() + "' already has an entry named '" + name + "'");
        }
    }

    private static UndoableEdit edit(String description, Runnable apply, Runnable revert) {
        return new UndoableEdit() {
            @Override
            public String description() {
                return description;
            }

            @Override
            public void apply() {
                apply.run();
            }

            @Override
            public void revert() {
                revert.run();
            }
        };
    }
}
