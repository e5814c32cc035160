package io.arenainstruct.studio.domain.ratings;

import java.util.List;

/** Ranks as lmarena's leaderboard gives them, shared by the command and the Leaderboard. */
public final class Ranks {
    private Ranks() {}

    /**
     * One more than the models whose whole interval lies above this one's (so models whose intervals overlap share a
     * rank). Without intervals, one more than the models rated higher. Zero for a model without a rating.
     */
    public static int rank(List<ModelRating> ratings, ModelRating r) {
        if (!Double.isFinite(r.rating())) {
            return 0;
        }
        boolean intervals = Double.isFinite(r.ciHigh());
        int above = 0;
        for (ModelRating o : ratings) {
            if (o == r || !Double.isFinite(o.rating())) {
                continue;
            }
            boolean better = intervals && Double.isFinite(o.ciLow()) ? o.ciLow() > r.ciHigh() : o.rating() > r.rating();
            if (better) {
                above++;
            }
        }
        return above + 1;
    }
}
