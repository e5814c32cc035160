package io.arenainstruct.studio.ui;

import static io.arenainstruct.studio.ui.UiHarness.fx;
import static io.arenainstruct.studio.ui.UiHarness.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import javax.imageio.ImageIO;

import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeView;
import javafx.scene.control.skin.TableHeaderRow;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import io.arenainstruct.studio.domain.Seed;
import io.arenainstruct.studio.domain.SeedFilter;
import io.arenainstruct.studio.domain.arena.BattleFilter;
import io.arenainstruct.studio.domain.arena.InstructionSelection;
import io.arenainstruct.studio.domain.flow.Agent;
import io.arenainstruct.studio.domain.flow.Prompt;
import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.llm.Provider;
import io.arenainstruct.studio.domain.run.RunConfig;
import io.arenainstruct.studio.domain.run.RunStatus;
import io.arenainstruct.studio.domain.run.SeedSelection;
import io.arenainstruct.studio.service.arena.PairingStrategy;
import io.arenainstruct.studio.service.llm.KeyResolver;
import io.arenainstruct.studio.service.workspace.WorkspaceRepositories;
import io.arenainstruct.studio.testserver.FakeModelServer;
import io.arenainstruct.studio.testserver.SchemaReplies;
import io.arenainstruct.studio.ui.arena.ArenaFixture;
import io.arenainstruct.studio.ui.shell.Area;

/**
 * Every area of the sample workspace (with a finished run, and an agent with four prompt versions) at the smallest
 * supported window (1024x700) and at 1400x900: no label, button, check box, radio button, tab, table heading or
 * combo box shows its text cut short with an ellipsis; every one of them and every text field lies inside the
 * window, or inside a scroll pane that scrolls to it, and is not clipped by a collapsed split pane; no text field
 * leaves less than two characters' room; no list shows fewer than three rows when it has them. At 1400x900 the
 * rows of lists and trees must be whole too (at 1024x700 they may scroll sideways) and text boxes show three lines.
 * A snapshot of each area is written to {@code target/layout/} for a person to look at.
 */
@ExtendWith(ApplicationExtension.class)
class LayoutTest {
    private static final List<String> SKILLS = List.of("text-modification", "reading-comprehension");
    /** Below this many pixels of room for text, a field cannot show a number or a short word. */
    private static final double MIN_TEXT_ROOM_EM = 2.0;

    private static final int MIN_TEXT_AREA_LINES = 3;
    private static final int MIN_LIST_ROWS = 3;

    @TempDir
    Path tmp;

    private FakeModelServer server;
    private UiHarness ui;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        server = FakeModelServer.start().replyWith(SchemaReplies.fill());
    }

    /** The sample workspace with a finished run, or (not {@code content}) a new store with nothing in it. */
    private void open(boolean content) {
        KeyResolver keys = new KeyResolver(tmp.resolve("home/secrets.properties"), new HashMap<String, String>()::get);
        ui = new UiHarness(tmp.resolve("store"), content, keys, EndpointsAreaTest.QUICK);
        if (!content) {
            fx(() -> ui.show(stage));
            return;
        }
        ui.workspace
                .endpoints()
                .save(Endpoint.of("local", Provider.OPENAI_COMPATIBLE, server.openAiBaseUrl(), "qwen2.5")
                        .withLimits(4, 0, 0)
                        .withTimeout(Duration.ofSeconds(10)));
        List<Long> seeds = WorkspaceRepositories.seeds(ui.workspace).list(new SeedFilter(null, null)).stream()
                .limit(2)
                .map(Seed::id)
                .toList();
        RunStatus ran = ui.workspace
                .runs()
                .start(RunConfig.of(SKILLS, SeedSelection.ids(seeds), "local").withPerSeed(1))
                .run();
        assertThat(ran).isEqualTo(RunStatus.COMPLETED);
        // The agent the Agents & Prompts check opens has a few versions, so its list has rows to show.
        Agent agent = ui.workspace
                .flows()
                .find("analytical-reasoning")
                .orElseThrow()
                .transformers()
                .get(1);
        for (int v = 2; v <= 4; v++) {
            ui.workspace
                    .flows()
                    .savePrompt(
                            "analytical-reasoning",
                            agent.id(),
                            new Prompt(
                                    agent.prompt().system() + "\nVersion " + v + ".",
                                    agent.prompt().user()),
                            "v" + v);
        }
        fx(() -> ui.show(stage));
    }

    @AfterEach
    void tearDown() {
        if (ui != null) {
            ui.close();
        }
        server.close();
    }

    @Test
    void everyAreaWorksInTheSmallestWindow(FxRobot robot) throws Exception {
        open(true);
        checkEveryArea(robot, 1024, 700, false, true);
    }

    @Test
    void everyAreaShowsItsLabelsWholeAt1400x900(FxRobot robot) throws Exception {
        open(true);
        checkEveryArea(robot, 1400, 900, true, true);
    }

    /** A new store: every list is empty and shows its note (no seeds, no endpoint, no run). */
    @Test
    void anEmptyStoreWorksInTheSmallestWindow(FxRobot robot) throws Exception {
        open(false);
        checkEveryArea(robot, 1024, 700, false, false);
    }

    /** With {@code whole}, a list or tree row whose text runs past the list's edge counts as cut short too. */
    private void checkEveryArea(FxRobot robot, int width, int height, boolean whole, boolean content) throws Exception {
        fx(() -> {
            stage.setWidth(width);
            stage.setHeight(height);
        });
        waitUntil(() -> stage.getScene().getWidth() == width && stage.getScene().getHeight() == height);
        Map<String, List<String>> problems = new LinkedHashMap<>();
        // -Dlayout.areas=seeds,runs checks only those (while working on one area); by default every area.
        List<String> only = List.of(System.getProperty("layout.areas", "").split(","));
        int checked = 0;
        for (Area area : Area.registered()) {
            if (!only.get(0).isEmpty() && !only.contains(area.id())) {
                continue;
            }
            checked++;
            RunsAreaTest.openWithShortcut(robot, area.id());
            waitUntil(() -> area.id().equals(ui.window.currentAreaId()));
            String name = width + "x" + height + (content ? "-" : "-empty-") + area.id();
            if (content) {
                prepare(robot, area.id());
            }
            WaitForAsyncUtils.waitForFxEvents();
            List<String> found = settledProblems(whole);
            snapshot(name);
            if (!found.isEmpty()) {
                problems.put(area.title(), found);
            }
            if (content && area.id().equals("arena")) {
                // The Datasets tab above (with an import's report); then Answers, the battles with one selected,
                // and Judge, in the order Ctrl+Tab takes them.
                fx(() -> robot.lookup("#dataset-table").query().requestFocus());
                robot.press(KeyCode.CONTROL, KeyCode.TAB).release(KeyCode.TAB, KeyCode.CONTROL);
                waitUntil(() -> robot.lookup("#answers-pane")
                        .tryQuery()
                        .map(Node::isVisible)
                        .orElse(false));
                List<String> answers = settledProblems(whole);
                snapshot(width + "x" + height + "-arena-answers");
                if (!answers.isEmpty()) {
                    problems.put(area.title() + " (Answers)", answers);
                }
                showBattles(robot);
                List<String> battles = new ArrayList<>(settledProblems(whole));
                TableView<?> table = robot.lookup("#battle-table").queryAs(TableView.class);
                double[] widths = new double[2];
                fx(() -> {
                    widths[0] = table.getVisibleLeafColumns().stream()
                            .mapToDouble(TableColumn::getWidth)
                            .sum();
                    widths[1] = table.getWidth();
                });
                if (widths[0] > widths[1]) {
                    battles.add("the battle table's columns (" + Math.round(widths[0]) + " px) run past its width ("
                            + Math.round(widths[1]) + " px): the verdicts scroll out of sight");
                }
                snapshot(width + "x" + height + "-arena-battles");
                if (!battles.isEmpty()) {
                    problems.put(area.title() + " (Battles, a battle selected)", battles);
                }
                fx(() -> robot.lookup("#battle-table").query().requestFocus());
                robot.press(KeyCode.CONTROL, KeyCode.TAB).release(KeyCode.TAB, KeyCode.CONTROL);
                waitUntil(() -> robot.lookup("#judge-pane")
                        .tryQuery()
                        .map(Node::isVisible)
                        .orElse(false));
                List<String> judge = settledProblems(whole);
                snapshot(width + "x" + height + "-arena-judge");
                if (!judge.isEmpty()) {
                    problems.put(area.title() + " (Judge)", judge);
                }
                // Adjudicate, with a name given so the battles show
                fx(() -> ui.context.preferences().annotator().set("Dana"));
                fx(() -> robot.lookup("#judge-pane").query().requestFocus());
                robot.press(KeyCode.CONTROL, KeyCode.TAB).release(KeyCode.TAB, KeyCode.CONTROL);
                waitUntil(() -> robot.lookup("#adjudicate-instruction")
                        .tryQuery()
                        .map(n -> n.isVisible() && !((TextArea) n).getText().isEmpty())
                        .orElse(false));
                List<String> adjudicate = settledProblems(whole);
                snapshot(width + "x" + height + "-arena-adjudicate");
                if (!adjudicate.isEmpty()) {
                    problems.put(area.title() + " (Adjudicate)", adjudicate);
                }
            }
            if (content && area.id().equals("runs")) {
                // The form above; now the finished run with its stages.
                selectFirst(robot, "#runs-list");
                waitUntil(
                        () -> robot.lookup("#run-title").queryAs(Labeled.class).isVisible());
                List<String> run = settledProblems(whole);
                snapshot(width + "x" + height + "-runs-selected");
                if (!run.isEmpty()) {
                    problems.put(area.title() + " (a run selected)", run);
                }
            }
        }
        assertThat(checked).as("areas checked").isPositive();
        assertThat(problems).as("layout problems at %dx%d", width, height).isEmpty();
    }

    /** Shows what a curator would look at: the first row of the area's main list selected, its details open. */
    private void prepare(FxRobot robot, String areaId) throws TimeoutException {
        switch (areaId) {
            case "seeds" -> selectFirst(robot, "#seed-table");
            case "taxonomy" -> {
                selectFirst(robot, "#skill-list");
                selectFirst(robot, "#taxonomy-tree");
                robot.type(KeyCode.DOWN);
            }
            case "endpoints" -> selectFirst(robot, "#endpoint-list");
            case "ledger" -> {
                waitUntil(() -> !robot.lookup("#ledger-table")
                        .queryAs(TableView.class)
                        .getItems()
                        .isEmpty());
                selectFirst(robot, "#ledger-table");
            }
            case "runs" ->
                waitUntil(() -> !robot.lookup("#runs-list")
                        .queryAs(ListView.class)
                        .getItems()
                        .isEmpty());
            case "instructions" -> {
                waitUntil(() -> !robot.lookup("#instructions-table")
                        .queryAs(TableView.class)
                        .getItems()
                        .isEmpty());
                selectFirst(robot, "#instructions-table");
            }
            case "prompts" -> {
                // The first skill's first agent, with the versions list open (Ctrl+Shift+H).
                selectFirst(robot, "#prompts-tree");
                robot.type(KeyCode.RIGHT, KeyCode.DOWN, KeyCode.RIGHT, KeyCode.DOWN);
                waitUntil(() -> robot.lookup("#prompt-history")
                                .queryAs(ListView.class)
                                .getItems()
                                .size()
                        == 4);
                robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.H)
                        .release(KeyCode.H, KeyCode.SHIFT, KeyCode.CONTROL);
                waitUntil(() ->
                        robot.lookup("#prompt-history").queryAs(ListView.class).isFocused());
                robot.type(KeyCode.HOME);
            }
            case "arena" -> {
                // The Arena-Hard sample imported by Ctrl+I, as a curator would, so the report shows too.
                ui.dialogs.files.add(ArenaFixture.sampleFiles());
                robot.press(KeyCode.CONTROL, KeyCode.I).release(KeyCode.I, KeyCode.CONTROL);
                waitUntil(() -> !robot.lookup("#dataset-table")
                        .queryAs(TableView.class)
                        .getItems()
                        .isEmpty());
                selectFirst(robot, "#dataset-table");
            }
            case "refinement" ->
                waitUntil(() -> !robot.lookup("#text-response").queryAll().isEmpty());
            default -> {}
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * Battles of the imported sample (made once), the Battles tab shown (from the Answers tab) and its first battle
     * selected.
     */
    private void showBattles(FxRobot robot) throws TimeoutException {
        if (ui.workspace.battles().count(BattleFilter.ALL) == 0) {
            ui.workspace
                    .battles()
                    .create(PairingStrategy.parse("baseline:gpt-4-0314"), InstructionSelection.all(), List.of());
        }
        fx(() -> robot.lookup("#answers-pane").query().requestFocus());
        robot.press(KeyCode.CONTROL, KeyCode.TAB).release(KeyCode.TAB, KeyCode.CONTROL);
        waitUntil(() -> robot.lookup("#battle-table")
                        .queryAs(TableView.class)
                        .getItems()
                        .size()
                == 40);
        selectFirst(robot, "#battle-table");
        waitUntil(() -> !robot.lookup("#battle-answer-a")
                .queryAs(TextArea.class)
                .getText()
                .isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void selectFirst(FxRobot robot, String query) throws TimeoutException {
        Control list = robot.lookup(query).queryAs(Control.class);
        fx(list::requestFocus);
        waitUntil(list::isFocused);
        robot.type(KeyCode.HOME);
        if (list instanceof TableView<?> t) {
            waitUntil(() -> t.getItems().isEmpty() || t.getSelectionModel().getSelectedIndex() >= 0);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The problems once background loading has settled (or the last ones found when it does not). */
    private List<String> settledProblems(boolean whole) throws Exception {
        List<List<String>> last = new ArrayList<>();
        last.add(List.of());
        try {
            WaitForAsyncUtils.waitFor(3, TimeUnit.SECONDS, () -> {
                List<String> now = WaitForAsyncUtils.asyncFx(() -> problems(stage.getScene(), whole))
                        .get(5, TimeUnit.SECONDS);
                last.set(0, now);
                return now.isEmpty();
            });
        } catch (TimeoutException e) {
            // reported below
        }
        return last.get(0);
    }

    static List<String> problems(Scene scene, boolean whole) {
        List<String> problems = new ArrayList<>();
        Bounds window = new BoundingBox(0, 0, scene.getWidth(), scene.getHeight());
        visit(scene.getRoot(), node -> check(node, window, whole, problems));
        return problems;
    }

    private static void check(Node node, Bounds window, boolean whole, List<String> problems) {
        // Table cells hold data, cut to the column on purpose; list and tree rows must be whole at the larger size.
        boolean row = node instanceof TableCell<?, ?> || !whole && inside(node, VirtualFlow.class);
        if (node instanceof Labeled l && !row) {
            String text = l.getText();
            String shown = shownText(l);
            if (text != null && !text.isBlank() && shown != null && !sameText(l, text, shown)) {
                problems.add("cut short: " + describe(l) + " shows \"" + shown + "\" of \"" + text + "\"");
            }
        }
        if (whole && node instanceof Labeled && inside(node, VirtualFlow.class) && !inside(node, TableView.class)) {
            String cut = cutByListEdge((Labeled) node);
            if (cut != null) {
                problems.add("cut short: " + describe(node) + " " + cut);
            }
        }
        if ((node instanceof Labeled || node instanceof TextField)
                && !inside(node, VirtualFlow.class)
                && !inside(node, TableHeaderRow.class)) {
            String out = outOfReach(node, window);
            if (out != null) {
                problems.add("out of reach: " + describe(node) + " " + out);
            }
        }
        if (node instanceof TextField f) {
            double room = f.getWidth() - f.snappedLeftInset() - f.snappedRightInset();
            if (room < MIN_TEXT_ROOM_EM * f.getFont().getSize()) {
                problems.add("too narrow: " + describe(f) + " leaves " + Math.round(room) + " px for text");
            }
        }
        if (whole && node instanceof TextArea a) {
            double lines = (a.getHeight() - a.snappedTopInset() - a.snappedBottomInset())
                    / (a.getFont().getSize() * 1.4);
            if (lines < MIN_TEXT_AREA_LINES - 0.25) {
                problems.add("too short: " + describe(a) + " shows " + String.format("%.1f", lines) + " lines");
            }
        }
        int rows = rowsShown(node);
        int items = itemCount(node);
        if (rows >= 0 && rows < Math.min(items, MIN_LIST_ROWS)) {
            problems.add("too short: " + describe(node) + " shows " + rows + " of " + items + " rows");
        }
    }

    private static boolean sameText(Labeled l, String text, String shown) {
        return shown.equals(text) || l.isMnemonicParsing() && shown.equals(text.replaceFirst("_", ""));
    }

    /** The text the skin draws (an ellipsis when the text did not fit), or null when it has no text node. */
    private static String shownText(Labeled l) {
        for (Node child : l.getChildrenUnmodifiable()) {
            if (child instanceof Text t && child.getClass().getSimpleName().equals("LabeledText")) {
                return t.getText();
            }
        }
        return null;
    }

    /**
     * Why the node cannot be seen whole: lying outside the window, or cut by a clipping ancestor that is not a
     * scroll pane able to scroll to it; null when it can be seen.
     */
    private static String outOfReach(Node node, Bounds window) {
        Bounds b = node.localToScene(node.getLayoutBounds());
        if (b.getWidth() <= 0 && b.getHeight() <= 0) {
            return null;
        }
        ScrollPane scroller = null;
        for (Parent p = node.getParent(); p != null; p = p.getParent()) {
            if (p instanceof ScrollPane s) {
                scroller = s;
                break;
            }
            // A scroll pane's viewport and a table's header row clip what their scroll bars reach.
            boolean scrolls = p.getParent() instanceof ScrollPane || p instanceof TableHeaderRow;
            if (p.getClip() != null && !scrolls) {
                Bounds clip = p.localToScene(p.getClip().getBoundsInParent());
                if (!contains(clip, b)) {
                    return "is cut off by " + describe(p);
                }
            }
        }
        if (scroller != null) {
            Bounds view = scroller.localToScene(scroller.getLayoutBounds());
            // (Fit to width or height still scrolls when the content's minimum size does not fit.)
            boolean horizontal = scroller.getHbarPolicy() != ScrollPane.ScrollBarPolicy.NEVER;
            boolean vertical = scroller.getVbarPolicy() != ScrollPane.ScrollBarPolicy.NEVER;
            boolean xOut = b.getMinX() < view.getMinX() - 1 || b.getMaxX() > view.getMaxX() + 1;
            boolean yOut = b.getMinY() < view.getMinY() - 1 || b.getMaxY() > view.getMaxY() + 1;
            if (xOut && !horizontal || yOut && !vertical) {
                return "lies outside " + describe(scroller) + ", which cannot scroll to it";
            }
            return outOfReach(scroller, window);
        }
        if (!contains(window, b)) {
            return "lies outside the window at " + round(b);
        }
        return null;
    }

    private static boolean contains(Bounds outer, Bounds inner) {
        return inner.getMinX() >= outer.getMinX() - 1
                && inner.getMinY() >= outer.getMinY() - 1
                && inner.getMaxX() <= outer.getMaxX() + 1
                && inner.getMaxY() <= outer.getMaxY() + 1;
    }

    private static boolean inside(Node node, Class<?> type) {
        for (Parent p = node.getParent(); p != null; p = p.getParent()) {
            if (type.isInstance(p)) {
                return true;
            }
        }
        return false;
    }

    /** Why a row's text cannot be read whole: it runs past the right edge of its list or tree. */
    private static String cutByListEdge(Labeled cell) {
        if (cell.getText() == null || cell.getText().isBlank()) {
            return null;
        }
        Node text = null;
        for (Node child : cell.getChildrenUnmodifiable()) {
            if (child.getClass().getSimpleName().equals("LabeledText")) {
                text = child;
            }
        }
        VirtualFlow<?> flow = null;
        for (Parent p = cell.getParent(); p != null && flow == null; p = p.getParent()) {
            if (p instanceof VirtualFlow<?> f) {
                flow = f;
            }
        }
        if (text == null || flow == null) {
            return null;
        }
        Bounds b = text.localToScene(text.getLayoutBounds());
        Bounds view = flow.localToScene(flow.getLayoutBounds());
        double room = view.getMaxX()
                - (flow.lookup(".scroll-bar:vertical") instanceof ScrollBar bar && bar.isVisible()
                        ? bar.getLayoutBounds().getWidth()
                        : 0);
        if (b.getMaxX() > room + 1 && b.getMinY() >= view.getMinY() && b.getMaxY() <= view.getMaxY()) {
            return "runs past the list's edge (" + Math.round(b.getMaxX() - room) + " px hidden)";
        }
        return null;
    }

    /** Whole rows a list, tree or table shows, or -1 for other nodes. */
    private static int rowsShown(Node node) {
        if (!(node instanceof ListView<?> || node instanceof TreeView<?> || node instanceof TableView<?>)) {
            return -1;
        }
        VirtualFlow<?> flow = (VirtualFlow<?>) ((Parent) node).lookup(".virtual-flow");
        if (flow == null || flow.getCellCount() == 0) {
            return -1;
        }
        double cell = flow.getCell(0).getHeight();
        return cell <= 0 ? -1 : (int) Math.floor((flow.getHeight() + 1) / cell);
    }

    private static int itemCount(Node node) {
        if (node instanceof ListView<?> l) {
            return l.getItems().size();
        }
        if (node instanceof TreeView<?> t) {
            return t.getExpandedItemCount();
        }
        if (node instanceof TableView<?> t) {
            return t.getItems().size();
        }
        return 0;
    }

    private static void visit(Node node, Consumer<Node> check) {
        if (!node.isVisible() || node.getOpacity() == 0) {
            return;
        }
        check.accept(node);
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                visit(child, check);
            }
        }
    }

    private static String describe(Node node) {
        StringBuilder s = new StringBuilder(node.getClass().getSimpleName());
        if (node.getId() != null) {
            s.append('#').append(node.getId());
        }
        if (node instanceof Labeled l && l.getText() != null) {
            s.append(" \"")
                    .append(l.getText().length() > 40 ? l.getText().substring(0, 40) + "…" : l.getText())
                    .append('"');
        }
        for (Parent p = node.getParent(); p != null && node.getId() == null; p = p.getParent()) {
            if (p.getId() != null) {
                s.append(" in #").append(p.getId());
                break;
            }
        }
        return s.toString();
    }

    private static String round(Bounds b) {
        return String.format("(%.0f,%.0f)-(%.0f,%.0f)", b.getMinX(), b.getMinY(), b.getMaxX(), b.getMaxY());
    }

    /** Writes the window as target/layout/NAME.png, to be looked at by a person. */
    private void snapshot(String name) {
        WritableImage[] image = new WritableImage[1];
        fx(() -> image[0] = stage.getScene().snapshot(null));
        int w = (int) image[0].getWidth();
        int h = (int) image[0].getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = image[0].getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        try {
            Path dir = Files.createDirectories(Path.of("target", "layout"));
            ImageIO.write(out, "png", dir.resolve(name + ".png").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
