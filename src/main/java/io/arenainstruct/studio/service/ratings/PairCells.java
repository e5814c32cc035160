package io.arenainstruct.studio.service.ratings;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Observations aggregated into cells of (unordered pair, outcome, weight) with their number of observations, so the
 * fit and each bootstrap round walk a few hundred cells, not every observation (FastChat's rating_systems.py
 * preprocess_for_bt keeps "the unique (matchup, outcome) sets along with the weights of how often they occur").
 * The weight stays in the key so that a bootstrap round can resample observations, each carrying its own weight.
 * Models are local indices 0..models-1; in each pair {@code lo < hi} and a cell's score is lo's (1, ½ or 0).
 */
final class PairCells {
    final int models;
    final int[] pairLo;
    final int[] pairHi;
    final int[] cellPair;
    final double[] cellScore;
    final int[] cellWeight;
    final int[] cellCount;
    /** The cell of each of the aggregated observations, in the order given (for resampling). */
    final int[] observationCell;

    private PairCells(
            int models,
            int[] pairLo,
            int[] pairHi,
            int[] cellPair,
            double[] cellScore,
            int[] cellWeight,
            int[] cellCount,
            int[] observationCell) {
        this.models = models;
        this.pairLo = pairLo;
        this.pairHi = pairHi;
        this.cellPair = cellPair;
        this.cellScore = cellScore;
        this.cellWeight = cellWeight;
        this.cellCount = cellCount;
        this.observationCell = observationCell;
    }

    /**
     * Aggregates {@code rows} of {@code obs}, whose models are mapped by {@code local} (global index to local index)
     * onto {@code models} local models.
     */
    static PairCells of(Observations obs, int[] rows, int[] local, int models) {
        int[] pairOf = new int[models * models];
        Arrays.fill(pairOf, -1);
        int[] lo = new int[16];
        int[] hi = new int[16];
        int pairs = 0;
        Map<Long, Integer> cellOf = new HashMap<>();
        int[] cPair = new int[16];
        double[] cScore = new double[16];
        int[] cWeight = new int[16];
        int[] cCount = new int[16];
        int cells = 0;
        int[] observationCell = new int[rows.length];
        for (int t = 0; t < rows.length; t++) {
            int r = rows[t];
            int a = local[obs.a(r)];
            int b = local[obs.b(r)];
            double s = obs.score(r);
            if (a > b) {
                int x = a;
                a = b;
                b = x;
                s = 1 - s;
            }
            int pair = pairOf[a * models + b];
            if (pair < 0) {
                if (pairs == lo.length) {
                    lo = Arrays.copyOf(lo, pairs * 2);
                    hi = Arrays.copyOf(hi, pairs * 2);
                }
                lo[pairs] = a;
                hi[pairs] = b;
                pair = pairs++;
                pairOf[a * models + b] = pair;
            }
            int outcome = s == 1 ? 0 : s == 0 ? 2 : 1;
            long key = ((long) (pair * 3 + outcome) << 32) | obs.weight(r);
            Integer cell = cellOf.get(key);
            if (cell == null) {
                if (cells == cPair.length) {
                    cPair = Arrays.copyOf(cPair, cells * 2);
                    cScore = Arrays.copyOf(cScore, cells * 2);
                    cWeight = Arrays.copyOf(cWeight, cells * 2);
                    cCount = Arrays.copyOf(cCount, cells * 2);
                }
                cPair[cells] = pair;
                cScore[cells] = s;
                cWeight[cells] = obs.weight(r);
                cell = cells++;
                cellOf.put(key, cell);
            }
            cCount[cell]++;
            observationCell[t] = cell;
        }
        return new PairCells(
                models,
                Arrays.copyOf(lo, pairs),
                Arrays.copyOf(hi, pairs),
                Arrays.copyOf(cPair, cells),
                Arrays.copyOf(cScore, cells),
                Arrays.copyOf(cWeight, cells),
                Arrays.copyOf(cCount, cells),
                observationCell);
    }

    int pairs() {
        return pairLo.length;
    }

    int cells() {
        return cellPair.length;
    }

    int observations() {
        return observationCell.length;
    }

    /** Per pair, the summed weight of its observations ([0]) and lo's weighted points ([1]), for cell counts. */
    double[][] totals(int[] counts) {
        double[] games = new double[pairs()];
        double[] points = new double[pairs()];
        for (int c = 0; c < cells(); c++) {
            double w = (double) counts[c] * cellWeight[c];
            games[cellPair[c]] += w;
            points[cellPair[c]] += w * cellScore[c];
        }
        return new double[][] {games, points};
    }

    /** {@code scored[i][j]}: i won or tied against j at least once in cells with a count. */
    boolean[][] scored(int[] counts) {
        boolean[][] scored = new boolean[models][models];
        for (int c = 0; c < cells(); c++) {
            if (counts[c] == 0) {
                continue;
            }
            int lo = pairLo[cellPair[c]];
            int hi = pairHi[cellPair[c]];
            if (cellScore[c] > 0) {
                scored[lo][hi] = true;
            }
            if (cellScore[c] < 1) {
                scored[hi][lo] = true;
            }
        }
        return scored;
    }
}
