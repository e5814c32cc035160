package io.arenainstruct.studio.domain.loop;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

import io.arenainstruct.studio.domain.TaxonomyNode;

/**
 * The parameters of the loop's proposals (decision 0016). A category's weight becomes
 * {@code weight × (1 + alpha · (loss rate − mean loss rate))}, kept within half and twice the weight (one step never
 * moves further) and within the weights a taxonomy takes, rounded to two decimals; only categories with at least
 * {@code minBattles} decided battles of the target move. A category is easy (more refinement rounds) when ties are at
 * least {@code easyTieShare} of its battles or every one of its battles is a strong win, and too hard (fewer rounds,
 * a review of its generator prompt) when both-bad is at least {@code bothBadShare} of them.
 */
public record LoopRules(double alpha, int minBattles, double easyTieShare, double bothBadShare) {
    public static final double DEFAULT_ALPHA = 1.0;
    public static final int DEFAULT_MIN_BATTLES = 20;
    public static final double DEFAULT_EASY_TIE_SHARE = 0.6;
    public static final double DEFAULT_BOTH_BAD_SHARE = 0.5;
    /** The most one step multiplies or divides a weight by. */
    public static final double MAX_STEP = 2.0;

    public static final double MAX_ALPHA = 100;

    public LoopRules {
        if (!Double.isFinite(alpha) || alpha <= 0 || alpha > MAX_ALPHA) {
            throw new IllegalArgumentException(
                    "Alpha is how far a weight follows the loss rate: a number above 0 and at most 100, got "
                            + number(alpha) + ".");
        }
        if (minBattles < 1) {
            throw new IllegalArgumentException(
                    "The minimum number of battles before a category moves is at least 1, got " + minBattles + ".");
        }
        share("The share of ties that makes a category easy", easyTieShare);
        share("The share of both-bad battles that makes a category too hard", bothBadShare);
        if (easyTieShare + bothBadShare <= 1) {
            // otherwise one category could be easy and too hard at once
            throw new IllegalArgumentException("The share of ties that makes a category easy and the share of both-bad"
                    + " battles that makes it too hard must add up to more than 1, got " + number(easyTieShare)
                    + " and " + number(bothBadShare) + ".");
        }
    }

    private static void share(String what, double value) {
        if (!Double.isFinite(value) || value <= 0 || value > 1) {
            throw new IllegalArgumentException(what + " is a number above 0 and at most 1, got " + number(value) + ".");
        }
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%s", v);
    }

    public static LoopRules defaults() {
        return new LoopRules(DEFAULT_ALPHA, DEFAULT_MIN_BATTLES, DEFAULT_EASY_TIE_SHARE, DEFAULT_BOTH_BAD_SHARE);
    }

    public LoopRules withAlpha(double newAlpha) {
        return new LoopRules(newAlpha, minBattles, easyTieShare, bothBadShare);
    }

    public LoopRules withMinBattles(int newMinBattles) {
        return new LoopRules(alpha, newMinBattles, easyTieShare, bothBadShare);
    }

    /**
     * The weight after one step: {@code weight × (1 + alpha · (lossRate − meanLossRate))}, clamped to
     * [weight / 2, weight × 2] and to the weights a taxonomy takes, rounded to two decimals (half up).
     */
    public double nextWeight(double weight, double lossRate, double meanLossRate) {
        double raw = weight * (1 + alpha * (lossRate - meanLossRate));
        double clamped = Math.max(weight / MAX_STEP, Math.min(weight * MAX_STEP, raw));
        clamped = Math.max(0, Math.min(TaxonomyNode.MAX_WEIGHT, clamped));
        return BigDecimal.valueOf(clamped).setScale(2, RoundingMode.HALF_UP).doubleValue();
    }

    /** Whether two weights are the same at the two decimals proposals show. */
    public static boolean sameWeight(double a, double b) {
        return BigDecimal.valueOf(a)
                        .setScale(2, RoundingMode.HALF_UP)
                        .compareTo(BigDecimal.valueOf(b).setScale(2, RoundingMode.HALF_UP))
                == 0;
    }
}
