package io.arenainstruct.studio.domain.loop;

import java.util.List;

/**
 * What the loop proposes for a target model, with the figures it read and notes on what it left alone.
 *
 * @param considered the target's battles read (decided or not)
 * @param stats      per skill and category, skills then categories in name order
 * @param notes      sentences on battles left out and categories that did not move
 */
public record LoopReport(
        String target,
        LoopRules rules,
        int considered,
        List<CategoryStats> stats,
        List<Proposal> proposals,
        List<String> notes) {
    public LoopReport {
        stats = List.copyOf(stats);
        proposals = List.copyOf(proposals);
        notes = List.copyOf(notes);
    }

    /** Why nothing is proposed, as a sentence; null when something is. */
    public String nothingProposed() {
        if (!proposals.isEmpty()) {
            return null;
        }
        if (considered == 0) {
            return "Nothing to propose: " + target + " has no battles.";
        }
        if (stats.isEmpty()) {
            return "Nothing to propose: none of " + target + "'s " + considered
                    + " battles is decided and on an instruction of a run (with a skill and category).";
        }
        boolean enough = stats.stream().anyMatch(s -> s.battles() >= rules.minBattles());
        if (!enough) {
            return "Nothing to propose: no category has " + rules.minBattles() + " or more decided battles of "
                    + target + " (the most is "
                    + stats.stream().mapToInt(CategoryStats::battles).max().orElse(0) + ").";
        }
        return "Nothing to propose: " + target + " loses about as often in every category with enough battles, and"
                + " none is too easy or too hard by the rules.";
    }
}
