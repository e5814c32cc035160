package io.arenainstruct.studio.service.ratings;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.arenainstruct.studio.domain.TimeRange;
import io.arenainstruct.studio.domain.arena.GradedLabel;
import io.arenainstruct.studio.domain.arena.Outcome;
import io.arenainstruct.studio.domain.arena.VerdictSource;
import io.arenainstruct.studio.domain.ratings.RatingOptions;
import io.arenainstruct.studio.domain.ratings.RatingSource;
import io.arenainstruct.studio.store.RatingsRepository;
import io.arenainstruct.studio.store.RatingsRepository.Row;

/**
 * Turns stored verdicts into rating observations by the source's rules (decision 0013; decision 0010 says how the
 * rows are kept). Every observation is one verdict row, in the battle's orientation: A won 1, B won 0, a tie ½.
 *
 * <ul>
 *   <li><b>judge</b>: every game of this workspace's judges (rows not imported, source judge, game 1 or 2; a
 *       one-game judge's only game is its game 1). The combined verdicts a judge's games are summed into (game 0) are
 *       derived from those games and never count. <b>Juries</b>: on a battle a jury judged, the jury's pooled verdict
 *       stands for its members: each jury row is one observation per game it pooled (the {@code gN} its key ends
 *       with, as JudgeJob writes it; else the number of distinct games its members played on the battle; else one),
 *       so a battle weighs as much judged by a jury as by one judge, and the members' own games on that battle
 *       (judge games whose judge model the jury's name lists, "jury (majority): m1, m2") do not count. A judge
 *       outside the jury still counts with its own games.
 *   <li><b>human</b>: every vote people made here (not imported). A vote for an answer the person edited first
 *       (edit-then-prefer) is left out, as the edited text is not what the model answered, and counted.
 *   <li><b>combined</b>: a battle with at least one vote made here is rated by its people's votes only (as its status
 *       follows them), with the human rules; any other battle by its judges', with the judge rules.
 *   <li><b>imported</b>: every row read from a file (imported): judge games, votes, whoever they are from; the
 *       combined verdict the importer derives from a row's two games (game 0) does not count.
 * </ul>
 *
 * A verdict with a strong graded label (A&gt;&gt;B, B&gt;&gt;A) counts {@code strongWeight} times, whoever gave
 * it, as Arena-Hard counts strong verdicts. Both-bad is a tie, or with {@code bothBadAsTie} false left out and
 * counted. Unparsable and error rows never count. Observations are added in time order: the verdict's time, then its
 * id (the store streams them unordered; sorting here spares H2 a sort of every verdict).
 */
public final class ObservationReader {
    /** JudgeJob's jury key ends with the games each member played and the members' hash: ":g2:0123456789abcdef". */
    private static final Pattern JURY_GAMES = Pattern.compile(":g(\\d+):[0-9a-f]{16}$");

    private static final String JURY_NAME = "jury (";
    private static final String JURY_MEMBERS = "): ";

    private final RatingsRepository repository;

    public ObservationReader(RatingsRepository repository) {
        this.repository = repository;
    }

    /** Gives the style counts of the answers named; those missing (no such response) are left out of the map. */
    @FunctionalInterface
    public interface StyleLookup {
        Map<Long, StyleCounts> counts(Collection<Long> responseIds);
    }

    /**
     * The observations of {@code options.source()}, all categories (the options' category is for the fit to
     * choose), with style counts when {@code options.styleControl()} and both answers' texts are known; only those on
     * battles created in {@code options.battlesCreated()} when it names a range, and then without the battles that
     * redo a both-bad battle.
     */
    public Observations read(RatingOptions options, StyleLookup styles) {
        RatingSource source = options.source();
        boolean imported = source == RatingSource.IMPORTED;
        boolean judges = source == RatingSource.JUDGE || source == RatingSource.COMBINED;
        boolean people = source == RatingSource.HUMAN || source == RatingSource.COMBINED;
        Reading r = new Reading();
        TimeRange created = options.battlesCreated() == null ? TimeRange.ALL : options.battlesCreated();
        // an iteration's figures measure the target on its own battles: a battle redoing a both-bad one would count
        // the target's failed answer a second time (decision 0019), so it is left out there, not in the leaderboard
        boolean withoutRedos = options.battlesCreated() != null;
        repository.forEachVerdict(imported, created, withoutRedos, row -> {
            if (imported) {
                if (row.game() == null || row.game() > 0) {
                    r.keep(row);
                }
                return;
            }
            switch (row.source()) {
                case HUMAN -> {
                    r.votedHere.add(row.battleId());
                    if (people) {
                        r.keep(row);
                    }
                }
                case JURY -> {
                    if (judges) {
                        r.jury(r.keep(row), row);
                    }
                }
                case JUDGE -> {
                    if (judges && row.game() != null && row.game() > 0) {
                        r.keep(row);
                    }
                }
            }
        });
        r.juryGamesFromMembers();
        r.rows.sort(Comparator.comparingLong(Kept::at).thenComparingLong(Kept::id));

        Map<Long, String> names = repository.modelNames();
        Observations out = new Observations();
        List<Pending> pending = new ArrayList<>();
        for (Kept row : r.rows) {
            int games = 1;
            if (!imported) {
                boolean byPeople = source == RatingSource.HUMAN
                        || (source == RatingSource.COMBINED && r.votedHere.contains(row.battle()));
                if (byPeople != (row.source() == VerdictSource.HUMAN)) {
                    continue;
                }
                if (row.edit()) {
                    out.countEditedLeftOut();
                    continue;
                }
                Set<Integer> members = r.members.get(row.battle());
                if (members != null && row.source() == VerdictSource.JUDGE && members.contains(row.voter())) {
                    continue;
                }
                if (row.source() == VerdictSource.JURY) {
                    games = r.juryGames.get(row.id());
                }
            }
            Double score = score(row.outcome(), options.bothBadAsTie());
            if (score == null) {
                if (row.outcome() == Outcome.BOTH_BAD) {
                    out.countBothBadLeftOut();
                }
                continue;
            }
            Pending p = new Pending(
                    out.model(names.get(row.modelA())),
                    out.model(names.get(row.modelB())),
                    score,
                    row.strong() ? options.strongWeight() : 1,
                    out.category(row.category()),
                    row.battle(),
                    row.responseA(),
                    row.responseB());
            for (int g = 0; g < games; g++) {
                pending.add(p);
            }
        }

        Map<Long, StyleCounts> counts = Map.of();
        if (options.styleControl()) {
            Set<Long> answers = new LinkedHashSet<>();
            for (Pending p : pending) {
                if (p.responseA >= 0 && p.responseB >= 0) {
                    answers.add(p.responseA);
                    answers.add(p.responseB);
                }
            }
            counts = styles.counts(answers);
        }
        for (Pending p : pending) {
            StyleCounts a = p.responseA < 0 ? null : counts.get(p.responseA);
            StyleCounts b = p.responseB < 0 ? null : counts.get(p.responseB);
            out.add(p.a, p.b, p.score, p.times, p.category, p.battle, a, b);
        }
        return out;
    }

    /** A's score, or null when the verdict does not count (unparsable, error, both-bad left out). */
    private static Double score(Outcome outcome, boolean bothBadAsTie) {
        return switch (outcome) {
            case A -> 1.0;
            case B -> 0.0;
            case TIE -> 0.5;
            case BOTH_BAD -> bothBadAsTie ? 0.5 : null;
            case UNPARSABLE, ERROR -> null;
        };
    }

    /**
     * A verdict row kept until every row is read (which battles people voted on and which juries sat are known only
     * then), in a few words: 300,000 rows must not cost what 300,000 rows of strings would.
     *
     * @param at        microseconds since the epoch
     * @param responseA -1 without an answer
     * @param game      -1 without a game
     * @param voter     the voter's number among the names read ({@link Reading#voter})
     */
    private record Kept(
            long id,
            long at,
            long battle,
            long modelA,
            long modelB,
            long responseA,
            long responseB,
            VerdictSource source,
            int game,
            Outcome outcome,
            boolean strong,
            boolean edit,
            String category,
            int voter) {}

    /** What one pass over the rows gathers. */
    private static final class Reading {
        final List<Kept> rows = new ArrayList<>();
        /** Battles with a vote made here. */
        final Set<Long> votedHere = new HashSet<>();
        /** The judge models (voter numbers) of the juries on a battle. */
        final Map<Long, Set<Integer>> members = new HashMap<>();
        /** Games each jury row stands for, by row id; 0 until known. */
        final Map<Long, Integer> juryGames = new HashMap<>();

        private final Map<String, Integer> voters = new HashMap<>();
        private final Map<String, String> categories = new HashMap<>();
        private final Map<String, Boolean> strongLabels = new HashMap<>();

        Kept keep(Row row) {
            Instant at = row.at();
            Kept k = new Kept(
                    row.id(),
                    at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000,
                    row.battleId(),
                    row.modelA(),
                    row.modelB(),
                    row.responseA() == null ? -1 : row.responseA(),
                    row.responseB() == null ? -1 : row.responseB(),
                    row.source(),
                    row.game() == null ? -1 : row.game(),
                    row.outcome(),
                    strong(row.label()),
                    row.preferredEdit(),
                    row.category() == null ? null : categories.computeIfAbsent(row.category(), c -> c),
                    voter(row.voter()));
            rows.add(k);
            return k;
        }

        /** Whether the stored label is a strong one; the few label texts are read once each. */
        boolean strong(String label) {
            return label != null
                    && strongLabels.computeIfAbsent(
                            label,
                            l -> GradedLabel.parse(l).map(GradedLabel::strong).orElse(false));
        }

        int voter(String name) {
            return voters.computeIfAbsent(name, n -> voters.size());
        }

        void jury(Kept kept, Row row) {
            Set<Integer> m = members.computeIfAbsent(kept.battle(), b -> new HashSet<>());
            for (String judge : members(row.voter())) {
                m.add(voter(judge));
            }
            Matcher g = JURY_GAMES.matcher(row.key() == null ? "" : row.key());
            juryGames.put(kept.id(), g.find() ? Integer.parseInt(g.group(1)) : 0);
        }

        /** A jury row whose key does not say: the distinct games its members played on the battle, at least one. */
        void juryGamesFromMembers() {
            if (!juryGames.containsValue(0)) {
                return;
            }
            Map<Long, Set<Integer>> played = new HashMap<>();
            for (Kept k : rows) {
                Set<Integer> m = members.get(k.battle());
                if (m != null && k.source() == VerdictSource.JUDGE && m.contains(k.voter())) {
                    played.computeIfAbsent(k.battle(), b -> new HashSet<>()).add(k.game());
                }
            }
            for (Kept k : rows) {
                if (k.source() == VerdictSource.JURY && juryGames.get(k.id()) == 0) {
                    juryGames.put(
                            k.id(),
                            Math.max(
                                    1, played.getOrDefault(k.battle(), Set.of()).size()));
                }
            }
        }
    }

    /** The judge models a jury's name lists, as JudgeJob names it: "jury (majority): m1, m2". */
    static Set<String> members(String juryName) {
        int at = juryName.indexOf(JURY_MEMBERS);
        if (!juryName.startsWith(JURY_NAME) || at < 0) {
            return Set.of();
        }
        // a set that takes duplicates: two endpoints of one model make one member name
        return new HashSet<>(
                Arrays.asList(juryName.substring(at + JURY_MEMBERS.length()).split(", ")));
    }

    /** An observation to add once the answers' style counts are known (-1: no answer). */
    private record Pending(
            int a, int b, double score, int times, int category, long battle, long responseA, long responseB) {}
}
