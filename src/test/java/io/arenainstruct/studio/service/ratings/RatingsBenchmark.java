package io.arenainstruct.studio.service.ratings;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import io.arenainstruct.studio.domain.ratings.CiMethod;
import io.arenainstruct.studio.domain.ratings.Leaderboard;
import io.arenainstruct.studio.domain.ratings.RatingOptions;

/**
 * Issue 12's ratings benchmark (not a test): 100,000 simulated battles among 20 models, every answer with style
 * counts, one in ten a strong verdict of weight 3, 20% ties; 100 bootstrap rounds, plain and with style control,
 * and the sandwich. Prints the median of five runs after two warm-up runs, and the heap's peak during them.
 */
public final class RatingsBenchmark {
    private static final int BATTLES = Integer.getInteger("bench.ratingsBattles", 100_000);
    private static final int MODELS = 20;

    private RatingsBenchmark() {}

    public static void run(Consumer<String> report) {
        Observations obs = simulate();
        RatingOptions d = RatingOptions.defaults();
        report.accept(String.format(
                Locale.ROOT,
                "ratings: %,d battles among %d models, %d bootstrap rounds",
                BATTLES,
                MODELS,
                d.bootstrap()));
        time(report, "plain Bradley–Terry, bootstrap", obs, d, 2, 5);
        time(report, "plain Bradley–Terry, sandwich", obs, withCi(d, CiMethod.SANDWICH, false), 2, 5);
        time(report, "style control, bootstrap", obs, d.withStyleControl(true), 1, 3);
        time(report, "style control, sandwich", obs, withCi(d, CiMethod.SANDWICH, true), 1, 3);
    }

    private static RatingOptions withCi(RatingOptions d, CiMethod ci, boolean style) {
        return new RatingOptions(
                d.source(),
                d.strongWeight(),
                d.bothBadAsTie(),
                d.bootstrap(),
                d.seed(),
                ci,
                style,
                d.styleLambda(),
                null,
                null,
                null);
    }

    private static void time(
            Consumer<String> report, String what, Observations obs, RatingOptions options, int warmUp, int runs) {
        for (int i = 0; i < warmUp; i++) {
            RatingsCalculator.compute(obs, options, Instant.EPOCH);
        }
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        List<Double> seconds = new ArrayList<>();
        Leaderboard board = null;
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            board = RatingsCalculator.compute(obs, options, Instant.EPOCH);
            seconds.add((System.nanoTime() - t0) / 1e9);
        }
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        List<Double> sorted = seconds.stream().sorted().toList();
        report.accept(String.format(
                Locale.ROOT,
                "  %s: median %.3f s of %d runs (%s s), heap peak %d MB; top %s %.1f",
                what,
                sorted.get(sorted.size() / 2),
                runs,
                String.join(
                        ", ",
                        seconds.stream()
                                .map(s -> String.format(Locale.ROOT, "%.3f", s))
                                .toList()),
                peak / (1024 * 1024),
                board.ratings().get(0).model(),
                board.ratings().get(0).rating()));
    }

    /** Strengths 0.1 apart, longer answers for stronger models, judges that like length a little. */
    static Observations simulate() {
        SplittableRandom random = new SplittableRandom(12);
        Observations obs = new Observations();
        for (int i = 0; i < MODELS; i++) {
            obs.model("model-" + i);
        }
        String[] categories = {"coding", "writing", "math", "reasoning", "chat"};
        for (int t = 0; t < BATTLES; t++) {
            int a = random.nextInt(MODELS);
            int b = random.nextInt(MODELS - 1);
            if (b >= a) {
                b++;
            }
            StyleCounts sa = answer(a, random);
            StyleCounts sb = answer(b, random);
            double f = (double) (sa.tokens() - sb.tokens()) / (sa.tokens() + sb.tokens());
            double expected = 1 / (1 + Math.exp(-(0.1 * (a - b) + 0.8 * f)));
            double score;
            if (random.nextDouble() < 0.2) {
                score = 0.5;
            } else {
                score = random.nextDouble() < (expected - 0.1) / 0.8 ? 1 : 0;
            }
            int weight = score != 0.5 && random.nextInt(10) == 0 ? 3 : 1;
            obs.add(a, b, score, weight, obs.category(categories[t % categories.length]), t, sa, sb);
        }
        return obs;
    }

    private static StyleCounts answer(int model, SplittableRandom random) {
        return new StyleCounts(
                200 + 20 * model + random.nextInt(400), random.nextInt(5), random.nextInt(10), random.nextInt(8));
    }
}
