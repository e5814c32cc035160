package io.arenainstruct.studio.ui.leaderboard;

import java.util.List;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.HPos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.GridPane;

import io.arenainstruct.studio.domain.ratings.WinRates;
import io.arenainstruct.studio.ui.common.LongText;

/**
 * The win-rate matrix as a heatmap: row model against column model, each cell the row's share of the points
 * (observed, or as Bradley–Terry predicts it), coloured by one of eleven style classes (heat-0 … heat-10, a tenth
 * each), its counts and both percentages in a tooltip. Columns are numbered, the rows name the numbers, so twenty
 * models fit a narrow window. Reachable by Tab: the arrow keys move a highlighted cell, whose tooltip's words
 * {@link #highlightedText()} gives for a caption (a tooltip needs a mouse).
 */
final class WinRateMatrix extends GridPane {
    static final String HIGHLIGHTED = "highlighted";

    private final ReadOnlyStringWrapper highlightedText = new ReadOnlyStringWrapper("");
    private Label[][] cells = new Label[0][0];
    private String[][] words = new String[0][0];
    private List<String> models = List.of();
    private int row;
    private int column = 1;

    WinRateMatrix() {
        getStyleClass().add("win-rate-matrix");
        setId("leaderboard-matrix");
        setFocusTraversable(true);
        addEventHandler(KeyEvent.KEY_PRESSED, this::key);
        focusedProperty().addListener((obs, o, n) -> highlight());
    }

    void show(WinRates rates, boolean predicted, int strongWeight) {
        getChildren().clear();
        models = rates.models();
        int n = models.size();
        cells = new Label[n][n];
        words = new String[n][n];
        Label corner = new Label(predicted ? "Predicted" : "Observed");
        corner.getStyleClass().add("heat-corner");
        corner.setMinWidth(USE_PREF_SIZE);
        add(corner, 0, 0);
        for (int j = 0; j < n; j++) {
            Label head = new Label(Integer.toString(j + 1));
            head.getStyleClass().add("heat-head");
            head.setMinWidth(USE_PREF_SIZE);
            head.setTooltip(new Tooltip(LongText.visible(models.get(j))));
            GridPane.setHalignment(head, HPos.CENTER);
            add(head, j + 1, 0);
        }
        for (int i = 0; i < n; i++) {
            Label name = new Label((i + 1) + "  " + LongText.visible(models.get(i)));
            name.getStyleClass().add("heat-row-name");
            name.setMinWidth(USE_PREF_SIZE);
            add(name, 0, i + 1);
            for (int j = 0; j < n; j++) {
                cells[i][j] = cell(rates, i, j, predicted, strongWeight);
                words[i][j] = i == j
                        ? LongText.visible(models.get(i)) + " against itself"
                        : tooltip(rates, i, j, strongWeight);
                add(cells[i][j], j + 1, i + 1);
            }
        }
        if (row >= n || column >= n) {
            row = 0;
            column = Math.min(1, n - 1);
        }
        highlight();
    }

    /** The arrow keys move the highlighted cell within the matrix. */
    private void key(KeyEvent e) {
        int n = cells.length;
        if (n == 0) {
            return;
        }
        switch (e.getCode()) {
            case UP -> row = Math.max(0, row - 1);
            case DOWN -> row = Math.min(n - 1, row + 1);
            case LEFT -> column = Math.max(0, column - 1);
            case RIGHT -> column = Math.min(n - 1, column + 1);
            case HOME -> column = 0;
            case END -> column = n - 1;
            default -> {
                return;
            }
        }
        e.consume();
        highlight();
    }

    /** Marks the highlighted cell while the matrix has the focus, and says its words. */
    private void highlight() {
        for (Label[] line : cells) {
            for (Label c : line) {
                c.getStyleClass().remove(HIGHLIGHTED);
            }
        }
        if (cells.length == 0) {
            highlightedText.set("");
        } else if (isFocused()) {
            cells[row][column].getStyleClass().add(HIGHLIGHTED);
            highlightedText.set(words[row][column]);
        } else {
            highlightedText.set("Tab to the matrix, then the arrow keys: the counts of the cell they reach show here.");
        }
    }

    /** The highlighted cell's words (its tooltip's), or how to reach the cells by keys. */
    ReadOnlyStringProperty highlightedText() {
        return highlightedText.getReadOnlyProperty();
    }

    /** The highlighted cell, for tests and for scrolling it into view. */
    Label highlighted() {
        return cells.length == 0 ? null : cells[row][column];
    }

    static Label cell(WinRates rates, int i, int j, boolean predicted, int strongWeight) {
        Label cell = new Label();
        cell.getStyleClass().add("heat-cell");
        cell.setId("heat-" + i + "-" + j);
        cell.setMinWidth(USE_PREF_SIZE);
        if (i == j) {
            cell.getStyleClass().add("heat-self");
            return cell;
        }
        double share = predicted ? rates.predicted()[i][j] : rates.observed()[i][j];
        cell.setText(Double.isFinite(share) ? Math.round(share * 100) + "%" : "—");
        cell.getStyleClass().add(heatClass(share));
        cell.setTooltip(new Tooltip(tooltip(rates, i, j, strongWeight)));
        return cell;
    }

    /**
     * heat-0 … heat-10 by the share's tenth, rounded away from one half so a cell and its mirror get mirrored
     * colours (75% heat-8, 25% heat-2); heat-none when it cannot be computed.
     */
    static String heatClass(double share) {
        if (!Double.isFinite(share)) {
            return "heat-none";
        }
        double off = Math.max(0, Math.min(1, share)) - 0.5;
        // (a hair added so 0.45 − 0.5, a little under 0.05 in binary, rounds as 0.55 − 0.5 does)
        return "heat-" + (5 + (int) Math.signum(off) * Math.round(Math.abs(off) * 10 + 1e-9));
    }

    /**
     * The cell's share and counts in words: the share weighs a strong verdict {@code strongWeight} times, the
     * counts count observations.
     */
    static String tooltip(WinRates rates, int i, int j, int strongWeight) {
        String a = LongText.visible(rates.models().get(i));
        String b = LongText.visible(rates.models().get(j));
        int games = rates.games()[i][j];
        StringBuilder s = new StringBuilder(a).append(" against ").append(b).append(": ");
        if (games == 0) {
            s.append("never compared");
        } else {
            s.append(LeaderboardText.share(rates.observed()[i][j], strongWeight))
                    .append("; ")
                    .append(LeaderboardText.count(games, "observation"))
                    .append(": W ")
                    .append(rates.wins()[i][j])
                    .append(", L ")
                    .append(rates.wins()[j][i])
                    .append(", T ")
                    .append(rates.ties(i, j));
        }
        double p = rates.predicted()[i][j];
        s.append("; Bradley–Terry predicts ")
                .append(Double.isFinite(p) ? LeaderboardText.percent(p) : "nothing (a model has no rating)");
        return s.toString();
    }
}
