package io.arenainstruct.studio.ui.taxonomy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.Taxonomy;
import io.arenainstruct.studio.domain.TaxonomyNode;
import io.arenainstruct.studio.service.taxonomy.TaxonomyEdits;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.ui.FakeDialogService;
import io.arenainstruct.studio.ui.task.CallingThreadTaskExecutor;

/** The Taxonomies view model's loading, checked edits with Undo and Redo, and import, without JavaFX running. */
class TaxonomyViewModelTest {
    @TempDir
    Path tmp;

    private final CallingThreadTaskExecutor tasks = new CallingThreadTaskExecutor();
    private final FakeDialogService dialogs = new FakeDialogService();
    private final List<String> notices = new ArrayList<>();
    private Workspace ws;
    private TaxonomyViewModel model;

    @BeforeEach
    void open() {
        ws = Workspace.open(tmp.resolve("store"));
        ws.taxonomies().save(taxonomy("alpha", "Alpha", "Rivers", "Lakes"));
        ws.taxonomies().save(taxonomy("beta", "Beta", "Markets"));
        model = new TaxonomyViewModel(ws.taxonomies(), tasks, dialogs);
        model.notice().addListener((obs, o, n) -> {
            if (!n.isEmpty()) {
                notices.add(n);
            }
        });
    }

    @AfterEach
    void close() {
        model.close();
        ws.close();
    }

    private static Taxonomy taxonomy(String skill, String name, String... categories) {
        TaxonomyNode root = new TaxonomyNode(name, "The skill " + name + ".", 1.0, true);
        for (String c : categories) {
            root.children().add(new TaxonomyNode(c, c + " of the land.", 1.0, true));
        }
        return new Taxonomy(skill, root);
    }

    private List<String> storedCategories(String skill) {
        return ws.taxonomies().find(skill).orElseThrow().categories().stream()
                .map(TaxonomyNode::name)
                .toList();
    }

    private Taxonomy shown(String skill) {
        return model.skills().stream()
                .filter(t -> t.skillId().equals(skill))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void loadingKeepsTheSkillShownAndAnOlderLoadArrivingLateIsDropped() {
        model.load(null);
        assertThat(model.skills()).extracting(Taxonomy::skillId).containsExactlyInAnyOrder("alpha", "beta");
        model.current().set(shown("beta"));
        model.load(null);
        assertThat(model.current().get().skillId())
                .as("a reload keeps the skill shown")
                .isEqualTo("beta");

        tasks.hold();
        model.load("alpha");
        model.load("beta");
        tasks.runHeld(1, 0);
        assertThat(model.current().get().skillId())
                .as("the load asked last decides")
                .isEqualTo("beta");
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void anEditIsSavedAndUndoAndRedoSaveTheTreeAgain() {
        model.load("alpha");
        Taxonomy alpha = model.current().get();
        TaxonomyNode rivers = alpha.categories().get(0);
        int before = model.revision().get();

        Optional<String> refused = model.perform(
                alpha,
                () -> TaxonomyEdits.change(alpha, rivers, "Streams", rivers.description(), 2.0, true),
                rivers,
                rivers);

        assertThat(refused).isEmpty();
        assertThat(storedCategories("alpha")).containsExactly("Streams", "Lakes");
        assertThat(ws.taxonomies()
                        .find("alpha")
                        .orElseThrow()
                        .categories()
                        .get(0)
                        .weight())
                .isEqualTo(2.0);
        assertThat(notices).containsExactly("Rename 'Rivers' to 'Streams': saved; Ctrl+Z undoes it");
        assertThat(model.focus().get()).isSameAs(rivers);
        assertThat(model.revision().get()).isEqualTo(before + 1);

        model.undoSupport().undo();
        assertThat(storedCategories("alpha")).containsExactly("Rivers", "Lakes");
        assertThat(ws.taxonomies()
                        .find("alpha")
                        .orElseThrow()
                        .categories()
                        .get(0)
                        .weight())
                .isEqualTo(1.0);
        assertThat(notices).last().isEqualTo("Undone: rename 'Rivers' to 'Streams'; Ctrl+Shift+Z redoes it");

        model.undoSupport().redo();
        assertThat(storedCategories("alpha")).containsExactly("Streams", "Lakes");
        assertThat(notices).last().isEqualTo("Rename 'Rivers' to 'Streams': saved; Ctrl+Z undoes it");
        assertThat(model.undoSupport().canUndo().get()).isTrue();
        assertThat(model.undoSupport().canRedo().get()).isFalse();
    }

    @Test
    void addDeleteAndMoveAreUndoneInReverseOrderAndFocusFollows() {
        model.load("alpha");
        Taxonomy alpha = model.current().get();
        TaxonomyNode rivers = alpha.categories().get(0);
        TaxonomyNode lakes = alpha.categories().get(1);
        TaxonomyNode ponds = TaxonomyNode.of("Ponds");

        model.perform(alpha, () -> TaxonomyEdits.add(alpha, lakes, 0, ponds), ponds, lakes);
        model.perform(alpha, () -> TaxonomyEdits.move(alpha, lakes, alpha.root(), 0), lakes, lakes);
        model.perform(alpha, () -> TaxonomyEdits.remove(alpha, rivers), lakes, rivers);
        assertThat(storedCategories("alpha")).containsExactly("Lakes");
        assertThat(ws.taxonomies()
                        .find("alpha")
                        .orElseThrow()
                        .categories()
                        .get(0)
                        .children())
                .extracting(TaxonomyNode::name)
                .containsExactly("Ponds");
        assertThat(notices)
                .containsExactly(
                        "Add subcategory 'Ponds': saved; Ctrl+Z undoes it",
                        "Move 'Lakes': saved; Ctrl+Z undoes it",
                        "Delete category 'Rivers': saved; Ctrl+Z undoes it");

        model.undoSupport().undo();
        assertThat(storedCategories("alpha")).containsExactly("Lakes", "Rivers");
        assertThat(model.focus().get())
                .as("undoing a delete selects what came back")
                .isSameAs(rivers);
        model.undoSupport().undo();
        model.undoSupport().undo();
        assertThat(storedCategories("alpha")).containsExactly("Rivers", "Lakes");
        assertThat(ws.taxonomies()
                        .find("alpha")
                        .orElseThrow()
                        .categories()
                        .get(1)
                        .children())
                .isEmpty();
        assertThat(model.focus().get()).isSameAs(lakes);
        assertThat(model.undoSupport().canUndo().get()).isFalse();
    }

    @Test
    void aRefusedEditSaysWhyInWordsAndStoresNothing() {
        model.load("alpha");
        Taxonomy alpha = model.current().get();
        TaxonomyNode rivers = alpha.categories().get(0);
        TaxonomyNode lakes = alpha.categories().get(1);

        assertThat(model.perform(
                        alpha, () -> TaxonomyEdits.change(alpha, rivers, "Lakes", "", 1.0, true), rivers, rivers))
                .contains("'Alpha' already has an entry named 'Lakes'");
        assertThat(model.perform(alpha, () -> TaxonomyEdits.change(alpha, rivers, "  ", "", 1.0, true), rivers, rivers))
                .contains("a name cannot be empty");
        assertThat(model.perform(
                        alpha, () -> TaxonomyEdits.change(alpha, rivers, "Rivers", "", -1, true), rivers, rivers))
                .contains("the weight must be a number from 0 to 1,000,000");
        TaxonomyNode pool = TaxonomyNode.of("Pool");
        model.perform(alpha, () -> TaxonomyEdits.add(alpha, lakes, 0, pool), pool, lakes);
        assertThat(model.perform(alpha, () -> TaxonomyEdits.add(alpha, pool, 0, TaxonomyNode.of("Puddle")), pool, pool))
                .contains("a subcategory cannot have subcategories");

        assertThat(notices).containsExactly("Add subcategory 'Pool': saved; Ctrl+Z undoes it");
        assertThat(storedCategories("alpha")).containsExactly("Rivers", "Lakes");
        assertThat(model.undoSupport().undoDescription().get()).contains("add subcategory 'Pool'");
    }

    @Test
    void anImportedFileIsShownAndAFileWithProblemsIsExplained() throws Exception {
        Path good = tmp.resolve("gamma.yaml");
        Files.writeString(good, """
                skill: gamma
                name: Gamma
                description: The third skill.
                categories:
                  - name: Hills
                    description: Hills of the land.
                """);
        model.load(null);
        model.importFile(good);
        assertThat(tasks.monitoredTitles).containsExactly("Importing taxonomy");
        assertThat(notices).containsExactly("Imported the taxonomy gamma from gamma.yaml");
        assertThat(model.current().get().skillId()).isEqualTo("gamma");
        assertThat(model.skills()).extracting(Taxonomy::skillId).containsExactlyInAnyOrder("alpha", "beta", "gamma");

        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, "skill: gamma\nname: [unclosed\n");
        model.importFile(bad);
        assertThat(dialogs.errors).singleElement().asString().startsWith("The taxonomy file has problems: ");
        assertThat(storedCategories("gamma")).containsExactly("Hills");
    }
}
