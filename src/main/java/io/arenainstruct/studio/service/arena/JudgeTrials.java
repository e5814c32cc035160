package io.arenainstruct.studio.service.arena;

import java.util.ArrayList;
import java.util.List;

import io.arenainstruct.studio.domain.arena.ArenaInstruction;
import io.arenainstruct.studio.domain.arena.ArenaResponse;
import io.arenainstruct.studio.domain.arena.Battle;
import io.arenainstruct.studio.domain.arena.BattleFilter;
import io.arenainstruct.studio.domain.arena.JudgeAgent;
import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.llm.ModelRequest;
import io.arenainstruct.studio.store.ArenaRepository;
import io.arenainstruct.studio.store.BattleRepository;

/**
 * What "Try on a battle" in Agents &amp; Prompts needs: battles to choose from, named by their instruction and
 * models, and the request a judge would send for one game of one, rendered by {@link JudgeRequests} as the judging
 * job renders it. Nothing is saved.
 */
public final class JudgeTrials {
    /** How much of the instruction names a battle in a list. */
    static final int NAME_CHARS = 60;

    private final ArenaRepository arena;
    private final BattleRepository battles;

    public JudgeTrials(ArenaRepository arena, BattleRepository battles) {
        this.arena = arena;
        this.battles = battles;
    }

    /**
     * A battle as a list names it.
     *
     * @param prompt the instruction's prompt; null when the battle has no instruction text (imported bare)
     */
    public record BattleChoice(Battle battle, String prompt) {
        /** "Write a folk tune… — gpt-4-0314 vs gpt-3.5-turbo-0125": the prompt's start, then the two models. */
        public String name() {
            return shortPrompt(prompt) + " — " + battle.modelA() + " vs " + battle.modelB();
        }
    }

    /** The first words of a prompt on one line, cut with an ellipsis. */
    static String shortPrompt(String prompt) {
        if (prompt == null || prompt.isBlank()) {
            return "(no instruction text)";
        }
        String line = prompt.strip().replaceAll("\\s+", " ");
        return line.length() <= NAME_CHARS
                ? line
                : line.substring(0, NAME_CHARS).stripTrailing() + "…";
    }

    /** Up to {@code limit} battles with ids above {@code afterId}, in id order, named. */
    public List<BattleChoice> page(BattleFilter filter, long afterId, int limit) {
        List<BattleChoice> out = new ArrayList<>();
        for (Battle b : battles.page(filter, afterId, limit)) {
            String prompt = b.instructionId() == null
                    ? null
                    : arena.instruction(b.instructionId())
                            .map(ArenaInstruction::prompt)
                            .orElse(null);
            out.add(new BattleChoice(b, prompt));
        }
        return out;
    }

    public int count(BattleFilter filter) {
        return battles.count(filter);
    }

    /** The models that have answers, to narrow the battles by. */
    public List<String> models() {
        return arena.models();
    }

    /** A battle's instruction and both answers, as a judge is shown them. */
    public record BattleText(Battle battle, ArenaInstruction instruction, String answerA, String answerB) {}

    /** Reads a battle's instruction and answers; a battle without them cannot be judged, and says why. */
    public BattleText text(long battleId) {
        Battle battle = battles.battle(battleId)
                .orElseThrow(() -> new IllegalArgumentException("battle " + battleId + " was deleted"));
        if (battle.instructionId() == null || battle.responseA() == null || battle.responseB() == null) {
            throw new IllegalArgumentException("the battle has no instruction or answer text to judge");
        }
        ArenaInstruction instruction = arena.instruction(battle.instructionId())
                .orElseThrow(() -> new IllegalArgumentException("the battle's instruction was deleted"));
        String a = arena.response(battle.responseA()).map(ArenaResponse::text).orElse(null);
        String b = arena.response(battle.responseB()).map(ArenaResponse::text).orElse(null);
        if (a == null || b == null) {
            throw new IllegalArgumentException("an answer of the battle was deleted");
        }
        return new BattleText(battle, instruction, a, b);
    }

    /**
     * The request {@code judge} (its prompt as given, saved or not) sends to {@code endpoint} for one game of the
     * battle, with the schema where a judging job on that endpoint would ask with it.
     */
    public ModelRequest request(JudgeAgent judge, Endpoint endpoint, long battleId, boolean swapped) {
        BattleText t = text(battleId);
        return JudgeRequests.request(
                judge,
                t.instruction(),
                t.answerA(),
                t.answerB(),
                swapped,
                JudgeRequests.asksForSchema(judge, endpoint));
    }
}
