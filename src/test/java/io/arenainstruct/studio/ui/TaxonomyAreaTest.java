package io.arenainstruct.studio.ui;

import static io.arenainstruct.studio.ui.UiHarness.fx;
import static io.arenainstruct.studio.ui.UiHarness.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import io.arenainstruct.studio.domain.Taxonomy;
import io.arenainstruct.studio.domain.TaxonomyNode;
import io.arenainstruct.studio.service.workspace.Workspace;

@ExtendWith(ApplicationExtension.class)
class TaxonomyAreaTest {
    private static final String SKILL = "reading-comprehension";

    @TempDir
    Path tmp;

    private UiHarness ui;

    @Start
    void start(Stage stage) {
        ui = new UiHarness(tmp.resolve("store"), false);
        ui.show(stage);
    }

    @AfterEach
    void tearDown() {
        ui.close();
    }

    @SuppressWarnings("unchecked")
    private TreeView<TaxonomyNode> tree(FxRobot robot) {
        return robot.lookup("#taxonomy-tree").queryAs(TreeView.class);
    }

    /** Opens the Taxonomies area with Ctrl+2, picks the skill and selects its first category. */
    private TreeItem<TaxonomyNode> openFirstCategory(FxRobot robot) throws Exception {
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT2).release(KeyCode.DIGIT2, KeyCode.CONTROL);
        @SuppressWarnings("unchecked")
        ListView<Taxonomy> skills = robot.lookup("#skill-list").queryAs(ListView.class);
        waitUntil(() -> skills.getItems().size() == 17);
        fx(() -> skills.getSelectionModel()
                .select(skills.getItems().stream()
                        .filter(t -> t.skillId().equals(SKILL))
                        .findFirst()
                        .orElseThrow()));
        waitUntil(() -> tree(robot).getRoot() != null
                && tree(robot).getRoot().getValue().name().equals("Reading Comprehension"));
        TreeItem<TaxonomyNode> first = tree(robot).getRoot().getChildren().get(0);
        fx(() -> tree(robot).getSelectionModel().select(first));
        return first;
    }

    private String firstCategoryName(FxRobot robot) {
        return tree(robot).getRoot().getChildren().get(0).getValue().name();
    }

    @Test
    void f2OnTheFocusedTreeRenamesTheSelectedEntry(FxRobot robot) throws Exception {
        TreeItem<TaxonomyNode> first = openFirstCategory(robot);
        fx(() -> tree(robot).requestFocus());
        robot.type(KeyCode.DOWN); // the tree has the keyboard: the arrow selects the next entry
        waitUntil(() -> tree(robot).isFocused()
                && tree(robot).getSelectionModel().getSelectedItem() != null
                && tree(robot).getSelectionModel().getSelectedItem() != first);
        TreeItem<TaxonomyNode> chosen = tree(robot).getSelectionModel().getSelectedItem();
        int row = tree(robot).getRow(chosen);
        robot.type(KeyCode.F2);
        waitUntil(() -> robot.lookup("#node-name").query().isFocused());
        robot.write("Inference").type(KeyCode.ENTER);
        waitUntil(() -> tree(robot).getTreeItem(row).getValue().name().equals("Inference"));
    }

    @Test
    void aHugeWeightTypedInTheFormIsRefusedWithTheLimit(FxRobot robot) throws Exception {
        TreeItem<TaxonomyNode> first = openFirstCategory(robot);
        double originalWeight = first.getValue().weight();

        robot.doubleClickOn("#node-weight")
                .write("1.79e308")
                .press(KeyCode.ENTER)
                .release(KeyCode.ENTER);

        waitUntil(() -> robot.lookup("#node-problem")
                .queryAs(Label.class)
                .getText()
                .contains("the weight must be a number from 0 to 1,000,000"));
        assertThat(first.getValue().weight()).isEqualTo(originalWeight);
    }

    @Test
    void anEditCanBeUndoneAndRedoneAndIsFoundAgainAfterTheStoreIsReopened(FxRobot robot) throws Exception {
        TreeItem<TaxonomyNode> first = openFirstCategory(robot);
        String original = first.getValue().name();
        double originalWeight = first.getValue().weight();

        robot.press(KeyCode.F2).release(KeyCode.F2);
        robot.write("Literal understanding").press(KeyCode.ENTER).release(KeyCode.ENTER);
        waitUntil(() -> firstCategoryName(robot).equals("Literal understanding"));
        robot.doubleClickOn("#node-weight").write("2.5").press(KeyCode.ENTER).release(KeyCode.ENTER);
        waitUntil(() -> tree(robot).getRoot().getChildren().get(0).getValue().weight() == 2.5);

        robot.clickOn("#taxonomy-tree");
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        waitUntil(() -> tree(robot).getRoot().getChildren().get(0).getValue().weight() == originalWeight);
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        waitUntil(() -> firstCategoryName(robot).equals(original));
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.Z).release(KeyCode.Z, KeyCode.SHIFT, KeyCode.CONTROL);
        waitUntil(() -> firstCategoryName(robot).equals("Literal understanding"));
        robot.press(KeyCode.CONTROL, KeyCode.Y).release(KeyCode.Y, KeyCode.CONTROL);
        waitUntil(() -> tree(robot).getRoot().getChildren().get(0).getValue().weight() == 2.5);

        ui.closeStore();
        try (Workspace reopened = Workspace.open(ui.storeDir)) {
            TaxonomyNode stored =
                    reopened.taxonomies().find(SKILL).orElseThrow().categories().get(0);
            assertThat(stored.name()).isEqualTo("Literal understanding");
            assertThat(stored.weight()).isEqualTo(2.5);
        }
    }

    @Test
    void keyboardAddsMovesAndDeletesEntriesWithUndo(FxRobot robot) throws Exception {
        openFirstCategory(robot);
        fx(() -> tree(robot).requestFocus());
        int categories = tree(robot).getRoot().getChildren().size();

        robot.press(KeyCode.CONTROL, KeyCode.N).release(KeyCode.N, KeyCode.CONTROL);
        waitUntil(() -> tree(robot).getRoot().getChildren().size() == categories + 1
                && tree(robot).getRoot().getChildren().get(1).getValue().name().equals("New category"));

        fx(() -> tree(robot).requestFocus());
        robot.press(KeyCode.ALT, KeyCode.UP).release(KeyCode.UP, KeyCode.ALT);
        waitUntil(() -> firstCategoryName(robot).equals("New category"));

        robot.press(KeyCode.DELETE).release(KeyCode.DELETE);
        waitUntil(() -> tree(robot).getRoot().getChildren().size() == categories);
        // every edit says it was saved and how to take it back
        waitUntil(() -> notice(robot).equals("Delete category 'New category': saved; Ctrl+Z undoes it"));
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        waitUntil(() -> firstCategoryName(robot).equals("New category"));
        waitUntil(() -> notice(robot).equals("Undone: delete category 'New category'; Ctrl+Shift+Z redoes it"));

        ui.closeStore();
        try (Workspace reopened = Workspace.open(ui.storeDir)) {
            Taxonomy stored = reopened.taxonomies().find(SKILL).orElseThrow();
            assertThat(stored.categories()).hasSize(categories + 1);
            assertThat(stored.categories().get(0).name()).isEqualTo("New category");
        }
    }

    private static String notice(FxRobot robot) {
        return robot.lookup("#status-notice").queryAs(Label.class).getText();
    }

    @Test
    void aSubcategoryDraggedOntoAnotherCategoryMovesIntoIt(FxRobot robot) throws Exception {
        TreeItem<TaxonomyNode> first = openFirstCategory(robot);
        TaxonomyNode moving = first.getChildren().get(0).getValue();
        TaxonomyNode target = tree(robot).getRoot().getChildren().get(1).getValue();
        fx(() -> tree(robot).scrollTo(0));

        robot.drag(robot.lookup(".tree-cell")
                        .match(c -> ((TreeCell<?>) c).getItem() == moving)
                        .queryAs(Node.class))
                .dropTo(robot.lookup(".tree-cell")
                        .match(c -> ((TreeCell<?>) c).getItem() == target)
                        .queryAs(Node.class));

        waitUntil(() -> target.children().contains(moving)
                && !first.getValue().children().contains(moving));
        assertThat(target.children().get(target.children().size() - 1)).isSameAs(moving);
    }

    @Test
    void importingABrokenTaxonomyFileNamesTheLineAndStoresNothing(FxRobot robot) throws Exception {
        openFirstCategory(robot);
        Path bad = tmp.resolve("broken.yaml");
        Files.writeString(bad, """
                skill: broken-skill
                name: Broken
                categories:
                  - name: One
                    weight: -2.0
                  - name: One
                """);
        ui.dialogs.files.add(List.of(bad));
        robot.clickOn("#import-taxonomy");
        waitUntil(() -> !ui.dialogs.errors.isEmpty());
        assertThat(ui.dialogs.errors.get(0)).contains(bad + ":5: weight must be 0 or more", bad + ":6: duplicate");
        assertThat(ui.workspace.taxonomies().find("broken-skill")).isEmpty();
    }
}
