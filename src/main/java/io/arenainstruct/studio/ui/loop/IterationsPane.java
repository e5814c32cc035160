package io.arenainstruct.studio.ui.loop;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import io.arenainstruct.studio.domain.iteration.TargetFigures;
import io.arenainstruct.studio.ui.common.Controls;
import io.arenainstruct.studio.ui.loop.IterationChart.Point;
import io.arenainstruct.studio.ui.loop.IterationChart.Series;
import io.arenainstruct.studio.ui.loop.LoopViewModel.IterationRow;
import io.arenainstruct.studio.ui.loop.LoopViewModel.JudgeHuman;

/**
 * The Iterations dashboard: per iteration the target model's rating with its 95% interval, its win rate (overall and
 * in a chosen category) and the judges' agreement with people as charts; the same figures with the counts in a table;
 * and the win rate per category and iteration in a second table.
 */
final class IterationsPane {
    private static final DateTimeFormatter STARTED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneId.systemDefault());
    private static final String OVERALL_ONLY = "Overall only";
    private static final double ROW = 34;
    /** The header and a horizontal scroll bar. */
    private static final double HEAD = 72;

    private final LoopViewModel model;
    private final VBox root = new VBox(10);
    private final TextField note = new TextField();
    private final ComboBox<String> category = new ComboBox<>();
    private final IterationChart rating = new IterationChart(
            "loop-rating-chart",
            "Target rating, 95% interval",
            Double.NaN,
            Double.NaN,
            v -> String.format(Locale.ROOT, "%,.0f", v));
    private final IterationChart winRate =
            new IterationChart("loop-win-rate-chart", "Target win rate", 0, 1, IterationsPane::percent);
    private final IterationChart agreement =
            new IterationChart("loop-agreement-chart", "Judge–human agreement", 0, 1, IterationsPane::percent);
    private final TableView<IterationRow> table = new TableView<>();
    private final TableView<String> byCategory = new TableView<>();

    IterationsPane(LoopViewModel model, Runnable start, Runnable next) {
        this.model = model;
        root.getStyleClass().add("loop-iterations");

        Label message = new Label();
        message.setId("loop-dashboard-message");
        message.getStyleClass().add("inline-status");
        message.setWrapText(true);
        message.textProperty().bind(model.dashboardMessage());

        note.setId("loop-note");
        note.setPromptText("What the next iteration is for");
        note.setPrefColumnCount(24);
        note.textProperty().bindBidirectional(model.note());
        Label noteLabel = new Label("_Note:");
        noteLabel.setMnemonicParsing(true);
        noteLabel.setLabelFor(note);
        Button startButton = Controls.button(
                "Start iteration…",
                "Start the next iteration now (Ctrl+N): what is made from now on belongs to it",
                start);
        startButton.setId("loop-start");
        startButton.disableProperty().bind(model.busy());
        Button nextButton = Controls.button(
                "Next iteration…",
                "Make the next iteration in one step: run, answers, battles, judging, with the estimate first"
                        + " (Ctrl+Shift+N)",
                next);
        nextButton.setId("loop-next");

        category.setId("loop-category");
        category.setMinWidth(Region.USE_PREF_SIZE);
        category.setPromptText(OVERALL_ONLY);
        category.getItems().setAll(OVERALL_ONLY);
        model.categories().addListener((ListChangeListener<String>) c -> {
            List<String> items = new ArrayList<>();
            items.add(OVERALL_ONLY);
            items.addAll(model.categories());
            category.getItems().setAll(items);
            category.setValue(
                    model.category().get() == null
                            ? OVERALL_ONLY
                            : model.category().get());
        });
        category.valueProperty().addListener((obs, o, n) -> {
            model.category().set(n == null || OVERALL_ONLY.equals(n) ? null : n);
            draw();
        });
        Label categoryLabel = new Label("_Win rate in:");
        categoryLabel.setMnemonicParsing(true);
        categoryLabel.setLabelFor(category);

        // wraps onto a second row in a narrow window rather than cutting the category chooser
        FlowPane controls =
                new FlowPane(8, 6, nextButton, noteLabel, note, startButton, new Label("   "), categoryLabel, category);
        controls.getStyleClass().add("loop-controls");
        controls.setAlignment(Pos.CENTER_LEFT);
        controls.getChildren().stream().filter(n -> n instanceof Label).forEach(n -> Controls.whole((Label) n));

        HBox charts = new HBox(10, rating, winRate, agreement);
        charts.getStyleClass().add("loop-charts");
        for (Node c : charts.getChildren()) {
            HBox.setHgrow(c, Priority.ALWAYS);
        }

        buildTable();
        table.setId("loop-iterations");
        byCategory.setId("loop-category-table");
        fitRows(table);
        fitRows(byCategory);
        byCategory.setPlaceholder(new Label("No battles of the target with a category in any iteration."));
        table.setPlaceholder(new Label("No iterations."));
        Label perCategory = new Label("Target win rate per category and iteration (battles behind each figure)");
        perCategory.getStyleClass().add("section-title");
        Label perIteration = new Label("Per iteration");
        perIteration.getStyleClass().add("section-title");

        VBox content = new VBox(10, message, controls, charts, perIteration, table, perCategory, byCategory);
        content.getStyleClass().add("loop-dashboard");
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        root.getChildren().setAll(scroll);

        model.iterations().addListener((ListChangeListener<IterationRow>) c -> {
            table.getItems().setAll(model.iterations());
            categoryColumns();
            draw();
        });
        model.target().addListener((obs, o, n) -> draw());
    }

    /** As tall as its rows (up to ten, then it scrolls), so the page scrolls instead of the table's blank. */
    private static void fitRows(TableView<?> t) {
        t.setFixedCellSize(ROW);
        t.prefHeightProperty()
                .bind(Bindings.createDoubleBinding(
                        () -> HEAD + ROW * Math.max(1, Math.min(10, t.getItems().size())), t.getItems()));
        t.minHeightProperty().bind(t.prefHeightProperty());
    }

    Node node() {
        return root;
    }

    TableView<IterationRow> table() {
        return table;
    }

    TextField note() {
        return note;
    }

    private void buildTable() {
        table.getColumns()
                .setAll(List.of(
                        column("Iteration", 70, r -> String.valueOf(r.number())),
                        column(
                                "Started",
                                150,
                                r -> r.number() == 1
                                        ? "from the start"
                                        : STARTED.format(r.status().iteration().startedAt())),
                        column("Rating (95%)", 200, r -> rating(r.target())),
                        column("Win rate", 80, r -> percent(r.target().winRate())),
                        column(
                                "Won–lost–tied",
                                120,
                                r -> r.target().battles() == 0
                                        ? "–"
                                        : r.target().wins() + "–" + r.target().losses() + "–"
                                                + r.target().ties()),
                        column("Judge–human agreement", 170, r -> agreement(r.agreement())),
                        column(
                                "Battles",
                                65,
                                r -> String.valueOf(r.status().counts().battles())),
                        column(
                                "Human verdicts",
                                110,
                                r -> String.valueOf(r.status().counts().humanVerdicts())),
                        column(
                                "Instructions",
                                90,
                                r -> String.valueOf(r.status().counts().instructions())),
                        column(
                                "Runs",
                                55,
                                r -> String.valueOf(r.status().counts().runs())),
                        column(
                                "Note",
                                200,
                                r -> r.status().iteration().note() == null
                                        ? ""
                                        : r.status().iteration().note())));
        table.getColumns().forEach(c -> c.setSortable(false));
    }

    private static <S> TableColumn<S, String> column(String title, double width, Function<S, String> text) {
        TableColumn<S, String> c = new TableColumn<>(title);
        // never narrower than its title (about 9 px a character with the cell's padding)
        double whole = title.length() * 9 + 26;
        c.setMinWidth(whole);
        c.setPrefWidth(Math.max(width, whole));
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(text.apply(d.getValue())));
        return c;
    }

    /** One column per iteration: the target's win rate in each category there, with its battles. */
    private void categoryColumns() {
        List<IterationRow> rows = List.copyOf(model.iterations());
        List<TableColumn<String, String>> columns = new ArrayList<>();
        TableColumn<String, String> name = column("Category", 260, c -> c);
        name.setSortable(false);
        columns.add(name);
        TableColumn<String, String> skill = column("Skill", 190, model::skillOf);
        skill.setSortable(false);
        columns.add(skill);
        for (IterationRow row : rows) {
            TableColumn<String, String> c = column("Iteration " + row.number(), 120, cat -> {
                TargetFigures f = row.categories().get(cat);
                return f == null ? "–" : percent(f.winRate()) + " of " + f.battles();
            });
            c.setSortable(false);
            c.getStyleClass().add("numeric");
            columns.add(c);
        }
        byCategory.getColumns().setAll(columns);
        byCategory.getItems().setAll(model.categories());
    }

    private void draw() {
        List<IterationRow> rows = List.copyOf(model.iterations());
        List<Integer> numbers = rows.stream().map(IterationRow::number).toList();
        String t = model.target().get();
        String none = t == null ? "No target model." : "No rated battles of " + t + " yet.";
        rating.show(
                numbers,
                List.of(new Series(
                        t,
                        rows.stream()
                                .map(r -> {
                                    TargetFigures f = r.target();
                                    return Double.isFinite(f.rating())
                                            ? new Point(
                                                    f.rating(),
                                                    f.ciLow(),
                                                    f.ciHigh(),
                                                    "Iteration " + r.number() + ": " + rating(f) + " from "
                                                            + f.battles() + " battles")
                                            : Point.NONE;
                                })
                                .toList())),
                none);
        List<Series> rates = new ArrayList<>();
        rates.add(new Series(
                "overall",
                rows.stream()
                        .map(r -> winPoint(r.number(), r.target(), "overall"))
                        .toList()));
        String cat = model.category().get();
        if (cat != null) {
            rates.add(new Series(
                    cat,
                    rows.stream()
                            .map(r -> {
                                TargetFigures f = r.categories().get(cat);
                                return f == null ? Point.NONE : winPoint(r.number(), f, cat);
                            })
                            .toList()));
        }
        winRate.show(numbers, rates, none);
        agreement.show(
                numbers,
                List.of(new Series(
                        "agreement",
                        rows.stream()
                                .map(r -> r.agreement().share() == null
                                        ? Point.NONE
                                        : new Point(
                                                r.agreement().share(),
                                                Double.NaN,
                                                Double.NaN,
                                                "Iteration " + r.number() + ": " + agreement(r.agreement())))
                                .toList())),
                "No human verdicts yet.");
    }

    private static Point winPoint(int number, TargetFigures f, String where) {
        if (!Double.isFinite(f.winRate())) {
            return Point.NONE;
        }
        return new Point(
                f.winRate(),
                Double.NaN,
                Double.NaN,
                "Iteration " + number + ", " + where + ": "
                        + percent(f.winRate()) + " of " + f.battles() + " battles (" + f.wins() + " won, " + f.losses()
                        + " lost, " + f.ties() + " tied)");
    }

    static String rating(TargetFigures f) {
        if (!Double.isFinite(f.rating())) {
            return "–";
        }
        String r = String.format(Locale.ROOT, "%,.0f", f.rating());
        return Double.isFinite(f.ciLow()) ? r + String.format(Locale.ROOT, " (%,.0f–%,.0f)", f.ciLow(), f.ciHigh()) : r;
    }

    static String agreement(JudgeHuman a) {
        if (a.share() == null) {
            return a.humanBattles() == 0 ? "no human verdicts" : "no judge on those battles";
        }
        return percent(a.share()) + " of " + a.battles()
                + (a.judges() == 1 ? " (1 judge)" : " (" + a.judges() + " judges)");
    }

    static String percent(double v) {
        return Double.isFinite(v) ? Math.round(v * 100) + "%" : "–";
    }
}
