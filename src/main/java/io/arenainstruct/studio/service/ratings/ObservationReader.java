package io.arenainstruct.studio.service.ratings;

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

import io.arenainstruct.studio.domain.arena.GradedLabel;
import io.arenainstruct.studio.domain.arena.Outcome;
import io.arenainstruct.studio.domain.arena.VerdictSource;
import io.arenainstruct.studio.domain.ratings.RatingOptions;
import io.arenainstruct.studio.domain.ratings.RatingSource;
import io.arenainstruct.studio.store.RatingsRepository;
import io.arenainstruct.studio.store.RatingsRepository.Row;

/**
 * Turns stored verdicts into rating observations by the source's rules (README, "Ratings"; decision 0010 says how
 * the rows are kept). Every observation is one verdict row, in the battle's orientation: A won 1, B won 0, a tie ½.
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
 * id (the store streams by id; sorting here spares H2 a sort of every verdict).
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
     * choose), with style counts when {@code options.styleControl()} and both answers' texts are known.
     */
    public Observations read(RatingOptions options, StyleLookup styles) {
        RatingSource source = options.source();
        boolean imported = source == RatingSource.IMPORTED;
        boolean judges = source == RatingSource.JUDGE || source == RatingSource.COMBINED;
        boolean people = source == RatingSource.HUMAN || source == RatingSource.COMBINED;
        List<Row> rows = new ArrayList<>();
        Set<Long> votedHere = new HashSet<>();
        Map<Long, List<Row>> juries = new HashMap<>();
        repository.forEachVerdict(imported, row -> {
            if (imported) {
                if (row.game() == null || row.game() > 0) {
                    rows.add(row);
                }
                return;
            }
            switch (row.source()) {
                case HUMAN -> {
                    votedHere.add(row.battleId());
                    if (people) {
                        rows.add(row);
                    }
                }
                case JURY -> {
                    if (judges) {
                        rows.add(row);
                        juries.computeIfAbsent(row.battleId(), b -> new ArrayList<>())
                                .add(row);
                    }
                }
                case JUDGE -> {
                    if (judges && row.game() != null && row.game() > 0) {
                        rows.add(row);
                    }
                }
            }
        });
        Map<Long, Jury> juryOf = juries(juries, rows);
        rows.sort(Comparator.comparing(Row::at).thenComparingLong(Row::id));

        Map<Long, String> names = repository.modelNames();
        Observations out = new Observations();
        List<Pending> pending = new ArrayList<>();
        for (Row row : rows) {
            int games = 1;
            if (!imported) {
                boolean byPeople = source == RatingSource.HUMAN
                        || (source == RatingSource.COMBINED && votedHere.contains(row.battleId()));
                if (byPeople != (row.source() == VerdictSource.HUMAN)) {
                    continue;
                }
                if (row.preferredEdit()) {
                    out.countEditedLeftOut();
                    continue;
                }
                Jury jury = juryOf.get(row.battleId());
                if (jury != null && row.source() == VerdictSource.JUDGE && jury.members.contains(row.voter())) {
                    continue;
                }
                if (row.source() == VerdictSource.JURY) {
                    games = jury.games.get(row.id());
                }
            }
            Double score = score(row.outcome(), options.bothBadAsTie());
            if (score == null) {
                if (row.outcome() == Outcome.BOTH_BAD) {
                    out.countBothBadLeftOut();
                }
                continue;
            }
            GradedLabel label =
                    row.label() == null ? null : GradedLabel.parse(row.label()).orElse(null);
            int times = label != null && label.strong() ? options.strongWeight() : 1;
            Pending p = new Pending(
                    out.model(names.get(row.modelA())),
                    out.model(names.get(row.modelB())),
                    score,
                    times,
                    out.category(row.category()),
                    row.battleId(),
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
                if (p.responseA != null && p.responseB != null) {
                    answers.add(p.responseA);
                    answers.add(p.responseB);
                }
            }
            counts = styles.counts(answers);
        }
        for (Pending p : pending) {
            StyleCounts a = p.responseA == null ? null : counts.get(p.responseA);
            StyleCounts b = p.responseB == null ? null : counts.get(p.responseB);
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

    /** A battle's juries: the judge models they list, and how many games each jury row counts for. */
    private record Jury(Set<String> members, Map<Long, Integer> games) {}

    private static Map<Long, Jury> juries(Map<Long, List<Row>> juries, List<Row> rows) {
        Map<Long, Jury> out = new HashMap<>();
        for (Map.Entry<Long, List<Row>> e : juries.entrySet()) {
            Set<String> members = new HashSet<>();
            for (Row j : e.getValue()) {
                members.addAll(members(j.voter()));
            }
            out.put(e.getKey(), new Jury(members, new HashMap<>()));
        }
        if (out.isEmpty()) {
            return out;
        }
        // the games the members played on each jury's battle, for a jury row whose key does not say
        Map<Long, Set<Integer>> memberGames = new HashMap<>();
        for (Row r : rows) {
            Jury jury = out.get(r.battleId());
            if (jury != null && r.source() == VerdictSource.JUDGE && jury.members.contains(r.voter())) {
                memberGames.computeIfAbsent(r.battleId(), b -> new HashSet<>()).add(r.game());
            }
        }
        for (Map.Entry<Long, List<Row>> e : juries.entrySet()) {
            Jury jury = out.get(e.getKey());
            for (Row j : e.getValue()) {
                Matcher m = JURY_GAMES.matcher(j.key() == null ? "" : j.key());
                int games = m.find()
                        ? Integer.parseInt(m.group(1))
                        : memberGames.getOrDefault(e.getKey(), Set.of()).size();
                jury.games.put(j.id(), Math.max(1, games));
            }
        }
        return out;
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

    /** An observation to add once the answers' style counts are known. */
    private record Pending(
            int a, int b, double score, int times, int category, long battle, Long responseA, Long responseB) {}
}
