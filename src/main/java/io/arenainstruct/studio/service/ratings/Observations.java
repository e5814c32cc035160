package io.arenainstruct.studio.service.ratings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rating observations of one source, in time order (the order added): each a game or a vote between model a and
 * model b with a's score (1 a won, ½ tie, 0 b won), how many times it counts (a strong verdict
 * {@code --strong-weight} times), its battle's category and the two answers' style counts when both texts are known.
 * Columns of primitives, so 100,000 battles are a few megabytes and the fit walks arrays, not objects.
 */
public final class Observations {
    private final List<String> models = new ArrayList<>();
    private final Map<String, Integer> modelIndex = new HashMap<>();
    private final List<String> categories = new ArrayList<>();
    private final Map<String, Integer> categoryIndex = new HashMap<>();

    private int size;
    private int[] a = new int[64];
    private int[] b = new int[64];
    private double[] score = new double[64];
    private int[] weight = new int[64];
    private int[] category = new int[64];
    private long[] battle = new long[64];
    /** Style counts of a then b, four each; null rows when a text is missing. */
    private int[][] style = new int[64][];

    /** Verdicts read but not counted: both-bad left out by the options. */
    private int bothBadLeftOut;

    /**
     * People's votes for an answer they edited first (edit-then-prefer): not counted, as the edited text is not what
     * the model answered.
     */
    private int editedLeftOut;

    /** The index of a model, added when new. */
    public int model(String name) {
        return modelIndex.computeIfAbsent(name, n -> {
            models.add(n);
            return models.size() - 1;
        });
    }

    /** The index of a category, added when new; -1 for none. */
    public int category(String name) {
        if (name == null) {
            return -1;
        }
        return categoryIndex.computeIfAbsent(name, n -> {
            categories.add(n);
            return categories.size() - 1;
        });
    }

    /**
     * Adds one observation after the ones before it in time.
     *
     * @param styleA a's answer's counts; null (with styleB) when either text is missing
     */
    public void add(
            int modelA,
            int modelB,
            double scoreA,
            int times,
            int categoryIndex,
            long battleId,
            StyleCounts styleA,
            StyleCounts styleB) {
        if (modelA == modelB || modelA < 0 || modelB < 0 || modelA >= models.size() || modelB >= models.size()) {
            throw new IllegalArgumentException("an observation needs two different known models");
        }
        if (scoreA != 0 && scoreA != 0.5 && scoreA != 1) {
            throw new IllegalArgumentException("a score is 0, 0.5 or 1, not " + scoreA);
        }
        if (times < 1) {
            throw new IllegalArgumentException("an observation counts at least once, not " + times);
        }
        if (size == a.length) {
            int n = size * 2;
            a = Arrays.copyOf(a, n);
            b = Arrays.copyOf(b, n);
            score = Arrays.copyOf(score, n);
            weight = Arrays.copyOf(weight, n);
            category = Arrays.copyOf(category, n);
            battle = Arrays.copyOf(battle, n);
            style = Arrays.copyOf(style, n);
        }
        a[size] = modelA;
        b[size] = modelB;
        score[size] = scoreA;
        weight[size] = times;
        category[size] = categoryIndex;
        battle[size] = battleId;
        style[size] = styleA == null || styleB == null
                ? null
                : new int[] {
                    styleA.tokens(), styleA.headers(), styleA.lists(), styleA.bold(),
                    styleB.tokens(), styleB.headers(), styleB.lists(), styleB.bold()
                };
        size++;
    }

    public int size() {
        return size;
    }

    public List<String> models() {
        return List.copyOf(models);
    }

    public List<String> categories() {
        return List.copyOf(categories);
    }

    public int a(int i) {
        return a[i];
    }

    public int b(int i) {
        return b[i];
    }

    public double score(int i) {
        return score[i];
    }

    public int weight(int i) {
        return weight[i];
    }

    /** The category index of observation i; -1 for none. */
    public int categoryOf(int i) {
        return category[i];
    }

    public long battle(int i) {
        return battle[i];
    }

    /** Whether both answers' style counts are known. */
    public boolean hasStyle(int i) {
        return style[i] != null;
    }

    /** Feature {@code f} (0 length … 3 bold, {@link StyleCounts#FEATURES}) of a's answer. */
    public int styleA(int i, int f) {
        return style[i][f];
    }

    public int styleB(int i, int f) {
        return style[i][4 + f];
    }

    public int bothBadLeftOut() {
        return bothBadLeftOut;
    }

    public void countBothBadLeftOut() {
        bothBadLeftOut++;
    }

    public int editedLeftOut() {
        return editedLeftOut;
    }

    public void countEditedLeftOut() {
        editedLeftOut++;
    }
}
