package io.arenainstruct.studio.ui.leaderboard;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Bounds;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import io.arenainstruct.studio.domain.ratings.CategoryWinRate;
import io.arenainstruct.studio.domain.ratings.Leaderboard;
import io.arenainstruct.studio.domain.ratings.ModelRating;
import io.arenainstruct.studio.domain.ratings.Ranks;
import io.arenainstruct.studio.domain.ratings.RatingSource;
import io.arenainstruct.studio.domain.ratings.StyleCoefficient;
import io.arenainstruct.studio.domain.ratings.TargetWinRate;
import io.arenainstruct.studio.ui.common.Controls;
import io.arenainstruct.studio.ui.common.Focus;
import io.arenainstruct.studio.ui.common.LongText;
import io.arenainstruct.studio.ui.leaderboard.LeaderboardViewModel.State;

/**
 * The Leaderboard's controls: the options (source, style control, category), the figures in tabs (the ratings as a
 * chart over the table, the win-rate matrix, the breakdown by category, the target model against each competitor,
 * the style coefficients), or in their place the sentence saying why there are none. The keys are in
 * {@link #shortcuts()} and in every control's tooltip.
 */
final class LeaderboardPane {
    static final String ALL_CATEGORIES = "All categories";
    static final String NO_TARGET = "No target";

    static final KeyCombination REFRESH = new KeyCodeCombination(KeyCode.F5);
    static final KeyCombination JUDGE = shortcutShift(KeyCode.J);
    static final KeyCombination HUMAN = shortcutShift(KeyCode.H);
    static final KeyCombination COMBINED = shortcutShift(KeyCode.C);
    static final KeyCombination IMPORTED = shortcutShift(KeyCode.I);
    static final KeyCombination STYLE = shortcutShift(KeyCode.L);
    static final KeyCombination PREDICTED = new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination CATEGORY = new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination TARGET = new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination SAVE_TABLE = new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination SAVE_CHART = shortcutShift(KeyCode.P);
    static final KeyCombination SAVE_MATRIX = shortcutShift(KeyCode.M);
    /** The tab pane moves on Ctrl+Tab itself only while it holds the focus; the switches above it are outside. */
    static final KeyCombination NEXT_TAB = new KeyCodeCombination(KeyCode.TAB, KeyCombination.CONTROL_DOWN);

    static final KeyCombination PREVIOUS_TAB =
            new KeyCodeCombination(KeyCode.TAB, KeyCombination.CONTROL_DOWN, KeyCombination.SHIFT_DOWN);

    private final LeaderboardViewModel model;
    private final BorderPane root = new BorderPane();
    private final ComboBox<RatingSource> source = new ComboBox<>();
    private final CheckBox style = new CheckBox("Style control");
    private final ComboBox<String> category = new ComboBox<>();
    private final ComboBox<String> target = new ComboBox<>();
    private final CheckBox predicted = new CheckBox("Predicted by Bradley–Terry");
    private final RatingsChart chart = new RatingsChart();
    private final WinRateMatrix matrix = new WinRateMatrix();
    private final TableView<ModelRating> table = new TableView<>();
    private final TableView<String> byCategory = new TableView<>();
    private final TableView<TargetWinRate> targetTable = new TableView<>();
    private final TableView<StyleCoefficient> styleTable = new TableView<>();
    private final TabPane tabs = new TabPane();
    private final Tab ratingsTab;
    private final Tab matrixTab;
    private final Tab categoryTab;
    private final Tab targetTab;
    private final Tab styleTab;
    private final Label message = new Label();
    private final Label summary = new Label();
    private final Label styleNote = new Label();
    private final Label problems = new Label();
    private final Label targetMessage = new Label();
    /** What the figures were computed from, under the chart and the matrix: part of their saved pictures. */
    private final Label chartCaption = new Label();

    private final Label matrixCaption = new Label();
    private final VBox chartPicture = picture(chart, chartCaption, "chart");
    private final VBox matrixPicture = picture(matrix, matrixCaption, "matrix");
    private final Label cellCaption = new Label();
    private final StringBinding shownMessage;

    LeaderboardPane(LeaderboardViewModel model) {
        this.model = model;
        // a problem's sentence may name a model or category: bidi controls shown as marks
        shownMessage = Bindings.createStringBinding(
                () -> LongText.visible(model.message().get()), model.message());
        root.setId("leaderboard-pane");
        root.getStyleClass().add("leaderboard-pane");
        summary.setId("leaderboard-summary");
        summary.getStyleClass().add("field-caption");
        summary.textProperty().bind(model.summary());
        summary.setWrapText(true);
        problems.setId("leaderboard-problems");
        problems.getStyleClass().add("leaderboard-problems");
        problems.setWrapText(true);
        VBox top = new VBox(toolbar(), summary, problems);
        VBox.setMargin(summary, new Insets(0, 8, 4, 8));
        VBox.setMargin(problems, new Insets(0, 8, 4, 8));
        root.setTop(top);

        tabs.setId("leaderboard-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        ratingsTab = tab("ratings", "Ratings", "The ratings with their 95% intervals, and the table", ratingsPane());
        matrixTab = tab(
                "matrix",
                "Win rates",
                "Each model against each other: its share of the points, observed or as Bradley–Terry predicts;"
                        + " Tab to the matrix, then the arrow keys read its cells",
                matrixPane());
        categoryTab =
                tab("categories", "By category", "Each model's share of the points in each category", categoryPane());
        targetTab = tab(
                "target",
                "Target",
                "One model's win rate against each competitor (Ctrl+T chooses the model)",
                targetPane());
        styleTab = tab(
                "style",
                "Style",
                "What length and Markdown formatting buy a verdict, with style control on (Ctrl+Shift+L)",
                stylePane());

        message.setId("leaderboard-message");
        message.getStyleClass().add("leaderboard-message");
        message.setWrapText(true);
        message.textProperty().bind(shownMessage);
        StackPane center = new StackPane(tabs, message);
        root.setCenter(center);
        model.state().addListener((obs, o, n) -> showState());
        model.leaderboard().addListener((obs, o, n) -> showBoard(n));
        model.predicted().addListener((obs, o, n) -> showMatrix());
        showState();
        if (model.leaderboard().get() != null) {
            showBoard(model.leaderboard().get());
        }
    }

    private static KeyCombination shortcutShift(KeyCode key) {
        return new KeyCodeCombination(key, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    }

    Node node() {
        return root;
    }

    private Tab tab(String id, String title, String tooltip, Node content) {
        Tab tab = new Tab(title, content);
        tab.setId("leaderboard-tab-" + id);
        tab.setTooltip(new Tooltip(tooltip + " (Ctrl+Tab: the next tab)"));
        tabs.getTabs().add(tab);
        return tab;
    }

    private Node toolbar() {
        source.setId("leaderboard-source");
        source.getItems().setAll(RatingSource.values());
        source.setConverter(new StringConverter<>() {
            @Override
            public String toString(RatingSource s) {
                return s == null ? "" : LeaderboardText.source(s);
            }

            @Override
            public RatingSource fromString(String text) {
                return null;
            }
        });
        source.valueProperty().bindBidirectional(model.source());
        source.setTooltip(new Tooltip("Which verdicts count: judges (Ctrl+Shift+J), people (Ctrl+Shift+H), people's"
                + " where a battle has any, else the judges' (Ctrl+Shift+C), or imported battle files (Ctrl+Shift+I)"));

        style.setId("leaderboard-style");
        style.selectedProperty().bindBidirectional(model.styleControl());
        style.setTooltip(new Tooltip("Separate a model's strength from what its answers' length, headers, lists and"
                + " bold buy it (Ctrl+Shift+L)"));

        category.setId("leaderboard-category");
        category.setTooltip(new Tooltip("Only the battles of this category (Ctrl+F; F4 opens the list)"));
        category.setPrefWidth(180);
        Controls.choicesWithNone(category, ALL_CATEGORIES, model.categories());
        category.valueProperty()
                .addListener((obs, o, n) -> model.category().set(n == null || ALL_CATEGORIES.equals(n) ? null : n));
        model.category().addListener((obs, o, n) -> category.setValue(n == null ? ALL_CATEGORIES : n));

        Button refresh =
                Controls.button("Compute again", "Compute the ratings again from the verdicts (F5)", model::refresh);
        refresh.setId("leaderboard-refresh");

        MenuButton save = new MenuButton("Save");
        save.setId("leaderboard-save");
        save.setTooltip(new Tooltip("Save the table as CSV (Ctrl+S), the chart (Ctrl+Shift+P) or the win-rate matrix"
                + " (Ctrl+Shift+M) as a PNG picture"));
        MenuItem saveTable = new MenuItem("Table as CSV…   Ctrl+S");
        saveTable.setId("leaderboard-save-table");
        saveTable.setOnAction(e -> model.saveTable());
        MenuItem saveChart = new MenuItem("Chart as PNG…   Ctrl+Shift+P");
        saveChart.setId("leaderboard-save-chart");
        saveChart.setOnAction(e -> saveChart());
        MenuItem saveMatrix = new MenuItem("Win-rate matrix as PNG…   Ctrl+Shift+M");
        saveMatrix.setId("leaderboard-save-matrix");
        saveMatrix.setOnAction(e -> saveMatrix());
        save.getItems().setAll(saveTable, saveChart, saveMatrix);
        save.disableProperty().bind(model.state().isNotEqualTo(State.READY));

        Label computing = new Label("Computing…");
        computing.setId("leaderboard-computing");
        computing.getStyleClass().add("field-caption");
        computing.setTooltip(new Tooltip("The figures shown stay until the new ones are ready. Changing the source,"
                + " style control or category stops this computation and starts that one."));
        computing.visibleProperty().bind(model.computing());
        computing.managedProperty().bind(model.computing());
        Label sourceLabel = new Label("Source");
        sourceLabel.setLabelFor(source);
        Label categoryLabel = new Label("Category");
        categoryLabel.setLabelFor(category);
        return Controls.toolbar(sourceLabel, source, style, categoryLabel, category, refresh, save, computing);
    }

    /** The figure over its caption, as one node to show and to save as a picture. */
    private static VBox picture(Node figure, Label caption, String id) {
        caption.setId("leaderboard-" + id + "-caption");
        caption.getStyleClass().add("picture-caption");
        caption.setMinWidth(Region.USE_PREF_SIZE);
        VBox box = new VBox(figure, caption);
        box.setId("leaderboard-" + id + "-picture");
        box.getStyleClass().add("leaderboard-picture");
        return box;
    }

    private Node ratingsPane() {
        ScrollPane chartScroll = new ScrollPane(chartPicture);
        chartScroll.setId("leaderboard-chart-scroll");
        chartScroll.setFitToWidth(true);
        table.setId("leaderboard-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        List<TableColumn<ModelRating, ?>> cols = table.getColumns();
        cols.add(column(
                "rank",
                "#",
                40,
                true,
                "Rank as lmarena gives it: one more than the models whose whole" + " interval lies above this one's",
                r -> {
                    int rank = Ranks.rank(table.getItems(), r);
                    return rank == 0 ? "—" : Integer.toString(rank);
                }));
        cols.add(column("model", "Model", 150, false, "The model", r -> LongText.visible(r.model())));
        cols.add(column(
                "rating",
                "Rating",
                88,
                true,
                "Bradley–Terry rating on the Elo scale (mean 1000)",
                r -> LeaderboardText.rating(r.rating())));
        cols.add(column(
                "interval",
                "95% interval",
                140,
                true,
                "Where the rating lies with 95% confidence",
                r -> LeaderboardText.interval(r.ciLow(), r.ciHigh())));
        cols.add(column(
                "elo",
                "Elo",
                60,
                true,
                "Online Elo (K = 4, in time order), for comparison",
                r -> LeaderboardText.rating(r.elo())));
        cols.add(column(
                "battles",
                "Battles",
                90,
                true,
                "Battles with at least one observation of the model",
                r -> String.format(Locale.ROOT, "%,d", r.battles())));
        cols.add(column("wins", "W", 40, true, "Observations won", r -> Integer.toString(r.wins())));
        cols.add(column("losses", "L", 40, true, "Observations lost", r -> Integer.toString(r.losses())));
        cols.add(column(
                "ties",
                "T",
                40,
                true,
                "Observations tied (both-bad counts as a tie unless left out)",
                r -> Integer.toString(r.ties())));
        cols.add(column("flags", "Flags", 120, false, "Why a figure needs a second look", LeaderboardText::flags));
        table.setPlaceholder(new Label("No ratings."));
        SplitPane split = new SplitPane(chartScroll, table);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.55);
        return split;
    }

    private Node matrixPane() {
        predicted.setId("leaderboard-predicted");
        predicted.selectedProperty().bindBidirectional(model.predicted());
        predicted.setTooltip(new Tooltip("Show the win rates the ratings predict instead of those observed (Ctrl+P)"));
        Label legend = new Label("Each cell: the row model's share of the points against the column model (a win"
                + " 1, a tie ½, a strong verdict counting " + model.options().strongWeight() + " times); W, L and T"
                + " count observations. Point at a cell for the counts, or Tab to the matrix and move with the"
                + " arrow keys; a column's number names its model.");
        legend.getStyleClass().add("field-caption");
        legend.setWrapText(true);
        matrix.setAccessibleText("Win-rate matrix: the arrow keys move between the cells");
        cellCaption.setId("leaderboard-cell-caption");
        cellCaption.getStyleClass().add("field-caption");
        cellCaption.setWrapText(true);
        cellCaption.textProperty().bind(matrix.highlightedText());
        ScrollPane scroll = new ScrollPane(matrixPicture);
        scroll.setId("leaderboard-matrix-scroll");
        matrix.highlightedText().addListener((obs, o, n) -> reveal(scroll, matrix.highlighted()));
        VBox box = new VBox(6, predicted, legend, scroll, cellCaption);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        box.setPadding(new Insets(8));
        return box;
    }

    private Node categoryPane() {
        byCategory.setId("leaderboard-categories");
        byCategory.setPlaceholder(new Label("No battle has a category."));
        Label legend = new Label("Each model's share of the points in each category "
                + LeaderboardText.strongWeight(model.options().strongWeight())
                + ", with the number of observations behind it in brackets.");
        legend.getStyleClass().add("field-caption");
        legend.setWrapText(true);
        VBox box = new VBox(6, legend, byCategory);
        VBox.setVgrow(byCategory, Priority.ALWAYS);
        box.setPadding(new Insets(8));
        return box;
    }

    private Node targetPane() {
        target.setId("leaderboard-target");
        target.setTooltip(new Tooltip("The model to compare with each competitor (Ctrl+T; F4 opens the list)"));
        target.setPrefWidth(220);
        Controls.choicesWithNone(target, NO_TARGET, model.models());
        target.valueProperty()
                .addListener((obs, o, n) -> model.target().set(n == null || NO_TARGET.equals(n) ? null : n));
        model.target().addListener((obs, o, n) -> target.setValue(n == null ? NO_TARGET : n));
        targetTable.setId("leaderboard-target-table");
        targetTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        targetTable.setPlaceholder(new Label("Choose a target model (Ctrl+T)."));
        List<TableColumn<TargetWinRate, ?>> cols = targetTable.getColumns();
        cols.add(column(
                "competitor",
                "Competitor",
                200,
                false,
                "The model the target met",
                t -> LongText.visible(t.competitor())));
        cols.add(
                column("target-wins", "Won", 60, true, "Observations the target won", t -> Integer.toString(t.wins())));
        cols.add(column(
                "target-losses", "Lost", 60, true, "Observations the target lost", t -> Integer.toString(t.losses())));
        cols.add(column("target-ties", "Tied", 60, true, "Observations tied", t -> Integer.toString(t.ties())));
        cols.add(column(
                "target-rate",
                "Win rate",
                80,
                true,
                "The target's share of the points (a tie ½) "
                        + LeaderboardText.strongWeight(model.options().strongWeight())
                        + "; won, lost and tied count observations",
                t -> LeaderboardText.percent(t.winRate())));
        Label label = new Label("Target");
        label.setLabelFor(target);
        HBox bar = new HBox(8, label, target);
        bar.setAlignment(Pos.CENTER_LEFT);
        // the target chosen has nothing under this source or category: said here, the other tabs keep their figures
        targetMessage.setId("leaderboard-target-message");
        targetMessage.getStyleClass().add("leaderboard-problems");
        targetMessage.setWrapText(true);
        targetMessage
                .textProperty()
                .bind(Bindings.createStringBinding(
                        () -> LongText.visible(model.targetMessage().get()), model.targetMessage()));
        targetMessage.visibleProperty().bind(model.targetMessage().isNotEmpty());
        targetMessage.managedProperty().bind(targetMessage.visibleProperty());
        VBox box = new VBox(6, bar, targetMessage, targetTable);
        VBox.setVgrow(targetTable, Priority.ALWAYS);
        box.setPadding(new Insets(8));
        return box;
    }

    private Node stylePane() {
        styleNote.setId("leaderboard-style-note");
        styleNote.getStyleClass().add("field-caption");
        styleNote.setWrapText(true);
        styleTable.setId("leaderboard-style-table");
        styleTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        styleTable.setPlaceholder(new Label("Style control is off: Ctrl+Shift+L turns it on."));
        List<TableColumn<StyleCoefficient, ?>> cols = styleTable.getColumns();
        cols.add(column(
                "feature",
                "Feature",
                120,
                false,
                "Length in tokens, Markdown headers, list items, bold spans",
                StyleCoefficient::feature));
        cols.add(column(
                "beta",
                "Coefficient",
                90,
                true,
                "Change in the log-odds of winning per standard deviation of"
                        + " the difference between the answers (positive: more of it wins verdicts)",
                s -> String.format(Locale.ROOT, "%+.3f", s.beta())));
        cols.add(column(
                "beta-interval",
                "95% interval",
                140,
                true,
                "Where the coefficient lies with 95% confidence",
                s -> Double.isFinite(s.ciLow()) && Double.isFinite(s.ciHigh())
                        ? String.format(Locale.ROOT, "%+.3f – %+.3f", s.ciLow(), s.ciHigh())
                        : "—"));
        VBox box = new VBox(6, styleNote, styleTable);
        VBox.setVgrow(styleTable, Priority.ALWAYS);
        box.setPadding(new Insets(8));
        return box;
    }

    private static <R> TableColumn<R, String> column(
            String id, String title, double width, boolean numeric, String explanation, Function<R, String> value) {
        TableColumn<R, String> col = new TableColumn<>();
        Label header = new Label(title);
        header.setTooltip(new Tooltip(explanation));
        col.setGraphic(header);
        col.setId("leaderboard-column-" + id);
        col.setPrefWidth(width);
        // figures keep their width (a heading cut to "Ra…" says nothing); names give way
        col.setMinWidth(numeric ? width : Math.min(width, 60));
        col.setSortable(false);
        col.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        if (numeric) {
            col.getStyleClass().add("numeric");
        }
        return col;
    }

    private void showState() {
        State s = model.state().get();
        tabs.setVisible(s == State.READY);
        message.setVisible(s != State.READY);
        Controls.styleIf(message, "problem", s == State.FAILED);
        if (s == State.LOADING) {
            message.textProperty().unbind();
            message.setText("Computing the ratings…");
        } else {
            message.textProperty().bind(shownMessage);
        }
    }

    private void showBoard(Leaderboard board) {
        if (board == null) {
            return;
        }
        chart.show(board);
        String caption = LeaderboardText.caption(board, model.zone());
        chartCaption.setText(caption);
        matrixCaption.setText(caption);
        table.getItems().setAll(board.ratings());
        showMatrix();
        showCategories(board);
        targetTable.getItems().setAll(board.target());
        styleTable.getItems().setAll(board.style());
        styleNote.setText(
                board.options().styleControl()
                        ? "Coefficients on the log-odds of winning, per standard deviation of each feature's difference"
                                + " between the two answers"
                                + (board.withoutText() > 0
                                        ? "; " + LeaderboardText.count(board.withoutText(), "observation")
                                                + " without answer text left out"
                                        : "")
                                + "."
                        : "Style control is off: Ctrl+Shift+L turns it on.");
        // the sentences name models and categories, which come from outside
        problems.setText(LongText.visible(String.join(" ", board.problems())));
        problems.setVisible(!board.problems().isEmpty());
        problems.setManaged(!board.problems().isEmpty());
    }

    private void showMatrix() {
        Leaderboard board = model.leaderboard().get();
        if (board != null) {
            matrix.show(
                    board.winRates(), model.predicted().get(), board.options().strongWeight());
        }
    }

    private void showCategories(Leaderboard board) {
        Map<String, Map<String, CategoryWinRate>> byModel = new LinkedHashMap<>();
        List<String> cats = new ArrayList<>();
        for (CategoryWinRate c : board.categories()) {
            byModel.computeIfAbsent(c.model(), m -> new HashMap<>()).put(c.category(), c);
            if (!cats.contains(c.category())) {
                cats.add(c.category());
            }
        }
        cats.sort(String::compareTo);
        // rows in the leaderboard's order, then any model only the categories know
        List<String> rows = new ArrayList<>();
        for (ModelRating r : board.ratings()) {
            if (byModel.containsKey(r.model())) {
                rows.add(r.model());
            }
        }
        byModel.keySet().stream().filter(m -> !rows.contains(m)).forEach(rows::add);
        byCategory.getColumns().clear();
        TableColumn<String, String> name =
                column("category-model", "Model", 170, false, "The model", LongText::visible);
        byCategory.getColumns().add(name);
        for (String c : cats) {
            TableColumn<String, String> col = column(
                    "category-" + c,
                    LongText.visible(c),
                    Math.max(80, c.length() * 8.0),
                    true,
                    "The model's share of the points in " + LongText.visible(c) + " "
                            + LeaderboardText.strongWeight(board.options().strongWeight())
                            + "; observations in brackets",
                    m -> {
                        CategoryWinRate w = byModel.get(m).get(c);
                        return w == null ? "—" : LeaderboardText.percent(w.winRate()) + " (" + w.observations() + ")";
                    });
            byCategory.getColumns().add(col);
        }
        byCategory.setItems(FXCollections.observableArrayList(rows));
    }

    private void saveChart() {
        tabs.getSelectionModel().select(ratingsTab);
        model.saveImage("chart", Pictures.of(chartPicture));
    }

    private void saveMatrix() {
        tabs.getSelectionModel().select(matrixTab);
        model.saveImage("matrix", Pictures.of(matrixPicture));
    }

    /** Focuses the source chooser once the area has finished showing. */
    void focus() {
        Platform.runLater(() -> Focus.whenShown(source));
    }

    Map<KeyCombination, Runnable> shortcuts() {
        Map<KeyCombination, Runnable> keys = new LinkedHashMap<>();
        keys.put(REFRESH, model::refresh);
        keys.put(JUDGE, () -> model.source().set(RatingSource.JUDGE));
        keys.put(HUMAN, () -> model.source().set(RatingSource.HUMAN));
        keys.put(COMBINED, () -> model.source().set(RatingSource.COMBINED));
        keys.put(IMPORTED, () -> model.source().set(RatingSource.IMPORTED));
        keys.put(STYLE, () -> model.styleControl().set(!model.styleControl().get()));
        keys.put(PREDICTED, () -> {
            tabs.getSelectionModel().select(matrixTab);
            model.predicted().set(!model.predicted().get());
        });
        keys.put(CATEGORY, () -> category.requestFocus());
        keys.put(TARGET, () -> {
            tabs.getSelectionModel().select(targetTab);
            target.requestFocus();
        });
        keys.put(SAVE_TABLE, model::saveTable);
        keys.put(NEXT_TAB, () -> moveTab(1));
        keys.put(PREVIOUS_TAB, () -> moveTab(-1));
        keys.put(SAVE_CHART, () -> {
            if (model.state().get() == State.READY) {
                saveChart();
            }
        });
        keys.put(SAVE_MATRIX, () -> {
            if (model.state().get() == State.READY) {
                saveMatrix();
            }
        });
        return keys;
    }

    /** Scrolls the highlighted cell into view (twenty models are wider than a small window). */
    private static void reveal(ScrollPane scroll, Node cell) {
        if (cell == null || scroll.getContent() == null) {
            return;
        }
        Bounds in = scroll.getContent().sceneToLocal(cell.localToScene(cell.getBoundsInLocal()));
        Bounds content = scroll.getContent().getLayoutBounds();
        Bounds view = scroll.getViewportBounds();
        if (in == null || view == null) {
            return;
        }
        double spareW = content.getWidth() - view.getWidth();
        double spareH = content.getHeight() - view.getHeight();
        if (spareW > 0) {
            double left = scroll.getHvalue() * spareW;
            if (in.getMinX() < left || in.getMaxX() > left + view.getWidth()) {
                scroll.setHvalue(Math.max(0, Math.min(1, (in.getCenterX() - view.getWidth() / 2) / spareW)));
            }
        }
        if (spareH > 0) {
            double top = scroll.getVvalue() * spareH;
            if (in.getMinY() < top || in.getMaxY() > top + view.getHeight()) {
                scroll.setVvalue(Math.max(0, Math.min(1, (in.getCenterY() - view.getHeight() / 2) / spareH)));
            }
        }
    }

    private void moveTab(int by) {
        int count = tabs.getTabs().size();
        tabs.getSelectionModel().select((tabs.getSelectionModel().getSelectedIndex() + by + count) % count);
    }

    // for tests
    RatingsChart chart() {
        return chart;
    }

    WinRateMatrix matrix() {
        return matrix;
    }

    Node chartPicture() {
        return chartPicture;
    }

    Node matrixPicture() {
        return matrixPicture;
    }

    TabPane tabs() {
        return tabs;
    }

    Tab styleTab() {
        return styleTab;
    }

    Tab categoryTab() {
        return categoryTab;
    }
}
