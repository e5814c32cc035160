package io.arenainstruct.studio.service.ratings;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;

import io.arenainstruct.studio.domain.ratings.Leaderboard;
import io.arenainstruct.studio.domain.ratings.RatingOptions;
import io.arenainstruct.studio.domain.ratings.RatingSource;
import io.arenainstruct.studio.service.task.Cancellation;
import io.arenainstruct.studio.store.RatingsRepository;
import io.arenainstruct.studio.store.RatingsRepository.SourceCounts;

/**
 * Ratings of the models from the store's verdicts (README, "Ratings"): observations read by the source's rules
 * ({@link ObservationReader}), checked, then fitted ({@link RatingsCalculator}). Safe to call from any thread; the
 * Leaderboard calls it in the background.
 */
public final class RatingsService {
    private final RatingsRepository repository;
    private final ObservationReader reader;
    private final Clock clock;
    /**
     * Answers' style counts by response id, kept between computations: counting means reading every answer's text,
     * and a response never changes (an edit is a new response), so a text is read once.
     */
    private final Map<Long, StyleCounts> styles = new HashMap<>();

    private long textsRead;

    public RatingsService(RatingsRepository repository, Clock clock) {
        this.repository = repository;
        this.reader = new ObservationReader(repository);
        this.clock = clock;
    }

    /**
     * The leaderboard for the options.
     *
     * @throws RatingsProblem with a sentence for the curator when there is nothing to rate (no observations for the
     *     source or category, one model only) or the options name what is not there (a category, an anchor or
     *     target model)
     */
    public Leaderboard compute(RatingOptions options) {
        return compute(options, Cancellation.NEVER);
    }

    /**
     * The leaderboard for the options, stopped when {@code cancellation} says so (a newer request replaced it, the
     * app closes): checked before reading, between answers' texts and by the fit between bootstrap rounds, never
     * inside the store's I/O. What was counted of the answers' style stays for the next computation.
     *
     * @throws RatingsProblem        as {@link #compute(RatingOptions)}
     * @throws CancellationException when cancelled (or the thread interrupted) before the figures were done
     */
    public Leaderboard compute(RatingOptions options, Cancellation cancellation) {
        stopIfCancelled(cancellation);
        Observations observations = reader.read(options, ids -> styleCounts(ids, cancellation));
        check(options, observations);
        stopIfCancelled(cancellation);
        return RatingsCalculator.compute(observations, options, clock.instant(), cancellation);
    }

    /** The observations of the options' source, as {@link #compute} fits them. */
    public Observations observations(RatingOptions options) {
        return reader.read(options, ids -> styleCounts(ids, Cancellation.NEVER));
    }

    /** The categories of battles with verdicts: what ratings can be computed for. */
    public List<String> categories() {
        return repository.categories();
    }

    /** The models of battles with verdicts, by name: what an anchor or a target can name. */
    public List<String> models() {
        return repository.models();
    }

    /** How many answers' texts were read to count their style so far (each once). */
    public synchronized long textsRead() {
        return textsRead;
    }

    /** The style counts of the answers, reading only the texts not read before. */
    private synchronized Map<Long, StyleCounts> styleCounts(Collection<Long> responseIds, Cancellation cancellation) {
        List<Long> missing = new ArrayList<>();
        for (Long id : responseIds) {
            if (!styles.containsKey(id)) {
                missing.add(id);
            }
        }
        if (!missing.isEmpty()) {
            stopIfCancelled(cancellation);
            repository.responseTexts(missing, (id, text) -> {
                // the first read of every answer takes a while: a recomputation that replaced this one stops it
                // (what was counted stays); checked between rows, never inside the store's I/O
                stopIfCancelled(cancellation);
                styles.put(id, StyleFeatures.of(text));
                textsRead++;
            });
        }
        Map<Long, StyleCounts> out = new HashMap<>();
        for (Long id : responseIds) {
            StyleCounts c = styles.get(id);
            if (c != null) {
                out.put(id, c);
            }
        }
        return out;
    }

    /**
     * Stops a computation cancelled, or whose thread was interrupted, before it reads more: H2 closes its file when
     * a thread is interrupted inside its I/O.
     */
    private static void stopIfCancelled(Cancellation cancellation) {
        if (cancellation.isCancelled() || Thread.currentThread().isInterrupted()) {
            throw new CancellationException("ratings cancelled");
        }
    }

    /**
     * What only the store can tell: a source with nothing (and which one to try), a category that does not exist
     * (told apart from one this source has nothing in). The fit itself refuses one model only, and an anchor or
     * target not among the models rated.
     */
    private void check(RatingOptions options, Observations observations) {
        RatingSource source = options.source();
        if (observations.size() == 0) {
            throw new RatingsProblem(nothingToRate(source, observations));
        }
        String category = options.category();
        if (category != null && !observations.categories().contains(category)) {
            List<String> known = repository.categories();
            if (!known.contains(category)) {
                throw new RatingsProblem(
                        "There is no category '" + category + "'. Categories with verdicts: " + list(known) + ".");
            }
            throw new RatingsProblem("No " + noun(source) + " in category '" + category + "' to rate yet.");
        }
    }

    /** Why a source has nothing to rate, and which source to try when another has something. */
    private String nothingToRate(RatingSource source, Observations observations) {
        StringBuilder s = new StringBuilder("No " + noun(source) + " to rate yet.");
        int leftOut = observations.editedLeftOut() + observations.bothBadLeftOut();
        if (leftOut > 0) {
            s.append(' ').append(leftOutSentence(observations)).append('.');
        }
        SourceCounts counts = repository.sourceCounts();
        Map<RatingSource, Long> held = new HashMap<>();
        held.put(RatingSource.JUDGE, counts.judgeGames());
        held.put(RatingSource.HUMAN, counts.humanVotes());
        held.put(RatingSource.IMPORTED, counts.importedRows());
        held.put(RatingSource.COMBINED, counts.judgeGames() + counts.humanVotes());
        for (RatingSource other : alternatives(source)) {
            long n = held.get(other);
            if (n > 0) {
                s.append(String.format(
                        Locale.ROOT,
                        " The store holds %,d %s: try the %s source.",
                        n,
                        n == 1 ? singular(other) : noun(other),
                        other.id()));
                return s.toString();
            }
        }
        if (counts.judgeGames() + counts.humanVotes() + counts.importedRows() == 0) {
            s.append(" The store holds no verdicts: judge battles, vote on them, or import a battle file.");
        }
        return s.toString();
    }

    private static String leftOutSentence(Observations o) {
        List<String> parts = new ArrayList<>();
        if (o.editedLeftOut() > 0) {
            parts.add(
                    o.editedLeftOut() + (o.editedLeftOut() == 1 ? " vote" : " votes") + " for an answer edited first");
        }
        if (o.bothBadLeftOut() > 0) {
            parts.add(o.bothBadLeftOut() + " both-bad " + (o.bothBadLeftOut() == 1 ? "verdict" : "verdicts"));
        }
        return "Left out: " + String.join(" and ", parts);
    }

    /** The sources to suggest instead, in order of preference. */
    private static List<RatingSource> alternatives(RatingSource source) {
        return switch (source) {
            case JUDGE -> List.of(RatingSource.HUMAN, RatingSource.IMPORTED);
            case HUMAN -> List.of(RatingSource.JUDGE, RatingSource.IMPORTED);
            case COMBINED -> List.of(RatingSource.IMPORTED);
            case IMPORTED -> List.of(RatingSource.COMBINED);
        };
    }

    private static String noun(RatingSource source) {
        return switch (source) {
            case JUDGE -> "judge games";
            case HUMAN -> "human votes";
            case COMBINED -> "human votes or judge games";
            case IMPORTED -> "imported verdicts";
        };
    }

    private static String singular(RatingSource source) {
        return switch (source) {
            case JUDGE -> "judge game";
            case HUMAN -> "human vote";
            case COMBINED -> "human vote or judge game";
            case IMPORTED -> "imported verdict";
        };
    }

    private static String list(Collection<String> names) {
        return names.isEmpty() ? "none" : String.join(", ", names);
    }
}
