package io.arenainstruct.studio.service.ratings;

import java.util.Arrays;

/**
 * Online Elo in the order the observations were added, as FastChat's compute_online_elo: K = 4, scale 400, base 10,
 * every model starting at 1000; an observation that counts w times is applied w times.
 */
final class OnlineElo {
    static final double K = 4;
    static final double SCALE = 400;
    static final double BASE = 10;
    static final double INIT = 1000;

    private OnlineElo() {}

    /** Ratings by global model index (models never seen keep 1000). */
    static double[] compute(Observations obs, int[] rows, int models) {
        double[] rating = new double[models];
        Arrays.fill(rating, INIT);
        for (int r : rows) {
            int a = obs.a(r);
            int b = obs.b(r);
            double sa = obs.score(r);
            for (int t = 0; t < obs.weight(r); t++) {
                double ea = 1 / (1 + Math.pow(BASE, (rating[b] - rating[a]) / SCALE));
                double eb = 1 / (1 + Math.pow(BASE, (rating[a] - rating[b]) / SCALE));
                rating[a] += K * (sa - ea);
                rating[b] += K * (1 - sa - eb);
            }
        }
        return rating;
    }
}
