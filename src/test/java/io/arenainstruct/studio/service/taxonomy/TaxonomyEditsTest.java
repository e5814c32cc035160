package io.arenainstruct.studio.service.taxonomy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.arenainstruct.studio.domain.Taxonomy;
import io.arenainstruct.studio.domain.TaxonomyNode;
import io.arenainstruct.studio.service.undo.UndoHistory;
import io.arenainstruct.studio.service.undo.UndoableEdit;

class TaxonomyEditsTest {
    private Taxonomy t;
    private TaxonomyNode alpha;
    private TaxonomyNode beta;
    private TaxonomyNode gamma;
    private TaxonomyNode a1;
    private TaxonomyNode a2;
    private TaxonomyNode g1;
    private UndoHistory history;

    @BeforeEach
    void tree() {
        TaxonomyNode root = new TaxonomyNode("Skill", "about", 1.0, true);
        alpha = new TaxonomyNode("Alpha", "a", 1.0, true);
        beta = new TaxonomyNode("Beta", "b", 2.0, false);
        gamma = new TaxonomyNode("Gamma", "g", 0.5, true);
        a1 = new TaxonomyNode("A1", "", 1.0, true);
        a2 = new TaxonomyNode("A2", "", 3.0, true);
        g1 = new TaxonomyNode("G1", "", 1.0, true);
        alpha.children().addAll(List.of(a1, a2));
        gamma.children().add(g1);
        root.children().addAll(List.of(alpha, beta, gamma));
        t = new Taxonomy("demo", root);
        history = new UndoHistory();
    }

    private static List<String> names(TaxonomyNode n) {
        return n.children().stream().map(TaxonomyNode::name).toList();
    }

    /** Performs the edit, checks undo restores the tree exactly and redo gives the edited tree again. */
    private Taxonomy performAndCheckUndoRedo(UndoableEdit edit) {
        Taxonomy before = t.deepCopy();
        history.perform(edit);
        Taxonomy after = t.deepCopy();
        assertThat(after.sameAs(before)).as("the edit changed something").isFalse();
        history.undo();
        assertThat(t.sameAs(before)).as("undo restores the tree").isTrue();
        history.redo();
        assertThat(t.sameAs(after)).as("redo repeats the edit").isTrue();
        history.undo();
        assertThat(t.sameAs(before)).isTrue();
        history.redo();
        return after;
    }

    @Test
    void depthAndParent() {
        assertThat(TaxonomyEdits.depth(t, t.root())).isZero();
        assertThat(TaxonomyEdits.depth(t, beta)).isEqualTo(1);
        assertThat(TaxonomyEdits.depth(t, a2)).isEqualTo(2);
        assertThat(TaxonomyEdits.depth(t, TaxonomyNode.of("stranger"))).isEqualTo(-1);
        assertThat(TaxonomyEdits.parentOf(t, a2)).containsSame(alpha);
        assertThat(TaxonomyEdits.parentOf(t, alpha)).containsSame(t.root());
        assertThat(TaxonomyEdits.parentOf(t, t.root())).isEmpty();
    }

    @Test
    void addCategoryAndSubcategoryWithUndoRedo() {
        TaxonomyNode delta = TaxonomyNode.of("Delta");
        performAndCheckUndoRedo(TaxonomyEdits.add(t, t.root(), 1, delta));
        assertThat(names(t.root())).containsExactly("Alpha", "Delta", "Beta", "Gamma");

        TaxonomyNode b1 = TaxonomyNode.of("B1");
        UndoableEdit add = TaxonomyEdits.add(t, beta, 0, b1);
        assertThat(add.description()).contains("subcategory").contains("B1");
        performAndCheckUndoRedo(add);
        assertThat(names(beta)).containsExactly("B1");
    }

    @Test
    void addRejectsDuplicateNamesIgnoringCaseAndTooDeepNodes() {
        assertThatThrownBy(() -> TaxonomyEdits.add(t, t.root(), 0, TaxonomyNode.of("beta")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already has");
        assertThatThrownBy(() -> TaxonomyEdits.add(t, alpha, 0, TaxonomyNode.of("a2")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TaxonomyEdits.add(t, a1, 0, TaxonomyNode.of("Too deep")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot have subcategories");
        assertThatThrownBy(() -> TaxonomyEdits.add(t, TaxonomyNode.of("not in tree"), 0, TaxonomyNode.of("x")))
                .isInstanceOf(IllegalArgumentException.class);
        // the same name under another parent is fine
        TaxonomyEdits.add(t, gamma, 0, TaxonomyNode.of("A1"));
    }

    @Test
    void freshNameAvoidsExistingNames() {
        assertThat(TaxonomyEdits.freshName(t.root(), "New category")).isEqualTo("New category");
        t.root().children().add(TaxonomyNode.of("New category"));
        t.root().children().add(TaxonomyNode.of("new category 2"));
        assertThat(TaxonomyEdits.freshName(t.root(), "New category")).isEqualTo("New category 3");
    }

    @Test
    void removeWithUndoPutsTheNodeBackAtItsPlaceWithItsChildren() {
        performAndCheckUndoRedo(TaxonomyEdits.remove(t, alpha));
        assertThat(names(t.root())).containsExactly("Beta", "Gamma");
        history.undo();
        assertThat(names(t.root())).containsExactly("Alpha", "Beta", "Gamma");
        assertThat(t.root().children().get(0)).isSameAs(alpha);
        assertThat(names(alpha)).containsExactly("A1", "A2");

        performAndCheckUndoRedo(TaxonomyEdits.remove(t, a2));
        assertThat(names(alpha)).containsExactly("A1");

        assertThatThrownBy(() -> TaxonomyEdits.remove(t, t.root())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void moveWithinAndAcrossParentsWithUndoRedo() {
        performAndCheckUndoRedo(TaxonomyEdits.move(t, gamma, t.root(), 0));
        assertThat(names(t.root())).containsExactly("Gamma", "Alpha", "Beta");

        performAndCheckUndoRedo(TaxonomyEdits.move(t, a1, gamma, 1));
        assertThat(names(alpha)).containsExactly("A2");
        assertThat(names(gamma)).containsExactly("G1", "A1");

        // a subcategory may become a category, a childless category a subcategory
        performAndCheckUndoRedo(TaxonomyEdits.move(t, a2, t.root(), 99));
        assertThat(names(t.root())).containsExactly("Gamma", "Alpha", "Beta", "A2");
        performAndCheckUndoRedo(TaxonomyEdits.move(t, beta, gamma, 0));
        assertThat(names(gamma)).containsExactly("Beta", "G1", "A1");
        assertThat(names(t.root())).containsExactly("Gamma", "Alpha", "A2");
    }

    @Test
    void moveToTheEndOfTheSameParent() {
        performAndCheckUndoRedo(TaxonomyEdits.move(t, alpha, t.root(), 2));
        assertThat(names(t.root())).containsExactly("Beta", "Gamma", "Alpha");
    }

    @Test
    void moveRejectsTooDeepTreesCyclesAndDuplicateNames() {
        Taxonomy before = t.deepCopy();
        // a category with subcategories cannot go under another category
        assertThatThrownBy(() -> TaxonomyEdits.move(t, alpha, gamma, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Alpha");
        // nothing goes under a subcategory
        assertThatThrownBy(() -> TaxonomyEdits.move(t, beta, a1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TaxonomyEdits.move(t, g1, a1, 0)).isInstanceOf(IllegalArgumentException.class);
        // not into itself, not the root
        assertThatThrownBy(() -> TaxonomyEdits.move(t, beta, beta, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TaxonomyEdits.move(t, t.root(), alpha, 0))
                .isInstanceOf(IllegalArgumentException.class);
        // a sibling of the same name at the destination
        t.root().children().add(TaxonomyNode.of("g1"));
        Taxonomy withG1 = t.deepCopy();
        assertThatThrownBy(() -> TaxonomyEdits.move(t, g1, t.root(), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already has");
        assertThat(t.sameAs(withG1)).as("a rejected move changes nothing").isTrue();
        t.root().children().remove(3);
        assertThat(t.sameAs(before)).isTrue();
    }

    @Test
    void changeWithUndoRedoRestoresAllFields() {
        UndoableEdit rename = TaxonomyEdits.change(t, beta, "  Beta renamed ", "new description", 4.5, true);
        assertThat(rename.description()).contains("Beta").contains("Beta renamed");
        performAndCheckUndoRedo(rename);
        assertThat(beta.name()).isEqualTo("Beta renamed");
        assertThat(beta.description()).isEqualTo("new description");
        assertThat(beta.weight()).isEqualTo(4.5);
        assertThat(beta.enabled()).isTrue();

        performAndCheckUndoRedo(TaxonomyEdits.change(t, t.root(), "Skill", "new about", 1.0, true));
        assertThat(t.description()).isEqualTo("new about");

        // renaming to its own name in another case is allowed
        performAndCheckUndoRedo(TaxonomyEdits.change(t, a1, "a1", "", 1.0, true));
    }

    @Test
    void changeRejectsBadValues() {
        assertThatThrownBy(() -> TaxonomyEdits.change(t, beta, "GAMMA", "", 1, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already has");
        assertThatThrownBy(() -> TaxonomyEdits.change(t, beta, "   ", "", 1, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> TaxonomyEdits.change(t, beta, "Beta", "", -1, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("weight");
        assertThatThrownBy(() -> TaxonomyEdits.change(t, beta, "Beta", "", Double.NaN, true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TaxonomyEdits.change(t, beta, "Beta", "", Double.POSITIVE_INFINITY, true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(beta.name()).isEqualTo("Beta");
        assertThat(beta.weight()).isEqualTo(2.0);
    }

    @Test
    void aLongSequenceOfEditsUndoesBackToTheOriginalAndRedoesToTheEnd() {
        Taxonomy original = t.deepCopy();
        history.perform(TaxonomyEdits.add(t, t.root(), 3, TaxonomyNode.of("Delta")));
        history.perform(TaxonomyEdits.move(t, a1, beta, 0));
        history.perform(TaxonomyEdits.change(t, gamma, "Gamma 2", "changed", 7, false));
        history.perform(TaxonomyEdits.remove(t, alpha));
        history.perform(TaxonomyEdits.move(t, g1, t.root(), 0));
        Taxonomy end = t.deepCopy();
        assertThat(names(t.root())).containsExactly("G1", "Beta", "Gamma 2", "Delta");

        int undone = 0;
        while (history.canUndo()) {
            history.undo();
            undone++;
        }
        assertThat(undone).isEqualTo(5);
        assertThat(t.sameAs(original)).isTrue();
        while (history.canRedo()) {
            history.redo();
        }
        assertThat(t.sameAs(end)).isTrue();
    }

    @Test
    void aWeightMustBeFiniteAndAtMostAMillion() {
        for (double bad : new double[] {1.79e308, Double.POSITIVE_INFINITY, Double.NaN, 1_000_000.5, -1}) {
            assertThatThrownBy(() -> TaxonomyEdits.change(t, alpha, "Alpha", "a", bad, true))
                    .as("weight " + bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the weight must be a number from 0 to 1,000,000");
        }
        assertThat(alpha.weight()).isEqualTo(1.0);
        history.perform(TaxonomyEdits.change(t, alpha, "Alpha", "a", 1_000_000, true));
        assertThat(alpha.weight()).isEqualTo(1_000_000);
    }
}
