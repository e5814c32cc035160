package io.arenainstruct.studio.service.loop;

import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import io.arenainstruct.studio.domain.TaxonomyNode;
import io.arenainstruct.studio.domain.arena.BattleStatus;
import io.arenainstruct.studio.domain.arena.GradedLabel;
import io.arenainstruct.studio.domain.arena.Outcome;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.service.workspace.WorkspaceRepositories;
import io.arenainstruct.studio.store.TestStores;
import io.arenainstruct.studio.ui.arena.ArenaFixture;

/**
 * Battles of a target model T against an opponent O planted in a workspace, each on its own prompt that stands for a
 * run instruction of skill {@link #SKILL} in a given category (an {@code instruction} row and its
 * {@code arena_run_instruction} link, written by SQL as a run and a take-in would leave them). T is model A in every
 * other battle, so both orientations are read.
 */
public final class LoopFixture {
    public static final String SKILL = "reading-comprehension";
    public static final String TARGET = "T";
    public static final String OPPONENT = "O";
    public static final String LITERAL = "Literal understanding";
    public static final String INFERENTIAL = "Inferential understanding";
    public static final String CRITICAL = "Critical and evaluative reading";

    /** How a planted battle is decided, from the target's side. */
    public enum Result {
        /** The judge says O is better. */
        LOSS,
        /** The judge says T is better. */
        WIN,
        /** The judge says O is much better (A>>B or B>>A). */
        STRONG_LOSS,
        /** The judge says T is much better. */
        STRONG_WIN,
        /** The judge says T is better but a person says O is: people decide, a loss. */
        LOSS_BY_PERSON,
        /** The judge calls it a tie. */
        TIE,
        /** A person says both answers are bad. */
        BOTH_BAD,
        /** The judge's two games contradict each other (position bias), combined as a tie. */
        INCONSISTENT,
        /** Not judged. */
        UNDECIDED
    }

    private record Link(long runInstruction, long prompt, String category) {}

    private final Workspace ws;
    private final ArenaFixture arena;
    private final List<Link> links = new ArrayList<>();
    private int made;

    public LoopFixture(Workspace ws) {
        this.ws = ws;
        this.arena = new ArenaFixture(ws);
    }

    /** {@code n} battles in the category decided as {@code result}; returns their ids. */
    public List<Long> plant(String category, Result result, int n) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(battle(category, result));
        }
        return ids;
    }

    /** One battle on a prompt of no run (as a dataset import makes), which T loses. */
    public long withoutRun() {
        made++;
        long id = arena.battle("Imported question " + made, TARGET, "T says " + made, OPPONENT, "O says " + made);
        arena.judged(
                id, "j", GradedLabel.B_BETTER, GradedLabel.A_BETTER, GradedLabel.B_BETTER, BattleStatus.JUDGED, false);
        return id;
    }

    private long battle(String category, Result result) {
        made++;
        boolean targetIsA = made % 2 == 1;
        String prompt = category + " question " + made;
        long id = targetIsA
                ? arena.battle(prompt, TARGET, "T answers " + made, OPPONENT, "O answers " + made)
                : arena.battle(prompt, OPPONENT, "O answers " + made, TARGET, "T answers " + made);
        long promptId = ws.battles().battle(id).orElseThrow().instructionId();
        links.add(new Link(10_000 + made, promptId, category));
        GradedLabel targetBetter = targetIsA ? GradedLabel.A_BETTER : GradedLabel.B_BETTER;
        GradedLabel targetMuchBetter = targetIsA ? GradedLabel.A_MUCH_BETTER : GradedLabel.B_MUCH_BETTER;
        switch (result) {
            case LOSS -> judged(id, targetBetter.swapped());
            case WIN -> judged(id, targetBetter);
            case STRONG_LOSS -> judged(id, targetMuchBetter.swapped());
            case STRONG_WIN -> judged(id, targetMuchBetter);
            case LOSS_BY_PERSON -> {
                judged(id, targetBetter);
                arena.human(id, "ann", targetBetter.swapped().outcome(), BattleStatus.ADJUDICATED);
            }
            case TIE -> judged(id, GradedLabel.TIE);
            case BOTH_BAD -> arena.human(id, "ann", Outcome.BOTH_BAD, BattleStatus.ADJUDICATED);
            case INCONSISTENT ->
                arena.judged(
                        id,
                        "j",
                        GradedLabel.A_BETTER,
                        GradedLabel.A_BETTER,
                        GradedLabel.TIE,
                        BattleStatus.DISPUTED,
                        true);
            case UNDECIDED -> {}
        }
        return id;
    }

    /** The judge's two games agree on {@code label} (game 2 saw the answers swapped). */
    private void judged(long id, GradedLabel label) {
        arena.judged(id, "j", label, label.swapped(), label, BattleStatus.JUDGED, false);
    }

    /**
     * The store several loop tests share: T loses 15 of 20 Inferential battles and 5 of 20 Literal ones (so, accepted,
     * Inferential 1.0 → 1.25 and Literal 1.0 → 0.75), linked to their run instructions.
     */
    public void plantWeights() {
        plant(INFERENTIAL, Result.LOSS, 15);
        plant(INFERENTIAL, Result.WIN, 5);
        plant(LITERAL, Result.LOSS, 5);
        plant(LITERAL, Result.WIN, 15);
        linkRuns();
    }

    /** A category's weight in the stored taxonomy of {@link #SKILL}; null while the store holds none for it. */
    public static Double weight(Workspace ws, String category) {
        return ws.taxonomies()
                .find(SKILL)
                .map(t -> t.categories().stream()
                        .filter(c -> c.name().equals(category))
                        .findFirst()
                        .map(TaxonomyNode::weight)
                        .orElseThrow())
                .orElse(null);
    }

    /** Writes the run instructions behind the planted prompts and their links; call once, after planting. */
    public void linkRuns() {
        WorkspaceRepositories.store(ws).write(c -> {
            try (Statement st = c.createStatement()) {
                TestStores.checkReferences(c, false);
            }
            try (PreparedStatement ri = c.prepareStatement("INSERT INTO instruction (id, run_id, skill, seed_id,"
                            + " passage_id, slot, category, rounds_planned, rounds_done, generated, instruction,"
                            + " response, status, created_at) VALUES (?, 7, ?, 1, 1, ?, ?, 2, 2, 'q', 'q', 'a',"
                            + " 'complete', CURRENT_TIMESTAMP)");
                    PreparedStatement link = c.prepareStatement(
                            "INSERT INTO arena_run_instruction (run_instruction_id, instruction_id) VALUES (?, ?)")) {
                for (Link l : links) {
                    ri.setLong(1, l.runInstruction());
                    ri.setString(2, SKILL);
                    ri.setInt(3, (int) l.runInstruction()); // the slot: a run's instruction is one per slot
                    ri.setString(4, l.category());
                    ri.addBatch();
                    link.setLong(1, l.runInstruction());
                    link.setLong(2, l.prompt());
                    link.addBatch();
                }
                ri.executeBatch();
                link.executeBatch();
            }
            try (Statement st = c.createStatement()) {
                TestStores.checkReferences(c, true);
            }
            return null;
        });
        links.clear();
    }
}
