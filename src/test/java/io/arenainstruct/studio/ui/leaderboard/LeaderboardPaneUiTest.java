package io.arenainstruct.studio.ui.leaderboard;

import static io.arenainstruct.studio.ui.UiHarness.fx;
import static io.arenainstruct.studio.ui.UiHarness.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;

import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import io.arenainstruct.studio.domain.ratings.RatingOptions;
import io.arenainstruct.studio.domain.ratings.RatingSource;
import io.arenainstruct.studio.service.arena.VerdictChanges;
import io.arenainstruct.studio.service.task.BackgroundExecutor;
import io.arenainstruct.studio.ui.FakeDialogService;
import io.arenainstruct.studio.ui.LayoutProbe;
import io.arenainstruct.studio.ui.Theme;
import io.arenainstruct.studio.ui.leaderboard.LeaderboardFixture.FakeRatings;
import io.arenainstruct.studio.ui.leaderboard.LeaderboardViewModel.State;
import io.arenainstruct.studio.ui.task.FxTaskExecutor;
import io.arenainstruct.studio.ui.task.TaskMonitor;

/**
 * The Leaderboard's controls over the hand-worked {@link LeaderboardFixture}: the chart's rows, the table, the
 * heatmap's tooltips, the problem sentence in place of the chart, every switch by keys (pressed on the focused node,
 * the area's shortcuts handled as the shell handles them), and the saved PNG and CSV.
 */
@ExtendWith(ApplicationExtension.class)
class LeaderboardPaneUiTest {
    @TempDir
    Path tmp;

    private final FakeRatings ratings = new FakeRatings();
    private final VerdictChanges changes = new VerdictChanges();
    private final FakeDialogService dialogs = new FakeDialogService();
    private final BackgroundExecutor executor = new BackgroundExecutor("leaderboard-test");
    private LeaderboardViewModel model;
    private LeaderboardPane pane;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Theme.apply(false);
        model = new LeaderboardViewModel(
                ratings,
                changes,
                new FxTaskExecutor(executor.executor(), new TaskMonitor(executor.executor())),
                dialogs);
        model.zone(ZoneOffset.UTC);
        pane = new LeaderboardPane(model);
        // the area's room in the smallest window: 1024x700 less the sidebar, menu bar and status bar
        Scene scene = new Scene((Parent) pane.node(), 850, 640);
        Theme.style(scene);
        Map<KeyCombination, Runnable> keys = pane.shortcuts();
        scene.addEventHandler(
                KeyEvent.KEY_PRESSED,
                e -> keys.forEach((k, action) -> {
                    if (!e.isConsumed() && k.match(e)) {
                        action.run();
                        e.consume();
                    }
                }));
        stage.setScene(scene);
        stage.show();
        model.visit();
        pane.focus();
    }

    @AfterEach
    void tearDown() {
        fx(model::close);
        executor.close();
    }

    private static void press(FxRobot robot, KeyCode... keys) {
        robot.press(keys);
        for (int i = keys.length - 1; i >= 0; i--) {
            robot.release(keys[i]);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void ready() throws Exception {
        waitUntil(() -> model.state().get() == State.READY && !model.computing().get());
    }

    @Test
    void theChartHasARowPerModelWithItsIntervalFlagsMarkedAndTheModelWithoutARatingListedWithoutAPoint()
            throws Exception {
        ready();
        List<RatingsChart.Row> rows = pane.chart().rows();
        assertThat(rows).extracting(r -> r.name().getText()).containsExactly("alpha", "beta", "gam[U+202E]ma", "delta");
        assertThat(rows.get(0).value().getText()).isEqualTo("1,080");
        assertThat(rows.get(0).point().getStyleClass()).doesNotContain("flagged");
        assertThat(rows.get(1).point().getStyleClass()).contains("flagged");
        assertThat(rows.get(1).flag().getTooltip().getText()).isEqualTo("too few battles for a reliable interval");
        assertThat(rows.get(1).name().getTooltip().getText())
                .isEqualTo("beta: rating 1,000, 95% interval 960 – 1,040; 30 observations in 12 battles (12 won, 15"
                        + " lost, 3 tied). too few battles for a reliable interval");
        assertThat(rows.get(3).point()).isNull();
        assertThat(rows.get(3).missing().getText())
                .isEqualTo("no rating: not compared with the other models: no rating");
        // the whisker spans the interval on the shared axis: alpha's (60 wide) is 60/80 of beta's (80 wide)
        double alpha = rows.get(0).whisker().getEndX() - rows.get(0).whisker().getStartX();
        double beta = rows.get(1).whisker().getEndX() - rows.get(1).whisker().getStartX();
        assertThat(alpha / beta).isCloseTo(0.75, offset(1e-9));
        // points in rating order, left to right: delta has none
        assertThat(rows.get(0).point().getCenterX())
                .isGreaterThan(rows.get(1).point().getCenterX());
        assertThat(rows.get(1).point().getCenterX())
                .isGreaterThan(rows.get(2).point().getCenterX());
        assertThat(label("#leaderboard-summary"))
                .isEqualTo("70 observations from 55 battles (people, else judges) · computed 2026-12-07 03:30:05");
        assertThat(label("#leaderboard-problems"))
                .isEqualTo("delta was never compared with the other models. gam[U+202E]ma has few battles.");
    }

    @Test
    void theTableShowsRanksIntervalsAndFlags(FxRobot robot) throws Exception {
        ready();
        TableView<?> table = robot.lookup("#leaderboard-table").queryAs(TableView.class);
        assertThat(row(table, 0))
                .containsExactly("1", "alpha", "1,080", "1,050 – 1,110", "1,070", "40", "40", "15", "5", "");
        assertThat(row(table, 1))
                .containsExactly(
                        "2",
                        "beta",
                        "1,000",
                        "960 – 1,040",
                        "1,004",
                        "12",
                        "12",
                        "15",
                        "3",
                        "too few battles for a reliable interval");
        assertThat(row(table, 2))
                .containsExactly("2", "gam[U+202E]ma", "920", "890 – 965", "926", "30", "8", "20", "2", "");
        assertThat(row(table, 3))
                .containsExactly(
                        "—",
                        "delta",
                        "—",
                        "—",
                        "—",
                        "2",
                        "1",
                        "1",
                        "0",
                        "not compared with the other models: no rating");
    }

    @Test
    void theHeatmapShowsSharesWithCountsInTooltipsAndCtrlPSwitchesToThePredictedOnes(FxRobot robot) throws Exception {
        ready();
        Label ab = cell(robot, 0, 1);
        assertThat(ab.getText()).isEqualTo("70%");
        assertThat(ab.getStyleClass()).contains("heat-7");
        assertThat(ab.getTooltip().getText())
                .isEqualTo("alpha against beta: 70.0% of the points (a strong verdict counts 3 times); 20"
                        + " observations: W 13, L 5, T 2; Bradley–Terry predicts 61.3%");
        Label ba = cell(robot, 1, 0);
        assertThat(ba.getText()).isEqualTo("30%");
        assertThat(ba.getStyleClass()).contains("heat-3");
        assertThat(cell(robot, 0, 2).getText()).isEqualTo("80%");
        Label ad = cell(robot, 0, 3);
        assertThat(ad.getText()).isEqualTo("—");
        assertThat(ad.getStyleClass()).contains("heat-none");
        assertThat(ad.getTooltip().getText())
                .isEqualTo(
                        "alpha against delta: never compared; Bradley–Terry predicts nothing (a model has no rating)");
        assertThat(cell(robot, 2, 2).getStyleClass()).contains("heat-self");
        // mirrored cells get mirrored colours, halves rounded away from the middle
        assertThat(List.of(0.0, 0.25, 0.45, 0.5, 0.55, 0.75, 1.0, Double.NaN).stream()
                        .map(WinRateMatrix::heatClass))
                .containsExactly("heat-0", "heat-2", "heat-4", "heat-5", "heat-6", "heat-8", "heat-10", "heat-none");

        press(robot, KeyCode.CONTROL, KeyCode.P);
        assertThat(model.predicted().get()).isTrue();
        assertThat(pane.tabs().getSelectionModel().getSelectedItem().getId()).isEqualTo("leaderboard-tab-matrix");
        // 1 / (1 + 10^(-80/400)) = 0.6131; 1 / (1 + 10^(-160/400)) = 0.7153
        waitUntil(() -> cell(robot, 0, 1).getText().equals("61%"));
        assertThat(cell(robot, 0, 1).getStyleClass()).contains("heat-6");
        assertThat(cell(robot, 0, 2).getText()).isEqualTo("72%");
        assertThat(robot.lookup("#leaderboard-predicted")
                        .queryAs(CheckBox.class)
                        .isSelected())
                .isTrue();
        press(robot, KeyCode.CONTROL, KeyCode.P);
        waitUntil(() -> cell(robot, 0, 1).getText().equals("70%"));
    }

    /**
     * Tab reaches the matrix; the arrow keys move the highlighted cell and the line under the matrix says what its
     * tooltip says, for a curator without a mouse.
     */
    @Test
    void theMatrixIsReachedByTabAndItsCellsReadByTheArrowKeys(FxRobot robot) throws Exception {
        ready();
        waitUntil(() -> robot.lookup("#leaderboard-source").query().isFocused());
        press(robot, KeyCode.CONTROL, KeyCode.TAB);
        assertThat(pane.tabs().getSelectionModel().getSelectedItem().getId()).isEqualTo("leaderboard-tab-matrix");
        WinRateMatrix matrix = pane.matrix();
        for (int i = 0; i < 20 && !matrix.isFocused(); i++) {
            press(robot, KeyCode.TAB);
        }
        assertThat(matrix.isFocused()).as("Tab reaches the matrix").isTrue();
        Label caption = robot.lookup("#leaderboard-cell-caption").queryAs(Label.class);
        assertThat(caption.getText()).isEqualTo(cell(robot, 0, 1).getTooltip().getText());
        assertThat(cell(robot, 0, 1).getStyleClass()).contains(WinRateMatrix.HIGHLIGHTED);

        press(robot, KeyCode.RIGHT);
        assertThat(caption.getText())
                .isEqualTo("alpha against gam[U+202E]ma: 80.0% of the points (a strong verdict counts 3 times); 10"
                        + " observations: W 8, L 2, T 0; Bradley–Terry predicts 71.5%");
        assertThat(cell(robot, 0, 1).getStyleClass()).doesNotContain(WinRateMatrix.HIGHLIGHTED);
        assertThat(cell(robot, 0, 2).getStyleClass()).contains(WinRateMatrix.HIGHLIGHTED);
        press(robot, KeyCode.DOWN);
        assertThat(cell(robot, 1, 2).getStyleClass()).contains(WinRateMatrix.HIGHLIGHTED);
        assertThat(caption.getText()).startsWith("beta against gam[U+202E]ma: 60.0% of the points");
        // the arrows moved the cell, not the focus
        assertThat(matrix.isFocused()).isTrue();
        press(robot, KeyCode.LEFT);
        assertThat(caption.getText()).isEqualTo("beta against itself");
    }

    /**
     * A target chosen by keys that the next source has no verdicts of: the chart and the table still show, the
     * Target tab says why it has no rows, and the choice stays.
     */
    @Test
    void aTargetWithoutVerdictsUnderTheNewSourceKeepsTheChartAndTableAndTheTargetTabSaysWhy(FxRobot robot)
            throws Exception {
        ratings.answer = o -> o.source() == RatingSource.JUDGE
                ? LeaderboardFixture.without(LeaderboardFixture.board(o), "alpha")
                : LeaderboardFixture.board(o);
        ready();
        press(robot, KeyCode.CONTROL, KeyCode.T);
        ComboBox<?> target = robot.lookup("#leaderboard-target").queryAs(ComboBox.class);
        waitUntil(target::isFocused);
        press(robot, KeyCode.F4);
        waitUntil(target::isShowing);
        press(robot, KeyCode.DOWN);
        press(robot, KeyCode.ENTER);
        waitUntil(() -> "alpha".equals(last().target()));
        ready();
        Label why = robot.lookup("#leaderboard-target-message").queryAs(Label.class);
        assertThat(why.isVisible()).isFalse();

        press(robot, KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.J);
        waitUntil(() -> last().source() == RatingSource.JUDGE);
        ready();
        waitUntil(() -> model.leaderboard().get().options().source() == RatingSource.JUDGE);
        assertThat(pane.tabs().isVisible()).isTrue();
        assertThat(robot.lookup("#leaderboard-message").queryAs(Label.class).isVisible())
                .isFalse();
        assertThat(robot.lookup("#leaderboard-table").queryAs(TableView.class).getItems())
                .hasSize(3);
        assertThat(pane.chart().rows()).hasSize(3);
        assertThat(why.isVisible()).isTrue();
        assertThat(why.getText()).isEqualTo("alpha has no verdicts under this source or category.");
        assertThat(robot.lookup("#leaderboard-target-table")
                        .queryAs(TableView.class)
                        .getItems())
                .isEmpty();
        assertThat(target.getValue()).isEqualTo("alpha");
    }

    @Test
    void ctrlTabMovesBetweenTheTabsAlsoFromTheSwitchesAboveThem(FxRobot robot) throws Exception {
        ready();
        waitUntil(() -> robot.lookup("#leaderboard-source").query().isFocused());

        press(robot, KeyCode.CONTROL, KeyCode.TAB);
        assertThat(pane.tabs().getSelectionModel().getSelectedItem().getId()).isEqualTo("leaderboard-tab-matrix");
        press(robot, KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.TAB);
        press(robot, KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.TAB);
        assertThat(pane.tabs().getSelectionModel().getSelectedItem()).isSameAs(pane.styleTab());
        // inside the tabs the tab pane moves them itself, once
        robot.clickOn("#leaderboard-style-table");
        press(robot, KeyCode.CONTROL, KeyCode.TAB);
        assertThat(pane.tabs().getSelectionModel().getSelectedItem().getId()).isEqualTo("leaderboard-tab-ratings");
    }

    @Test
    void switchesByKeysChangeTheOptionsTheRatingsAreComputedWith(FxRobot robot) throws Exception {
        ready();
        press(robot, KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.J);
        waitUntil(() -> last().source() == RatingSource.JUDGE);
        press(robot, KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.H);
        waitUntil(() -> last().source() == RatingSource.HUMAN);
        press(robot, KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.L);
        waitUntil(() -> last().styleControl());
        ready();
        assertThat(robot.lookup("#leaderboard-style").queryAs(CheckBox.class).isSelected())
                .isTrue();
        assertThat(robot.lookup("#leaderboard-style-table")
                        .queryAs(TableView.class)
                        .getItems())
                .hasSize(2);

        // the source chooser has the focus when the pane shows: F4 opens it, Down from people to people-else-judges
        ComboBox<?> source = robot.lookup("#leaderboard-source").queryAs(ComboBox.class);
        fx(source::requestFocus);
        waitUntil(source::isFocused);
        press(robot, KeyCode.F4);
        waitUntil(source::isShowing);
        press(robot, KeyCode.DOWN);
        press(robot, KeyCode.ENTER);
        waitUntil(() -> last().source() == RatingSource.COMBINED);

        // Ctrl+F to the category chooser, F4, Down past "All categories" to Code
        press(robot, KeyCode.CONTROL, KeyCode.F);
        ComboBox<?> category = robot.lookup("#leaderboard-category").queryAs(ComboBox.class);
        waitUntil(category::isFocused);
        press(robot, KeyCode.F4);
        waitUntil(category::isShowing);
        press(robot, KeyCode.DOWN);
        press(robot, KeyCode.ENTER);
        waitUntil(() -> "Code".equals(last().category()));

        // Ctrl+T to the target chooser on its tab, Down to alpha
        press(robot, KeyCode.CONTROL, KeyCode.T);
        ComboBox<?> target = robot.lookup("#leaderboard-target").queryAs(ComboBox.class);
        waitUntil(target::isFocused);
        press(robot, KeyCode.F4);
        waitUntil(target::isShowing);
        press(robot, KeyCode.DOWN);
        press(robot, KeyCode.ENTER);
        waitUntil(() -> "alpha".equals(last().target()));
        ready();
        TableView<?> targets = robot.lookup("#leaderboard-target-table").queryAs(TableView.class);
        waitUntil(() -> targets.getItems().size() == 2);
        assertThat(row(targets, 1)).containsExactly("gam[U+202E]ma", "8", "2", "0", "80.0%");
        assertThat(last())
                .isEqualTo(RatingOptions.defaults()
                        .withStyleControl(true)
                        .withCategory("Code")
                        .withTarget("alpha"));

        // F5 computes again with the same options
        int before = ratings.asked.size();
        press(robot, KeyCode.F5);
        waitUntil(() -> ratings.asked.size() == before + 1);
    }

    @Test
    void nothingToRateShowsItsSentenceInsteadOfAnEmptyChartAndSavingIsOff(FxRobot robot) throws Exception {
        ready();
        press(robot, KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.I);
        waitUntil(() -> model.state().get() == State.PROBLEM);
        Label message = robot.lookup("#leaderboard-message").queryAs(Label.class);
        assertThat(message.isVisible()).isTrue();
        assertThat(message.getText()).isEqualTo("No imported verdicts: import battle files to rate them.");
        assertThat(pane.tabs().isVisible()).isFalse();
        assertThat(robot.lookup("#leaderboard-save").query().isDisabled()).isTrue();
        dialogs.saveFiles.add(tmp.resolve("never.png"));
        press(robot, KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.P);
        assertThat(Files.exists(tmp.resolve("never.png"))).isFalse();

        // a sentence naming a category (or model) shows its bidi controls as marks
        fx(() -> model.category().set("Co\u202Ede"));
        waitUntil(() -> message.getText()
                .equals("No imported verdicts in category Co[U+202E]de: import battle files to rate them."));

        fx(() -> model.category().set(null));
        press(robot, KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.C);
        ready();
        assertThat(message.isVisible()).isFalse();
        assertThat(pane.tabs().isVisible()).isTrue();
    }

    @Test
    void theChartAndTheMatrixAreSavedAsPngPicturesOfTheirSizeWithWhatTheyComeFromAndTheTableAsCsv(FxRobot robot)
            throws Exception {
        ready();
        String caption =
                "People, else judges · style control off · all categories · computed 2026-12-07 03:30:05" + " +00:00";
        assertThat(label("#leaderboard-chart-caption")).isEqualTo(caption);
        assertThat(label("#leaderboard-matrix-caption")).isEqualTo(caption);
        Path chartFile = tmp.resolve("chart.png");
        dialogs.saveFiles.add(chartFile);
        press(robot, KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.P);
        waitUntil(() -> Files.exists(chartFile));
        BufferedImage chart = ImageIO.read(chartFile.toFile());
        double[] size = new double[3];
        fx(() -> {
            size[0] = pane.chartPicture().getLayoutBounds().getWidth();
            size[1] = pane.chartPicture().getLayoutBounds().getHeight();
            size[2] = pane.chart().getHeight();
        });
        assertThat(chart.getWidth()).isEqualTo((int) Math.ceil(size[0]));
        assertThat(chart.getHeight()).isEqualTo((int) Math.ceil(size[1]));
        // four rows, the axis and its title: taller than the rows alone
        assertThat(chart.getHeight()).isGreaterThan((int) (4 * RatingsChart.ROW));
        assertThat(distinctColours(chart)).as("a picture, not a blank").isGreaterThan(10);
        // the caption's line is drawn under the chart: text, not an empty strip
        assertThat(distinctColours(chart, (int) Math.ceil(size[2])))
                .as("the caption under the chart")
                .isGreaterThan(2);

        Path matrixFile = tmp.resolve("matrix.png");
        dialogs.saveFiles.add(matrixFile);
        press(robot, KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.M);
        waitUntil(() -> Files.exists(matrixFile));
        BufferedImage matrix = ImageIO.read(matrixFile.toFile());
        fx(() -> {
            size[0] = pane.matrixPicture().getLayoutBounds().getWidth();
            size[1] = pane.matrixPicture().getLayoutBounds().getHeight();
            size[2] = pane.matrix().getHeight();
        });
        assertThat(matrix.getWidth()).isEqualTo((int) Math.ceil(size[0]));
        assertThat(matrix.getHeight()).isEqualTo((int) Math.ceil(size[1]));
        assertThat(distinctColours(matrix, (int) Math.ceil(size[2])))
                .as("the caption under the matrix")
                .isGreaterThan(2);
        // the alpha-beta cell (70%) is painted in heat-7's blue #92c5de somewhere
        assertThat(hasColour(matrix, 0x92c5de)).isTrue();

        Path csv = tmp.resolve("table.csv");
        dialogs.saveFiles.add(csv);
        press(robot, KeyCode.CONTROL, KeyCode.S);
        waitUntil(() -> Files.exists(csv));
        List<String> lines =
                List.of(Files.readString(csv, StandardCharsets.UTF_8).split("\r\n"));
        TableView<?> table = robot.lookup("#leaderboard-table").queryAs(TableView.class);
        assertThat(lines).hasSize(1 + table.getItems().size());
        for (int i = 0; i < table.getItems().size(); i++) {
            List<String> shown = row(table, i);
            String[] fields = lines.get(i + 1).split(",", -1);
            assertThat(fields[0]).isEqualTo(shown.get(0).equals("—") ? "" : shown.get(0));
            assertThat(fields[6]).isEqualTo(shown.get(5));
        }
        assertThat(lines.get(3)).startsWith("2," + LeaderboardFixture.GAMMA + ",920.00,890.00,965.00,");
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void nothingRunsOffTheSmallestWindowOnAnyTab(FxRobot robot) throws Exception {
        fx(() -> model.styleControl().set(true));
        fx(() -> model.target().set("alpha"));
        // the choosers follow the view model both ways
        waitUntil(() -> "alpha"
                .equals(robot.lookup("#leaderboard-target")
                        .queryAs(ComboBox.class)
                        .getValue()));
        waitUntil(() -> model.state().get() == State.READY
                && !model.computing().get()
                && model.leaderboard().get().options().target() != null);
        List<String> problems = new ArrayList<>();
        for (int t = 0; t < 5; t++) {
            int tab = t;
            fx(() -> pane.tabs().getSelectionModel().select(tab));
            WaitForAsyncUtils.waitForFxEvents();
            List<String> found = WaitForAsyncUtils.asyncFx(() -> LayoutProbe.problems(stage.getScene()))
                    .get();
            found.forEach(p -> problems.add(pane.tabs().getTabs().get(tab).getText() + ": " + p));
        }
        assertThat(problems).isEmpty();
    }

    private RatingOptions last() {
        return ratings.asked.get(ratings.asked.size() - 1);
    }

    private static String label(String id) {
        return new FxRobot().lookup(id).queryAs(Label.class).getText();
    }

    private static Label cell(FxRobot robot, int i, int j) {
        return robot.lookup("#heat-" + i + "-" + j).queryAs(Label.class);
    }

    private static List<String> row(TableView<?> table, int index) {
        List<String> out = new ArrayList<>();
        for (TableColumn<?, ?> c : table.getColumns()) {
            Object v = c.getCellObservableValue(index).getValue();
            out.add(v == null ? null : v.toString());
        }
        return out;
    }

    private static int distinctColours(BufferedImage image) {
        return distinctColours(image, 0);
    }

    /** Colours in the picture from row {@code top} down. */
    private static int distinctColours(BufferedImage image, int top) {
        Set<Integer> seen = new HashSet<>();
        for (int y = top; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                seen.add(image.getRGB(x, y));
            }
        }
        return seen.size();
    }

    private static boolean hasColour(BufferedImage image, int rgb) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    return true;
                }
            }
        }
        return false;
    }
}
