package io.arenainstruct.studio.ui.loop;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polyline;

/**
 * One figure per iteration on a shared axis: a point per iteration of each series, joined by a line, with a whisker
 * across its interval where it has one; an iteration without the figure has no point (the line skips it). Nodes, not
 * a canvas, as in the Leaderboard's chart: the stylesheet colours it in either theme and a test finds each point.
 */
final class IterationChart extends Region {
    /** A series' figure in one iteration; NaN where there is none. {@code tip} is the point's tooltip. */
    record Point(double value, double low, double high, String tip) {
        static final Point NONE = new Point(Double.NaN, Double.NaN, Double.NaN, null);
    }

    /** A named series, one point per iteration in the chart's order. */
    record Series(String name, List<Point> points) {}

    private static final double LEFT = 52;
    private static final double RIGHT = 14;
    private static final double TOP = 30;
    private static final double LEGEND = 20;
    private static final double BOTTOM = 36;
    private static final int TICKS = 4;

    private final Label title;
    private final double fixedMin;
    private final double fixedMax;
    private final DoubleFunction<String> tickText;
    private final Line axis = new Line();
    private final Label axisTitle = new Label("Iteration");
    private final List<Line> grid = new ArrayList<>();
    private final List<Label> tickLabels = new ArrayList<>();
    private final List<Label> iterationLabels = new ArrayList<>();
    private final List<Polyline> lines = new ArrayList<>();
    private final List<List<Circle>> points = new ArrayList<>();
    private final List<List<Line>> whiskers = new ArrayList<>();
    private final List<Label> legend = new ArrayList<>();
    private final Label empty = new Label();
    private List<Series> series = List.of();
    private double min;
    private double max;

    /**
     * @param fixedMin the axis' lower end, or NaN to fit the figures (as {@code fixedMax})
     * @param tickText how the axis writes a value
     */
    IterationChart(String id, String titleText, double fixedMin, double fixedMax, DoubleFunction<String> tickText) {
        setId(id);
        getStyleClass().add("iteration-chart");
        this.title = new Label(titleText);
        title.getStyleClass().add("chart-title");
        this.fixedMin = fixedMin;
        this.fixedMax = fixedMax;
        this.tickText = tickText;
        axis.getStyleClass().add("chart-axis");
        axisTitle.getStyleClass().add("chart-axis-title");
        empty.getStyleClass().add("chart-empty");
        setPrefSize(340, 230);
        setMinSize(220, 170);
        show(List.of(), List.of(), "No iterations yet.");
    }

    /**
     * Draws {@code data} over the iterations numbered {@code numbers}; {@code emptyText} shows when no series has a
     * point.
     */
    void show(List<Integer> numbers, List<Series> data, String emptyText) {
        series = List.copyOf(data);
        getChildren().clear();
        grid.clear();
        tickLabels.clear();
        iterationLabels.clear();
        lines.clear();
        points.clear();
        whiskers.clear();
        legend.clear();
        range();
        getChildren().add(title);
        double step = niceStep((max - min) / TICKS);
        for (double t = Math.ceil(min / step - 1e-9) * step; t <= max + 1e-9; t += step) {
            Line g = new Line();
            g.getStyleClass().add("chart-grid");
            Label l = new Label(tickText.apply(t));
            l.getStyleClass().add("chart-tick-label");
            l.setUserData(t);
            grid.add(g);
            tickLabels.add(l);
        }
        getChildren().addAll(grid);
        getChildren().addAll(tickLabels);
        getChildren().addAll(axis, axisTitle);
        for (int n : numbers) {
            Label l = new Label(String.valueOf(n));
            l.getStyleClass().add("chart-tick-label");
            iterationLabels.add(l);
        }
        getChildren().addAll(iterationLabels);
        boolean any = false;
        for (int s = 0; s < series.size(); s++) {
            String seriesClass = "series-" + s;
            Polyline line = new Polyline();
            line.getStyleClass().addAll("chart-line", seriesClass);
            lines.add(line);
            getChildren().add(line);
            List<Circle> dots = new ArrayList<>();
            List<Line> bars = new ArrayList<>();
            for (Point p : series.get(s).points()) {
                Circle c = null;
                Line w = null;
                if (Double.isFinite(p.value())) {
                    any = true;
                    c = new Circle(4.5);
                    c.getStyleClass().addAll("chart-point", seriesClass);
                    if (p.tip() != null) {
                        Tooltip.install(c, new Tooltip(p.tip()));
                    }
                    if (Double.isFinite(p.low()) && Double.isFinite(p.high())) {
                        w = new Line();
                        w.getStyleClass().addAll("chart-whisker", seriesClass);
                        getChildren().add(w);
                    }
                }
                dots.add(c);
                bars.add(w);
            }
            dots.stream().filter(c -> c != null).forEach(getChildren()::add);
            points.add(dots);
            whiskers.add(bars);
            if (series.size() > 1) {
                Label key = new Label("● " + series.get(s).name());
                key.getStyleClass().addAll("chart-legend", seriesClass);
                legend.add(key);
            }
        }
        getChildren().addAll(legend);
        if (!any) {
            empty.setText(emptyText);
            getChildren().add(empty);
        }
        requestLayout();
    }

    /** The axis' ends: fixed where given, else the figures and their intervals with some room. */
    private void range() {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (Point p : s.points()) {
                for (double v : new double[] {p.value(), p.low(), p.high()}) {
                    if (Double.isFinite(v)) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
        }
        if (!Double.isFinite(lo)) {
            lo = 990;
            hi = 1010;
        }
        double span = Math.max(hi - lo, 20);
        double mid = (lo + hi) / 2;
        min = Double.isNaN(fixedMin) ? mid - span * 0.6 : fixedMin;
        max = Double.isNaN(fixedMax) ? mid + span * 0.6 : fixedMax;
    }

    private static double niceStep(double raw) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / magnitude;
        double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
        return nice * magnitude;
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        // a legend takes a row under the title
        double top = legend.isEmpty() ? TOP : TOP + LEGEND;
        double plotW = Math.max(10, w - LEFT - RIGHT);
        double plotH = Math.max(10, h - top - BOTTOM);
        place(title, 8, 4);
        double lx = 8;
        for (Label key : legend) {
            place(key, lx, 4 + LEGEND);
            lx += key.prefWidth(-1) + 12;
        }
        for (int i = 0; i < grid.size(); i++) {
            double y = y((double) tickLabels.get(i).getUserData(), top, plotH);
            Line g = grid.get(i);
            g.setStartX(LEFT);
            g.setEndX(LEFT + plotW);
            g.setStartY(y);
            g.setEndY(y);
            Label l = tickLabels.get(i);
            place(l, LEFT - 6 - l.prefWidth(-1), y - l.prefHeight(-1) / 2);
        }
        axis.setStartX(LEFT);
        axis.setEndX(LEFT + plotW);
        axis.setStartY(top + plotH);
        axis.setEndY(top + plotH);
        int n = iterationLabels.size();
        for (int i = 0; i < n; i++) {
            Label l = iterationLabels.get(i);
            place(l, x(i, n, plotW) - l.prefWidth(-1) / 2, top + plotH + 3);
        }
        place(axisTitle, LEFT + plotW / 2 - axisTitle.prefWidth(-1) / 2, h - axisTitle.prefHeight(-1) - 1);
        for (int s = 0; s < series.size(); s++) {
            List<Point> ps = series.get(s).points();
            List<Double> xy = new ArrayList<>();
            for (int i = 0; i < ps.size() && i < n; i++) {
                Point p = ps.get(i);
                Circle c = points.get(s).get(i);
                if (c == null) {
                    continue;
                }
                double x = x(i, n, plotW);
                double y = y(p.value(), top, plotH);
                c.setCenterX(x);
                c.setCenterY(y);
                xy.add(x);
                xy.add(y);
                Line wl = whiskers.get(s).get(i);
                if (wl != null) {
                    wl.setStartX(x);
                    wl.setEndX(x);
                    wl.setStartY(y(p.low(), top, plotH));
                    wl.setEndY(y(p.high(), top, plotH));
                }
            }
            lines.get(s).getPoints().setAll(xy);
        }
        if (getChildren().contains(empty)) {
            place(empty, LEFT + plotW / 2 - empty.prefWidth(-1) / 2, top + plotH / 2 - empty.prefHeight(-1) / 2);
        }
    }

    private static double x(int i, int n, double plotW) {
        return LEFT + (i + 0.5) * plotW / Math.max(1, n);
    }

    private double y(double v, double top, double plotH) {
        double clamped = Math.max(min, Math.min(max, v));
        return top + (max - clamped) / (max - min) * plotH;
    }

    private static void place(Node n, double x, double y) {
        n.resizeRelocate(Math.round(x), Math.round(y), n.prefWidth(-1), n.prefHeight(-1));
    }

    /** The points drawn, by series then iteration (null where none), for tests. */
    List<List<Circle>> points() {
        return points;
    }
}
