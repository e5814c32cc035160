package io.arenainstruct.studio.service.iteration;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.IntPredicate;

import io.arenainstruct.studio.domain.TimeRange;
import io.arenainstruct.studio.domain.iteration.Iteration;
import io.arenainstruct.studio.domain.iteration.IterationStatus;
import io.arenainstruct.studio.domain.iteration.TargetFigures;
import io.arenainstruct.studio.domain.ratings.Leaderboard;
import io.arenainstruct.studio.domain.ratings.ModelRating;
import io.arenainstruct.studio.domain.ratings.RatingOptions;
import io.arenainstruct.studio.service.ratings.Observations;
import io.arenainstruct.studio.service.ratings.RatingsCalculator;
import io.arenainstruct.studio.service.ratings.RatingsProblem;
import io.arenainstruct.studio.service.ratings.RatingsService;
import io.arenainstruct.studio.store.IterationRepository;

/**
 * The loop's numbered iterations (decision 0017): what each made, the target model's rating and win rate in each,
 * and starting the next. Membership is by time: a record belongs to the iteration whose range holds its created_at.
 */
public final class IterationService {
    private final IterationRepository repository;
    private final RatingsService ratings;
    private final Clock clock;

    public IterationService(IterationRepository repository, RatingsService ratings, Clock clock) {
        this.repository = repository;
        this.ratings = ratings;
        this.clock = clock;
    }

    /** Every iteration, first to last (the migration made the first). */
    public List<Iteration> iterations() {
        return repository.list();
    }

    /** The target to report when none is asked for: the one the newest iteration naming a target names. */
    public Optional<String> defaultTarget() {
        List<Iteration> all = repository.list();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).targetModel() != null) {
                return Optional.of(all.get(i).targetModel());
            }
        }
        return Optional.empty();
    }

    /**
     * Starts the next iteration now (number one more than the newest), with the model it trains. One transaction: two
     * starts at once cannot make the same number (the store refuses the second).
     *
     * @param targetModel the model being trained; null or blank for none
     * @param note        the curator's words; null or blank for none
     * @throws IllegalStateException when the clock is not past the newest iteration's start (a clock set back), as
     *                               the ranges would overlap
     */
    public Iteration start(String targetModel, String note) {
        // the store keeps microseconds: the start returned is the one stored
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return repository.inOneTransaction(() -> {
            Optional<Iteration> latest = repository.latest();
            int number = latest.map(i -> i.number() + 1).orElse(1);
            if (latest.isPresent() && !now.isAfter(latest.get().startedAt())) {
                throw new IllegalStateException("Iteration " + latest.get().number() + " started at "
                        + latest.get().startedAt() + ", not before now (" + now
                        + "): is the computer's clock set back?");
            }
            Iteration next = new Iteration(number, now, blankToNull(targetModel), blankToNull(note));
            repository.insert(next);
            return next;
        });
    }

    /** Every iteration with what it made and {@code target}'s figures in it (null target: none). */
    public List<IterationStatus> status(String target) {
        List<Iteration> all = repository.list();
        List<IterationStatus> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            TimeRange range = range(all, i);
            out.add(new IterationStatus(
                    all.get(i),
                    range,
                    repository.counts(range),
                    target == null ? TargetFigures.none(null) : target(target, range)));
        }
        return out;
    }

    /**
     * The created_at range iteration {@code number} covers.
     *
     * @throws IllegalArgumentException there is no such iteration (the sentence names those there are)
     */
    public TimeRange range(int number) {
        List<Iteration> all = repository.list();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).number() == number) {
                return range(all, i);
            }
        }
        throw new IllegalArgumentException("There is no iteration " + number + "; the iterations are 1"
                + (all.size() > 1 ? " to " + all.get(all.size() - 1).number() : "") + ".");
    }

    /**
     * The created_at range of iteration {@code index} among {@code all} (first to last): from its start to the
     * next's; the first has no lower bound (it holds everything made before the second), the last no upper one.
     */
    static TimeRange range(List<Iteration> all, int index) {
        Instant from = index == 0 ? null : all.get(index).startedAt();
        Instant until = index == all.size() - 1 ? null : all.get(index + 1).startedAt();
        return new TimeRange(from, until);
    }

    /**
     * The target's rating and record over the battles created in {@code range}: the default rating options (combined
     * source, 95% bootstrap interval, seed 42), so the same verdicts give the same figures.
     */
    TargetFigures target(String target, TimeRange range) {
        RatingOptions options = RatingOptions.defaults().withTarget(target).withBattlesCreated(range);
        Observations observations = ratings.observations(options);
        TargetFigures record = record(observations, target);
        if (record.battles() == 0) {
            return record;
        }
        try {
            Leaderboard board = RatingsCalculator.compute(observations, options, clock.instant());
            for (ModelRating r : board.ratings()) {
                if (r.model().equals(target)) {
                    return new TargetFigures(
                            target,
                            r.rating(),
                            r.ciLow(),
                            r.ciHigh(),
                            record.battles(),
                            record.wins(),
                            record.losses(),
                            record.ties(),
                            record.winRate());
                }
            }
        } catch (RatingsProblem e) {
            // nothing to rate in this iteration (one model only): the record stands without a rating
        }
        return record;
    }

    /**
     * How the target's battles went, without a rating: a battle is won when the target has more than half of the
     * points of its counted observations (each game or vote once, whatever its weight), tied at exactly half.
     */
    static TargetFigures record(Observations observations, String target) {
        return record(observations, target, i -> true);
    }

    /**
     * The target's record per battle category over the battles created in {@code range}, categories by name (battles
     * without a category left out): how its battles went, without a rating (a category's battles rarely rate it). The
     * same verdicts and rules as {@link #status}'s overall record.
     */
    public SortedMap<String, TargetFigures> categories(String target, TimeRange range) {
        RatingOptions options = RatingOptions.defaults().withTarget(target).withBattlesCreated(range);
        Observations observations = ratings.observations(options);
        SortedMap<String, TargetFigures> out = new TreeMap<>();
        List<String> names = observations.categories();
        for (int c = 0; c < names.size(); c++) {
            int category = c;
            TargetFigures figures = record(observations, target, i -> observations.categoryOf(i) == category);
            if (figures.battles() > 0) {
                out.put(names.get(c), figures);
            }
        }
        return out;
    }

    /** {@link #record(Observations, String)} over the observations {@code counted} lets in. */
    private static TargetFigures record(Observations observations, String target, IntPredicate counted) {
        int t = observations.models().indexOf(target);
        if (t < 0) {
            return TargetFigures.none(target);
        }
        // per battle: twice the target's points (scores are 0, ½, 1, so this is whole) and the observations
        Map<Long, int[]> battles = new HashMap<>();
        for (int i = 0; i < observations.size(); i++) {
            if (!counted.test(i)) {
                continue;
            }
            double score;
            if (observations.a(i) == t) {
                score = observations.score(i);
            } else if (observations.b(i) == t) {
                score = 1 - observations.score(i);
            } else {
                continue;
            }
            int[] cell = battles.computeIfAbsent(observations.battle(i), b -> new int[2]);
            cell[0] += (int) Math.round(2 * score);
            cell[1]++;
        }
        int wins = 0;
        int ties = 0;
        int losses = 0;
        for (int[] cell : battles.values()) {
            // points / observations against ½, in whole numbers: twice the points against the observations
            int c = Integer.compare(cell[0], cell[1]);
            if (c > 0) {
                wins++;
            } else if (c == 0) {
                ties++;
            } else {
                losses++;
            }
        }
        int n = battles.size();
        double rate = n == 0 ? Double.NaN : (wins + ties / 2.0) / n;
        return new TargetFigures(target, Double.NaN, Double.NaN, Double.NaN, n, wins, losses, ties, rate);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
