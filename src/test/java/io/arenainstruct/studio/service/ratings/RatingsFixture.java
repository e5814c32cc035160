package io.arenainstruct.studio.service.ratings;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.arenainstruct.studio.domain.adjudication.HumanVote;
import io.arenainstruct.studio.domain.arena.ArenaInstruction;
import io.arenainstruct.studio.domain.arena.ArenaResponse;
import io.arenainstruct.studio.domain.arena.Battle;
import io.arenainstruct.studio.domain.arena.BattleStatus;
import io.arenainstruct.studio.domain.arena.GradedLabel;
import io.arenainstruct.studio.domain.arena.Outcome;
import io.arenainstruct.studio.domain.arena.Verdict;
import io.arenainstruct.studio.domain.arena.VerdictSource;
import io.arenainstruct.studio.domain.provenance.AgentCall;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.service.workspace.WorkspaceRepositories;
import io.arenainstruct.studio.store.AdjudicationRepository;
import io.arenainstruct.studio.store.ArenaRepository;
import io.arenainstruct.studio.store.ArenaRepository.Item;
import io.arenainstruct.studio.store.ArenaRepository.ItemResponse;
import io.arenainstruct.studio.store.BattleRepository;
import io.arenainstruct.studio.store.Store;

/**
 * Plants battles and verdict rows for the ratings tests, each verdict at a time given in seconds (so tests set the
 * order observations come in), as the judging job, a person and the battle file importer store them.
 */
public final class RatingsFixture {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final ArenaRepository arena;
    private final BattleRepository battles;
    private final AdjudicationRepository adjudication;
    private final Store store;
    private int keys;

    public RatingsFixture(Workspace ws) {
        this.store = WorkspaceRepositories.store(ws);
        this.arena = new ArenaRepository(WorkspaceRepositories.store(ws));
        this.battles = new BattleRepository(WorkspaceRepositories.store(ws));
        this.adjudication = new AdjudicationRepository(WorkspaceRepositories.store(ws));
    }

    public static Instant at(int second) {
        return T0.plusSeconds(second);
    }

    /** A battle of {@code a} against {@code b} on a new prompt, with both answers, in {@code category} (or none). */
    public long battle(String prompt, String a, String answerA, String b, String answerB, String category) {
        long i = arena.add(
                        "planted",
                        "prompts",
                        List.of(new Item(
                                ArenaInstruction.of(List.of(), prompt, category, null),
                                null,
                                List.of(new ItemResponse(a, answerA, null), new ItemResponse(b, answerB, null)))))
                .instructionIds()
                .get(0);
        Map<String, Long> r =
                arena.responses(i).stream().collect(Collectors.toMap(ArenaResponse::model, ArenaResponse::id));
        return battles.create(List.of(new Battle(
                        0, i, a, b, r.get(a), r.get(b), 1, "all-pairs", category, BattleStatus.UNJUDGED, false, null)))
                .ids()
                .get(0);
    }

    /**
     * Sets when a battle was created (the store stamps the wall clock when it makes one), so tests that group battles
     * by time set their times instead of waiting.
     */
    public void created(long battle, Instant at) {
        store.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE battle SET created_at = ? WHERE id = ?")) {
                ps.setTimestamp(1, Timestamp.from(at));
                ps.setLong(2, battle);
                return ps.executeUpdate();
            }
        });
    }

    /** A battle with no instruction and no answers, as an imported row naming no question makes. */
    public long bareBattle(String a, String b) {
        return battles.battleId(
                new Battle(0, null, a, b, null, null, 1, "imported", null, BattleStatus.UNJUDGED, false, null),
                "file.jsonl:" + (++keys));
    }

    /** A judge's game (1, 2) or combined verdict (0), label in the battle's orientation, as JudgeJob stores it. */
    public void game(long battle, String judge, int game, GradedLabel label, int second) {
        add(battle, row(battle, VerdictSource.JUDGE, game, judge, label.outcome(), label, false, second));
    }

    /** A judge's game that could not be read (unparsable) or asked (error). */
    public void unread(long battle, String judge, int game, Outcome outcome, int second) {
        add(battle, row(battle, VerdictSource.JUDGE, game, judge, outcome, null, false, second));
    }

    /** A jury's pooled verdict with the key JudgeJob gives it ({@code games} null: a key without the games). */
    public void jury(long battle, String name, GradedLabel label, Integer games, int second) {
        Verdict v = row(battle, VerdictSource.JURY, null, name, label.outcome(), label, false, second);
        String key = games == null
                ? "jury:" + battle + ":" + (++keys)
                : "jury:" + battle + ":majority:graded@1:g" + games + ":0123456789abcdef";
        add(battle, withKey(v, key));
    }

    /** A person's vote made here, as the Adjudicate tab stores it; label null: both bad. */
    public void vote(long battle, String who, GradedLabel label, int second) {
        Outcome outcome = label == null ? Outcome.BOTH_BAD : label.outcome();
        adjudication.vote(new HumanVote(battle, who, outcome, label, false, false, null), at(second));
    }

    /** A person's vote for an answer they edited first (edit-then-prefer). */
    public void editedVote(long battle, String who, int second) {
        long edited = battles.battle(battle).orElseThrow().responseA();
        ArenaResponse original = arena.response(edited).orElseThrow();
        long id = arena.addResponse(ArenaResponse.edited(original, original.text() + " (edited)", who));
        adjudication.vote(new HumanVote(battle, who, Outcome.A, GradedLabel.A_BETTER, false, false, id), at(second));
    }

    /** An imported row: a game (1, 2), the importer's combined verdict (0) or a vote (null). */
    public void imported(long battle, VerdictSource source, Integer game, Outcome outcome, GradedLabel label, int s) {
        add(battle, row(battle, source, game, "file.jsonl", outcome, label, true, s));
    }

    /** A both-bad verdict by a judge game. */
    public void bothBad(long battle, String judge, int game, int second) {
        add(battle, row(battle, VerdictSource.JUDGE, game, judge, Outcome.BOTH_BAD, null, false, second));
    }

    private void add(long battle, Verdict v) {
        battles.addVerdicts(battle, List.of(v), BattleStatus.JUDGED, null);
    }

    private Verdict row(
            long battle,
            VerdictSource source,
            Integer game,
            String voter,
            Outcome outcome,
            GradedLabel label,
            boolean imported,
            int second) {
        return new Verdict(
                0,
                battle,
                source,
                game,
                game != null && game == 2,
                voter,
                outcome,
                label,
                label == null ? null : "[[" + label.text() + "]]",
                null,
                null,
                null,
                AgentCall.NONE,
                imported,
                source == VerdictSource.HUMAN && !imported ? null : "k" + (++keys),
                null,
                at(second));
    }

    private static Verdict withKey(Verdict v, String key) {
        return new Verdict(
                v.id(),
                v.battleId(),
                v.source(),
                v.game(),
                v.swapped(),
                v.voter(),
                v.outcome(),
                v.label(),
                v.rawLabel(),
                v.scoreA(),
                v.scoreB(),
                v.judgment(),
                v.call(),
                v.imported(),
                key,
                v.note(),
                v.createdAt());
    }
}
