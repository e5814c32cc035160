package io.arenainstruct.studio.ui;

import static io.arenainstruct.studio.ui.UiHarness.fx;
import static io.arenainstruct.studio.ui.UiHarness.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
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
import io.arenainstruct.studio.service.taxonomy.VersionDiff;
import io.arenainstruct.studio.service.workspace.Workspace;

/** The Taxonomies area lists a skill's versions and restores one, by keys. */
@ExtendWith(ApplicationExtension.class)
class TaxonomyVersionsUiTest {
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

    @SuppressWarnings("unchecked")
    private ListView<VersionDiff> versions(FxRobot robot) {
        return robot.lookup("#taxonomy-versions").queryAs(ListView.class);
    }

    private double firstWeight(FxRobot robot) {
        return tree(robot).getRoot().getChildren().get(0).getValue().weight();
    }

    private static List<Integer> numbers(ListView<VersionDiff> list) {
        return list.getItems().stream().map(v -> v.version().number()).toList();
    }

    @Test
    void anEditIsAVersionAndCtrlShiftRRestoresTheOneChosenWithCtrlShiftH(FxRobot robot) throws Exception {
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
        // the sample workspace saved the shipped taxonomy: version 1, every weight 1.0
        waitUntil(() -> numbers(versions(robot)).equals(List.of(1)));
        assertThat(firstWeight(robot)).isEqualTo(1.0);
        assertThat(versions(robot).getTooltip().getText()).contains("Ctrl+Shift+H", "Ctrl+Shift+R");
        assertThat(robot.lookup("#restore-taxonomy-version")
                        .queryAs(Button.class)
                        .getTooltip()
                        .getText())
                .contains("Ctrl+Shift+R");

        TreeItem<TaxonomyNode> first = tree(robot).getRoot().getChildren().get(0);
        String name = first.getValue().name();
        fx(() -> tree(robot).getSelectionModel().select(first));
        robot.doubleClickOn("#node-weight").write("2.5").press(KeyCode.ENTER).release(KeyCode.ENTER);

        // newest first: the edit is version 2, with what made it and the weight it changed
        waitUntil(() -> numbers(versions(robot)).equals(List.of(2, 1)));
        VersionDiff edit = versions(robot).getItems().get(0);
        assertThat(edit.version().madeBy()).isEqualTo("edited in the Taxonomy area: edit '" + name + "'");
        assertThat(edit.summary()).isEqualTo(name + " 1.0 → 2.5");

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.H).release(KeyCode.H, KeyCode.SHIFT, KeyCode.CONTROL);
        waitUntil(() -> versions(robot).isFocused()
                && versions(robot).getSelectionModel().getSelectedIndex() == 0);
        Label detail = robot.lookup("#taxonomy-version-detail").queryAs(Label.class);
        assertThat(detail.getText())
                .isEqualTo("Version 2, edited in the Taxonomy area: edit '" + name + "': " + name + " 1.0 → 2.5");
        robot.press(KeyCode.DOWN).release(KeyCode.DOWN);
        waitUntil(() -> versions(robot).getSelectionModel().getSelectedIndex() == 1);
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.R).release(KeyCode.R, KeyCode.SHIFT, KeyCode.CONTROL);

        waitUntil(() -> numbers(versions(robot)).equals(List.of(3, 2, 1)));
        waitUntil(() -> firstWeight(robot) == 1.0);
        VersionDiff restored = versions(robot).getItems().get(0);
        assertThat(restored.version().madeBy()).isEqualTo("restored version 1: in the Taxonomy area");
        assertThat(restored.summary()).isEqualTo(name + " 2.5 → 1.0");

        ui.closeStore();
        try (Workspace reopened = Workspace.open(ui.storeDir)) {
            assertThat(reopened.taxonomies()
                            .find(SKILL)
                            .orElseThrow()
                            .categories()
                            .get(0)
                            .weight())
                    .isEqualTo(1.0);
            assertThat(reopened.taxonomies().versions(SKILL)).hasSize(3);
        }
    }

    /**
     * A change stored elsewhere (here as loop accept saves one) shows when the area is opened again, with its version,
     * and is undone by restoring the version before it.
     */
    @Test
    void aChangeMadeElsewhereShowsWhenTheAreaOpensAgainAndIsUndoneByKeys(FxRobot robot) throws Exception {
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
        waitUntil(() -> numbers(versions(robot)).equals(List.of(1)));
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT1).release(KeyCode.DIGIT1, KeyCode.CONTROL);

        Taxonomy t = ui.workspace.taxonomies().find(SKILL).orElseThrow();
        String name = t.categories().get(0).name();
        t.categories().get(0).setWeight(1.6);
        String madeBy = "loop: accepted weight:" + SKILL + "/" + name + " in iteration 2";
        ui.workspace.taxonomies().save(t, madeBy);
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT2).release(KeyCode.DIGIT2, KeyCode.CONTROL);

        waitUntil(() -> firstWeight(robot) == 1.6);
        waitUntil(() -> numbers(versions(robot)).equals(List.of(2, 1)));
        assertThat(versions(robot).getItems().get(0).version().madeBy()).isEqualTo(madeBy);

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.H).release(KeyCode.H, KeyCode.SHIFT, KeyCode.CONTROL);
        waitUntil(() -> versions(robot).isFocused());
        robot.press(KeyCode.DOWN).release(KeyCode.DOWN);
        waitUntil(() -> versions(robot).getSelectionModel().getSelectedIndex() == 1);
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.R).release(KeyCode.R, KeyCode.SHIFT, KeyCode.CONTROL);

        waitUntil(() -> numbers(versions(robot)).equals(List.of(3, 2, 1)));
        waitUntil(() -> firstWeight(robot) == 1.0);
    }
}
