package io.arenainstruct.studio.ui.leaderboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javafx.geometry.HPos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;

import io.arenainstruct.studio.domain.ratings.Leaderboard;
import io.arenainstruct.studio.domain.ratings.ModelRating;
import io.arenainstruct.studio.ui.common.LongText;

/**
 * The ratings as a forest plot: one row per model, best first, its rating a point on a shared axis with a whisker
 * across its 95% interval; a flagged model's point is marked and a flag beside its name carries the flags'
 * sentences; a model without a rating (not compared with the others) is listed without a point. Nodes, not a
 * canvas, so the stylesheet colours it in either theme and a test finds each row.
 */
final class RatingsChart extends Region {
    static final double ROW = 26;
    static final double AXIS = 30;
    static final double PAD = 10;
    private static final double PLOT_MIN = 240;
    private static final double GAP = 12;
    private static final int TICKS = 5;

    /** One model's nodes. */
    record Row(
            ModelRating rating,
            Label name,
            Line whisker,
            Line lowCap,
            Line highCap,
            Circle point,
            Label value,
            Label flag,
            Label missing) {}

    private final List<Row> rows = new ArrayList<>();
    private final List<Line> tickLines = new ArrayList<>();
    private final List<Label> tickLabels = new ArrayList<>();
    private final Line axis = new Line();
    private final Label axisTitle = new Label("Rating (Elo scale) with its 95% interval");
    private double min;
    private double max;

    RatingsChart() {
        getStyleClass().add("ratings-chart");
        setId("leaderboard-chart");
        axis.getStyleClass().add("chart-axis");
        axisTitle.getStyleClass().add("chart-axis-title");
    }

    void show(Leaderboard board) {
        rows.clear();
        tickLines.clear();
        tickLabels.clear();
        getChildren().clear();
        min = Double.POSITIVE_INFINITY;
        max = Double.NEGATIVE_INFINITY;
        for (ModelRating r : board.ratings()) {
            for (double v : new double[] {r.rating(), r.ciLow(), r.ciHigh()}) {
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (!Double.isFinite(min)) {
            min = 990;
            max = 1010;
        }
        double span = Math.max(max - min, 20);
        double mid = (min + max) / 2;
        min = mid - span * 0.55;
        max = mid + span * 0.55;
        for (ModelRating r : board.ratings()) {
            rows.add(row(r));
        }
        double step = niceStep((max - min) / TICKS);
        for (double t = Math.ceil(min / step) * step; t <= max; t += step) {
            Line tick = new Line();
            tick.getStyleClass().add("chart-grid");
            Label label = new Label(String.format(Locale.ROOT, "%,.0f", t));
            label.getStyleClass().add("chart-tick-label");
            label.setUserData(t);
            tickLines.add(tick);
            tickLabels.add(label);
        }
        getChildren().addAll(tickLines);
        getChildren().add(axis);
        getChildren().addAll(tickLabels);
        getChildren().add(axisTitle);
        for (Row row : rows) {
            for (Node n : new Node[] {
                row.name(),
                row.whisker(),
                row.lowCap(),
                row.highCap(),
                row.point(),
                row.value(),
                row.flag(),
                row.missing()
            }) {
                if (n != null) {
                    getChildren().add(n);
                }
            }
        }
        requestLayout();
    }

    private static Row row(ModelRating r) {
        String words = describe(r);
        Label name = new Label(LongText.visible(r.model()));
        name.getStyleClass().add("chart-name");
        name.setMinWidth(USE_PREF_SIZE);
        name.setTooltip(new Tooltip(words));
        Label flag = null;
        if (!r.flags().isEmpty()) {
            flag = new Label("⚑");
            flag.getStyleClass().add("chart-flag");
            flag.setTooltip(new Tooltip(LeaderboardText.flags(r)));
        }
        if (!Double.isFinite(r.rating())) {
            Label missing = new Label("no rating: " + LeaderboardText.flags(r));
            missing.getStyleClass().add("chart-missing");
            missing.setMinWidth(USE_PREF_SIZE);
            return new Row(r, name, null, null, null, null, null, flag, missing);
        }
        Line whisker = new Line();
        whisker.getStyleClass().add("chart-whisker");
        Line lowCap = new Line();
        lowCap.getStyleClass().add("chart-whisker");
        Line highCap = new Line();
        highCap.getStyleClass().add("chart-whisker");
        boolean hasInterval = Double.isFinite(r.ciLow()) && Double.isFinite(r.ciHigh());
        whisker.setVisible(hasInterval);
        lowCap.setVisible(hasInterval);
        highCap.setVisible(hasInterval);
        Circle point = new Circle(5);
        point.getStyleClass().add("chart-point");
        if (!r.flags().isEmpty()) {
            point.getStyleClass().add("flagged");
        }
        Tooltip.install(point, new Tooltip(words));
        Label value = new Label(LeaderboardText.rating(r.rating()));
        value.getStyleClass().add("chart-value");
        value.setMinWidth(USE_PREF_SIZE);
        return new Row(r, name, whisker, lowCap, highCap, point, value, flag, null);
    }

    /** A model's figures in a sentence, for the tooltips of its name and point. */
    static String describe(ModelRating r) {
        StringBuilder s = new StringBuilder(LongText.visible(r.model())).append(": ");
        if (Double.isFinite(r.rating())) {
            s.append("rating ").append(LeaderboardText.rating(r.rating()));
            s.append(", 95% interval ").append(LeaderboardText.interval(r.ciLow(), r.ciHigh()));
        } else {
            s.append("no rating");
        }
        s.append("; ")
                .append(LeaderboardText.count(r.observations(), "observation"))
                .append(" in ")
                .append(LeaderboardText.count(r.battles(), "battle"))
                .append(" (")
                .append(r.wins())
                .append(" won, ")
                .append(r.losses())
                .append(" lost, ")
                .append(r.ties())
                .append(" tied)");
        if (!r.flags().isEmpty()) {
            s.append(". ").append(LeaderboardText.flags(r));
        }
        return s.toString();
    }

    /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
    static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= raw) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private double nameWidth() {
        double w = 0;
        for (Row r : rows) {
            w = Math.max(
                    w, r.name().prefWidth(-1) + (r.flag() == null ? 0 : r.flag().prefWidth(-1) + 4));
        }
        return w;
    }

    private double valueWidth() {
        double w = 0;
        for (Row r : rows) {
            if (r.value() != null) {
                w = Math.max(w, r.value().prefWidth(-1));
            }
        }
        return w;
    }

    @Override
    protected double computePrefWidth(double height) {
        return snappedLeftInset() + PAD + nameWidth() + GAP + PLOT_MIN + GAP + valueWidth() + PAD + snappedRightInset();
    }

    @Override
    protected double computeMinWidth(double height) {
        return computePrefWidth(height);
    }

    @Override
    protected double computePrefHeight(double width) {
        return snappedTopInset()
                + PAD
                + rows.size() * ROW
                + AXIS
                + axisTitle.prefHeight(-1)
                + PAD
                + snappedBottomInset();
    }

    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width);
    }

    /** Where a rating lies on the plot, between x0 and x1. */
    private double x(double v, double x0, double x1) {
        return x0 + (v - min) / (max - min) * (x1 - x0);
    }

    @Override
    protected void layoutChildren() {
        double left = snappedLeftInset() + PAD;
        double top = snappedTopInset() + PAD;
        double nameW = nameWidth();
        double valueW = valueWidth();
        double x0 = left + nameW + GAP;
        double x1 = getWidth() - snappedRightInset() - PAD - valueW - GAP;
        double plotBottom = top + rows.size() * ROW;
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            double y = top + i * ROW;
            double cy = y + ROW / 2;
            double nw = row.name().prefWidth(-1);
            layoutInArea(row.name(), left, y, nw, ROW, 0, HPos.LEFT, VPos.CENTER);
            if (row.flag() != null) {
                layoutInArea(row.flag(), left + nw + 4, y, row.flag().prefWidth(-1), ROW, 0, HPos.LEFT, VPos.CENTER);
            }
            if (row.missing() != null) {
                layoutInArea(
                        row.missing(),
                        x0,
                        y,
                        Math.max(row.missing().prefWidth(-1), x1 - x0),
                        ROW,
                        0,
                        HPos.LEFT,
                        VPos.CENTER);
                continue;
            }
            ModelRating r = row.rating();
            if (row.whisker().isVisible()) {
                double lx = x(r.ciLow(), x0, x1);
                double hx = x(r.ciHigh(), x0, x1);
                set(row.whisker(), lx, cy, hx, cy);
                set(row.lowCap(), lx, cy - 5, lx, cy + 5);
                set(row.highCap(), hx, cy - 5, hx, cy + 5);
            }
            row.point().setCenterX(x(r.rating(), x0, x1));
            row.point().setCenterY(cy);
            layoutInArea(row.value(), x1 + GAP, y, valueW, ROW, 0, HPos.RIGHT, VPos.CENTER);
        }
        set(axis, x0, plotBottom, x1, plotBottom);
        for (int i = 0; i < tickLines.size(); i++) {
            double t = (double) tickLabels.get(i).getUserData();
            double tx = x(t, x0, x1);
            set(tickLines.get(i), tx, top, tx, plotBottom + 4);
            Label l = tickLabels.get(i);
            double w = l.prefWidth(-1);
            layoutInArea(l, tx - w / 2, plotBottom + 4, w, AXIS - 4, 0, HPos.CENTER, VPos.TOP);
        }
        double tw = axisTitle.prefWidth(-1);
        layoutInArea(
                axisTitle,
                Math.max(left, (x0 + x1) / 2 - tw / 2),
                plotBottom + AXIS,
                tw,
                axisTitle.prefHeight(-1),
                0,
                HPos.LEFT,
                VPos.TOP);
    }

    private static void set(Line l, double sx, double sy, double ex, double ey) {
        l.setStartX(sx);
        l.setStartY(sy);
        l.setEndX(ex);
        l.setEndY(ey);
    }

    /** The rows, for tests. */
    List<Row> rows() {
        return List.copyOf(rows);
    }
}
