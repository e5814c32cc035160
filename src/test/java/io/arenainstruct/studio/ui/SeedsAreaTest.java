package io.arenainstruct.studio.ui;

import static io.arenainstruct.studio.ui.UiHarness.fx;
import static io.arenainstruct.studio.ui.UiHarness.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.matcher.control.LabeledMatchers;
import org.testfx.util.WaitForAsyncUtils;

import io.arenainstruct.studio.domain.NewSeed;
import io.arenainstruct.studio.domain.Seed;
import io.arenainstruct.studio.domain.SeedFilter;
import io.arenainstruct.studio.domain.SeedKind;
import io.arenainstruct.studio.service.seeds.ImportReport;
import io.arenainstruct.studio.service.workspace.WorkspaceRepositories;

@ExtendWith(ApplicationExtension.class)
class SeedsAreaTest {
    @TempDir
    Path tmp;

    private UiHarness ui;

    @Start
    void start(Stage stage) {
        ui = new UiHarness(tmp.resolve("store"), true);
        ui.show(stage);
        ui.window.select("seeds");
    }

    @AfterEach
    void tearDown() {
        ui.close();
    }

    @SuppressWarnings("unchecked")
    private TableView<Seed> table(FxRobot robot) {
        return robot.lookup("#seed-table").queryAs(TableView.class);
    }

    @Test
    void importingAMixedFolderImportsTheGoodFilesAndShowsWhyEachBadOneWasRejected(FxRobot robot) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("mixed"));
        Files.writeString(dir.resolve("notes.md"), "# Notes\nThe committee met on Tuesday.");
        Files.writeString(dir.resolve("tool.py"), "def add(a, b):\n    return a + b\n");
        Files.writeString(
                dir.resolve("records.jsonl"),
                "{\"body\": \"first zebrafinch record\"}\n{not json\n{\"body\": \"second zebrafinch record\"}\n");
        Files.writeString(dir.resolve("empty.txt"), "");
        Files.write(dir.resolve("blob.txt"), new byte[] {'a', 0, 'b', 0, 'c'});
        Files.write(dir.resolve("latin1.txt"), "caf\u00e9 cr\u00e8me".getBytes(StandardCharsets.ISO_8859_1));
        Files.writeString(dir.resolve("picture.png"), "not really an image");
        int before = WorkspaceRepositories.seeds(ui.workspace).count();

        robot.clickOn("#import-options");
        robot.doubleClickOn("#jsonl-field").write("body");
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        ui.dialogs.folders.add(dir);
        robot.clickOn("#import-folder");

        waitUntil(() ->
                robot.lookup("#import-summary").queryAs(Label.class).getText().startsWith("Last import"));
        String summary = robot.lookup("#import-summary").queryAs(Label.class).getText();
        assertThat(summary).contains("imported 4", "rejected 5");
        @SuppressWarnings("unchecked")
        ListView<ImportReport.Rejection> list =
                robot.lookup("#import-rejections").queryAs(ListView.class);
        Map<String, String> reasons = list.getItems().stream()
                .collect(Collectors.toMap(
                        r -> Path.of(r.path().replaceAll(":\\d+$", ""))
                                        .getFileName()
                                        .toString()
                                + (r.path().matches(".*:\\d+$")
                                        ? r.path().substring(r.path().lastIndexOf(':'))
                                        : ""),
                        ImportReport.Rejection::reason));
        assertThat(reasons).containsOnlyKeys("empty.txt", "blob.txt", "latin1.txt", "picture.png", "records.jsonl:2");
        assertThat(reasons.get("empty.txt")).contains("empty");
        assertThat(reasons.get("blob.txt")).contains("binary");
        assertThat(reasons.get("latin1.txt")).contains("not valid UTF-8");
        assertThat(reasons.get("picture.png")).contains(".png is not supported");
        assertThat(reasons.get("records.jsonl:2")).contains("line 2", "not valid JSON");

        assertThat(WorkspaceRepositories.seeds(ui.workspace).count()).isEqualTo(before + 4);
        waitUntil(() -> table(robot).getItems().size() == before + 4);
        assertThat(WorkspaceRepositories.seeds(ui.workspace).list(new SeedFilter("zebrafinch", "")))
                .extracting(Seed::name)
                .containsExactlyInAnyOrder("records.jsonl:1", "records.jsonl:3");
    }

    @Test
    void searchShowsOnlySeedsContainingAllWordsAndClearingItShowsAllAgain(FxRobot robot) throws Exception {
        int all = WorkspaceRepositories.seeds(ui.workspace).count();
        assertThat(all).isGreaterThanOrEqualTo(20);
        waitUntil(() -> table(robot).getItems().size() == all);
        long expected = countSampleFilesContaining("beaver", "dam");
        assertThat(expected).isBetween(1L, (long) all - 1);

        robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        robot.write("Beaver dam");
        // Typing refreshes the list as it goes; the footer settles once the last search is in.
        waitUntil(() -> robot.lookup("#seed-count")
                .queryAs(Label.class)
                .getText()
                .equals(expected + " of " + all + " seeds shown"));
        assertThat(table(robot).getItems())
                .allSatisfy(s -> assertThat((s.name()
                                        + WorkspaceRepositories.seeds(ui.workspace)
                                                .content(s.id())
                                                .orElseThrow())
                                .toLowerCase(Locale.ROOT))
                        .contains("beaver", "dam"));

        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        waitUntil(() -> table(robot).getItems().size() == all);
    }

    @Test
    void deletingASeedCanBeUndoneAndRedone(FxRobot robot) throws Exception {
        int all = WorkspaceRepositories.seeds(ui.workspace).count();
        waitUntil(() -> table(robot).getItems().size() == all);
        Seed first = table(robot).getItems().get(0);
        String content =
                WorkspaceRepositories.seeds(ui.workspace).content(first.id()).orElseThrow();

        clickRow(robot, first.name());
        robot.press(KeyCode.DELETE).release(KeyCode.DELETE);
        waitUntil(
                () -> WorkspaceRepositories.seeds(ui.workspace).find(first.id()).isEmpty()
                        && table(robot).getItems().size() == all - 1);

        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        waitUntil(() -> table(robot).getItems().size() == all);
        assertThat(WorkspaceRepositories.seeds(ui.workspace).find(first.id())).contains(first);
        assertThat(WorkspaceRepositories.seeds(ui.workspace).content(first.id()))
                .contains(content);

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.Z).release(KeyCode.Z, KeyCode.SHIFT, KeyCode.CONTROL);
        waitUntil(
                () -> WorkspaceRepositories.seeds(ui.workspace).find(first.id()).isEmpty());
    }

    @Test
    void tagsTypedForASeedAreSavedAndOfferedAsAFilter(FxRobot robot) throws Exception {
        int all = WorkspaceRepositories.seeds(ui.workspace).count();
        waitUntil(() -> table(robot).getItems().size() == all);
        Seed first = table(robot).getItems().get(0);
        clickRow(robot, first.name());
        robot.press(KeyCode.CONTROL, KeyCode.T).release(KeyCode.T, KeyCode.CONTROL);
        robot.write("Gold Set, review").press(KeyCode.ENTER).release(KeyCode.ENTER);
        waitUntil(() -> WorkspaceRepositories.seeds(ui.workspace)
                .find(first.id())
                .orElseThrow()
                .tags()
                .equals(List.of("gold-set", "review")));
        assertThat(WorkspaceRepositories.seeds(ui.workspace).list(new SeedFilter("", "gold-set")))
                .extracting(Seed::id)
                .containsExactly(first.id());
    }

    @Test
    void savingTagsKeepsTheSelectionThePreviewAndTheKeyboardInTheTagsField(FxRobot robot) throws Exception {
        int all = WorkspaceRepositories.seeds(ui.workspace).count();
        waitUntil(() -> table(robot).getItems().size() == all);
        Seed second = table(robot).getItems().get(1);
        String text =
                WorkspaceRepositories.seeds(ui.workspace).content(second.id()).orElseThrow();
        clickRow(robot, second.name());
        waitUntil(() -> preview(robot).startsWith(text.substring(0, Math.min(40, text.length()))));
        robot.press(KeyCode.CONTROL, KeyCode.T).release(KeyCode.T, KeyCode.CONTROL);
        robot.write("kept").press(KeyCode.ENTER).release(KeyCode.ENTER);
        waitUntil(() -> table(robot).getItems().stream()
                .anyMatch(s -> s.id() == second.id() && s.tags().equals(List.of("kept"))));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table(robot).getSelectionModel().getSelectedItems())
                .extracting(Seed::id)
                .containsExactly(second.id());
        assertThat(robot.lookup("#preview-title").queryAs(Label.class).getText())
                .isEqualTo(second.name());
        waitUntil(() -> preview(robot).startsWith(text.substring(0, Math.min(40, text.length()))));
        // The keys still go to the tags field: a second save works the same way.
        robot.write(", also").press(KeyCode.ENTER).release(KeyCode.ENTER);
        waitUntil(() -> WorkspaceRepositories.seeds(ui.workspace)
                .find(second.id())
                .orElseThrow()
                .tags()
                .equals(List.of("also", "kept")));
        waitUntil(() -> table(robot).getSelectionModel().getSelectedItems().size() == 1
                && table(robot).getSelectionModel().getSelectedItem().id() == second.id());
    }

    @Test
    void theTableShowsEachSeedsIdTheWayRunsNameSeeds(FxRobot robot) throws Exception {
        int all = WorkspaceRepositories.seeds(ui.workspace).count();
        waitUntil(() -> table(robot).getItems().size() == all);
        TableColumn<Seed, ?> first = table(robot).getColumns().get(0);
        assertThat(first.getText()).isEqualTo("Id");
        Seed seed = table(robot).getItems().get(2);
        assertThat(first.getCellData(seed)).isEqualTo(seed.id());
        assertThat(robot.lookup(".table-cell").queryAll().stream()
                        .filter(n -> n instanceof Labeled)
                        .map(n -> ((Labeled) n).getText())
                        .toList())
                .contains(String.valueOf(seed.id()));
    }

    @Test
    void aNameWithABidiOverrideShowsTheOverrideAsAMarkNotAFakeExtension(FxRobot robot) throws Exception {
        // "invoice\u202Etxt.md" would read as "invoicedm.txt": an .md file passing for a .txt one.
        String sneaky = "invoice\u202Etxt.md";
        WorkspaceRepositories.seeds(ui.workspace)
                .insertNew(List.of(NewSeed.of(sneaky, sneaky, SeedKind.MARKDOWN, "", List.of(), "some text")));
        // the curator searches for it (the search reads the store again)
        robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        robot.write("invoice");
        waitUntil(() -> table(robot).getItems().stream().anyMatch(s -> s.name().equals(sneaky)));
        Seed seed = table(robot).getItems().stream()
                .filter(s -> s.name().equals(sneaky))
                .findFirst()
                .orElseThrow();
        TableColumn<Seed, ?> name = table(robot).getColumns().stream()
                .filter(c -> c.getText().equals("Name"))
                .findFirst()
                .orElseThrow();
        assertThat(String.valueOf(name.getCellData(seed))).isEqualTo("invoice[U+202E]txt.md");
        fx(() -> table(robot).getSelectionModel().select(seed));
        waitUntil(() ->
                robot.lookup("#preview-title").queryAs(Labeled.class).getText().equals("invoice[U+202E]txt.md"));
    }

    private static String preview(FxRobot robot) {
        return robot.lookup("#text-preview").queryAs(TextArea.class).getText();
    }

    private static long countSampleFilesContaining(String... words) throws Exception {
        try (Stream<Path> files = Files.walk(Path.of("sample-seeds"))) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> {
                        try {
                            String text = (f.getFileName() + Files.readString(f)).toLowerCase(Locale.ROOT);
                            return Stream.of(words).allMatch(text::contains);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .count();
        }
    }

    /** Clicks a seed's row once the table has drawn it (the items arrive before the cells that show them). */
    private static void clickRow(FxRobot robot, String name) throws Exception {
        waitUntil(() -> robot.lookup(".table-cell")
                .match(LabeledMatchers.hasText(name))
                .tryQuery()
                .filter(Node::isVisible)
                .isPresent());
        robot.clickOn(
                robot.lookup(".table-cell").match(LabeledMatchers.hasText(name)).<Node>query());
    }
}
