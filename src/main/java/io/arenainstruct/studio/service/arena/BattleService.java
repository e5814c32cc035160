package io.arenainstruct.studio.service.arena;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.arenainstruct.studio.domain.arena.ArenaInstruction;
import io.arenainstruct.studio.domain.arena.ArenaResponse;
import io.arenainstruct.studio.domain.arena.Battle;
import io.arenainstruct.studio.domain.arena.BattleFilter;
import io.arenainstruct.studio.domain.arena.BattleLinks;
import io.arenainstruct.studio.domain.arena.BattleStatus;
import io.arenainstruct.studio.domain.arena.InstructionSelection;
import io.arenainstruct.studio.domain.arena.Verdict;
import io.arenainstruct.studio.domain.arena.VerdictSource;
import io.arenainstruct.studio.store.ArenaRepository;
import io.arenainstruct.studio.store.BattleRepository;

/** Makes battles from the answers instructions have, and reads them back with their verdicts. */
public final class BattleService {
    private final ArenaRepository arena;
    private final BattleRepository battles;
    private final InstructionSelector selector;

    public BattleService(ArenaRepository arena, BattleRepository battles, InstructionSelector selector) {
        this.arena = arena;
        this.battles = battles;
        this.selector = selector;
    }

    /** An instruction that got no battle, and why in plain words. */
    public record Skipped(long instructionId, String reason) {}

    /** What {@link #create} did. */
    public record Creation(int created, int existing, List<Skipped> skipped) {}

    /**
     * Pairs the answers of the selected instructions.
     *
     * @param models only these models (in this order for all pairs); empty: every model that answered, by name
     */
    public Creation create(PairingStrategy strategy, InstructionSelection instructions, List<String> models) {
        List<ArenaInstruction> selected = selector.select(instructions);
        Map<Long, Map<String, Long>> answers =
                arena.firstResponses(selected.stream().map(ArenaInstruction::id).toList());
        List<Battle> made = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (ArenaInstruction i : selected) {
            Map<String, Long> byModel = answers.getOrDefault(i.id(), Map.of());
            List<String> answered = models.isEmpty()
                    ? byModel.keySet().stream()
                            .sorted(Comparator.naturalOrder())
                            .toList()
                    : models.stream().filter(byModel::containsKey).toList();
            List<String[]> pairs = strategy.pairs(answered);
            if (pairs.isEmpty()) {
                skipped.add(new Skipped(i.id(), whySkipped(strategy, answered)));
                continue;
            }
            for (String[] p : pairs) {
                made.add(new Battle(
                        0,
                        i.id(),
                        p[0],
                        p[1],
                        byModel.get(p[0]),
                        byModel.get(p[1]),
                        1,
                        strategy.id(),
                        i.category(),
                        BattleStatus.UNJUDGED,
                        false,
                        null));
            }
        }
        BattleRepository.Created created = battles.create(made);
        return new Creation(created.ids().size(), created.existing(), skipped);
    }

    private static String whySkipped(PairingStrategy strategy, List<String> answered) {
        if (answered.size() < 2) {
            return answered.isEmpty() ? "no answers" : "only one answer (" + answered.get(0) + ")";
        }
        return strategy.model() + " has not answered it";
    }

    public List<Battle> page(BattleFilter filter, long afterId, int limit) {
        return battles.page(filter, afterId, limit);
    }

    public int count(BattleFilter filter) {
        return battles.count(filter);
    }

    public Optional<Battle> battle(long id) {
        return battles.battle(id);
    }

    /** A battle with what it compares and what was said about it: what a detail view shows. */
    public record Detail(
            Battle battle,
            ArenaInstruction instruction,
            ArenaResponse responseA,
            ArenaResponse responseB,
            List<Verdict> verdicts) {}

    /** The battle with its instruction (null if it has none), both responses (null where missing) and verdicts. */
    public Optional<Detail> detail(long battleId) {
        return battles.battle(battleId)
                .map(b -> new Detail(
                        b,
                        b.instructionId() == null
                                ? null
                                : arena.instruction(b.instructionId()).orElse(null),
                        b.responseA() == null
                                ? null
                                : arena.response(b.responseA()).orElse(null),
                        b.responseB() == null
                                ? null
                                : arena.response(b.responseB()).orElse(null),
                        battles.verdicts(b.id())));
    }

    /** The start of each instruction's prompt (at most {@code chars} characters), by id, for lists. */
    public Map<Long, String> promptStarts(List<Long> instructionIds, int chars) {
        return arena.promptStarts(instructionIds, chars);
    }

    /** Who gave verdicts of this kind (judge models, juries, annotators), by name: the choices of a filter. */
    public List<String> voters(VerdictSource source) {
        return battles.voters(source);
    }

    /** The regeneration links of those of the battles that have any (decision 0019). */
    public Map<Long, BattleLinks> links(List<Long> battleIds) {
        return battles.links(battleIds);
    }

    public List<Verdict> verdicts(long battleId) {
        return battles.verdicts(battleId);
    }

    public Map<Long, List<Verdict>> verdicts(List<Long> battleIds) {
        return battles.verdicts(battleIds);
    }

    public List<String> models() {
        return arena.models();
    }

    public List<String> categories() {
        return battles.categories();
    }
}
