package io.arenainstruct.studio.ui.leaderboard;

import java.util.List;

import javafx.geometry.HPos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;

import io.arenainstruct.studio.domain.ratings.WinRates;
import io.arenainstruct.studio.ui.common.LongText;

/**
 * The win-rate matrix as a heatmap: row model against column model, each cell the row's share of the points
 * (observed, or as Bradley–Terry predicts it), coloured by one of eleven style classes (heat-0 … heat-10, a tenth
 * each), its counts and both percentages in a tooltip. Columns are numbered, the rows name the numbers, so twenty
 * models fit a narrow window.
 */
final class WinRateMatrix extends GridPane {
    WinRateMatrix() {
        getStyleClass().add("win-rate-matrix");
        setId("leaderboard-matrix");
    }

    void show(WinRates rates, boolean predicted) {
        getChildren().clear();
        List<String> models = rates.models();
        int n = models.size();
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
                add(cell(rates, i, j, predicted), j + 1, i + 1);
            }
        }
    }

    static Label cell(WinRates rates, int i, int j, boolean predicted) {
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
        cell.setTooltip(new Tooltip(tooltip(rates, i, j)));
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

    /** The cell's counts and both percentages in words. */
    static String tooltip(WinRates rates, int i, int j) {
        String a = LongText.visible(rates.models().get(i));
        String b = LongText.visible(rates.models().get(j));
        int games = rates.games()[i][j];
        StringBuilder s = new StringBuilder(a).append(" against ").append(b).append(": ");
        if (games == 0) {
            s.append("never compared");
        } else {
            int w = rates.wins()[i][j];
            int l = rates.wins()[j][i];
            int t = rates.ties(i, j);
            s.append(LeaderboardText.percent(rates.observed()[i][j]))
                    .append(" of the points in ")
                    .append(LeaderboardText.count(games, "observation"))
                    .append(" (W ")
                    .append(w)
                    .append(" ")
                    .append(LeaderboardText.percent((double) w / games))
                    .append(", L ")
                    .append(l)
                    .append(" ")
                    .append(LeaderboardText.percent((double) l / games))
                    .append(", T ")
                    .append(t)
                    .append(" ")
                    .append(LeaderboardText.percent((double) t / games))
                    .append(")");
        }
        double p = rates.predicted()[i][j];
        s.append("; Bradley–Terry predicts ")
                .append(Double.isFinite(p) ? LeaderboardText.percent(p) : "nothing (a model has no rating)");
        return s.toString();
    }
}
